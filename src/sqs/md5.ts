import { createHash } from 'node:crypto';
import type { MessageAttributes } from './types.ts';

export const md5Hex = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/**
 * MD5OfMessageAttributes as SQS computes it ("Calculating the MD5 message
 * digest for message attributes", SQS developer guide): attributes sorted by
 * name; for each, the UTF-8 name and data type with 4-byte big-endian length
 * prefixes, a transport byte (1 string/number, 2 binary), then the value with
 * its length prefix. Undefined when there are no attributes.
 */
export function md5OfAttributes(attributes: MessageAttributes | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const a = attributes![name]!;
    parts.push(lengthPrefixed(Buffer.from(name, 'utf8')), lengthPrefixed(Buffer.from(a.DataType, 'utf8')));
    if (a.BinaryValue !== undefined) parts.push(Buffer.from([2]), lengthPrefixed(Buffer.from(a.BinaryValue, 'base64')));
    else parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8')));
  }
  return md5Hex(Buffer.concat(parts));
}
