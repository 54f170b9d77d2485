import { api, segment } from '../../api/client';
import type { Locale } from '../../i18n';
import type { ConnectionKind } from '../connections/api';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One finding, written by the server in the language asked for. */
export interface DoctorCheck {
  /** Stable, e.g. `wecom.token`, `wecom.customer_contact`, `oa.menu`. */
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  /** What to do and where; null when there is nothing to do. */
  fix: string | null;
}

export interface DoctorReport {
  connectionId: string;
  kind: ConnectionKind;
  appId: string;
  displayName: string;
  /** The worst status among the checks. */
  status: CheckStatus;
  checks: DoctorCheck[];
}

/** Runs every check of every connection (it calls the platforms, so it can take a few seconds). */
export const runDoctor = (slug: string, lang: Locale, signal?: AbortSignal) =>
  api
    .get<{ items: DoctorReport[] }>(
      `/api/workspaces/${segment(slug)}/connections/doctor?lang=${encodeURIComponent(lang)}`,
      { signal },
    )
    .then((r) => r.items);
