import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { AuditLogRow } from './workspace.table.js';

type Db = Kysely<Database>;

export interface AuditCursor {
  createdAt: number;
  id: string;
}

/** Newest first; `before` continues after the last entry of the previous page. */
export function listAuditEntries(
  db: Db,
  workspaceId: string,
  options: { limit: number; before?: AuditCursor },
): Promise<AuditLogRow[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  const before = options.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  }
  return query.execute();
}
