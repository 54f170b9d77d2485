import type { Kysely } from 'kysely';
import type { ExternalContact } from '../../channels/wecom/client/external-contact.mapping.js';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import {
  identityKeyOf,
  normalizeIdentities,
  type IdentityCandidate,
  type IdentityInput,
} from './identity.normalize.js';
import { resolveIdentities } from './identity.service.js';
import { insertIdentities } from './identity.store.js';
import type { PeopleContext } from './people.context.js';
import type { IdentityRow, NewIdentityRow, PersonRow } from './person.table.js';

type Db = Kysely<Database>;

/** Who a WeCom customer is: the live person and the home to record their events for. */
export interface ContactPerson {
  personId: string;
  homePersonId: string;
  created: boolean;
  /** Merges the resolution made (a unionid known on another person). */
  merges: number;
}

export interface ContactResolveOptions {
  source: string;
  occurredAt: number;
  event?: { type: string; id?: string };
}

/** The identities a WeCom customer carries: external_userid (namespace: the corp) and unionid. */
export function contactIdentities(
  corpId: string,
  contact: Pick<ExternalContact, 'externalUserId' | 'unionId'>,
): IdentityInput[] {
  return [
    { kind: 'wecom_external_userid', namespace: corpId, value: contact.externalUserId },
    ...(contact.unionId ? [{ kind: 'unionid', value: contact.unionId }] : []),
  ];
}

interface Pending {
  contact: ExternalContact;
  candidates: IdentityCandidate[];
}

/**
 * Finds (or creates) the person of each customer of a page, by external_userid and unionid,
 * with few queries: one lookup of every identity of the page; customers none of whose
 * identities is known become new persons in two multi-row inserts; customers whose identities
 * all sit on one person are that person. Anything else (a unionid known on another person: a
 * merge; a value stored meanwhile by a concurrent transaction) goes through
 * `resolveIdentities`, one customer at a time. Customers whose external_userid is junk are
 * left out of the answer (keyed by external user id).
 */
export async function resolveContactPersons(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  corpId: string,
  contacts: readonly ExternalContact[],
  options: ContactResolveOptions,
): Promise<Map<string, ContactPerson>> {
  const result = new Map<string, ContactPerson>();
  const pending: Pending[] = [];
  for (const contact of contacts) {
    const { candidates } = normalizeIdentities(
      ctx.identityKinds,
      ctx.pii,
      contactIdentities(corpId, contact),
    );
    if (candidates.some((c) => c.kind === 'wecom_external_userid'))
      pending.push({ contact, candidates });
  }
  const stored = await findContactIdentities(trx, workspaceId, corpId, pending);
  const slow: Pending[] = [];
  const fresh: Pending[] = [];
  const claimed = new Set<string>();
  for (const item of pending) {
    const rows = item.candidates.map((c) => stored.get(identityKeyOf(c)));
    const known = rows.filter((r): r is IdentityRow => r !== undefined);
    if (known.length === 0) {
      const keys = item.candidates.map(identityKeyOf);
      // Two customers of one page sharing a value: the second one resolves after the first.
      if (keys.some((k) => claimed.has(k))) slow.push(item);
      else {
        keys.forEach((k) => claimed.add(k));
        fresh.push(item);
      }
    } else if (
      known.length === rows.length &&
      known.every((r) => r.person_id === known[0]!.person_id)
    ) {
      const external = known.find((r) => r.kind === 'wecom_external_userid')!;
      result.set(item.contact.externalUserId, {
        personId: external.person_id,
        homePersonId: external.home_person_id,
        created: false,
        merges: 0,
      });
    } else slow.push(item);
  }
  for (const item of await createPersons(trx, ctx, workspaceId, fresh, options, result)) {
    slow.push(item);
  }
  for (const item of slow) {
    const resolution = await resolveIdentities(
      trx,
      ctx,
      workspaceId,
      contactIdentities(corpId, item.contact),
      { ...options, profile: profileOf(item.contact) },
    );
    if (resolution.personId && resolution.homePersonId) {
      result.set(item.contact.externalUserId, {
        personId: resolution.personId,
        homePersonId: resolution.homePersonId,
        created: resolution.created,
        merges: resolution.mergeIds.length,
      });
    }
  }
  return result;
}

