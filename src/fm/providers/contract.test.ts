import type { RecordedRequest } from '../../../test/support/fake-upstream/index.ts';
import { createAnthropicHttpProvider } from './anthropic-http.ts';
import { createBedrockHttpProvider } from './bedrock-http.ts';
import { FAKE_AWS, providerContract, type SentRequest } from './contract.ts';
import { createOpenAIHttpProvider } from './openai-http.ts';


/** An Anthropic Messages body (Anthropic API and Bedrock InvokeModel). */
function inspectAnthropic(req: RecordedRequest): SentRequest {
  const body = req.body;
  const user = body.messages.find((m: any) => m.role === 'user');
  const blocks: any[] = Array.isArray(user.content) ? user.content : [{ type: 'text', text: user.content }];
  const system = typeof body.system === 'string' ? body.system : body.system?.map((b: any) => b.text).join('\n\n');
  return {
    system,
    temperature: body.temperature,
    topP: body.top_p,
    maxTokens: body.max_tokens,
    stopSequences: body.stop_sequences,
    userText: blocks.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    images: blocks.filter((b) => b.type === 'image').map((b) => b.source.data),
  };
}

function inspectConverse(req: RecordedRequest): SentRequest {
  const body = req.body;
  const blocks: any[] = body.messages.find((m: any) => m.role === 'user').content;
  return {
    system: body.system?.map((s: any) => s.text).join('\n\n'),
    temperature: body.inferenceConfig?.temperature,
    topP: body.inferenceConfig?.topP,
    maxTokens: body.inferenceConfig?.maxTokens,
    stopSequences: body.inferenceConfig?.stopSequences,
    userText: blocks.filter((b) => typeof b.text === 'string').map((b) => b.text).join(''),
    images: blocks.filter((b) => b.image).map((b) => b.image.source.bytes),
  };
}

function inspectOpenAI(req: RecordedRequest): SentRequest {
  const body = req.body;
  const system = body.messages.find((m: any) => m.role === 'system');
  const user = body.messages.find((m: any) => m.role === 'user');
  const parts: any[] = typeof user.content === 'string' ? [{ type: 'text', text: user.content }] : user.content;
  return {
    system: system?.content,
    temperature: body.temperature,
    topP: body.top_p,
    maxTokens: body.max_tokens,
    stopSequences: body.stop,
    userText: parts.filter((p) => p.type === 'text').map((p) => p.text).join(''),
    images: parts.filter((p) => p.type === 'image_url').map((p) => String(p.image_url.url).replace(/^data:image\/png;base64,/, '')),
  };
}

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

providerContract({
  label: 'Bedrock Converse',
  dialect: 'bedrock',
  model: HAIKU,
  make: (fake, extra = {}) => createBedrockHttpProvider({ name: 'bedrock', api: 'converse', endpoint: fake.url, ...FAKE_AWS, supportsImages: true, ...extra }),
  inspect: inspectConverse,
  stopSequenceMapsTo: 'stop_sequence',
  streamThrottleType: 'throttlingException',
});

providerContract({
  label: 'Bedrock InvokeModel (Anthropic body)',
  dialect: 'bedrock',
  model: HAIKU,
  make: (fake, extra = {}) => createBedrockHttpProvider({ name: 'bedrock-native', api: 'invoke', endpoint: fake.url, ...FAKE_AWS, ...extra }),
  inspect: inspectAnthropic,
  stopSequenceMapsTo: 'stop_sequence',
  streamThrottleType: 'throttlingException',
});

providerContract({
  label: 'Anthropic',
  dialect: 'anthropic',
  model: 'claude-haiku-4-5',
  make: (fake, extra = {}) => createAnthropicHttpProvider({ name: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant-test', ...extra }),
  inspect: inspectAnthropic,
  stopSequenceMapsTo: 'stop_sequence',
  streamThrottleType: 'rate_limit_error',
});

providerContract({
  label: 'OpenAI-compatible',
  dialect: 'openai',
  model: 'qwen2.5:7b',
  make: (fake, extra = {}) => createOpenAIHttpProvider({ name: 'local-vllm', baseUrl: `${fake.url}/v1`, supportsImages: true, ...extra }),
  inspect: inspectOpenAI,
  stopSequenceMapsTo: 'end_turn',
  streamThrottleType: 'rate_limit_error',
});
