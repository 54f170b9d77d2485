import { App, Segmented } from 'antd';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { locales, useI18n, type Locale } from '../../../i18n';
import { useSession } from '../../auth/hooks/useSession';

/** 中文 / English; saved on this device and, when signed in, in the user's profile. */
export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const { changeLocale } = useSession();
  const { message } = App.useApp();
  const errorText = useApiErrorText();
  return (
    <Segmented<Locale>
      aria-label={t('header.language')}
      size="small"
      value={locale}
      options={locales.map((value) => ({ value, label: t(`lang.${value}`) }))}
      onChange={(next) =>
        changeLocale(next).catch((error: unknown) => message.error(errorText(error)))
      }
    />
  );
}
