export { startFakeUpstream } from './server.ts';
export type {
  FakeApi,
  FakeBehaviour,
  FakeDialect,
  FakeFault,
  FakeScript,
  FakeStopReason,
  FakeUpstream,
  FakeUpstreamOptions,
  RecordedRequest,
} from './types.ts';
