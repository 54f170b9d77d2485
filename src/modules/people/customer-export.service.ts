import { employeeNames } from '../employees/index.js';
import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import type { Locale } from '../workspace/workspace.table.js';
import { revealsPii } from './acting.js';
import { decodeAttributeValue, displayAttributeValue } from './attribute-value.js';
import { listAttributeDefinitionRows, listAttributeRowsOf } from './attribute.store.js';
import type { AttributeDefinitionRow, PersonAttributeRow } from './attribute.table.js';
import { csvRow, utf8Bom } from './customer-export.csv.js';
import { exportLabels, listSeparator } from './customer-export.labels.js';
import type { CustomerCursor } from './customer-list.cursor.js';
import { loadListDetails, type ListDetails } from './customer-list.details.js';
import { displayPhone, type ListedPerson } from './customer-list.mapping.js';
import type { CustomerFilter } from './customer-list.schemas.js';
import { defaultCustomerSort, findCustomerPage, prepareSearch } from './customer-list.service.js';
import type { PeopleContext } from './people.context.js';
import { maskPhone, normalizePhone } from './phone.js';
import { iso } from './tag.mapping.js';

/** Rows per keyset page: memory stays flat whatever the number of customers. */
export const exportPageSize = 1000;

export interface CustomerExport {
  /** The CSV, BOM and header first, produced page by page as the consumer reads. */
  chunks(): AsyncGenerator<string>;
}

/**
 * Exports the customers a filter matches (in the caller's scope) as CSV: id, name, phones
 * (masked without customers.pii), tags, following employees, added at (ISO), follows OA,
 * then one column per attribute. The filter is validated up front (400 before any byte is
 * sent). When the stream ends, or stops early, the audit log records the filter and the
 * number of rows sent.
 */
export async function exportCustomers(
  ctx: PeopleContext,
  acting: Acting,
  filter: CustomerFilter,
  locale: Locale,
  options: { pageSize?: number } = {},
): Promise<CustomerExport> {
  const prepared = await prepareSearch(ctx, acting, filter, 'body', defaultCustomerSort);
  const definitions = await listAttributeDefinitionRows(ctx.db, acting.workspaceId);
  const reveal = revealsPii(acting);
  const labels = exportLabels[locale];
  const page = async (cursor: CustomerCursor | undefined) => {
    const { rows, next } = await findCustomerPage(
      ctx,
      prepared,
      defaultCustomerSort,
      cursor,
      options.pageSize ?? exportPageSize,
    );
    if (rows.length === 0) return { text: '', count: 0, next };
    const ids = rows.map((r) => r.id);
    const [details, attributeRows] = await Promise.all([
      loadListDetails(ctx.db, acting.workspaceId, ids),
      listAttributeRowsOf(ctx.db, acting.workspaceId, ids),
    ]);
    const attributes = new Map(attributeRows.map((r) => [`${r.person_id}\u0000${r.key}`, r]));
    const names = await employeeNames(
      ctx.db,
      acting.workspaceId,
      [...details.follows.values()].flat().map((f) => f.employee_user_id),
    );
    const row = (person: ListedPerson) =>
      csvRow([
        person.id,
        person.display_name,
        (details.phones.get(person.id) ?? [])
          .map((sealed) => displayPhone(ctx, sealed, reveal))
          .join(listSeparator),
        (details.tags.get(person.id) ?? []).map((t) => t.tag_name).join(listSeparator),
        employeesOf(details, person.id, names).join(listSeparator),
        person.added_at === null ? null : iso(person.added_at),
        details.followsOa.has(person.id) ? labels.yes : labels.no,
        ...definitions.map((def) => attributeCell(ctx, def, attributes, person.id, reveal, labels)),
      ]);
    return { text: rows.map(row).join(''), count: rows.length, next };
  };

  return {
    async *chunks() {
      let rows = 0;
      let completed = false;
      try {
        yield utf8Bom + csvRow([...labels.columns, ...definitions.map((d) => d.label)]);
        let cursor: CustomerCursor | undefined;
        do {
          const result = await page(cursor);
          rows += result.count;
          if (result.text !== '') yield result.text;
          cursor = result.next;
        } while (cursor);
        completed = true;
      } finally {
        await recordAudit(ctx.db, {
          ...acting,
          action: 'customers.exported',
          entityType: 'customer_list',
          entityId: null,
          after: { filter: auditedFilter(filter, definitions), rows, completed, locale },
          at: ctx.clock.now(),
        });
      }
    },
  };
}

/**
 * The filter as the audit log keeps it: personal values masked (a phone searched for, the
 * values of personal attributes), each attribute condition naming its attribute as
 * `attribute` (the log drops fields called `key`).
 */
function auditedFilter(filter: CustomerFilter, definitions: AttributeDefinitionRow[]) {
  const personal = new Set(definitions.filter((d) => d.pii === 1).map((d) => d.key));
  const phone = filter.q ? normalizePhone(filter.q) : null;
  return {
    ...filter,
    ...(filter.q !== undefined ? { q: phone ? maskPhone(phone) : filter.q } : {}),
    ...(filter.attributes
      ? {
          attributes: filter.attributes.map(({ key, ...condition }) => ({
            attribute: key,
            ...condition,
            ...(personal.has(key) && 'value' in condition ? { value: '***' } : {}),
          })),
        }
      : {}),
  };
}

function employeesOf(details: ListDetails, personId: string, names: Map<string, string>) {
  return (details.follows.get(personId) ?? [])
    .filter((f) => f.status === 'active')
    .map((f) => names.get(f.employee_user_id) ?? f.employee_user_id);
}

function attributeCell(
  ctx: PeopleContext,
  def: AttributeDefinitionRow,
  rows: ReadonlyMap<string, PersonAttributeRow>,
  personId: string,
  reveal: boolean,
  labels: { yes: string; no: string },
): string | number | null {
  const row = rows.get(`${personId}\u0000${def.key}`);
  if (!row) return null;
  const { value } = displayAttributeValue(def, decodeAttributeValue(def, row, ctx.pii), reveal);
  if (typeof value === 'boolean') return value ? labels.yes : labels.no;
  return value;
}
