import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useI18n, type Locale } from '../i18n';

const antdLocales: Record<Locale, typeof enUS> = { 'zh-CN': zhCN, en: enUS };

/** Ant Design in the interface language, with the Siyu theme. */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={antdLocales[locale]}
      theme={{ token: { colorPrimary: '#07a35a', borderRadius: 6 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
