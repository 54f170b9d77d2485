import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import {
  findStoredIdentities,
  insertIdentityRows,
  insertPersonRows,
  lockPersonStates,
  movedSinceRead,
  setLastSeen,
  type PersonState,
  type StoredIdentity,
} from './identity.batch.store.js';
import {
  identityKeyOf,
  normalizeIdentities,
  type BlockedIdentity,
  type IdentityCandidate,
  type IdentityInput,
} from './identity.normalize.js';
import {
  nobody,
  resolveIdentities,
  type IdentityResolution,
  type ResolveOptions,
} from './identity.service.js';
import { updateIdentity } from './identity.store.js';
import type { PeopleContext } from './people.context.js';
import type { NewIdentityRow, PersonRow } from './person.table.js';
import { findPersonStatuses, isPostgres, resolvePersonId } from './person.store.js';

type Db = Kysely<Database>;

/** Kept to the minute, as in the one-by-one path: resolving a known identity is a read. */
const lastSeenPrecisionMs = 60_000;

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
 * few set-based statements for the common cases: every identity of a set already on one
 * person, or none of them known. Anything else (merges, conflicts, attaching new identities
 * to a known person, unverified matches) and every set sharing an identity with another set
 * of the batch goes through `resolveIdentities`, one by one in request order, after the
 * common cases. The outcome equals resolving the requests one by one in that order, except
 * that each result names the live person its set ends up in once the whole batch is resolved
 * (a later set's merge may move an earlier set's person). Results come back in request order.
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
    const keyed = candidates.map((c) => ({ c, key: identityKeyOf(c) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : 1));
    return {
      index,
      request,
      candidates: keyed.map((k) => k.c),
      blocked,
      keys: keyed.map((k) => k.key),
    };
  });
  const keyUses = new Map<string, number>();
  for (const p of prepared) for (const k of p.keys) keyUses.set(k, (keyUses.get(k) ?? 0) + 1);

  const slow: Prepared[] = [];
  const candidatesForLookup: Prepared[] = [];
  for (const p of prepared) {
    if (p.candidates.length === 0) results[p.index] = nobody(p.blocked);
    else if (p.keys.some((k) => keyUses.get(k)! > 1)) slow.push(p);
    else candidatesForLookup.push(p);
  }

  const stored = await findStoredIdentities(
    trx,
    workspaceId,
    candidatesForLookup.flatMap((p) => p.candidates),
  );
  const known: { p: Prepared; rows: StoredIdentity[] }[] = [];
  const unknown: Prepared[] = [];
  let offset = 0;
  for (const p of candidatesForLookup) {
    const rows = stored.slice(offset, (offset += p.candidates.length));
    if (rows.every((r) => r === undefined)) unknown.push(p);
    else if (isAllKnown(rows) && onePersonAllLinked(p.candidates, rows)) known.push({ p, rows });
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
  if (slow.some((p) => results[p.index]!.mergeIds.length > 0)) {
    await followMerges(trx, workspaceId, results);
  }
  return results;
}

/**
 * A set resolved early in the batch may name a person that a later set's merge moved: callers
 * write the results after the whole batch, so each names the live person it ends up in (the
 * home person stays, as the one-by-one path gives it).
 */
async function followMerges(trx: Db, workspaceId: string, results: IdentityResolution[]) {
  const ids = [...new Set(results.flatMap((r) => (r.personId ? [r.personId] : [])))];
  const live = new Map<string, string>();
  for (const person of await findPersonStatuses(trx, workspaceId, ids)) {
    if (person.merged_into === null) continue;
    live.set(person.id, (await resolvePersonId(trx, workspaceId, person.id))!);
  }
  for (const r of results) {
    const moved = r.personId ? live.get(r.personId) : undefined;
    if (moved) r.personId = moved;
  }
}

const found = (
  personId: string,
  homePersonId: string,
  created: boolean,
  blocked: BlockedIdentity[],
): IdentityResolution => ({
  personId,
  homePersonId,
  created,
  mergeIds: [],
  conflictIds: [],
  blocked,
});

const isAllKnown = (rows: (StoredIdentity | undefined)[]): rows is StoredIdentity[] =>
  rows.every((r) => r !== undefined);

/** All on one person, each a linking match (what the one-by-one path treats as "known"). */
function onePersonAllLinked(candidates: IdentityCandidate[], rows: StoredIdentity[]): boolean {
  const personId = rows[0]!.person_id;
  return candidates.every((c, i) => {
    const row = rows[i]!;
    if (row.person_id !== personId) return false;
    if (c.spec.links === 'always') return true;
    return c.spec.links === 'verified' && c.verified && row.verified === 1;
  });
}

/**
 * Sets whose identities all sit on one person: last-seen times (kept to the minute, so
 * repeat sightings write nothing) in one statement per minute, rarer first-seen and
 * verification changes one by one, profile gaps. Returns the sets whose person a concurrent
 * merge or erasure moved meanwhile.
 *
 * On PostgreSQL every person is locked and checked, and the identity rows checked by their
 * version (a concurrent merge, unmerge or erasure may have moved them since the lookup: those
 * sets take the careful path). SQLite has one writer, so the lookup and these writes see one
 * state, in which an identity always belongs to a live person (a merge moves the loser's
 * identities, an erasure deletes them): a person is read only when the set brings a name or
 * an avatar that may fill a gap.
 */
