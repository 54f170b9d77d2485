import { useEffect, useSyncExternalStore } from 'react';
import { fetchSandboxMode, type SandboxMode } from './api';

/**
 * Sandbox mode per workspace, shared by the menu, the Connections page and the Sandbox page;
 * loaded once, refreshed after a connection changes.
 */
const modes = new Map<string, SandboxMode>();
const listeners = new Set<() => void>();
const loading = new Map<string, Promise<void>>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the server again (after a connection was added, changed or removed). */
export function refreshSandboxMode(slug: string): Promise<void> {
  const pending = fetchSandboxMode(slug)
    .then(
      (mode) => {
        modes.set(slug, mode);
      },
      () => {
        // A user who may not see the workspace's connections never sees the sandbox either.
        modes.delete(slug);
      },
    )
    .finally(() => {
      loading.delete(slug);
      for (const listener of listeners) listener();
    });
  loading.set(slug, pending);
  return pending;
}

/** The workspace's sandbox mode; undefined while loading or when it could not be read. */
export function useSandboxMode(slug: string): SandboxMode | undefined {
  const mode = useSyncExternalStore(subscribe, () => modes.get(slug));
  useEffect(() => {
    if (!modes.has(slug) && !loading.has(slug)) void refreshSandboxMode(slug);
  }, [slug]);
  return mode;
}
