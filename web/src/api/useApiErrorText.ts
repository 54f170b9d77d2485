import { useCallback } from 'react';
import { useT, type MessageKey } from '../i18n';
import { ApiError } from './ApiError';

const knownCodes = [
  'invalid_credentials',
  'too_many_requests',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'validation_failed',
  'network_error',
] as const;

const isKnownCode = (code: string): code is (typeof knownCodes)[number] =>
  (knownCodes as readonly string[]).includes(code);

/** A message in the current language for any error thrown by the API client. */
export function useApiErrorText(): (error: unknown) => string {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && isKnownCode(error.code)) {
        return t(`errors.${error.code}` satisfies MessageKey);
      }
      return t('errors.unknown');
    },
    [t],
  );
}
