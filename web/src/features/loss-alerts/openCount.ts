import { useEffect, useSyncExternalStore } from 'react';
import { listLossAlerts } from './api';

/** How many open alerts the badge counts at most ("99+" beyond). */
export const badgeLimit = 99;

/**
 * The number of open loss alerts per workspace, shared by the menu badge and the Loss alerts
 * page: loaded once, refreshed after an alert is handled. Undefined when unknown (still
 * loading, or the user may not read customers).
 */
const counts = new Map<string, number>();
const listeners = new Set<() => void>();
const loading = new Set<string>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the server again (after alerts were handled, or new ones listed). */
export async function refreshOpenLossAlerts(slug: string): Promise<void> {
  loading.add(slug);
  try {
    const page = await listLossAlerts(slug, { status: 'open', limit: badgeLimit + 1 });
    counts.set(slug, page.items.length);
  } catch {
    counts.delete(slug);
  } finally {
    loading.delete(slug);
    for (const listener of listeners) listener();
  }
}

export function useOpenLossAlertCount(slug: string, enabled: boolean): number | undefined {
  const count = useSyncExternalStore(subscribe, () => counts.get(slug));
  useEffect(() => {
    if (enabled && !counts.has(slug) && !loading.has(slug)) void refreshOpenLossAlerts(slug);
  }, [slug, enabled]);
  return enabled ? count : undefined;
}
