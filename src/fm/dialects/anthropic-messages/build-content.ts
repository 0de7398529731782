import type { IrCacheControl, IrImagePart, IrMessage, IrPart, IrTextPart } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import { isBlankText, mergeTurns } from '../shared/context.ts';
import type { Json } from '../shared/json.ts';

const MEDIA_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

const withCache = (block: Json, cc: IrCacheControl | undefined): Json => (cc ? { ...block, cache_control: { ...cc } } : block);

export function textBlock(p: IrTextPart): Json {
  return withCache({ type: 'text', text: p.text }, p.cacheControl);
}

function imageBlock(p: IrImagePart, target: TargetInfo, field: string): Json {
  if (p.source.kind === 'url') return withCache({ type: 'image', source: { type: 'url', url: p.source.url } }, p.cacheControl);
  const mediaType = p.source.mediaType === 'image/jpg' ? 'image/jpeg' : p.source.mediaType;
  if (!MEDIA_TYPES.has(mediaType)) throw new UnsupportedFieldError(field, target, `image type ${p.source.mediaType} (Anthropic takes jpeg, png, gif and webp)`);
  return withCache({ type: 'image', source: { type: 'base64', media_type: mediaType, data: p.source.data } }, p.cacheControl);
}

/**
 * IR turns → Anthropic messages. Consecutive turns of one role are merged;
 * empty text parts are left out (Anthropic refuses empty text blocks — they
 * carry nothing).
 */
export function buildMessages(messages: IrMessage[], target: TargetInfo): Json[] {
  const turns = messages.map((m, i) => ({ role: m.role, content: m.content.flatMap((p, j) => (isBlankText(p) ? [] : [block(p, target, `messages[${i}].content[${j}]`)])) }));
  return mergeTurns(turns);
}

function block(p: IrPart, target: TargetInfo, field: string): Json {
  switch (p.type) {
    case 'text':
      return textBlock(p);
    case 'image':
      return imageBlock(p, target, field);
    case 'tool_use':
      return { type: 'tool_use', id: p.id, name: p.name, input: p.input };
    case 'tool_result': {
      const out: Json = {
        type: 'tool_result',
        tool_use_id: p.toolUseId,
        content: p.content.filter((c) => c.type !== 'text' || c.text !== '').map((c, k) => (c.type === 'text' ? textBlock(c) : imageBlock(c, target, `${field}.content[${k}]`))),
      };
      if (p.isError) out.is_error = true;
      return withCache(out, p.cacheControl);
    }
  }
}
