import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { auditActor, revealsPii } from './acting.js';
import type { PersonAttribute } from './attribute.schemas.js';
import { listAttributeDefinitionRows, listAttributeRowsOf } from './attribute.store.js';
import { displayAttributeValue } from './attribute-value.js';
import { requireVisiblePerson } from './customer-scope.js';
import { attributeRowsToAttributes } from './customer.mapping.js';
import type { PeopleContext } from './people.context.js';
import { setPersonAttributes } from './person-attribute.service.js';
import { changePersonTags } from './person-tag.service.js';
import { visibleTagToPersonTag } from './tag.mapping.js';
import type { PersonTag } from './tag.schemas.js';
import { listVisibleTagsOf } from './tag.store.js';

/** Adds and removes tags on one customer (console/API): published, on the timeline, audited. */
export async function updateCustomerTags(
  ctx: PeopleContext,
  acting: Acting,
  personId: string,
  input: { add: readonly string[]; remove: readonly string[] },
): Promise<PersonTag[]> {
  const { workspaceId } = acting;
  return ctx.db.transaction().execute(async (trx) => {
    const person = await requireVisiblePerson(ctx, acting, personId, { writable: true, db: trx });
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
    // The live person's own values, as for tags: an edit through a merged-away id stays with
    // the merged person when the merge is undone.
    const person = await requireVisiblePerson(ctx, acting, personId, { writable: true, db: trx });
    const changes = await setPersonAttributes(trx, ctx, {
      workspaceId,
      personId: person.id,
      values,
    });
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
