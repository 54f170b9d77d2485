import type { Kysely } from 'kysely';
import type { ExternalContact } from '../../channels/wecom/client/external-contact.mapping.js';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import { findFollowsOfContacts, insertFollows, updateFollow } from './follow.store.js';
import {
  profileOf,
  resolveContactPersons,
  type ContactPerson,
  type ContactResolveOptions,
} from './follow.persons.js';
import type { PeopleContext } from './people.context.js';
import { refreshPersonAddedAt } from './person-added.js';
import { findPersons, updatePerson } from './person.store.js';
import type { FollowRow, FollowTable, NewFollowRow } from './relations.table.js';
import { recordPersonEvents, type PersonEventInput } from './timeline.service.js';
import { reconcilePersonWecomTags } from './wecom-tags.reconcile.js';

type Db = Kysely<Database>;

/** One employee's relation to a customer, as WeCom reports it (contact details, import pages). */
export interface ContactFollowDetails {
  userId: string;
  remark: string | null;
  description: string | null;
  /** When the employee added the customer (epoch ms). */
  addedAt: number | null;
  addWay: number;
  state: string | null;
  /** Corp tag ids the employee put on the customer. */
  tagIds: readonly string[];
}

export interface ContactDetails {
  contact: ExternalContact;
  follows: readonly ContactFollowDetails[];
}

export interface AppliedContactDetails {
  /** Every person of the customers applied (live ids). */
  personIds: string[];
  /** Persons whose follows' corp tags changed (their tags were reconciled). */
  tagChangedPersonIds: string[];
  personsCreated: number;
  /** Persons merged because a customer's unionid was known on another person. */
  merged: number;
  followsCreated: number;
  followsUpdated: number;
}

type FollowChanges = Partial<
  Pick<FollowTable, 'remark' | 'description' | 'add_way' | 'state' | 'wecom_tag_ids' | 'added_at'>
>;

const followKey = (employeeUserId: string, externalUserId: string) =>
  `${employeeUserId}\n${externalUserId}`;

const tagIdsJson = (tagIds: readonly string[]) => JSON.stringify([...new Set(tagIds)].sort());

/**
 * Applies what WeCom says about customers of a corp (a page of up to a few hundred):
 * persons by external_userid and unionid (merging with Official Account / Mini Program persons
 * of the same unionid), names and avatars, and each employee's follow — remark, description,
 * add way, state, corp tag ids; follows not known yet are created active (with a
 * `contact.added` timeline event). A follow's status is left to the contact events: details
 * never revive a removed friendship. Few queries per page: one identity lookup, one insert
 * of new persons, one of their identities, one follow lookup, one follow insert, one person
 * read; updates only for what changed.
 */
export async function applyContactDetails(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  corpId: string,
  items: readonly ContactDetails[],
  options: ContactResolveOptions,
): Promise<AppliedContactDetails> {
  const contacts = items.map(({ contact, follows }) => ({
    contact,
    addedAt: earliestAddedAt(follows, options.occurredAt),
  }));
  const persons = await resolveContactPersons(trx, ctx, workspaceId, corpId, contacts, options);
  await refreshProfiles(trx, ctx, workspaceId, items, persons);

  const now = ctx.clock.now();
  const employees = items.flatMap((i) => i.follows.map((f) => f.userId));
  const existing = await findFollowsOfContacts(
    trx,
    workspaceId,
    corpId,
    [...persons.keys()],
    employees,
  );
  const stored = new Map(
    existing.map((f) => [followKey(f.employee_user_id, f.external_user_id), f]),
  );
  const inserts = new Map<string, NewFollowRow>();
  const tagChanged = new Set<string>();
  const addedChanged = new Set<string>();
  let followsUpdated = 0;
  for (const { contact, follows } of items) {
    const person = persons.get(contact.externalUserId);
    if (!person) continue;
    for (const f of follows) {
      const key = followKey(f.userId, contact.externalUserId);
      if (f.userId === '' || inserts.has(key)) continue;
      const tags = tagIdsJson(f.tagIds);
      const row = stored.get(key);
      if (row) {
        const changes = followChanges(row, f, tags);
        if (Object.keys(changes).length === 0) continue;
        await updateFollow(trx, workspaceId, row.id, { ...changes, updated_at: now });
        followsUpdated++;
        if (changes.wecom_tag_ids !== undefined) tagChanged.add(row.person_id);
        if (changes.added_at !== undefined) addedChanged.add(row.person_id);
        continue;
      }
      const addedAt = addedAtOf(f, options.occurredAt);
      inserts.set(key, {
        id: newId(now),
        workspace_id: workspaceId,
        person_id: person.personId,
        home_person_id: person.homePersonId,
        corp_id: corpId,
        employee_user_id: f.userId,
        external_user_id: contact.externalUserId,
        state: f.state,
        add_way: f.addWay,
        remark: f.remark,
        description: f.description,
        wecom_tag_ids: tags,
        status: 'active',
        added_at: addedAt,
        removed_at: null,
        last_event_at: addedAt,
        updated_at: now,
      });
    }
  }
  const created = new Set(await insertFollows(trx, [...inserts.values()]));
  const createdRows = [...inserts.values()].filter((r) => created.has(r.id));
  for (const r of createdRows) {
    addedChanged.add(r.person_id);
    if (r.wecom_tag_ids !== '[]') tagChanged.add(r.person_id);
  }
  await refreshPersonAddedAt(trx, workspaceId, [...addedChanged]);
  await reconcilePersonWecomTags(trx, ctx, workspaceId, [...tagChanged]);
  await recordPersonEvents(
    trx,
    ctx,
    workspaceId,
    createdRows.map((r) => followAddedEvent(r, options.source)),
  );
  return {
    personIds: [...new Set([...persons.values()].map((p) => p.personId))],
    tagChangedPersonIds: [...tagChanged],
    personsCreated: [...persons.values()].filter((p) => p.created).length,
    merged: [...persons.values()].reduce((sum, p) => sum + p.merges, 0),
    followsCreated: createdRows.length,
    followsUpdated,
  };
}

