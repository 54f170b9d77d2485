import { createContext } from 'react';
import type { Locale } from './locales';
import type { Translate } from './translate';

export interface I18n {
  locale: Locale;
  t: Translate;
  /** Changes the interface language on this device (see `useChangeLanguage` to also save it). */
  setLocale(locale: Locale): void;
}

export const I18nContext = createContext<I18n | null>(null);
