import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../ir/types.ts';
import { offlineComplete } from '../offline/index.ts';
import { anthropicMessages, bedrockConverse, openAIChat, UnsupportedFieldError } from './index.ts';
import type { TargetInfo } from './types.ts';

/**
 * What each provider dialect does with each capability a client can ask
 * for when the call is translated: carried (✓) or refused with a 400 that
 * names the field and the model (✗). Never dropped. The README and the
 * h12-dialects notes show this table.
 */
type Target = 'openai' | 'anthropic' | 'converse' | 'offline';
const targets: Record<Target, (ir: IrRequest, t: TargetInfo) => unknown> = {
  openai: (ir, t) => openAIChat.buildRequest(ir, t),
  anthropic: (ir, t) => anthropicMessages.buildRequest(ir, t),
  converse: (ir, t) => bedrockConverse.buildRequest(ir, t),
  offline: (ir) => offlineComplete(ir, 'offline/extractive'),
};
const info = (provider: Target): TargetInfo => ({ modelId: 'model-id', alias: 'my-alias', provider, maxTokens: 100 });

const user = (content: IrRequest['messages'][number]['content']): IrRequest['messages'] => [{ role: 'user', content }];
const tools = [{ name: 'f', inputSchema: { type: 'object' } }];
const toolLoopWithImage: IrRequest['messages'] = [
  { role: 'user', content: [{ type: 'text', text: 'q' }] },
  { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } }] }] },
];

// field named in the error, the request, then openai / anthropic / converse / offline
const MATRIX: [string, Partial<IrRequest>, string][] = [
  ['n', { n: 2 }, '✗✗✗✗'],
  ['logprobs', { logprobs: true, topLogprobs: 2 }, '✗✗✗✗'],
  ['seed', { seed: 7 }, '✓✗✗✓'],
  ['frequency_penalty', { origin: 'openai-chat', extra: { frequency_penalty: 0.5 } }, '✓✗✗✓'],
  ['metadata', { origin: 'openai-chat', extra: { metadata: { team: 'a' } } }, '✓✗✗✗'],
  ['top_k', { topK: 40 }, '✓✓✗✓'],
  ['parallel_tool_calls', { tools, parallelToolCalls: false }, '✓✓✗✓'],
  ['temperature', { temperature: 1.5 }, '✓✗✓✓'],
  ['messages[0].content[0]', { messages: user([{ type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } }]) }, '✓✓✗✓'],
  ['messages[0].content[0]', { messages: user([{ type: 'image', source: { kind: 'base64', mediaType: 'image/bmp', data: 'Qk0=' } }]) }, '✓✗✗✓'],
  ['messages[2].content (image in a tool_result)', { tools, messages: toolLoopWithImage }, '✗✓✓✓'],
  ['thinking', { origin: 'anthropic-messages', extra: { thinking: { type: 'enabled', budget_tokens: 1024 } } }, '✗✓✗✗'],
  ['response_format', { responseFormat: { type: 'json_object' } }, '✓✗✗✓'],
  ['response_format', { responseFormat: { type: 'json_schema', name: 'a', schema: { type: 'object' } } }, '✓✓✓✗'],
  ['tool_choice', { tools, toolChoice: { type: 'any' } }, '✓✓✓✗'],
  ['user', { user: 'end-user-1' }, '✓✓✗✓'],
];

describe('translation refusal matrix', () => {
  const order: Target[] = ['openai', 'anthropic', 'converse', 'offline'];
  for (const [field, patch, expected] of MATRIX) {
    order.forEach((target, i) => {
      const refused = [...expected][i] === '✗';
      it(`${field} ${JSON.stringify(patch).slice(0, 60)} → ${target}: ${refused ? 'refused' : 'carried'}`, () => {
        const ir: IrRequest = { model: 'my-alias', stream: false, messages: user([{ type: 'text', text: 'hello' }]), ...patch };
        const origin = patch.origin;
        // A builder of the request's own dialect forwards its extra fields: that is pass-through territory, not translation.
        const run = () => targets[target](ir, info(target));
        if (!refused) {
          expect(run).not.toThrow();
          return;
        }
        let error: unknown;
        try {
          run();
        } catch (err) {
          error = err;
        }
        expect(error, `${target} should refuse ${field} (origin ${origin ?? '-'})`).toBeInstanceOf(UnsupportedFieldError);
        const e = error as UnsupportedFieldError;
        expect(e.status).toBe(400);
        expect(e.code).toBe('FM_FIELD_UNSUPPORTED');
        expect(e.message.startsWith(`${field} is not supported by model my-alias (provider ${target})`)).toBe(true);
      });
    });
  }
});
