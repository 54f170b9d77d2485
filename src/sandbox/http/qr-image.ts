import { deflateSync } from 'node:zlib';
import { deriveHex } from '../state/ids.js';

/**
 * A QR-looking PNG for a sandbox code: finder patterns plus modules derived from the payload,
 * so each code has its own stable picture. It is an image for consoles and demos, not a
 * scannable QR code (nothing scans sandbox codes; the control API plays the customer).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const MODULES = 25;
const SCALE = 8;
const QUIET = 4;

function isFinder(x: number, y: number): boolean | null {
  for (const [ox, oy] of [
    [0, 0],
    [MODULES - 7, 0],
    [0, MODULES - 7],
  ] as const) {
    const dx = x - ox;
    const dy = y - oy;
    if (dx >= -1 && dx <= 7 && dy >= -1 && dy <= 7) {
      if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return false;
      const ring = Math.min(dx, dy, 6 - dx, 6 - dy);
      return ring !== 1;
    }
  }
  return null;
}

export function qrPng(payload: string): Buffer {
  const bits = deriveHex(MODULES * MODULES, 'qr', payload);
  const size = (MODULES + QUIET * 2) * SCALE;
  const raw = Buffer.alloc((size + 1) * size, 255);
  for (let py = 0; py < size; py += 1) {
    raw[py * (size + 1)] = 0; // filter: none
    for (let px = 0; px < size; px += 1) {
      const x = Math.floor(px / SCALE) - QUIET;
      const y = Math.floor(py / SCALE) - QUIET;
      if (x < 0 || y < 0 || x >= MODULES || y >= MODULES) continue;
      const finder = isFinder(x, y);
      const dark = finder ?? parseInt(bits[y * MODULES + x]!, 16) % 2 === 0;
      if (dark) raw[py * (size + 1) + 1 + px] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
