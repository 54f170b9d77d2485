import type { PersonAttribute } from './attribute.schemas.js';
import type { AttributeDefinitionRow, PersonAttributeRow } from './attribute.table.js';
import { decodeAttributeValue, displayAttributeValue } from './attribute-value.js';
import type { Identity, TimelineEvent } from './customer.schemas.js';
import { displayIdentityValue } from './identity.display.js';
import type { PeopleContext } from './people.context.js';
import type { IdentityRow } from './person.table.js';
import { iso } from './tag.mapping.js';
import type { PersonEvent } from './timeline.store.js';

type Codecs = Pick<PeopleContext, 'identityKinds' | 'pii'>;

export function identityRowToIdentity(ctx: Codecs, row: IdentityRow, reveal: boolean): Identity {
  const pii = ctx.identityKinds.get(row.kind)?.pii ?? true;
  return {
    id: row.id,
    kind: row.kind,
    namespace: row.namespace,
    value: displayIdentityValue(ctx, row.kind, row.value, reveal)!,
    masked: pii && !reveal,
    verified: row.verified === 1,
    source: row.source,
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
  };
}

export function personEventToTimelineEvent(event: PersonEvent): TimelineEvent {
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    properties: event.properties,
    occurredAt: iso(event.occurredAt),
    recordedAt: iso(event.recordedAt),
  };
}

/** Visible attribute values with their definitions, personal ones masked unless `reveal`. */
export function attributeRowsToAttributes(
  ctx: Codecs,
  definitions: readonly AttributeDefinitionRow[],
  rows: readonly PersonAttributeRow[],
  reveal: boolean,
): PersonAttribute[] {
  return definitions.flatMap((def) => {
    const row = rows.find((r) => r.key === def.key && r.shadowed === 0);
    if (!row) return [];
    const shown = displayAttributeValue(def, decodeAttributeValue(def, row, ctx.pii), reveal);
    return [
      {
        key: def.key,
        label: def.label,
        type: def.type,
        ...shown,
        updatedAt: iso(row.updated_at),
      },
    ];
  });
}
