/**
 * The fake upstream alone in a process, recording nothing — what
 * measure.sh loads with wrk. Prints `listening on <url>`; SIGTERM closes it.
 *   node --import tsx test/support/fake-upstream/serve.ts
 */
import { startFakeUpstream } from './index.ts';

// The reply and usage bench/fm-gateway.ts scripts (11 words → 11 stream deltas).
const fake = await startFakeUpstream({ record: false });
fake.script({ reply: 'Volume 105 of One Piece ships tomorrow from the Osaka warehouse.', usage: { inputTokens: 30, outputTokens: 11 } });
process.stdout.write(`listening on ${fake.url}\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
