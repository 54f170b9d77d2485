import { useCursorList } from '../../../api/useCursorList';
import { useResource } from '../../../api/useResource';
import {
  countCustomers,
  searchCustomers,
  type CustomerFilter,
  type CustomerListItem,
  type SortField,
  type SortOrder,
} from '../api';

const pageSize = 50;

/** Stays pending: nothing is asked before the filter is known (the list shows as loading). */
const notYet = <T>() => new Promise<T>(() => undefined);

/**
 * Keyset-paged customer search: the first page whenever `viewKey` (the filter and sort) changes,
 * more with `loadMore`; the total is counted by a separate request so the page query stays fast.
 */
export function useCustomerSearch(
  slug: string,
  filter: CustomerFilter | undefined,
  sort: { field: SortField; order: SortOrder },
  viewKey: string,
) {
  const pages = useCursorList<CustomerListItem>(
    (cursor, signal) =>
      filter
        ? searchCustomers(
            slug,
            { ...filter, sort, limit: pageSize, cursor: cursor ?? undefined },
            signal,
          )
        : notYet(),
    [slug, viewKey],
  );
  const total = useResource(
    (signal) => (filter ? countCustomers(slug, filter, signal) : notYet<number>()),
    [slug, viewKey],
  );
  return { ...pages, total: total.loading ? undefined : total.data };
}
