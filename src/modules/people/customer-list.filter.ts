import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { AppError } from '../../platform/http/errors.js';
import { validateAttributeValue } from './attribute-value.js';
import { listAttributeDefinitionRows } from './attribute.store.js';
import type { AttributeDefinitionRow, AttributeType } from './attribute.table.js';
import type { AttributeOp, CustomerFilter } from './customer-list.schemas.js';
import type { CustomerScope } from './customer-scope.js';
import type { PiiCodec } from './pii.js';
import { normalizePhone } from './phone.js';
import { findTags } from './tag.store.js';

/** An attribute condition checked against its definition, values encoded like the columns. */
export interface AttributeCondition {
  key: string;
  op: AttributeOp;
  column: 'value_text' | 'value_number' | 'value_hash';
  values: (string | number)[];
}

/** A validated filter, ready for the query builder. */
export interface CompiledFilter {
  workspaceId: string;
  scope: CustomerScope;
  /** Lowercased text for name/remark substrings; the phone's lookup key when q is a phone. */
  q?: { text: string; phoneKey: string | null };
  tagsAll: string[];
  tagsAny: string[];
  tagsNone: string[];
  employees?: string[];
  states?: string[];
  addedFrom?: number;
  addedTo?: number;
  followsOa?: boolean;
  attributes: AttributeCondition[];
}

interface Problem {
  path: string;
  message: string;
}

const opsByType: Record<AttributeType, readonly AttributeOp[]> = {
  text: ['eq', 'neq', 'contains', 'in', 'set', 'unset'],
  enum: ['eq', 'neq', 'in', 'set', 'unset'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'set', 'unset'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'set', 'unset'],
  boolean: ['eq', 'neq', 'set', 'unset'],
};
/** Personal values are sealed: only equality through their keyed hash. */
const piiOps: readonly AttributeOp[] = ['eq', 'neq', 'in', 'set', 'unset'];

/**
 * Checks a filter against the workspace (tags exist, attributes are defined and each
 * condition fits its type) and encodes it. Every problem is reported at once (400
 * `validation_failed`, details `[{path, message}]`). Without `revealsPii` (customers.pii),
 * personal values are not searched: a phone in `q` matches names and remarks only, and
 * personal attributes take `set` and `unset` only (else values masked on the profile could be
 * read back one guess at a time).
 */
export async function compileFilter(
  db: Kysely<Database>,
  pii: PiiCodec,
  workspaceId: string,
  scope: CustomerScope,
  filter: CustomerFilter,
  options: { pathPrefix: string; revealsPii: boolean },
): Promise<CompiledFilter> {
  const { pathPrefix, revealsPii } = options;
  const problems: Problem[] = [];
  const tags = filter.tags ?? {};
  const tagIds = [...(tags.all ?? []), ...(tags.any ?? []), ...(tags.none ?? [])];
  const known = new Set((await findTags(db, workspaceId, tagIds)).map((t) => t.id));
  for (const list of ['all', 'any', 'none'] as const) {
    (tags[list] ?? []).forEach((tagId, i) => {
      if (!known.has(tagId)) {
        problems.push({ path: `${pathPrefix}/tags/${list}/${i}`, message: `unknown tag ${tagId}` });
      }
    });
  }
  let attributes: AttributeCondition[] = [];
  if (filter.attributes && filter.attributes.length > 0) {
    const definitions = new Map(
      (await listAttributeDefinitionRows(db, workspaceId)).map((d) => [d.key, d]),
    );
    attributes = filter.attributes.flatMap((condition, i) => {
      const path = `${pathPrefix}/attributes/${i}`;
      const def = definitions.get(condition.key);
      if (!def) {
        problems.push({ path: `${path}/key`, message: `${condition.key} is not an attribute` });
        return [];
      }
      const compiled = compileAttributeCondition(def, condition, pii, revealsPii);
      if (typeof compiled === 'string') {
        problems.push({ path, message: compiled });
        return [];
      }
      return [compiled];
    });
  }
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'The customer filter is not valid', problems);
  }
  const q = filter.q?.trim();
  const phone = q && revealsPii ? normalizePhone(q) : null;
  return {
    workspaceId,
    scope,
    ...(q ? { q: { text: q.toLowerCase(), phoneKey: phone ? pii.hash(phone) : null } } : {}),
    tagsAll: unique(tags.all),
    tagsAny: unique(tags.any),
    tagsNone: unique(tags.none),
    ...(filter.employees ? { employees: unique(filter.employees) } : {}),
    ...(filter.states ? { states: unique(filter.states) } : {}),
    ...(filter.addedFrom !== undefined ? { addedFrom: filter.addedFrom } : {}),
    ...(filter.addedTo !== undefined ? { addedTo: filter.addedTo } : {}),
    ...(filter.followsOa !== undefined ? { followsOa: filter.followsOa } : {}),
    attributes,
  };
}

const unique = (list: readonly string[] | undefined): string[] => [...new Set(list ?? [])];

/** The condition encoded for its columns, or why it does not fit the attribute. */
function compileAttributeCondition(
  def: AttributeDefinitionRow,
  condition: { key: string; op: AttributeOp; value?: unknown },
  pii: PiiCodec,
  revealsPii: boolean,
): AttributeCondition | string {
  const { op, value } = condition;
  if (def.pii === 1 && !revealsPii && op !== 'set' && op !== 'unset') {
    return `${op} on personal attribute ${def.key} needs the customers.pii permission (set and unset do not)`;
  }
  const allowed =
    def.pii === 1 ? opsByType[def.type].filter((o) => piiOps.includes(o)) : opsByType[def.type];
  if (!allowed.includes(op)) {
    return `${op} does not apply to ${def.pii === 1 ? 'personal ' : ''}${def.type} attribute ${def.key} (use ${allowed.join(', ')})`;
  }
  const column = def.pii === 1 ? 'value_hash' : columnOf(def.type);
  if (op === 'set' || op === 'unset') {
    return value === undefined ? { key: def.key, op, column, values: [] } : `${op} takes no value`;
  }
  if (op === 'contains') {
    return typeof value === 'string' && value.length > 0
      ? { key: def.key, op, column, values: [value.toLowerCase()] }
      : 'contains needs a non-empty text';
  }
  const raw = op === 'in' ? value : [value];
  if (!Array.isArray(raw) || (op !== 'in' && Array.isArray(value))) {
    return op === 'in' ? 'in needs an array of values' : `${op} needs one value`;
  }
  const values: (string | number)[] = [];
  for (const item of raw as unknown[]) {
    const checked = validateAttributeValue(def, item);
    if (!checked.ok) return `${def.key}: expected ${checked.expected}`;
    values.push(encodeForCompare(def, checked.value, pii));
  }
  return { key: def.key, op, column, values };
}

function columnOf(type: AttributeType): AttributeCondition['column'] {
  return type === 'text' || type === 'enum' ? 'value_text' : 'value_number';
}

/** Like `encodeAttributeValue`: the column value a stored equal value has. */
function encodeForCompare(
  def: AttributeDefinitionRow,
  value: string | number | boolean,
  pii: PiiCodec,
): string | number {
  if (def.pii === 1) return pii.hash(String(value));
  switch (def.type) {
    case 'boolean':
      return value ? 1 : 0;
    case 'date':
      return Date.parse(`${value as string}T00:00:00Z`);
    default:
      return value as string | number;
  }
}
