import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import type { Actor, AuditActor } from './actor.js';
import { auditActorOf } from './actor.js';

/** Keys whose values never reach the audit log, whatever a caller passes. */
const secretKeys = new Set([
  'password',
  'passwordhash',
  'password_hash',
  'newpassword',
  'currentpassword',
  'key',
  'keyhash',
  'key_hash',
  'secret',
  'token',
  'csrftoken',
  'csrf_token',
]);

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !secretKeys.has(k.toLowerCase()))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

export interface AuditInput {
  workspaceId: string;
  actor: Actor | AuditActor;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  /** The HTTP request, for its IP and id; absent for CLI and system changes. */
  request?: { ip: string; id: string } | undefined;
  at: number;
}

/** Writes one audit entry; call it with the transaction that makes the change. */
export async function recordAudit(trx: Kysely<Database>, input: AuditInput): Promise<void> {
  const actor = 'label' in input.actor ? input.actor : auditActorOf(input.actor);
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(scrub(v)));
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(input.at),
      workspace_id: input.workspaceId,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId,
      before: json(input.before),
      after: json(input.after),
      ip: input.request?.ip ?? null,
      request_id: input.request?.id ?? null,
      created_at: input.at,
    })
    .execute();
}
