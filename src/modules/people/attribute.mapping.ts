import type { AttributeDefinition } from './attribute.schemas.js';
import type { AttributeDefinitionRow } from './attribute.table.js';
import { enumOptionsOf } from './attribute-value.js';
import { iso } from './tag.mapping.js';

export function attributeDefinitionRowToDefinition(
  row: AttributeDefinitionRow,
): AttributeDefinition {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type,
    enumOptions: row.type === 'enum' ? enumOptionsOf(row) : null,
    pii: row.pii === 1,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
