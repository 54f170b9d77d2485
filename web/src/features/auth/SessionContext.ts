import { createContext } from 'react';
import type { Locale } from '../../i18n';
import type { Session } from './api';

export interface SessionState {
  /** `loading` until the first `GET /api/auth/me` answers. */
  status: 'loading' | 'signedIn' | 'signedOut';
  session: Session | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Switches the interface language and saves it in the user's profile. */
  changeLocale(locale: Locale): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);
