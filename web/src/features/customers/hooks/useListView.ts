import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { listViewToParams, parseListView, type ListView } from '../filters';

/** The customer list's filters and sort, kept in the URL query (shareable, survives reload). */
export function useListView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseListView(params), [params]);
  const key = params.toString();
  const update = useCallback(
    (changes: Partial<ListView>) =>
      setParams((current) => listViewToParams({ ...parseListView(current), ...changes }), {
        replace: true,
      }),
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { view, key, update, reset };
}
