import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { isUniqueViolation } from '../workspace/workspace.context.js';
import { attributeDefinitionRowToDefinition } from './attribute.mapping.js';
import type {
  AttributeDefinition,
  CreateAttributeDefinitionInput,
  UpdateAttributeDefinitionInput,
} from './attribute.schemas.js';
import {
  deleteAttributeDefinitionRow,
  findAttributeDefinition,
  insertAttributeDefinition,
  listAttributeDefinitionRows,
  updateAttributeDefinitionRow,
} from './attribute.store.js';
import type { AttributeDefinitionRow } from './attribute.table.js';
import type { PeopleContext } from './people.context.js';

const definitionNotFound = () => new AppError('not_found', 'Attribute not found');

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', 'The request is not valid', [
    { path: `body/${path}`, message },
  ]);
}

/** The audit log drops fields named `key` (it takes them for secrets): log it as `attribute`. */
const audited = ({ key, ...rest }: AttributeDefinition) => ({ attribute: key, ...rest });

export async function listAttributeDefinitions(
  ctx: PeopleContext,
  workspaceId: string,
): Promise<AttributeDefinition[]> {
  return (await listAttributeDefinitionRows(ctx.db, workspaceId)).map(
    attributeDefinitionRowToDefinition,
  );
}

export async function createAttributeDefinition(
  ctx: PeopleContext,
  acting: Acting,
  input: CreateAttributeDefinitionInput,
): Promise<AttributeDefinition> {
  if (input.type === 'enum' && !input.enumOptions) {
    throw invalid('enumOptions', 'an enum attribute needs its options');
  }
  if (input.type !== 'enum' && input.enumOptions) {
    throw invalid('enumOptions', 'only enum attributes have options');
  }
  const now = ctx.clock.now();
  const row: AttributeDefinitionRow = {
    id: newId(now),
    workspace_id: acting.workspaceId,
    key: input.key,
    label: input.label,
    type: input.type,
    enum_options: input.enumOptions ? JSON.stringify(input.enumOptions) : null,
    pii: input.pii ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  const definition = attributeDefinitionRowToDefinition(row);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertAttributeDefinition(trx, row);
      await recordAudit(trx, {
        ...acting,
        action: 'attribute_definition.created',
        entityType: 'attribute_definition',
        entityId: row.id,
        after: audited(definition),
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `An attribute with the key ${input.key} already exists`);
    }
    throw error;
  }
  return definition;
}

/** Changes the label or the enum options (values already stored stay as they are). */
export async function updateAttributeDefinition(
  ctx: PeopleContext,
  acting: Acting,
  id: string,
  input: UpdateAttributeDefinitionInput,
): Promise<AttributeDefinition> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findAttributeDefinition(trx, acting.workspaceId, id);
    if (!row) throw definitionNotFound();
    if (input.enumOptions && row.type !== 'enum') {
      throw invalid('enumOptions', 'only enum attributes have options');
    }
    const now = ctx.clock.now();
    const next: AttributeDefinitionRow = {
      ...row,
      label: input.label ?? row.label,
      enum_options: input.enumOptions ? JSON.stringify(input.enumOptions) : row.enum_options,
      updated_at: now,
    };
    await updateAttributeDefinitionRow(trx, acting.workspaceId, id, {
      label: next.label,
      enum_options: next.enum_options,
      updated_at: now,
    });
    const after = attributeDefinitionRowToDefinition(next);
    await recordAudit(trx, {
      ...acting,
      action: 'attribute_definition.updated',
      entityType: 'attribute_definition',
      entityId: id,
      before: audited(attributeDefinitionRowToDefinition(row)),
      after: audited(after),
      at: now,
    });
    return after;
  });
}

/** Deletes the attribute and its value on every person. */
export async function deleteAttributeDefinition(
  ctx: PeopleContext,
  acting: Acting,
  id: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findAttributeDefinition(trx, acting.workspaceId, id);
    if (!row) throw definitionNotFound();
    const values = await deleteAttributeDefinitionRow(trx, acting.workspaceId, row);
    await recordAudit(trx, {
      ...acting,
      action: 'attribute_definition.deleted',
      entityType: 'attribute_definition',
      entityId: id,
      before: audited(attributeDefinitionRowToDefinition(row)),
      after: { valuesDeleted: values },
      at: ctx.clock.now(),
    });
  });
}
