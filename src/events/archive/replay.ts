import { ConflictError, NotFoundError, ValidationError, type Clock } from '../../kernel/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { Store } from '../../store/index.ts';
import type { CatalogCache } from '../bus/catalog.ts';
import { ruleArn, type Identity } from '../bus/envelope.ts';
import { deliveryJobs } from '../targets/jobs.ts';
import type { EventEnvelope, ReplayRequest } from '../types.ts';
import { selectArchivePage, selectArchives } from './repository.ts';
import { advanceReplay, cancelReplayRow, finishReplay, insertReplay, selectReplay, selectReplayState, type ReplayRow } from './replays.ts';

/** The queue job that runs a replay (so it survives restarts, resuming at its cursor). */
export const REPLAY_JOB = 'events.replay';

export interface ReplayDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  catalog: CatalogCache;
  identity: Identity;
  pageSize: number;
}

// A replay of another account than events.account is stored as `<account>/<name>`.
const NAME = /^(\d{12}\/)?[.\-_A-Za-z0-9]{1,64}$/;
const invalid = (message: string, field: string) => new ValidationError('EVENT_REPLAY_INVALID', `${field}: ${message}`, { details: { field } });

function toMs(value: unknown, field: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw invalid('must be an ISO 8601 time', field);
  return ms;
}

/** Validates and records a replay, and enqueues the job that runs it. */
export async function startReplay(deps: ReplayDeps, req: ReplayRequest): Promise<ReplayRow> {
  if (typeof req.ReplayName !== 'string' || !NAME.test(req.ReplayName)) throw invalid('must be 1-64 of letters, digits, ".", "-" or "_"', 'ReplayName');
  const startTime = toMs(req.EventStartTime, 'EventStartTime');
  const endTime = toMs(req.EventEndTime, 'EventEndTime');
  if (startTime >= endTime) throw invalid('must be after EventStartTime', 'EventEndTime');
  if (endTime > deps.clock.now()) throw invalid('must not be in the future', 'EventEndTime');
  const [archive] = await selectArchives(deps.store.db, { name: req.ArchiveName });
  if (!archive) throw new NotFoundError('EVENT_ARCHIVE_NOT_FOUND', `ArchiveName: no archive ${String(req.ArchiveName)}`);
  const bus = archive.archive.bus;
  if (req.Rules !== undefined) {
    if (!Array.isArray(req.Rules) || req.Rules.length === 0) throw invalid('must list at least one rule (omit it to replay to every rule)', 'Rules');
    const catalog = await deps.catalog.get();
    const known = new Set(catalog.ruleRows.filter((r) => r.rule.bus === bus).map((r) => r.rule.name));
    const unknown = req.Rules.filter((r) => !known.has(r));
    if (unknown.length > 0) throw invalid(`no rule ${unknown.join(', ')} on bus ${bus}`, 'Rules');
  }
  const row: Omit<ReplayRow, 'state' | 'replayed'> = { name: req.ReplayName, archive: archive.archive.name, bus, startTime, endTime, createdAt: deps.clock.now() };
  if (req.Rules) row.rules = [...req.Rules];
  if (req.Description !== undefined) row.description = String(req.Description).slice(0, 512);
  await deps.store.transaction(async (tx) => {
    if (!(await insertReplay(tx, row))) throw new ConflictError('EVENT_REPLAY_EXISTS', `a replay named ${req.ReplayName} already exists`);
    await deps.queue.enqueue({ type: REPLAY_JOB, payload: { name: req.ReplayName }, dedupeKey: `replay:${req.ReplayName}` }, tx);
  });
  return (await selectReplay(deps.store.db, req.ReplayName))!;
}

/**
 * Re-delivers the archived events of the window, page by page in event-time
 * order, to the matching rules of the archive's bus (or the chosen ones).
 * Replayed events keep their id, gain `replay-name`, and are not archived.
 * Each page's deliveries and the cursor commit together, so a restarted
 * replay resumes where it stopped.
 */
export async function runReplay(deps: ReplayDeps, name: string): Promise<ReplayRow> {
  const row = await selectReplay(deps.store.db, name);
  if (!row) throw new NotFoundError('EVENT_REPLAY_NOT_FOUND', `no replay ${name}`);
  if (row.state === 'COMPLETED' || row.state === 'FAILED' || row.state === 'CANCELLED') return row;
  let cursor = row.cursor;
  for (;;) {
    if ((await selectReplayState(deps.store.db, name)) === 'CANCELLING') break;
    const page = await selectArchivePage(deps.store.db, { archive: row.archive, from: row.startTime, to: row.endTime, ...(cursor ? { after: cursor } : {}), limit: deps.pageSize });
    if (page.length === 0) break;
    const catalog = await deps.catalog.get();
    const ingestedAt = new Date(deps.clock.now()).toISOString();
    const jobs = page.flatMap(({ event }) => {
      const replayed: EventEnvelope = { ...event, 'replay-name': name };
      const rules = catalog.matchRules(row.bus, replayed).filter((r) => !row.rules || row.rules.includes(r.name));
      return deliveryJobs(replayed, row.bus, rules, { ingestedAt, arnOf: (r) => ruleArn(deps.identity, r.bus, r.name) });
    });
    const last = page[page.length - 1]!;
    cursor = { time: last.eventTime, id: last.event.id };
    const next = cursor;
    await deps.store.transaction(async (tx) => {
      if (jobs.length > 0) await deps.queue.enqueueMany(jobs, tx);
      await advanceReplay(tx, name, next, page.length);
    });
  }
  await finishReplay(deps.store.db, name, 'COMPLETED', deps.clock.now());
  return (await selectReplay(deps.store.db, name))!;
}

/** CancelReplay: STARTING or RUNNING becomes CANCELLING, then CANCELLED when the runner sees it. */
export async function cancelReplay(deps: ReplayDeps, name: string): Promise<ReplayRow> {
  const row = await selectReplay(deps.store.db, name);
  if (!row) throw new NotFoundError('EVENT_REPLAY_NOT_FOUND', `no replay ${name}`);
  if (!(await cancelReplayRow(deps.store.db, name))) throw new ConflictError('EVENT_REPLAY_STATE', `Replay ${name} is ${row.state}; only a STARTING or RUNNING replay can be cancelled.`);
  return (await selectReplay(deps.store.db, name))!;
}
