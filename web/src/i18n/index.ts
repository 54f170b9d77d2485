export { I18nProvider } from './I18nProvider';
export { useI18n, useT } from './useI18n';
export { useFormat } from './useFormat';
export { locales, isLocale, type Locale } from './locales';
export type { MessageKey } from './messages';
export type { Translate } from './translate';