async function resolveKnown(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  known: { p: Prepared; rows: StoredIdentity[] }[],
  results: IdentityResolution[],
): Promise<Prepared[]> {
  if (known.length === 0) return [];
  const postgres = isPostgres(trx);
  const read = postgres ? known : known.filter((k) => bringsProfile(k.p.request.options));
  const personIds = [...new Set(read.map((k) => k.rows[0]!.person_id))];
  const persons = new Map(
    (await lockPersonStates(trx, workspaceId, personIds)).map((p) => [p.id, p]),
  );
  const retry: Prepared[] = [];
  const plans: KnownPlan[] = [];
  for (const { p, rows } of known) {
    const person = persons.get(rows[0]!.person_id);
    const checked = postgres || bringsProfile(p.request.options);
    // Moved by a concurrent merge or erasure since the lookup: the careful path decides.
    if (checked && (!person || person.merged_into !== null || person.erased_at !== null)) {
      retry.push(p);
      continue;
    }
    plans.push(planKnown(p, rows, person));
  }
  // PostgreSQL: with the persons locked nothing can move their identities any more; what
  // moved before (an unmerge that committed while we waited) has a new row version. The
  // last-seen writes check the rows they write; the others are checked first.
  const moved = new Set<string>();
  if (postgres) {
    const unwritten = plans.flatMap((plan) => plan.rows.filter((r) => !plan.seen.includes(r)));
    for (const ref of await movedSinceRead(trx, workspaceId, unwritten)) moved.add(ref);
  }
  const isMoved = (plan: KnownPlan) => plan.rows.some((r) => moved.has(String(r.ref)));
  const lastSeen = plans
    .filter((plan) => !isMoved(plan))
    .flatMap((plan) => plan.seen.map((row) => ({ row, at: plan.at })));
  for (const ref of await updateLastSeen(trx, workspaceId, lastSeen)) moved.add(ref);

  for (const plan of plans) {
    const { p, rows, person } = plan;
    if (isMoved(plan)) {
      retry.push(p);
      continue;
    }
    // Rare (a late-arriving older fact, a phone verified since): one update each.
    for (const { row, changes } of plan.rare)
      await updateIdentity(trx, workspaceId, row.id, changes);
    if (person) await fillProfile(trx, ctx, workspaceId, person, p.request.options.profile);
    const personId = rows[0]!.person_id;
    const home = rows.find((r) => r.home_person_id === personId)?.home_person_id;
    results[p.index] = found(personId, home ?? rows[0]!.home_person_id, false, p.blocked);
  }
  return retry;
}

/** What resolving a known set writes: last-seen times (set-based), rarer changes one by one. */
interface KnownPlan {
  p: Prepared;
  rows: StoredIdentity[];
  person: PersonState | undefined;
  at: number;
  seen: StoredIdentity[];
  rare: { row: StoredIdentity; changes: Parameters<typeof updateIdentity>[3] }[];
}

function planKnown(p: Prepared, rows: StoredIdentity[], person?: PersonState): KnownPlan {
  const at = p.request.options.occurredAt;
  const plan: KnownPlan = { p, rows, person, at, seen: [], rare: [] };
  rows.forEach((row, i) => {
    const first = at < row.first_seen_at;
    const upgrade = p.candidates[i]!.verified && row.verified === 0;
    const seen = at > row.last_seen_at + lastSeenPrecisionMs;
    if (first || upgrade) {
      plan.rare.push({
        row,
        changes: {
          ...(first ? { first_seen_at: at } : {}),
          ...(upgrade ? { verified: 1 as const } : {}),
          ...(seen ? { last_seen_at: at } : {}),
        },
      });
    } else if (seen) plan.seen.push(row);
  });
  return plan;
}

interface LastSeen {
  row: StoredIdentity;
  at: number;
}

const bringsProfile = ({ profile }: ResolveOptions) =>
  Boolean(profile?.displayName || profile?.avatarUrl);

/**
 * Last-seen times are kept to the minute: identities seen within one minute of each other
 * get the earliest of their times, in one statement per minute. Returns the rows not written
 * because they moved since they were read (PostgreSQL; see `setLastSeen`).
 */
async function updateLastSeen(
  trx: Db,
  workspaceId: string,
  rows: LastSeen[],
): Promise<Set<string>> {
  const moved = new Set<string>();
  rows.sort((a, b) => a.at - b.at);
  for (let i = 0; i < rows.length;) {
    const at = rows[i]!.at;
    const seen: StoredIdentity[] = [];
    while (i < rows.length && rows[i]!.at - at < lastSeenPrecisionMs) seen.push(rows[i++]!.row);
    for (const ref of await setLastSeen(trx, workspaceId, seen, at)) moved.add(ref);
  }
  return moved;
}

async function fillProfile(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  person: PersonState,
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
      added_at: options.addedAt ?? null,
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
    await insertPersonRows(trx, persons);
    await insertIdentityRows(trx, identities);
  } catch (error) {
    if (!postgres) throw error;
    await sql`rollback to savepoint people_resolve_many`.execute(trx);
    await sql`release savepoint people_resolve_many`.execute(trx);
    return unknown;
  }
  if (postgres) await sql`release savepoint people_resolve_many`.execute(trx);
  unknown.forEach((p, i) => {
    const id = persons[i]!.id;
    results[p.index] = found(id, id, true, p.blocked);
  });
  return [];
}
