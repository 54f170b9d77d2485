import { useEffect, useState } from 'react';
import { useResource } from '../../../api/useResource';
import { getImportRun, isActive, listImportRuns, type ImportRun } from '../api';

/** How often a running import is asked for its progress. */
export const pollIntervalMs = 1500;

/**
 * The recent runs, and the active one (queued or running) polled until it ends; the list is
 * loaded again when it does. Opening the page while a run is going resumes showing it.
 */
export function useImportRuns(slug: string) {
  const runs = useResource((signal) => listImportRuns(slug, signal), [slug]);
  const [latest, setLatest] = useState<ImportRun | null>(null);
  const listed = runs.data?.find(isActive) ?? null;
  const active = latest && (!listed || latest.id === listed.id) ? latest : listed;
  const activeId = active && isActive(active) ? active.id : null;
  const { reload } = runs;

  useEffect(() => {
    if (!activeId) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      getImportRun(slug, activeId, controller.signal).then(
        (run) => {
          setLatest(run);
          if (isActive(run)) timer = setTimeout(poll, pollIntervalMs);
          else reload();
        },
        () => {
          if (!controller.signal.aborted) timer = setTimeout(poll, pollIntervalMs * 2);
        },
      );
    };
    timer = setTimeout(poll, pollIntervalMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [slug, activeId, reload]);

  return {
    runs,
    /** The run to show on top: the active one, or the one that just ended. */
    current: active,
    /** After starting or cancelling: show this state now and poll from there. */
    update: (run: ImportRun) => {
      setLatest(run);
      reload();
    },
  };
}
