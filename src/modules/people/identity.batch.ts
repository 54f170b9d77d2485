import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import {
  identityKeyOf,
  normalizeIdentities,
  type BlockedIdentity,
  type IdentityCandidate,
  type IdentityInput,
} from './identity.normalize.js';
import {
  resolveIdentities,
  type IdentityResolution,
  type ResolveOptions,
} from './identity.service.js';
import type { PeopleContext } from './people.context.js';
import type { IdentityRow, NewIdentityRow, PersonRow } from './person.table.js';
import { isPostgres, lockPersons } from './person.store.js';

type Db = Kysely<Database>;

/** Kept to the minute, as in the one-by-one path: resolving a known identity is a read. */
const lastSeenPrecisionMs = 60_000;
const keysPerQuery = 500;
const rowsPerInsert = 200;

export interface ResolveRequest {
  identities: readonly IdentityInput[];
  options: ResolveOptions;
}

interface Prepared {
  index: number;
  request: ResolveRequest;
  candidates: IdentityCandidate[];
  blocked: BlockedIdentity[];
  keys: string[];
}

/**
 * Resolves many identity sets in `trx` (an import page, a batch of incoming events) with a
 * few queries for the common cases: every identity of a set already on one person, or none
 * of them known. Anything else (merges, conflicts, attaching new identities to a known
 * person, unverified matches) and every set sharing an identity with another set of the
 * batch goes through `resolveIdentities`, one by one in request order, after the common
 * cases. The outcome equals resolving the requests one by one in that order. Results come
 * back in request order.
 */
export async function resolveIdentitiesMany(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  requests: readonly ResolveRequest[],
): Promise<IdentityResolution[]> {
  const results: IdentityResolution[] = new Array<IdentityResolution>(requests.length);
  const prepared = requests.map((request, index): Prepared => {
    const { candidates, blocked } = normalizeIdentities(
      ctx.identityKinds,
      ctx.pii,
      request.identities,
    );
    candidates.sort((a, b) => (identityKeyOf(a) < identityKeyOf(b) ? -1 : 1));
    return { index, request, candidates, blocked, keys: candidates.map(identityKeyOf) };
  });
  const keyUses = new Map<string, number>();
  for (const p of prepared) for (const k of p.keys) keyUses.set(k, (keyUses.get(k) ?? 0) + 1);

  const slow: Prepared[] = [];
  const candidatesForLookup: Prepared[] = [];
  for (const p of prepared) {
    if (p.candidates.length === 0) results[p.index] = emptyResult(p.blocked);
    else if (p.keys.some((k) => keyUses.get(k)! > 1)) slow.push(p);
    else candidatesForLookup.push(p);
  }

  const stored = await findStored(
    trx,
    workspaceId,
    candidatesForLookup.flatMap((p) => p.candidates),
  );
  const known: { p: Prepared; rows: IdentityRow[] }[] = [];
  const unknown: Prepared[] = [];
  for (const p of candidatesForLookup) {
    const rows = p.keys.map((k) => stored.get(k));
    if (rows.every((r) => r === undefined)) unknown.push(p);
    else if (rows.every((r) => r !== undefined) && onePersonAllLinked(p.candidates, rows))
      known.push({ p, rows });
    else slow.push(p);
  }

  slow.push(...(await resolveKnown(trx, ctx, workspaceId, known, results)));
  slow.push(...(await createNew(trx, ctx, workspaceId, unknown, results)));

  slow.sort((a, b) => a.index - b.index);
  for (const p of slow) {
    results[p.index] = await resolveIdentities(
      trx,
      ctx,
      workspaceId,
      p.request.identities,
      p.request.options,
    );
  }
  return results;
}

function emptyResult(blocked: BlockedIdentity[]): IdentityResolution {
  return {
    personId: null,
    homePersonId: null,
    created: false,
    mergeIds: [],
    conflictIds: [],
    blocked,
  };
}

/** All on one person, each a linking match (what the one-by-one path treats as "known"). */
function onePersonAllLinked(
  candidates: IdentityCandidate[],
  rows: (IdentityRow | undefined)[],
): boolean {
  const personId = rows[0]!.person_id;
  return candidates.every((c, i) => {
    const row = rows[i]!;
    if (row.person_id !== personId) return false;
    if (c.spec.links === 'always') return true;
    return c.spec.links === 'verified' && c.verified && row.verified === 1;
  });
}

async function findStored(
  trx: Db,
  workspaceId: string,
  candidates: readonly IdentityCandidate[],
): Promise<Map<string, IdentityRow>> {
  const groups = new Map<string, { kind: string; namespace: string; keys: string[] }>();
  for (const c of candidates) {
    const group = `${c.kind}\u0000${c.namespace}`;
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { kind: c.kind, namespace: c.namespace, keys: [] }));
    g.keys.push(c.valueKey);
  }
  const found = new Map<string, IdentityRow>();
  for (const g of groups.values()) {
    for (let i = 0; i < g.keys.length; i += keysPerQuery) {
      const rows = await trx
        .selectFrom('identity')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', g.kind)
        .where('namespace', '=', g.namespace)
        .where('value_key', 'in', g.keys.slice(i, i + keysPerQuery))
        .execute();
      for (const r of rows) found.set(identityKeyOf({ ...r, valueKey: r.value_key }), r);
    }
  }
  return found;
}

