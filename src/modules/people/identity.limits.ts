import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { countIdentityKinds } from './identity.store.js';
import { limitRule } from './identity.normalize.js';
import { wasUnmerged } from './merge.store.js';
import type { PeopleContext } from './people.context.js';
import type { ConflictReason } from './person.table.js';

/** Why two persons may not be merged automatically, or null when they may. */
export async function automaticMergeProblem(
  trx: Kysely<Database>,
  ctx: PeopleContext,
  workspaceId: string,
  a: string,
  b: string,
): Promise<{ reason: ConflictReason; rule: string } | null> {
  if (await wasUnmerged(trx, workspaceId, a, b)) {
    return { reason: 'unmerged', rule: 'an operator undid a merge of these persons' };
  }
  // A limit matters only where both persons hold the kind: one holding more than allowed (an
  // operator's merge over a conflict) does not stop a person without it from joining.
  const onA = await countIdentityKinds(trx, workspaceId, [a]);
  const onB = new Map(
    (await countIdentityKinds(trx, workspaceId, [b])).map((r) => [
      `${r.kind}\u0000${r.namespace}`,
      r.count,
    ]),
  );
  for (const { kind, namespace, count } of onA) {
    const spec = ctx.identityKinds.get(kind);
    const other = onB.get(`${kind}\u0000${namespace}`) ?? 0;
    if (spec?.maxPerPerson !== undefined && other > 0 && count + other > spec.maxPerPerson) {
      return { reason: 'limit', rule: limitRule(spec, namespace) };
    }
  }
  return null;
}

/** Per (kind, namespace) how many identities a person holds, to check limits as we attach. */
export async function identityCounter(
  trx: Kysely<Database>,
  workspaceId: string,
  personId: string,
): Promise<{
  count(kind: string, namespace: string): number;
  add(kind: string, namespace: string): void;
}> {
  const counts = new Map<string, number>();
  const key = (kind: string, namespace: string) => `${kind}\u0000${namespace}`;
  for (const row of await countIdentityKinds(trx, workspaceId, [personId])) {
    counts.set(key(row.kind, row.namespace), row.count);
  }
  return {
    count: (kind, namespace) => counts.get(key(kind, namespace)) ?? 0,
    add: (kind, namespace) =>
      counts.set(key(kind, namespace), (counts.get(key(kind, namespace)) ?? 0) + 1),
  };
}