const addedAtOf = (f: ContactFollowDetails, occurredAt: number) => f.addedAt ?? occurredAt;

/** When the first of these employees added the customer, as their new follows will say. */
function earliestAddedAt(follows: readonly ContactFollowDetails[], occurredAt: number) {
  let earliest: number | null = null;
  for (const f of follows) {
    if (f.userId === '') continue;
    const at = addedAtOf(f, occurredAt);
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}

/** The timeline event of a friendship that began (recorded once per follow and add time). */
export function followAddedEvent(
  row: Pick<
    NewFollowRow,
    'id' | 'home_person_id' | 'corp_id' | 'employee_user_id' | 'state' | 'add_way' | 'added_at'
  >,
  source: string,
  extra: Record<string, unknown> = {},
): PersonEventInput {
  return {
    personId: row.home_person_id,
    type: 'contact.added',
    source,
    occurredAt: row.added_at,
    dedupKey: `follow:${row.id}:added:${row.added_at}`,
    properties: {
      corpId: row.corp_id,
      employeeUserId: row.employee_user_id,
      ...(row.state ? { state: row.state } : {}),
      ...(row.add_way !== null && row.add_way !== undefined ? { addWay: row.add_way } : {}),
      ...extra,
    },
  };
}

function followChanges(row: FollowRow, f: ContactFollowDetails, tags: string): FollowChanges {
  const changes: FollowChanges = {};
  if (row.remark !== f.remark) changes.remark = f.remark;
  if (row.description !== f.description) changes.description = f.description;
  if (row.add_way !== f.addWay) changes.add_way = f.addWay;
  if (f.state !== null && row.state !== f.state) changes.state = f.state;
  if (row.wecom_tag_ids !== tags) changes.wecom_tag_ids = tags;
  // The platform's add time of the current friendship (a removal seen first left a guess).
  if (row.status === 'active' && f.addedAt !== null && row.added_at !== f.addedAt) {
    changes.added_at = f.addedAt;
  }
  return changes;
}

/** WeCom names and avatars replace the stored ones (the customer's current WeChat profile). */
async function refreshProfiles(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  items: readonly ContactDetails[],
  persons: ReadonlyMap<string, ContactPerson>,
): Promise<void> {
  const wanted = new Map<string, ReturnType<typeof profileOf>>();
  for (const { contact } of items) {
    const person = persons.get(contact.externalUserId);
    const profile = profileOf(contact);
    if (person && !person.created && Object.keys(profile).length > 0) {
      wanted.set(person.personId, profile);
    }
  }
  if (wanted.size === 0) return;
  const now = ctx.clock.now();
  for (const person of await findPersons(trx, workspaceId, [...wanted.keys()])) {
    const profile = wanted.get(person.id)!;
    if (person.erased_at !== null) continue;
    const changes = {
      ...(profile.displayName !== undefined && profile.displayName !== person.display_name
        ? { display_name: profile.displayName }
        : {}),
      ...(profile.avatarUrl !== undefined && profile.avatarUrl !== person.avatar_url
        ? { avatar_url: profile.avatarUrl }
        : {}),
    };
    if (Object.keys(changes).length > 0) {
      await updatePerson(trx, workspaceId, person.id, { ...changes, updated_at: now });
    }
  }
}
