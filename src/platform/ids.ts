import { randomBytes, randomFillSync } from 'node:crypto';

let lastMs = -1;
/** The 10 bytes after the timestamp of the last id made in `lastMs`. */
const lastTail = Buffer.alloc(10);

/**
 * Random bytes drawn from the system in blocks, as node's randomUUID does: one
 * `randomFillSync` per millisecond cost ~5 µs a callback on the receiving thread.
 */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function fillTailAtRandom(): void {
  if (poolAt + lastTail.length > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  pool.copy(lastTail, 0, poolAt, (poolAt += lastTail.length));
}

/** Adds one to the tail's low 7 bytes (their top bit starts clear, so this never wraps). */
function incrementTail(): void {
  for (let i = 9; i >= 3; i--) {
    lastTail[i] = (lastTail[i]! + 1) & 0xff;
    if (lastTail[i] !== 0) return;
  }
}

/**
 * A UUIDv7: time-ordered, so ids sort by creation and index well on both dialects. Ids made
 * in the same millisecond by this process increase too (RFC 9562 monotonic random), so
 * "the older one" is well defined even between rows created in one batch.
 */
export function newId(now: number = Date.now()): string {
  if (now === lastMs) incrementTail();
  else {
    fillTailAtRandom();
    lastTail[3]! &= 0x7f;
    lastMs = now;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(now, 0, 6);
  lastTail.copy(bytes, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
