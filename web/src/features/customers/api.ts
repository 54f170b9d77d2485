import { api, request, requestFile, segment } from '../../api/client';
import type {
  AttributeDefinition,
  AttributeValue,
  CustomerFilter,
  CustomerPage,
  CustomerSearch,
  CustomerSort,
  CustomerSortField,
  Merge,
  PersonAttribute,
  PersonTag,
  ProfileView,
  TagGroup,
  TimelinePage,
} from './types';

export type * from './types';

export type SortField = CustomerSortField;
export type SortOrder = CustomerSort['order'];

export interface Employee {
  userId: string;
  name: string;
}

const ws = (slug: string) => `/api/workspaces/${segment(slug)}`;
const customer = (slug: string, personId: string) => `${ws(slug)}/customers/${segment(personId)}`;

export const searchCustomers = (slug: string, search: CustomerSearch, signal?: AbortSignal) =>
  api.post<CustomerPage>(`${ws(slug)}/customers/search`, search, { signal });

export const countCustomers = (slug: string, filter: CustomerFilter, signal?: AbortSignal) =>
  api
    .post<{ count: number }>(`${ws(slug)}/customers/count`, filter, { signal })
    .then((r) => r.count);

export const exportCustomers = (slug: string, filter: CustomerFilter, lang: string) =>
  requestFile('POST', `${ws(slug)}/customers/export?lang=${encodeURIComponent(lang)}`, {
    body: filter,
  });

export const listTagGroups = (slug: string, signal?: AbortSignal) =>
  api.get<{ items: TagGroup[] }>(`${ws(slug)}/tag-groups`, { signal }).then((r) => r.items);

export const listAttributeDefinitions = (slug: string, signal?: AbortSignal) =>
  api
    .get<{ items: AttributeDefinition[] }>(`${ws(slug)}/attribute-definitions`, { signal })
    .then((r) => r.items);

/** The workspace's WeCom employees (for the employee filter); first page, by name. */
export const listEmployees = (slug: string, signal?: AbortSignal) =>
  api
    .get<{ items: Employee[] }>(`${ws(slug)}/employees?limit=200`, { signal })
    .then((r) => r.items);

export const getCustomer = (slug: string, personId: string, signal?: AbortSignal) =>
  api.get<ProfileView>(customer(slug, personId), { signal });

export const getTimeline = (
  slug: string,
  personId: string,
  before: string | null,
  signal?: AbortSignal,
) =>
  api.get<TimelinePage>(
    `${customer(slug, personId)}/timeline?limit=20${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    { signal },
  );

export const changeCustomerTags = (
  slug: string,
  personId: string,
  change: { add?: string[]; remove?: string[] },
) =>
  api.post<{ items: PersonTag[] }>(`${customer(slug, personId)}/tags`, change).then((r) => r.items);

export const setCustomerAttributes = (
  slug: string,
  personId: string,
  values: Record<string, AttributeValue>,
) =>
  request<{ items: PersonAttribute[] }>('PUT', `${customer(slug, personId)}/attributes`, {
    body: values,
  }).then((r) => r.items);

export const listMerges = (slug: string, personId: string, signal?: AbortSignal) =>
  api
    .get<{ items: Merge[] }>(`${customer(slug, personId)}/merges`, { signal })
    .then((r) => r.items);

export const undoMerge = (slug: string, mergeId: string) =>
  api.post<Merge>(`${ws(slug)}/merges/${segment(mergeId)}/undo`);
