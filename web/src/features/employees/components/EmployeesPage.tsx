import { Alert, Button, Col, Input, Row, Select, Space, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useCursorList } from '../../../api/useCursorList';
import { useResource } from '../../../api/useResource';
import { useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { listMembers } from '../../users/api';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { employeeStatuses, listDepartments, listEmployees, type EmployeeStatus } from '../api';
import { useEmployeeStatusLabel } from '../hooks/useStatusLabel';
import { DepartmentTree } from './DepartmentTree';
import { EmployeesTable } from './EmployeesTable';
import { SyncButton } from './SyncButton';

/** Settings → Employees: the WeCom directory, who may add customers, and their console users. */
export function EmployeesPage() {
  const t = useT();
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const { to } = useWorkspacePath();
  const { slug } = useWorkspace();
  const can = useCan();
  const canManage = can('users.manage');
  const statusLabel = useEmployeeStatusLabel();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [status, setStatus] = useState<EmployeeStatus | undefined>();
  const [q, setQ] = useState('');

  const departments = useResource((signal) => listDepartments(slug, signal), [slug]);
  const employees = useCursorList(
    (cursor, signal) => listEmployees(slug, { departmentId, status, q, cursor }, signal),
    [slug, departmentId, status, q],
  );
  const canListMembers = can('users.read');
  const members = useResource(
    (signal) => (canListMembers ? listMembers(slug, signal) : Promise.resolve(undefined)),
    [slug, canListMembers],
  );

  const reload = () => {
    departments.reload();
    employees.reload();
  };

  return (
    <>
      <Typography.Title level={3}>{t('nav.employees')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('employees.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          {can('connections.manage') && <SyncButton slug={slug} onSynced={reload} />}
          {can('connections.manage') && (
            <Button icon={<ImportOutlined />} onClick={() => navigate(to('settings/import'))}>
              {t('import.start')}
            </Button>
          )}
        </Space>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={6}>
            <DepartmentTree
              departments={departments}
              selected={departmentId}
              onSelect={setDepartmentId}
            />
          </Col>
          <Col xs={24} lg={18}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Space wrap>
                <Input.Search
                  allowClear
                  placeholder={t('employees.search')}
                  aria-label={t('employees.search')}
                  onSearch={(value) => setQ(value.trim())}
                  style={{ width: 240 }}
                />
                <Select
                  allowClear
                  style={{ minWidth: 160 }}
                  placeholder={t('employees.allStatuses')}
                  aria-label={t('employees.col.status')}
                  value={status}
                  onChange={setStatus}
                  options={employeeStatuses.map((s) => ({ value: s, label: statusLabel(s) }))}
                />
              </Space>
              {employees.error !== undefined && (
                <Alert type="error" showIcon title={errorText(employees.error)} />
              )}
              <EmployeesTable
                slug={slug}
                employees={employees.items}
                loading={employees.loading}
                members={members.data}
                canLink={canManage}
                onLinked={employees.reload}
              />
              {employees.hasMore && (
                <Button onClick={employees.loadMore} loading={employees.loading}>
                  {t('employees.loadMore')}
                </Button>
              )}
            </Space>
          </Col>
        </Row>
      </Space>
    </>
  );
}
