import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { auditActor, revealsPii } from './acting.js';
import type { PersonAttribute } from './attribute.schemas.js';
import { listAttributeDefinitionRows, listAttributeRowsOf } from './attribute.store.js';
import { displayAttributeValue } from './attribute-value.js';
import {
  attributeRowsToAttributes,
  identityRowToIdentity,
  personEventToTimelineEvent,
} from './customer.mapping.js';
import type { CustomerProfile } from './customer.schemas.js';
import { listIdentitiesOf } from './identity.store.js';
import type { PeopleContext } from './people.context.js';
import { setPersonAttributes } from './person-attribute.service.js';
import { changePersonTags } from './person-tag.service.js';
import { requirePerson } from './person.service.js';
import { personTree } from './person.store.js';
import { visibleTagToPersonTag } from './tag.mapping.js';
import type { PersonTag } from './tag.schemas.js';
import { listVisibleTagsOf } from './tag.store.js';
import { iso } from './tag.mapping.js';

const recentEventCount = 20;

/** The profile page: identities, tags, attributes, the latest events. */
export async function getCustomerProfile(
  ctx: PeopleContext,
  workspaceId: string,
  personId: string,
  reveal: boolean,
): Promise<CustomerProfile> {
  const person = await requirePerson(ctx.db, workspaceId, personId);
  const [tree, identities, tags, definitions, attributes, events, conflicts] = await Promise.all([
    personTree(ctx.db, workspaceId, person.id),
    listIdentitiesOf(ctx.db, workspaceId, [person.id]),
    listVisibleTagsOf(ctx.db, workspaceId, [person.id]),
    listAttributeDefinitionRows(ctx.db, workspaceId),
    listAttributeRowsOf(ctx.db, workspaceId, [person.id]),
    ctx.timeline.listForPerson(workspaceId, person.id, { limit: recentEventCount }),
    ctx.db
      .selectFrom('identity_conflict')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('person_a_id', '=', person.id), eb('person_b_id', '=', person.id)]))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    id: person.id,
    requestedId: personId === person.id ? null : personId,
    displayName: person.display_name,
    avatarUrl: person.avatar_url,
    createdAt: iso(person.created_at),
    updatedAt: iso(person.updated_at),
    erasedAt: person.erased_at === null ? null : iso(person.erased_at),
    mergedPersonIds: tree.filter((id) => id !== person.id),
    identities: identities.map((row) => identityRowToIdentity(ctx, row, reveal)),
    tags: tags.map(visibleTagToPersonTag),
    attributes: attributeRowsToAttributes(ctx, definitions, attributes, reveal),
    recentEvents: events.map(personEventToTimelineEvent),
    openConflicts: Number(conflicts.count),
  };
}

/** Adds and removes tags on one customer (console/API): published, on the timeline, audited. */
export async function updateCustomerTags(
  ctx: PeopleContext,
  acting: Acting,
  personId: string,
  input: { add: readonly string[]; remove: readonly string[] },
): Promise<PersonTag[]> {
  const { workspaceId } = acting;
  return ctx.db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, workspaceId, personId, { writable: true });
    const before = await listVisibleTagsOf(trx, workspaceId, [person.id]);
    const changes = await changePersonTags(trx, ctx, {
      workspaceId,
      personIds: [person.id],
      add: input.add,
      remove: input.remove,
      source: 'manual',
      by: auditActor(acting).label,
    });
    const after = await listVisibleTagsOf(trx, workspaceId, [person.id]);
    if (changes.added.length + changes.removed.length > 0) {
      await recordAudit(trx, {
        ...acting,
        action: 'person.tags_changed',
        entityType: 'person',
        entityId: person.id,
        before: { tags: before.map((t) => t.tag_name) },
        after: { tags: after.map((t) => t.tag_name) },
        at: ctx.clock.now(),
      });
    }
    return after.map(visibleTagToPersonTag);
  });
}

/**
 * Sets attributes of one customer (`{key: value}`, null clears), validated against their
 * definitions. Audited with personal values masked.
 */
export async function updateCustomerAttributes(
  ctx: PeopleContext,
  acting: Acting,
  personId: string,
  values: Record<string, unknown>,
): Promise<PersonAttribute[]> {
  const { workspaceId } = acting;
  return ctx.db.transaction().execute(async (trx) => {
    const changes = await setPersonAttributes(trx, ctx, { workspaceId, personId, values });
    const person = await requirePerson(trx, workspaceId, personId);
    if (changes.length > 0) {
      const masked = (pick: 'before' | 'after') =>
        Object.fromEntries(
          changes.map((c) => [c.key, displayAttributeValue(c.definition, c[pick], false).value]),
        );
      await recordAudit(trx, {
        ...acting,
        action: 'person.attributes_changed',
        entityType: 'person',
        entityId: person.id,
        before: masked('before'),
        after: masked('after'),
        at: ctx.clock.now(),
      });
    }
    const [definitions, rows] = await Promise.all([
      listAttributeDefinitionRows(trx, workspaceId),
      listAttributeRowsOf(trx, workspaceId, [person.id]),
    ]);
    return attributeRowsToAttributes(ctx, definitions, rows, revealsPii(acting));
  });
}
