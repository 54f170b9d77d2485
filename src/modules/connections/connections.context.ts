import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto.js';

/** What the connection services need. */
export interface ConnectionsContext {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
  /** Called after a connection of the workspace changed or went (cached credentials drop it). */
  onChanged?: (workspaceId: string) => void;
}
