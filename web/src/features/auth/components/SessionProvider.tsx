import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError, setCsrfToken, setUnauthenticatedHandler } from '../../../api/client';
import { useI18n, type Locale } from '../../../i18n';
import { fetchSession, login, logout, updateProfile, type Session } from '../api';
import { SessionContext, type SessionState } from '../SessionContext';

/**
 * Holds who is signed in. Language: the last explicit choice wins. A session starts in the
 * language of the user's profile, unless they just picked one on the login page, which is
 * then saved to the profile; a change while signed in updates this device and the profile.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale, t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<SessionState['status']>('loading');
  const [session, setSession] = useState<Session | null>(null);
  const chosenOnLoginPage = useRef<Locale | null>(null);

  const begin = useCallback(
    (next: Session) => {
      setCsrfToken(next.csrfToken);
      setSession(next);
      setStatus('signedIn');
      setLocale(next.user.locale);
    },
    [setLocale],
  );

  const end = useCallback(() => {
    setCsrfToken(null);
    setSession(null);
    setStatus('signedOut');
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(begin, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (!isApiError(error)) console.error(error);
      end();
    });
    return () => controller.abort();
  }, [begin, end]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      end();
      void message.warning(t('errors.unauthenticated'));
    });
  }, [end, message, t]);

  const value = useMemo<SessionState>(
    () => ({
      status,
      session,
      signIn: async (email, password) => {
        const started = await login(email, password);
        const chosen = chosenOnLoginPage.current;
        chosenOnLoginPage.current = null;
        let user = started.user;
        if (chosen && chosen !== user.locale) {
          setCsrfToken(started.csrfToken);
          try {
            await updateProfile({ locale: chosen });
            user = { ...user, locale: chosen };
          } catch (error) {
            console.warn('could not save the language to the profile', error);
          }
        }
        begin({ ...started, user });
      },
      signOut: async () => {
        try {
          await logout();
        } finally {
          end();
        }
      },
      changeLocale: async (locale: Locale) => {
        setLocale(locale);
        if (!session) {
          chosenOnLoginPage.current = locale;
          return;
        }
        await updateProfile({ locale });
        setSession({ ...session, user: { ...session.user, locale } });
      },
    }),
    [status, session, begin, end, setLocale],
  );

  return <SessionContext value={value}>{children}</SessionContext>;
}
