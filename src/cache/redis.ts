import { Redis } from 'ioredis';
import type { Cache, Counter, TokenBucketResult } from './types.ts';

// Same arithmetic as bucket.ts, run atomically inside Redis.
const TAKE_TOKEN = `
local key = KEYS[1]
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local state = redis.call('HMGET', key, 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then tokens = burst; at = now end
local elapsed = math.max(0, now - at) / 1000
local available = math.min(burst, tokens + elapsed * rate)
local allowed = 0
local retry = 0
if available >= cost then
  available = available - cost
  allowed = 1
else
  retry = math.ceil(((cost - available) / rate) * 1000)
end
redis.call('HSET', key, 'tokens', tostring(available), 'at', tostring(now))
redis.call('PEXPIRE', key, math.ceil((burst / rate) * 1000) + 1000)
return {allowed, tostring(available), retry}
`;

const INCREMENT = `
local v = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
if tonumber(v) == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v
`;

export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
}

export class RedisCache implements Cache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => undefined);
  }
}

// The scripts as ioredis commands: sent by SHA (EVALSHA) on every call and by
// text only when the server does not know them yet, instead of EVAL each time.
interface CounterScripts {
  hashiTakeToken(key: string, ratePerSec: number, burst: number, nowMs: number, cost: number): Promise<[number, string, number]>;
  hashiIncrement(key: string, by: number, ttlMs: number): Promise<string>;
}

export class RedisCounter implements Counter {
  private readonly scripts: CounterScripts;
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('hashiTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
    redis.defineCommand('hashiIncrement', { numberOfKeys: 1, lua: INCREMENT });
    this.scripts = redis as unknown as CounterScripts;
  }

  async takeToken(key: string, ratePerSec: number, burst: number, nowMs: number, cost = 1): Promise<TokenBucketResult> {
    const [allowed, tokens, retry] = await this.scripts.hashiTakeToken(this.prefix + key, ratePerSec, burst, nowMs, cost);
    return { allowed: allowed === 1, remaining: Math.floor(Number(tokens)), retryAfterMs: Number(retry) };
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    return Number(await this.scripts.hashiIncrement(this.prefix + key, by, Math.max(1, Math.round(ttlMs))));
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => undefined);
  }
}
