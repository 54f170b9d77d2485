import { useCallback, useState } from 'react';
import type { MessageKey } from '../../../i18n';
import type { Delivery } from '../api';

/** One action taken on this page, with the callbacks the sandbox pushed for it. */
export interface ActivityEntry {
  id: number;
  at: number;
  /** Who acted: the customer's nickname or the employee's name. */
  actor: string;
  /** What was done (shown in the current language). */
  action: MessageKey;
  deliveries: Delivery[];
  /** Set when the sandbox refused the action. */
  error: string | null;
}

/** The actions taken since the page opened, newest first (kept in the page, not on the server). */
export function useActivity() {
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  const record = useCallback((entry: Omit<ActivityEntry, 'id' | 'at'>) => {
    setEntries((previous) => [
      { ...entry, id: (previous[0]?.id ?? 0) + 1, at: Date.now() },
      ...previous.slice(0, 49),
    ]);
  }, []);
  return { entries, record };
}
