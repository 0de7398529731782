import type {
  ContentBlock,
  ConverseCommandInput,
  ConverseCommandOutput,
  ImageFormat,
  Message,
} from '@aws-sdk/client-bedrock-runtime';
import type { CompletionRequest, CompletionResult, StopReason } from '../types.ts';
import { imageMediaType, partsOf, systemWithContext, type ImageMediaType } from './prompt.ts';

/** Our request ↔ the Bedrock Converse shapes. Pure: the SDK is imported for its types only. */
const FORMATS: Record<ImageMediaType, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export function toConverseInput(provider: string, req: CompletionRequest): ConverseCommandInput {
  const messages: Message[] = req.messages.map((m) => ({
    role: m.role,
    content: partsOf(m).map((p): ContentBlock =>
      p.type === 'text'
        ? { text: p.text }
        : {
            image: {
              format: FORMATS[imageMediaType(provider, p.mediaType)],
              source: { bytes: Buffer.from(p.data, 'base64') },
            },
          },
    ),
  }));
  const input: ConverseCommandInput = {
    modelId: req.model,
    messages,
    inferenceConfig: {
      maxTokens: req.maxTokens,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.topP !== undefined ? { topP: req.topP } : {}),
      ...(req.stopSequences?.length ? { stopSequences: req.stopSequences } : {}),
    },
  };
  const system = systemWithContext(req);
  if (system !== undefined) input.system = [{ text: system }];
  return input;
}

export function mapConverseStop(reason: string | undefined): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'max_tokens':
    case 'stop_sequence':
    case 'tool_use':
      return reason;
    case 'model_context_window_exceeded':
      return 'max_tokens';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'other';
  }
}

export function fromConverseOutput(out: ConverseCommandOutput, model: string): CompletionResult {
  const blocks = out.output?.message?.content ?? [];
  return {
    text: blocks.map((b) => b.text ?? '').join(''),
    usage: { inputTokens: out.usage?.inputTokens ?? 0, outputTokens: out.usage?.outputTokens ?? 0 },
    stopReason: mapConverseStop(out.stopReason),
    // Converse does not echo a model id; the requested one (or inference profile) is what answered.
    model,
  };
}
