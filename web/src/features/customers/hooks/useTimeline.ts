import { useCallback, useEffect, useState } from 'react';
import { getTimeline, type TimelineEvent } from '../api';

/** A customer's timeline, newest first, a page at a time; `version` changes reload it. */
export function useTimeline(slug: string, personId: string, version: number) {
  const [items, setItems] = useState<TimelineEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);

  const load = useCallback(
    async (before: string | null, signal?: AbortSignal) => {
      setLoading(true);
      try {
        const page = await getTimeline(slug, personId, before, signal);
        setItems((previous) => (before ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        if (!signal?.aborted) setError(e);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [slug, personId],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
  }, [load, version]);

  return { items, loading, error, hasMore: cursor !== null, loadMore: () => void load(cursor) };
}
