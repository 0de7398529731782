import { ulid } from '../../kernel/index.ts';
import type { Executor } from '../../store/index.ts';
import { fm } from '../tables.ts';
import type { UsageRecord } from './types.ts';

/** Inserts usage rows in one statement; `day` (UTC) is stored so reports group by it on either engine. */
export async function insertUsage(db: Executor, records: readonly UsageRecord[]): Promise<void> {
  if (records.length === 0) return;
  await fm(db).insertInto('fm_usage').values(records.map(toRow)).execute();
}

function toRow(record: UsageRecord) {
  return {
    id: ulid(record.at),
    at: record.at,
    day: new Date(record.at).toISOString().slice(0, 10),
    tenant: record.tenant,
    key_id: record.keyId ?? null,
    session_id: record.sessionId ?? null,
    model: record.model,
    provider: record.provider,
    provider_model: record.providerModel,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cache_read_tokens: record.cacheReadTokens ?? 0,
    cache_write_tokens: record.cacheWriteTokens ?? 0,
    latency_ms: Math.round(record.latencyMs),
    provider_wait_ms: Math.round(record.providerWaitMs),
    cached: record.cached ? 1 : 0,
    cost_usd: record.costUsd,
    stop_reason: record.stopReason,
    route: record.route ?? null,
    attempts: record.attempts,
    fallback_used: record.fallbackUsed ? 1 : 0,
  };
}
