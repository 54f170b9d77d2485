import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nContext, type I18n } from './I18nContext';
import { readStoredLocale, storeLocale, type Locale } from './locales';
import { dictionaries } from './messages';
import { createTranslate } from './translate';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = dictionaries[locale]['app.name'];
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ locale, t: createTranslate(dictionaries[locale]), setLocale }),
    [locale, setLocale],
  );

  return <I18nContext value={value}>{children}</I18nContext>;
}