/** The name and avatar a customer shows in WeCom (empty ones left out). */
export function profileOf(contact: Pick<ExternalContact, 'name' | 'avatarUrl'>): {
  displayName?: string;
  avatarUrl?: string;
} {
  return {
    ...(contact.name.trim() !== '' ? { displayName: contact.name.trim() } : {}),
    ...(contact.avatarUrl ? { avatarUrl: contact.avatarUrl } : {}),
  };
}

/** The stored identities among the page's external_userids and unionids, by identity key. */
async function findContactIdentities(
  db: Db,
  workspaceId: string,
  corpId: string,
  pending: readonly Pending[],
): Promise<Map<string, IdentityRow>> {
  const all = pending.flatMap((p) => p.candidates);
  const externals = all.filter((c) => c.kind === 'wecom_external_userid').map((c) => c.valueKey);
  const unionids = all.filter((c) => c.kind === 'unionid').map((c) => c.valueKey);
  if (externals.length === 0) return new Map();
  const rows = await db
    .selectFrom('identity')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('kind', '=', 'wecom_external_userid'),
          eb('namespace', '=', corpId),
          eb('value_key', 'in', externals),
        ]),
        ...(unionids.length > 0
          ? [
              eb.and([
                eb('kind', '=', 'unionid'),
                eb('namespace', '=', ''),
                eb('value_key', 'in', unionids),
              ]),
            ]
          : []),
      ]),
    )
    .execute();
  return new Map(rows.map((r) => [identityKeyOf({ ...r, valueKey: r.value_key }), r]));
}

/**
 * New persons for customers none of whose identities is known, in one insert each for
 * persons and identities. Returns the customers whose identities another transaction stored
 * meanwhile (PostgreSQL only): they need a full resolution.
 */
async function createPersons(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  fresh: readonly Pending[],
  options: ContactResolveOptions,
  result: Map<string, ContactPerson>,
): Promise<Pending[]> {
  if (fresh.length === 0) return [];
  const now = ctx.clock.now();
  const at = options.occurredAt;
  const persons: PersonRow[] = [];
  const identities: NewIdentityRow[] = [];
  const owners: string[] = [];
  for (const item of fresh) {
    const profile = profileOf(item.contact);
    const personId = newId(now);
    persons.push({
      id: personId,
      workspace_id: workspaceId,
      display_name: profile.displayName ?? null,
      avatar_url: profile.avatarUrl ?? null,
      added_at: null,
      created_at: now,
      updated_at: now,
      merged_into: null,
      erased_at: null,
    });
    for (const c of item.candidates) {
      owners.push(item.contact.externalUserId);
      identities.push({
        id: newId(now),
        workspace_id: workspaceId,
        person_id: personId,
        home_person_id: personId,
        kind: c.kind,
        namespace: c.namespace,
        value: c.spec.pii ? ctx.pii.seal(c.value) : c.value,
        value_key: c.valueKey,
        verified: c.verified ? 1 : 0,
        source: options.source,
        first_seen_at: at,
        last_seen_at: at,
      });
    }
    result.set(item.contact.externalUserId, {
      personId,
      homePersonId: personId,
      created: true,
      merges: 0,
    });
  }
  await trx.insertInto('person').values(persons).execute();
  const inserted = new Set(await insertIdentities(trx, identities));
  const raced = new Set(owners.filter((_, i) => !inserted.has(identities[i]!.id)));
  if (raced.size === 0) return [];
  // A person left without any identity is dropped; the full resolution finds the right one.
  const kept = new Set(owners.filter((_, i) => inserted.has(identities[i]!.id)));
  const empty = [...raced].filter((owner) => !kept.has(owner));
  if (empty.length > 0) {
    await trx
      .deleteFrom('person')
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        empty.map((owner) => result.get(owner)!.personId),
      )
      .execute();
  }
  for (const owner of raced) result.delete(owner);
  return fresh.filter((item) => raced.has(item.contact.externalUserId));
}
