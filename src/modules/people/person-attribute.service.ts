import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { AppError } from '../../platform/http/errors.js';
import { listAttributeDefinitionRows, listAttributeRowsOf } from './attribute.store.js';
import type { AttributeDefinitionRow } from './attribute.table.js';
import {
  decodeAttributeValue,
  encodeAttributeValue,
  validateAttributeValue,
  type AttributeProblem,
} from './attribute-value.js';
import type { PeopleContext } from './people.context.js';
import { requirePerson } from './person.service.js';

type Db = Kysely<Database>;

export type PlainValue = string | number | boolean | null;

export interface AttributeChange {
  key: string;
  definition: AttributeDefinitionRow;
  before: PlainValue;
  after: PlainValue;
}

/**
 * Sets attributes of a person in `trx`: `{key: value}`, null clears. Every value is checked
 * against its definition first; if any fails, nothing is written and the error lists each
 * field with what it expected (400 `validation_failed`). Returns the changes (values in the
 * clear: mask personal ones before showing or auditing them).
 */
export async function setPersonAttributes(
  trx: Db,
  ctx: PeopleContext,
  input: { workspaceId: string; personId: string; values: Record<string, unknown> },
): Promise<AttributeChange[]> {
  const { workspaceId } = input;
  const definitions = new Map(
    (await listAttributeDefinitionRows(trx, workspaceId)).map((d) => [d.key, d]),
  );
  const problems: AttributeProblem[] = [];
  const valid: { definition: AttributeDefinitionRow; value: string | number | boolean | null }[] =
    [];
  for (const [key, value] of Object.entries(input.values)) {
    const definition = definitions.get(key);
    const problem = (expected: string, message: string) =>
      problems.push({ path: `body/${key}`, key, expected, message });
    if (!definition) {
      problem('a defined attribute', `${key} is not an attribute of this workspace`);
      continue;
    }
    if (value === null) {
      valid.push({ definition, value: null });
      continue;
    }
    const checked = validateAttributeValue(definition, value);
    if (checked.ok) valid.push({ definition, value: checked.value });
    else problem(checked.expected, `expected ${checked.expected}`);
  }
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'Some attribute values are not valid', problems);
  }

  const person = await requirePerson(trx, workspaceId, input.personId, { writable: true });
  const home = input.personId;
  const rows = await listAttributeRowsOf(trx, workspaceId, [person.id]);
  const at = ctx.clock.now();
  const changes: AttributeChange[] = [];
  for (const { definition, value } of valid) {
    const key = definition.key;
    const current = rows.find((r) => r.key === key);
    const before = current ? decodeAttributeValue(definition, current, ctx.pii) : null;
    if (before === value) continue;
    changes.push({ key, definition, before, after: value });
    const scope = trx
      .updateTable('person_attribute')
      .where('workspace_id', '=', workspaceId)
      .where('key', '=', key);
    if (value === null) {
      // Cleared on the merged person: values kept for merged-in persons go too.
      await trx
        .deleteFrom('person_attribute')
        .where('workspace_id', '=', workspaceId)
        .where('person_id', '=', person.id)
        .where('key', '=', key)
        .execute();
      continue;
    }
    const stored = encodeAttributeValue(definition, value, ctx.pii);
    if (current && current.home_person_id !== home) {
      // The visible value came from a merged-in person: keep it for an unmerge, hidden.
      await scope
        .set({ shadowed: 1 })
        .where('home_person_id', '=', current.home_person_id)
        .execute();
    }
    await trx
      .insertInto('person_attribute')
      .values({
        workspace_id: workspaceId,
        person_id: person.id,
        home_person_id: home,
        key,
        ...stored,
        updated_at: at,
        shadowed: 0,
      })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'home_person_id', 'key'])
          .doUpdateSet({ ...stored, person_id: person.id, updated_at: at, shadowed: 0 }),
      )
      .execute();
  }
  if (changes.length > 0) {
    await trx
      .updateTable('person')
      .set({ updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', person.id)
      .execute();
  }
  return changes;
}
