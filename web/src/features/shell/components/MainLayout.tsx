import { Layout, Typography } from 'antd';
import { Outlet } from 'react-router';
import { useT } from '../../../i18n';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';
import { NavMenu } from './NavMenu';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/** The console frame: menu on the left, workspace / language / user across the top. */
export function MainLayout() {
  const t = useT();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} breakpoint="lg" collapsedWidth={0}>
        <div className="brand">
          <BrandMark />
          <Typography.Text strong className="brand-name">
            {t('app.name')}
          </Typography.Text>
        </div>
        <NavMenu />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <WorkspaceSwitcher />
          <div className="app-header-end">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
