import { useCallback, useEffect, useRef, useState } from 'react';
import {
  countCustomers,
  searchCustomers,
  type CustomerFilter,
  type CustomerListItem,
  type SortField,
  type SortOrder,
} from '../api';

const pageSize = 50;

interface State {
  items: CustomerListItem[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  total: number | undefined;
}

/**
 * Keyset-paged customer search: the first page whenever `filterKey` changes, more with
 * `loadMore`; the total is counted separately so the page query stays fast.
 */
export function useCustomerSearch(
  slug: string,
  filter: CustomerFilter | undefined,
  sort: { field: SortField; order: SortOrder },
  filterKey: string,
) {
  const [state, setState] = useState<State>({
    items: [],
    nextCursor: null,
    loading: true,
    error: undefined,
    total: undefined,
  });
  const controller = useRef<AbortController | null>(null);
  const [generation, setGeneration] = useState(0);

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      if (!filter) return;
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      try {
        const page = await searchCustomers(
          slug,
          { ...filter, sort, limit: pageSize, cursor: cursor ?? undefined },
          abort.signal,
        );
        setState((s) => ({
          ...s,
          items: cursor ? [...s.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loading: false,
        }));
      } catch (error) {
        if (!abort.signal.aborted) setState((s) => ({ ...s, error, loading: false }));
      }
    },
    // `filterKey` stands for `filter` and `sort`.
    [slug, filterKey, filter !== undefined],
  );

  useEffect(() => {
    if (!filter) return;
    void fetchPage(null);
    const abort = new AbortController();
    setState((s) => ({ ...s, total: undefined }));
    countCustomers(slug, filter, abort.signal).then(
      (total) => setState((s) => ({ ...s, total })),
      () => undefined,
    );
    return () => {
      abort.abort();
      controller.current?.abort();
    };
  }, [fetchPage, generation]);

  return {
    ...state,
    hasMore: state.nextCursor !== null,
    loadMore: () => void fetchPage(state.nextCursor),
    reload: () => setGeneration((n) => n + 1),
  };
}
