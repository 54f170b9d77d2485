import { useContext } from 'react';
import { SessionContext, type SessionState } from '../SessionContext';

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>');
  return state;
}

/** The signed-in session; only for views behind <RequireSession>. */
export function useSignedInSession() {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession used outside <RequireSession>');
  return session;
}
