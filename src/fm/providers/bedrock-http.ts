import { systemClock, type Clock } from '../../kernel/index.ts';
import { HttpClient } from '../transport/http.ts';
import { awsSigner, credentialSource, type AwsCredentials } from '../transport/sigv4.ts';
import { readBedrockError } from './error-readers.ts';
import { post, type Framing } from './http-call.ts';
import { badResponse } from './classify.ts';
import type { HttpProvider, WireAnswer } from './port.ts';

/** The `anthropic_version` Bedrock requires in an Anthropic Messages body. */
export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

export interface BedrockHttpOptions {
  name: string;
  /** `converse`: the Converse API (any model); `invoke`: InvokeModel with the Anthropic Messages body. */
  api: 'converse' | 'invoke';
  region?: string;
  /** Default `https://bedrock-runtime.<region>.amazonaws.com`. */
  endpoint?: string;
  /** Absent: the AWS SDK's default credential chain. */
  credentials?: AwsCredentials;
  timeoutMs?: number;
  supportsImages?: boolean;
  clock?: Clock;
}

/**
 * Amazon Bedrock runtime over HTTP with SigV4 (Smithy's signer) and the AWS
 * eventstream framing, without the SDK's client: Converse/ConverseStream,
 * or InvokeModel(+WithResponseStream) carrying the Anthropic Messages body —
 * which Anthropic Messages clients' bodies become with only `model` moved to
 * the URL, `stream` dropped and `anthropic_version` added. Titan embeddings
 * and CountTokens go through the same signer.
 */
export function createBedrockHttpProvider(options: BedrockHttpOptions): HttpProvider {
  const { name } = options;
  const clock = options.clock ?? systemClock;
  const region = options.region ?? regionOf(options.endpoint) ?? 'us-east-1';
  const endpoint = options.endpoint ?? `https://bedrock-runtime.${region}.amazonaws.com`;
  const client = new HttpClient(endpoint, { timeoutMs: options.timeoutMs });
  const sign = awsSigner('bedrock', region, credentialSource(options.credentials));

  const call = async (modelId: string, action: string, body: string, stream: boolean, framing: Framing, signal: AbortSignal): Promise<WireAnswer> => {
    const path = `/model/${encodeURIComponent(modelId)}/${action}`;
    const url = new URL(client.origin + client.pathOf(path));
    const base: Record<string, string> = stream
      ? { 'content-type': 'application/json', accept: 'application/vnd.amazon.eventstream', 'x-amzn-bedrock-accept': 'application/json' }
      : { 'content-type': 'application/json', accept: 'application/json' };
    const headers = await sign({ url, method: 'POST', headers: base, body });
    return post(client, { provider: name, path, headers, body, stream, framing, signal, readError: readBedrockError, clock });
  };
  const json = async (answer: Promise<WireAnswer>): Promise<string> => {
    const a = await answer;
    if (a.kind !== 'json') throw new Error('unreachable: a non-streamed call answered a stream');
    return a.text;
  };

  const invokeBody = (body: Record<string, unknown>, betas?: string[]): string => {
    const { model: _model, stream: _stream, ...rest } = body;
    return JSON.stringify({ anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...(betas?.length ? { anthropic_beta: betas } : {}), ...rest });
  };

  const provider: HttpProvider = {
    kind: 'http',
    name,
    type: options.api === 'converse' ? 'bedrock' : 'bedrock-invoke',
    supportsImages: options.supportsImages ?? true,
    dialect: options.api === 'converse' ? 'bedrock-converse' : 'anthropic-messages',
    passThrough: options.api === 'converse' ? undefined : 'anthropic-messages',
    chat(body, c) {
      if (options.api === 'converse') {
        const { modelId: _m, ...rest } = body;
        return call(c.modelId, c.stream ? 'converse-stream' : 'converse', JSON.stringify(rest), c.stream, 'eventstream', c.signal);
      }
      return call(c.modelId, c.stream ? 'invoke-with-response-stream' : 'invoke', invokeBody(body, c.betas), c.stream, 'eventstream-chunks', c.signal);
    },
    /** Titan: `{inputText, dimensions?}` → `{embedding, inputTextTokenCount}`, one text per call. */
    embed: (body, c) => json(call(c.modelId, 'invoke', JSON.stringify(body), false, 'eventstream', c.signal)),
    async countTokens(body, c) {
      const input =
        options.api === 'converse'
          ? { converse: pick(body, ['messages', 'system', 'toolConfig']) }
          : { invokeModel: { body: Buffer.from(invokeBody(body, c.betas)).toString('base64') } };
      const text = await json(call(c.modelId, 'count-tokens', JSON.stringify({ input }), false, 'eventstream', c.signal));
      try {
        return Number((JSON.parse(text) as { inputTokens?: unknown }).inputTokens ?? 0);
      } catch (err) {
        throw badResponse(name, err);
      }
    },
    close: () => client.close(),
  };
  return provider;
}

/** `bedrock-runtime.eu-west-1.amazonaws.com`, VPC endpoints included. */
function regionOf(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  return /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com/.exec(new URL(endpoint).hostname)?.[1];
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}
