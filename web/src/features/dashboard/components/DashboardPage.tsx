import { Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { useSignedInSession } from '../../auth/hooks/useSession';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { useRoleLabel } from '../../workspace/hooks/useRoleLabel';

/**
 * The landing page of a workspace. It shows only what exists today: charts come with the
 * modules that produce data to chart.
 */
export function DashboardPage() {
  const t = useT();
  const { user } = useSignedInSession();
  const workspace = useWorkspace();
  const can = useCan();
  const roleLabel = useRoleLabel();
  const { to } = useWorkspacePath();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dashboard.welcome', { name: user.name })}
      </Typography.Title>
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('dashboard.workspace')}>{workspace.name}</Descriptions.Item>
          <Descriptions.Item label={t('dashboard.yourRole')}>
            {roleLabel(workspace.role)}
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.permissions')}>
            {t('dashboard.permissionCount', { count: workspace.permissions.length })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        {can('users.read') && (
          <Col xs={24} md={12}>
            <Card title={t('dashboard.team')} style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary">
                {t('dashboard.teamHint')}
              </Typography.Paragraph>
              <Link to={to('settings/users')}>{t('dashboard.manageUsers')}</Link>
            </Card>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Card title={t('dashboard.api')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('dashboard.apiHint')}</Typography.Paragraph>
            <Space size="large">
              <a href="/docs" target="_blank" rel="noreferrer">
                {t('dashboard.apiDocs')}
              </a>
              <a href="/openapi.json" target="_blank" rel="noreferrer">
                {t('dashboard.openapi')}
              </a>
            </Space>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