/** Sets whose identities all sit on one person: last-seen times, profile gaps. */
async function resolveKnown(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  known: { p: Prepared; rows: IdentityRow[] }[],
  results: IdentityResolution[],
): Promise<Prepared[]> {
  if (known.length === 0) return [];
  const personIds = [...new Set(known.map((k) => k.rows[0]!.person_id))];
  const persons = new Map<string, PersonRow>();
  for (let i = 0; i < personIds.length; i += keysPerQuery) {
    for (const p of await lockPersons(trx, workspaceId, personIds.slice(i, i + keysPerQuery)))
      persons.set(p.id, p);
  }
  const retry: Prepared[] = [];
  const lastSeen: { id: string; at: number }[] = [];
  for (const { p, rows } of known) {
    const person = persons.get(rows[0]!.person_id);
    // Moved by a concurrent merge or erasure since the lookup: the careful path decides.
    if (!person || person.merged_into !== null || person.erased_at !== null) {
      retry.push(p);
      continue;
    }
    const at = p.request.options.occurredAt;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const first = at < row.first_seen_at;
      const upgrade = p.candidates[i]!.verified && row.verified === 0;
      if (first || upgrade) {
        await trx
          .updateTable('identity')
          .set({
            ...(first ? { first_seen_at: at } : {}),
            ...(upgrade ? { verified: 1 as const } : {}),
            ...(at > row.last_seen_at + lastSeenPrecisionMs ? { last_seen_at: at } : {}),
          })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', row.id)
          .execute();
      } else if (at > row.last_seen_at + lastSeenPrecisionMs) {
        lastSeen.push({ id: row.id, at });
      }
    }
    await fillProfile(trx, ctx, workspaceId, person, p.request.options.profile);
    const home = rows.find((r) => r.home_person_id === person.id)?.home_person_id;
    results[p.index] = {
      personId: person.id,
      homePersonId: home ?? rows[0]!.home_person_id,
      created: false,
      mergeIds: [],
      conflictIds: [],
      blocked: p.blocked,
    };
  }
  await updateLastSeen(trx, workspaceId, lastSeen);
  return retry;
}

/**
 * Last-seen times are kept to the minute: identities seen within one minute of each other
 * get the earliest of their times, in one statement per chunk.
 */
async function updateLastSeen(
  trx: Db,
  workspaceId: string,
  rows: readonly { id: string; at: number }[],
): Promise<void> {
  const sorted = [...rows].sort((a, b) => a.at - b.at);
  let i = 0;
  while (i < sorted.length) {
    const at = sorted[i]!.at;
    const ids: string[] = [];
    while (
      i < sorted.length &&
      sorted[i]!.at - at < lastSeenPrecisionMs &&
      ids.length < keysPerQuery
    )
      ids.push(sorted[i++]!.id);
    await trx
      .updateTable('identity')
      .set({ last_seen_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute();
  }
}

async function fillProfile(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  person: PersonRow,
  profile: ResolveOptions['profile'],
): Promise<void> {
  const fill = {
    ...(profile?.displayName && person.display_name === null
      ? { display_name: profile.displayName }
      : {}),
    ...(profile?.avatarUrl && person.avatar_url === null ? { avatar_url: profile.avatarUrl } : {}),
  };
  if (Object.keys(fill).length === 0) return;
  Object.assign(person, fill);
  await trx
    .updateTable('person')
    .set({ ...fill, updated_at: ctx.clock.now() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', person.id)
    .execute();
}

/**
 * Sets none of whose identities is known: a new person each, inserted in bulk. On
 * PostgreSQL a concurrent writer may store one of the values first; the bulk insert then
 * rolls back to its savepoint and those sets take the careful path.
 */
async function createNew(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  unknown: Prepared[],
  results: IdentityResolution[],
): Promise<Prepared[]> {
  if (unknown.length === 0) return [];
  const now = ctx.clock.now();
  const persons: PersonRow[] = [];
  const identities: NewIdentityRow[] = [];
  for (const p of unknown) {
    const { options } = p.request;
    const id = newId(now);
    persons.push({
      id,
      workspace_id: workspaceId,
      display_name: options.profile?.displayName ?? null,
      avatar_url: options.profile?.avatarUrl ?? null,
      added_at: null,
      created_at: now,
      updated_at: now,
      merged_into: null,
      erased_at: null,
    });
    for (const c of p.candidates) {
      identities.push({
        id: newId(now),
        workspace_id: workspaceId,
        person_id: id,
        home_person_id: id,
        kind: c.kind,
        namespace: c.namespace,
        value: c.spec.pii ? ctx.pii.seal(c.value) : c.value,
        value_key: c.valueKey,
        verified: c.verified ? 1 : 0,
        source: options.source,
        first_seen_at: options.occurredAt,
        last_seen_at: options.occurredAt,
      });
    }
  }
  const postgres = isPostgres(trx);
  if (postgres) await sql`savepoint people_resolve_many`.execute(trx);
  try {
    for (let i = 0; i < persons.length; i += rowsPerInsert)
      await trx
        .insertInto('person')
        .values(persons.slice(i, i + rowsPerInsert))
        .execute();
    for (let i = 0; i < identities.length; i += rowsPerInsert)
      await trx
        .insertInto('identity')
        .values(identities.slice(i, i + rowsPerInsert))
        .execute();
  } catch (error) {
    if (!postgres) throw error;
    await sql`rollback to savepoint people_resolve_many`.execute(trx);
    await sql`release savepoint people_resolve_many`.execute(trx);
    return unknown;
  }
  if (postgres) await sql`release savepoint people_resolve_many`.execute(trx);
  unknown.forEach((p, i) => {
    const id = persons[i]!.id;
    results[p.index] = {
      personId: id,
      homePersonId: id,
      created: true,
      mergeIds: [],
      conflictIds: [],
      blocked: p.blocked,
    };
  });
  return [];
}
