import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import {
  identityKeyOf,
  normalizeIdentities,
  type BlockedIdentity,
  type IdentityInput,
} from './identity.normalize.js';
import { Resolution } from './identity.resolution.js';
import type { PeopleContext } from './people.context.js';
import { isPostgres } from './person.store.js';

type Db = Kysely<Database>;

export interface ResolveOptions {
  /** Who reports the identities: `wecom`, `oa`, `miniprogram`, `mall`, `import`, `console`, … */
  source: string;
  /** When the fact happened (epoch ms): first/last seen of the identities. */
  occurredAt: number;
  /** The event that carried them, kept in the cause of any merge it leads to. */
  event?: { type: string; id?: string } | undefined;
  /** Name and avatar for a new person, and to fill an existing person's empty ones. */
  profile?: { displayName?: string | null; avatarUrl?: string | null } | undefined;
  /**
   * For a person this creates: when an employee first added them (the earliest follow about
   * to be stored), so storing the follows need not rewrite the new person's `added_at`.
   */
  addedAt?: number | null | undefined;
}

export interface IdentityResolution {
  /** The live person the identities belong to; null when every identity was blocked. */
  personId: string | null;
  /**
   * The person the matched identity was first recorded for (the loser of a merge, even after
   * it): pass it as `personId` when recording timeline events, so an unmerge takes them along.
   */
  homePersonId: string | null;
  created: boolean;
  mergeIds: string[];
  conflictIds: string[];
  /** Inputs not stored: junk, invalid, missing namespace, over a limit within the set. */
  blocked: BlockedIdentity[];
}

/**
 * Finds the person these identities denote, creating or merging persons as needed, in `trx`.
 *
 * - No stored match: a new person holds them all.
 * - Matches on one person: the new identities attach to it.
 * - Matches on several persons through linking identities (platform ids; phones and emails
 *   verified on both sides): they merge into the oldest, unless the merge would break a
 *   per-kind limit (one unionid, one external_userid per corp, one openid per appid) or
 *   an operator undid their merge before: then an open conflict is recorded instead.
 * - A new identity that would break a limit on the person goes to a new person of its own,
 *   with a conflict between the two for review.
 * - Unverified phones and emails never merge two persons: matching one finds its holder
 *   when the set has nothing else to go on, or when the holder is known by nothing verified
 *   (a lead) and the rest of the set is new; otherwise the new identities make a new person
 *   and the two persons get an `unverified` conflict for review.
 * - Junk values (empty, `0`, `null`, `-1`, one repeated digit, the registry's list) are
 *   dropped and never stored.
 *
 * Idempotent: resolving the same identities again changes nothing but last-seen times, and
 * the same facts arriving in any order converge to the same persons.
 */
export async function resolveIdentities(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  inputs: readonly IdentityInput[],
  options: ResolveOptions,
): Promise<IdentityResolution> {
  const { candidates, blocked } = normalizeIdentities(ctx.identityKinds, ctx.pii, inputs);
  if (candidates.length === 0) return nobody(blocked);
  // Inserted in one global order, so two resolutions never wait on each other's values.
  candidates.sort((a, b) => (identityKeyOf(a) < identityKeyOf(b) ? -1 : 1));
  // On PostgreSQL a concurrent resolution may store the same value first: the attempt rolls
  // back to its savepoint (releasing what it inserted, which others may wait on) and starts
  // over, seeing the other's commit. SQLite has a single writer: no race, no savepoint.
  const savepoints = isPostgres(trx);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (savepoints) await sql`savepoint people_resolve`.execute(trx);
    const outcome = await new Resolution(trx, ctx, workspaceId, options).run(candidates);
    if (savepoints) {
      if (!outcome) await sql`rollback to savepoint people_resolve`.execute(trx);
      await sql`release savepoint people_resolve`.execute(trx);
    }
    if (outcome) return { ...outcome, blocked };
  }
  throw new Error('Identity resolution kept racing with concurrent writers');
}

/** The outcome when every identity of a set was blocked: no person. */
export function nobody(blocked: BlockedIdentity[]): IdentityResolution {
  return {
    personId: null,
    homePersonId: null,
    created: false,
    mergeIds: [],
    conflictIds: [],
    blocked,
  };
}
