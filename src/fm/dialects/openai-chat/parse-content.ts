import type { IrImagePart, IrTextPart } from '../../ir/types.ts';
import { DialectRequestError } from '../errors.ts';
import { array, record, string } from '../shared/json.ts';

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

/** An `image_url` part: a data: URL becomes base64 bytes, an http(s) URL stays a URL source. */
export function imagePart(value: unknown, path: string): IrImagePart {
  const url = string(record(record(value, path).image_url, `${path}.image_url`).url, `${path}.image_url.url`);
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { kind: 'base64', mediaType: data[1]!.toLowerCase(), data: data[2]! } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { kind: 'url', url } };
  throw new DialectRequestError(`${path}.image_url.url`, `${path}.image_url.url must be an http(s) URL or a base64 data: URL`);
}

/** Content that may only hold text (system, developer, tool, assistant): a string or text parts. */
export function textContent(value: unknown, path: string, allowRefusal = false): IrTextPart[] {
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  return array(value, path).map((p, i) => {
    const part = record(p, `${path}[${i}]`);
    if (part.type === 'text') return { type: 'text', text: string(part.text, `${path}[${i}].text`) };
    if (allowRefusal && part.type === 'refusal') return { type: 'text', text: string(part.refusal, `${path}[${i}].refusal`) };
    throw new DialectRequestError(`${path}[${i}].type`, `${path}[${i}].type must be 'text' here, not ${JSON.stringify(part.type)}`);
  });
}

/** User content: a string, or text and image_url parts (audio and file parts cannot be translated). */
export function userContent(value: unknown, path: string): (IrTextPart | IrImagePart)[] {
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  return array(value, path).map((p, i) => {
    const part = record(p, `${path}[${i}]`);
    if (part.type === 'text') return { type: 'text', text: string(part.text, `${path}[${i}].text`) };
    if (part.type === 'image_url') return imagePart(part, `${path}[${i}]`);
    throw new DialectRequestError(
      `${path}[${i}].type`,
      `${path}[${i}].type ${JSON.stringify(part.type)} is not supported by the gateway (text and image_url parts are)`,
    );
  });
}
