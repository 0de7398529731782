import type { IrCacheControl, IrImagePart, IrMessage, IrPart, IrTextPart } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import { isBlankText, mergeTurns } from '../shared/context.ts';
import type { Json } from '../shared/json.ts';

const FORMATS: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/** Converse caches everything before a `cachePoint` block: an IR cache hint on a block becomes a cachePoint right after it. */
export function cachePoint(cc: IrCacheControl | undefined): Json[] {
  if (!cc) return [];
  return [{ cachePoint: cc.ttl ? { type: 'default', ttl: cc.ttl } : { type: 'default' } }];
}

export function textBlocks(p: IrTextPart): Json[] {
  return [{ text: p.text }, ...cachePoint(p.cacheControl)];
}

/** Converse takes image bytes (base64 in the JSON body) or S3 locations, never an http(s) URL. */
function imageBlocks(p: IrImagePart, target: TargetInfo, field: string): Json[] {
  if (p.source.kind === 'url') throw new UnsupportedFieldError(field, target, 'Bedrock Converse cannot fetch image URLs; send the image as base64 data');
  const format = FORMATS[p.source.mediaType.toLowerCase()];
  if (!format) throw new UnsupportedFieldError(field, target, `image type ${p.source.mediaType} (Converse takes jpeg, png, gif and webp)`);
  return [{ image: { format, source: { bytes: p.source.data } } }, ...cachePoint(p.cacheControl)];
}

/** IR turns → Converse messages: alternating roles (consecutive turns merged), empty text left out (Converse refuses blank text). */
export function buildMessages(messages: IrMessage[], target: TargetInfo): Json[] {
  const turns = messages.map((m, i) => ({ role: m.role, content: m.content.flatMap((p, j) => (isBlankText(p) ? [] : blocks(p, target, `messages[${i}].content[${j}]`))) }));
  return mergeTurns(turns);
}

function blocks(p: IrPart, target: TargetInfo, field: string): Json[] {
  switch (p.type) {
    case 'text':
      return textBlocks(p);
    case 'image':
      return imageBlocks(p, target, field);
    case 'tool_use':
      return [{ toolUse: { toolUseId: p.id, name: p.name, input: p.input } }];
    case 'tool_result': {
      // Inside a toolResult only text and image blocks are allowed (no cachePoint): hints there are dropped, they are not content.
      const content = p.content
        .filter((c) => c.type !== 'text' || c.text !== '')
        .flatMap((c, k) => (c.type === 'text' ? [{ text: c.text }] : imageBlocks({ type: 'image', source: c.source }, target, `${field}.content[${k}]`)));
      const result: Json = { toolUseId: p.toolUseId, content };
      if (p.isError) result.status = 'error';
      return [{ toolResult: result }, ...cachePoint(p.cacheControl)];
    }
  }
}
