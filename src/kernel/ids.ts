import { randomFillSync, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Random bytes drawn from the CSPRNG in blocks: one call into OpenSSL per 256 ids instead of one per id.
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

/** A ULID: 48-bit time + 80 random bits, Crockford base32, sortable by creation time. */
export function ulid(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (poolAt + 16 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  let rand = '';
  // 32 divides 256, so each byte's low five bits are uniform.
  for (let i = 0; i < 16; i++) rand += ALPHABET[POOL[poolAt + i]! % 32];
  poolAt += 16;
  return time + rand;
}

/** A prefixed, time-sortable id such as `tkt_01J…`. */
export function newId(prefix: string, now?: number): string {
  return `${prefix}_${ulid(now).toLowerCase()}`;
}

export function uuid(): string {
  return randomUUID();
}
