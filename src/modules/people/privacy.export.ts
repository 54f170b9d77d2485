import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { revealsPii } from './acting.js';
import { listAttributeDefinitionRows, listAttributeRowsOf } from './attribute.store.js';
import { decodeAttributeValue, displayAttributeValue } from './attribute-value.js';
import { listConflictsOf } from './conflict.store.js';
import { requireVisiblePerson } from './customer-scope.js';
import { identityRowToIdentity, personEventToTimelineEvent } from './customer.mapping.js';
import { listIdentitiesOf } from './identity.store.js';
import { explainMerges } from './merge.explain.js';
import { listMergesOf } from './merge.store.js';
import type { PeopleContext } from './people.context.js';
import { findPersons, personTree } from './person.store.js';
import { iso } from './tag.mapping.js';
import type { PersonEvent } from './timeline.store.js';

/**
 * Everything Siyu holds about a person (and the persons merged into it), as JSON: profile,
 * identities, tag links, attribute values (also those kept from merged-in persons), the
 * whole timeline, merges and conflicts, and what other modules hold. Personal values are in
 * the clear only for callers with customers.pii (others get them masked). A customer outside
 * the caller's scope answers 404. Audited.
 */
export async function exportPerson(ctx: PeopleContext, acting: Acting, personId: string) {
  const { workspaceId } = acting;
  const reveal = revealsPii(acting);
  const person = await requireVisiblePerson(ctx, acting, personId);
  const tree = await personTree(ctx.db, workspaceId, person.id);
  const [persons, identities, links, definitions, values, merges, conflicts] = await Promise.all([
    findPersons(ctx.db, workspaceId, tree),
    listIdentitiesOf(ctx.db, workspaceId, [person.id]),
    ctx.db
      .selectFrom('person_tag')
      .innerJoin('tag', 'tag.id', 'person_tag.tag_id')
      .select([
        'person_tag.tag_id',
        'tag.name',
        'person_tag.home_person_id',
        'person_tag.source',
        'person_tag.added_by',
        'person_tag.added_at',
        'person_tag.shadowed',
      ])
      .where('person_tag.workspace_id', '=', workspaceId)
      .where('person_tag.person_id', '=', person.id)
      .execute(),
    listAttributeDefinitionRows(ctx.db, workspaceId),
    listAttributeRowsOf(ctx.db, workspaceId, [person.id], { withShadowed: true }),
    listMergesOf(ctx.db, workspaceId, tree),
    listConflictsOf(ctx.db, workspaceId, tree),
  ]);
  const events: PersonEvent[] = [];
  for (;;) {
    const last = events[events.length - 1];
    const page = await ctx.timeline.listForPerson(workspaceId, person.id, {
      limit: 1000,
      ...(last ? { before: { occurredAt: last.occurredAt, id: last.id } } : {}),
    });
    events.push(...page);
    if (page.length < 1000) break;
  }
  const other: Record<string, unknown> = {};
  for (const table of ctx.personOwned.list()) {
    if (table.export) {
      other[table.name] = await table.export(ctx.db, {
        workspaceId,
        personIds: tree,
        at: ctx.clock.now(),
      });
    }
  }
  const definition = new Map(definitions.map((d) => [d.key, d]));
  const exported = {
    exportedAt: iso(ctx.clock.now()),
    personalDataMasked: !reveal,
    person: {
      id: person.id,
      displayName: person.display_name,
      avatarUrl: person.avatar_url,
      createdAt: iso(person.created_at),
      erasedAt: person.erased_at === null ? null : iso(person.erased_at),
    },
    mergedPersons: persons
      .filter((p) => p.id !== person.id)
      .map((p) => ({ id: p.id, displayName: p.display_name, createdAt: iso(p.created_at) })),
    identities: identities.map((row) => ({
      ...identityRowToIdentity(ctx, row, reveal),
      recordedFor: row.home_person_id,
    })),
    tags: links.map((l) => ({
      tagId: l.tag_id,
      name: l.name,
      source: l.source,
      addedBy: l.added_by,
      addedAt: iso(l.added_at),
      recordedFor: l.home_person_id,
      hidden: l.shadowed === 1,
    })),
    attributes: values.flatMap((row) => {
      const def = definition.get(row.key);
      if (!def) return [];
      const shown = displayAttributeValue(def, decodeAttributeValue(def, row, ctx.pii), reveal);
      return [
        {
          key: row.key,
          label: def.label,
          ...shown,
          updatedAt: iso(row.updated_at),
          recordedFor: row.home_person_id,
          hidden: row.shadowed === 1,
        },
      ];
    }),
    events: events.map(personEventToTimelineEvent),
    merges: await explainMerges(ctx, workspaceId, merges, { reveal }),
    conflicts: conflicts.map((c) => ({
      id: c.id,
      kind: c.kind,
      reason: c.reason,
      status: c.status,
      createdAt: iso(c.created_at),
    })),
    other,
  };
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, {
      ...acting,
      action: 'person.exported',
      entityType: 'person',
      entityId: person.id,
      after: {
        personalDataMasked: !reveal,
        identities: exported.identities.length,
        events: exported.events.length,
      },
      at: ctx.clock.now(),
    }),
  );
  return exported;
}

export type PersonExport = Awaited<ReturnType<typeof exportPerson>>;
