import { useMemo } from 'react';
import { useI18n } from './useI18n';

/** Locale-aware formatting of dates (ISO-8601 strings or epoch milliseconds) and numbers. */
export function useFormat() {
  const { locale } = useI18n();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(locale);
    return {
      dateTime: (value: string | number) => dateTime.format(new Date(value)),
      number: (value: number) => number.format(value),
    };
  }, [locale]);
}
