import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * SIYU_SECRET_KEY when set; otherwise a key generated on first run and kept in the data
 * directory, so a newcomer needs no set-up and restarts keep sessions and secrets readable.
 */
export function resolveSecretKey(
  configured: string | null,
  dataDir: string,
): { key: string; generated: boolean } {
  if (configured) return { key: configured, generated: false };
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), generated: false };
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}
