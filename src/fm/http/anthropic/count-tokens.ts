import { anthropicMessages, bedrockConverse } from '../../dialects/index.ts';
import { CHARS_PER_TOKEN } from '../../cost/index.ts';
import { forwardable, targetOf } from '../../exchange/index.ts';
import type { FmGateway } from '../../gateway.ts';

export interface Counted {
  inputTokens: number;
  /** The catalog alias that counted. */
  model: string;
  /** No counter for this provider: characters / 4. */
  estimated: boolean;
}

/**
 * count_tokens with the counter of the model the request routes to:
 * Anthropic's own endpoint (pass-through), Bedrock's CountTokens (InvokeModel
 * body or Converse), the offline model's tokenizer; an OpenAI-compatible
 * server has no counter, so the answer is an estimate and says so.
 */
export async function countTokens(gateway: FmGateway, body: Record<string, unknown>, betas: string[] | undefined): Promise<Counted> {
  const route = gateway.router.route({ model: typeof body.model === 'string' ? body.model : undefined, latestUserText: () => '' });
  const entry = route.candidates[0]!;
  const provider = gateway.providers.get(entry.provider);
  const signal = AbortSignal.timeout(gateway.deadlineMs);
  const counted = (inputTokens: number, estimated = false): Counted => ({ inputTokens, model: entry.alias, estimated });
  const parse = () => anthropicMessages.parseRequest({ max_tokens: 1, ...body });
  if (provider?.kind === 'local') {
    const ir = parse();
    return provider.countTokens ? counted(provider.countTokens(ir)) : estimate(body, entry.alias);
  }
  if (provider?.countTokens && provider.passThrough === 'anthropic-messages') {
    const { max_tokens: _m, ...rest } = body;
    try {
      return counted(await provider.countTokens({ ...rest, model: entry.modelId }, { modelId: entry.modelId, signal, ...(betas ? { betas } : {}) }));
    } catch (err) {
      // The caller's own body, counted as it is: the counter's refusal is the caller's to read.
      throw forwardable(err, provider);
    }
  }
  if (provider?.countTokens && provider.dialect === 'bedrock-converse') {
    const converse = bedrockConverse.buildRequest(parse(), targetOf(entry));
    return counted(await provider.countTokens(converse, { modelId: entry.modelId, signal }));
  }
  return estimate(body, entry.alias);
}

function estimate(body: Record<string, unknown>, model: string): Counted {
  const text = JSON.stringify([body.system ?? '', body.messages ?? [], body.tools ?? []]);
  return { inputTokens: Math.ceil(text.length / CHARS_PER_TOKEN), model, estimated: true };
}
