import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  /** True when the server has more after the items shown. */
  hasMore: boolean;
  /** Appends the next page. */
  loadMore(): void;
  /** Loads the first page again (after a change), keeping the current items on screen meanwhile. */
  reload(): void;
}

interface State<T> {
  items?: T[];
  next: string | null;
  error?: unknown;
  loading: boolean;
}

/**
 * A list the server pages with `nextCursor`: the first page when `deps` change, more on demand.
 * A request still running when `deps` change again, or the view goes away, is aborted.
 */
export function useCursorList<T>(
  load: (cursor: string | null, signal: AbortSignal) => Promise<CursorPage<T>>,
  deps: DependencyList,
): CursorList<T> {
  const [state, setState] = useState<State<T>>({ next: null, loading: true });
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback((cursor: string | null) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState((previous) => ({ ...previous, loading: true }));
    loadRef.current(cursor, current.signal).then(
      (page) => {
        if (current.signal.aborted) return;
        setState((previous) => ({
          items: cursor === null ? page.items : [...(previous.items ?? []), ...page.items],
          next: page.nextCursor,
          loading: false,
        }));
      },
      (error: unknown) => {
        if (!current.signal.aborted)
          setState((previous) => ({ ...previous, error, loading: false }));
      },
    );
  }, []);

  useEffect(() => {
    fetchPage(null);
    return () => controller.current?.abort();
    // `deps` stands for `load`'s inputs, as in useEffect.
  }, [...deps, generation, fetchPage]);

  const next = state.next;
  const loadMore = useCallback(() => {
    if (next !== null) fetchPage(next);
  }, [fetchPage, next]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  return {
    items: state.items,
    error: state.error,
    loading: state.loading,
    hasMore: next !== null,
    loadMore,
    reload,
  };
}
