import type { AttributeDefinition, AttributeOp, CustomerFilter, SortField, SortOrder } from './api';

type AttributeCondition = NonNullable<CustomerFilter['attributes']>[number];

/**
 * The customer list's view as the URL holds it (so a view can be shared and reloaded):
 * `?q=…&all=t1,t2&any=…&none=…&emp=…&state=…&from=2026-01-01&to=…&oa=yes&attr=vip:eq:true&sort=addedAt.desc`.
 * Values stay as typed; `toCustomerFilter` turns them into the API's filter.
 */
export interface ListView {
  q: string;
  tagsAll: string[];
  tagsAny: string[];
  tagsNone: string[];
  employees: string[];
  states: string[];
  /** Local calendar days, YYYY-MM-DD. */
  from: string;
  to: string;
  followsOa: 'yes' | 'no' | '';
  attributes: { key: string; op: AttributeOp; value: string }[];
  sort: { field: SortField; order: SortOrder };
}

export const sortFields: SortField[] = ['addedAt', 'createdAt', 'name', 'updatedAt'];
export const defaultSort = { field: 'addedAt', order: 'desc' } as const;

/** The operators that make sense for each attribute type. */
export const opsForType: Record<AttributeDefinition['type'], AttributeOp[]> = {
  text: ['eq', 'neq', 'contains', 'in', 'set', 'unset'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'set', 'unset'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'set', 'unset'],
  enum: ['eq', 'neq', 'in', 'set', 'unset'],
  boolean: ['eq', 'set', 'unset'],
};

/** Personal values are sealed: equality through their keyed hash, and only for customers.pii. */
const piiOps: readonly AttributeOp[] = ['eq', 'neq', 'in', 'set', 'unset'];

/** The operators the server takes for an attribute, for a caller with or without customers.pii. */
export function opsFor(def: AttributeDefinition | undefined, revealsPii: boolean): AttributeOp[] {
  if (!def) return [];
  if (!def.pii) return opsForType[def.type];
  return opsForType[def.type].filter((op) =>
    revealsPii ? piiOps.includes(op) : op === 'set' || op === 'unset',
  );
}

export const opNeedsValue = (op: AttributeOp) => op !== 'set' && op !== 'unset';

const list = (params: URLSearchParams, name: string) =>
  (params.get(name) ?? '').split(',').filter((value) => value !== '');

const knownOps = new Set<string>(Object.values(opsForType).flat());
const isOp = (value: string): value is AttributeOp => knownOps.has(value);

function parseCondition(raw: string): ListView['attributes'][number] | null {
  const [key = '', op = '', ...rest] = raw.split(':');
  return key !== '' && isOp(op) ? { key, op, value: rest.join(':') } : null;
}

function parseSort(raw: string | null): ListView['sort'] {
  const [field, order] = (raw ?? '').split('.');
  return sortFields.includes(field as SortField) && (order === 'asc' || order === 'desc')
    ? { field: field as SortField, order }
    : defaultSort;
}

export function parseListView(params: URLSearchParams): ListView {
  const oa = params.get('oa');
  return {
    q: params.get('q') ?? '',
    tagsAll: list(params, 'all'),
    tagsAny: list(params, 'any'),
    tagsNone: list(params, 'none'),
    employees: list(params, 'emp'),
    states: list(params, 'state'),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    followsOa: oa === 'yes' || oa === 'no' ? oa : '',
    attributes: params
      .getAll('attr')
      .map(parseCondition)
      .filter((c) => c !== null),
    sort: parseSort(params.get('sort')),
  };
}

export function listViewToParams(view: ListView): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: string) => value !== '' && params.set(name, value);
  set('q', view.q.trim());
  set('all', view.tagsAll.join(','));
  set('any', view.tagsAny.join(','));
  set('none', view.tagsNone.join(','));
  set('emp', view.employees.join(','));
  set('state', view.states.join(','));
  set('from', view.from);
  set('to', view.to);
  set('oa', view.followsOa);
  for (const c of view.attributes) params.append('attr', `${c.key}:${c.op}:${c.value}`);
  if (view.sort.field !== defaultSort.field || view.sort.order !== defaultSort.order) {
    params.set('sort', `${view.sort.field}.${view.sort.order}`);
  }
  return params;
}

/** Local midnight of a YYYY-MM-DD day (or of the day after it), in epoch ms. */
function dayStart(day: string, nextDay = false): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return new Date(y, m - 1, d + (nextDay ? 1 : 0)).getTime();
}

/** A typed value from the URL's text: numbers for number attributes, booleans for boolean ones. */
function typedValue(type: AttributeDefinition['type'] | undefined, raw: string): string | number {
  return type === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
}

function toCondition(
  c: ListView['attributes'][number],
  definitions: readonly AttributeDefinition[],
): AttributeCondition {
  if (!opNeedsValue(c.op)) return { key: c.key, op: c.op };
  const type = definitions.find((d) => d.key === c.key)?.type;
  if (type === 'boolean') return { key: c.key, op: c.op, value: c.value === 'true' };
  if (c.op === 'in') {
    const values = c.value.split(',').map((v) => typedValue(type, v.trim()));
    return { key: c.key, op: c.op, value: values };
  }
  return { key: c.key, op: c.op, value: typedValue(type, c.value) };
}

const nonEmpty = <T>(values: T[]) => (values.length > 0 ? values : undefined);

/** The API filter for a view (attribute values typed by their definitions). */
export function toCustomerFilter(
  view: ListView,
  definitions: readonly AttributeDefinition[],
): CustomerFilter {
  const tags = {
    all: nonEmpty(view.tagsAll),
    any: nonEmpty(view.tagsAny),
    none: nonEmpty(view.tagsNone),
  };
  return {
    q: view.q.trim() || undefined,
    tags: tags.all || tags.any || tags.none ? tags : undefined,
    employees: nonEmpty(view.employees),
    states: nonEmpty(view.states),
    addedFrom: dayStart(view.from),
    // The server's upper bound is exclusive: the day after the last day shown.
    addedTo: dayStart(view.to, true),
    followsOa: view.followsOa === '' ? undefined : view.followsOa === 'yes',
    attributes: nonEmpty(view.attributes.map((c) => toCondition(c, definitions))),
  };
}
