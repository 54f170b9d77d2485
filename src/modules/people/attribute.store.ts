import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { AttributeDefinitionRow, PersonAttributeRow } from './attribute.table.js';

type Db = Kysely<Database>;

export function listAttributeDefinitionRows(
  db: Db,
  workspaceId: string,
): Promise<AttributeDefinitionRow[]> {
  return db
    .selectFrom('attribute_definition')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
}

export function findAttributeDefinition(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('attribute_definition')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAttributeDefinition(db: Db, row: AttributeDefinitionRow) {
  await db.insertInto('attribute_definition').values(row).execute();
}

export async function updateAttributeDefinitionRow(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<AttributeDefinitionRow, 'label' | 'enum_options' | 'updated_at'>>,
) {
  await db
    .updateTable('attribute_definition')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Deletes a definition and every value of it. Returns how many values went. */
export async function deleteAttributeDefinitionRow(
  db: Db,
  workspaceId: string,
  def: AttributeDefinitionRow,
): Promise<number> {
  const values = await db
    .deleteFrom('person_attribute')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', def.key)
    .executeTakeFirst();
  await db
    .deleteFrom('attribute_definition')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', def.id)
    .execute();
  return Number(values.numDeletedRows);
}

/** Attribute rows of persons: visible ones only unless `withShadowed`. */
export function listAttributeRowsOf(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
  options: { withShadowed?: boolean } = {},
): Promise<PersonAttributeRow[]> {
  let q = db
    .selectFrom('person_attribute')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', [...personIds]);
  if (!options.withShadowed) q = q.where('shadowed', '=', 0);
  return q.orderBy('key').execute();
}
