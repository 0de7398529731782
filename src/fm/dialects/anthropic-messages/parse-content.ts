import type { IrCacheControl, IrImagePart, IrPart, IrTextPart, IrToolResultPart } from '../../ir/types.ts';
import { DialectRequestError } from '../errors.ts';
import { array, isRecord, present, record, string, type Json } from '../shared/json.ts';

export function cacheControl(value: unknown, path: string): IrCacheControl | undefined {
  if (!present(value)) return undefined;
  const c = record(value, path);
  if (c.type !== 'ephemeral') throw new DialectRequestError(`${path}.type`, `${path}.type must be 'ephemeral'`);
  if (present(c.ttl) && c.ttl !== '5m' && c.ttl !== '1h') throw new DialectRequestError(`${path}.ttl`, `${path}.ttl must be '5m' or '1h'`);
  return present(c.ttl) ? { type: 'ephemeral', ttl: c.ttl as '5m' | '1h' } : { type: 'ephemeral' };
}

function withCache<T extends IrTextPart | IrImagePart | IrToolResultPart>(part: T, block: Json, path: string): T {
  const cc = cacheControl(block.cache_control, `${path}.cache_control`);
  if (cc) part.cacheControl = cc;
  return part;
}

export function textBlock(block: Json, path: string): IrTextPart {
  return withCache<IrTextPart>({ type: 'text', text: string(block.text, `${path}.text`) }, block, path);
}

export function imageBlock(block: Json, path: string): IrImagePart {
  const src = record(block.source, `${path}.source`);
  if (src.type === 'base64') {
    const part: IrImagePart = { type: 'image', source: { kind: 'base64', mediaType: string(src.media_type, `${path}.source.media_type`), data: string(src.data, `${path}.source.data`) } };
    return withCache(part, block, path);
  }
  if (src.type === 'url') return withCache<IrImagePart>({ type: 'image', source: { kind: 'url', url: string(src.url, `${path}.source.url`) } }, block, path);
  throw new DialectRequestError(`${path}.source.type`, `${path}.source.type ${JSON.stringify(src.type)} cannot be translated by the gateway (base64 and url images can)`);
}

/** Text-only content (system): a string or text blocks. */
export function systemBlocks(value: unknown): IrTextPart[] {
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  return array(value, 'system').map((b, i) => {
    const block = record(b, `system[${i}]`);
    if (block.type !== 'text') throw new DialectRequestError(`system[${i}].type`, `system[${i}].type must be 'text'`);
    return textBlock(block, `system[${i}]`);
  });
}

/** One content block of a message (user or assistant) → an IR part. */
export function contentBlock(value: unknown, path: string): IrPart {
  const block = record(value, path);
  switch (block.type) {
    case 'text':
      return textBlock(block, path);
    case 'image':
      return imageBlock(block, path);
    case 'tool_use': {
      const input = block.input === undefined ? {} : block.input;
      if (!isRecord(input)) throw new DialectRequestError(`${path}.input`, `${path}.input must be an object`);
      return { type: 'tool_use', id: string(block.id, `${path}.id`), name: string(block.name, `${path}.name`), input };
    }
    case 'tool_result': {
      const part = withCache<IrToolResultPart>({ type: 'tool_result', toolUseId: string(block.tool_use_id, `${path}.tool_use_id`), content: toolResultContent(block.content, `${path}.content`) }, block, path);
      if (present(block.is_error)) {
        if (typeof block.is_error !== 'boolean') throw new DialectRequestError(`${path}.is_error`, `${path}.is_error must be a boolean`);
        if (block.is_error) part.isError = true;
      }
      return part;
    }
    default:
      throw new DialectRequestError(`${path}.type`, `${path}.type ${JSON.stringify(block.type)} cannot be translated by the gateway to another API (text, image, tool_use and tool_result can)`);
  }
}

function toolResultContent(value: unknown, path: string): (IrTextPart | IrImagePart)[] {
  if (!present(value)) return [];
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  return array(value, path).map((b, i) => {
    const block = record(b, `${path}[${i}]`);
    if (block.type === 'text') return textBlock(block, `${path}[${i}]`);
    if (block.type === 'image') return imageBlock(block, `${path}[${i}]`);
    throw new DialectRequestError(`${path}[${i}].type`, `${path}[${i}].type ${JSON.stringify(block.type)} cannot be translated by the gateway (text and image can)`);
  });
}
