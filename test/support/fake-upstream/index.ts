export { offeredTools, toolResults, type ReceivedToolResult } from './requests.ts';
export { startFakeUpstream } from './server.ts';
export type {
  FakeApi,
  FakeBehaviour,
  FakeDialect,
  FakeAuth,
  FakeFault,
  FakeReply,
  FakeReplySource,
  FakeScript,
  FakeStopReason,
  FakeToolCall,
  FakeUpstream,
  FakeUpstreamOptions,
  FakeUsage,
  RecordedRequest,
} from './types.ts';
