import { readPreference, writePreference } from '../lib/storage';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

const storageKey = 'siyu.locale';

export function readStoredLocale(): Locale {
  const stored = readPreference(storageKey);
  return isLocale(stored) ? stored : defaultLocale;
}

export const storeLocale = (locale: Locale): void => writePreference(storageKey, locale);
