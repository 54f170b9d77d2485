import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useT, type MessageKey } from '../../../i18n';
import { runEmployeeAction, type EmployeeAction, type SandboxEmployee } from '../api';
import type { RunAction } from '../hooks/useRunAction';
import type { SandboxData } from '../hooks/useSandboxData';
import { ActionModal } from './ActionModal';
import { CustomerSelect, TextField } from './fields';

interface Props {
  slug: string;
  data: SandboxData;
  canAct: boolean;
  run: RunAction;
}

const actionLabels: Record<EmployeeAction, MessageKey> = {
  'delete-customer': 'sandbox.action.delete-customer',
  'create-group': 'sandbox.action.create-group',
  leave: 'sandbox.action.leave',
};

const statusLabels: Record<number, MessageKey> = {
  1: 'sandbox.employee.active',
  2: 'sandbox.employee.disabled',
  4: 'sandbox.employee.inactive',
  5: 'sandbox.employee.resigned',
};

/** The employees of the simulated corp, and what they can do. */
export function EmployeesPanel({ slug, data, canAct, run }: Props) {
  const t = useT();
  const [open, setOpen] = useState<{ employee: SandboxEmployee; action: EmployeeAction } | null>(
    null,
  );
  const customers = data.customers.data ?? [];
  const customersOf = (userid: string) =>
    customers.filter((c) => c.employees.some((e) => e.userid === userid));

  const columns: TableColumnsType<SandboxEmployee> = [
    { key: 'name', dataIndex: 'name', title: t('sandbox.employee.name') },
    {
      key: 'userid',
      title: t('sandbox.employee.userid'),
      render: (_, e) => <Typography.Text code>{e.userid}</Typography.Text>,
    },
    { key: 'position', dataIndex: 'position', title: t('sandbox.employee.position') },
    {
      key: 'status',
      title: t('sandbox.employee.status'),
      render: (_, e) => (
        <Space size={4}>
          <span>{statusLabels[e.status] ? t(statusLabels[e.status]!) : e.status}</span>
          {!e.customerContact && <Tag>{t('sandbox.employee.noCustomerContact')}</Tag>}
        </Space>
      ),
    },
    { key: 'customers', dataIndex: 'customers', title: t('sandbox.employee.customers') },
  ];
  if (canAct) {
    columns.push({
      key: 'actions',
      title: t('sandbox.employee.actions'),
      render: (_, employee) =>
        employee.status !== 5 && (
          <Space size={0} wrap>
            {(Object.keys(actionLabels) as EmployeeAction[]).map((action) => (
              <Button
                key={action}
                type="link"
                size="small"
                danger={action !== 'create-group'}
                disabled={action === 'delete-customer' && employee.customers === 0}
                onClick={() => setOpen({ employee, action })}
              >
                {t(actionLabels[action])}
              </Button>
            ))}
          </Space>
        ),
    });
  }

  return (
    <>
      <Table<SandboxEmployee>
        rowKey="userid"
        size="small"
        columns={columns}
        dataSource={data.employees.data}
        loading={data.employees.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {open && (
        <ActionModal
          title={t('sandbox.actionTitle', {
            name: open.employee.name,
            action: t(actionLabels[open.action]),
          })}
          open
          initialValues={open.action === 'create-group' ? { customers: [] } : undefined}
          onClose={() => setOpen(null)}
          onSubmit={(values) =>
            run(open.employee.name, actionLabels[open.action], () =>
              runEmployeeAction(slug, open.employee.userid, open.action, values),
            )
          }
        >
          {open.action === 'delete-customer' && (
            <CustomerSelect customers={customersOf(open.employee.userid)} />
          )}
          {open.action === 'create-group' && (
            <>
              <TextField name="name" label="sandbox.form.groupName" max={60} />
              <CustomerSelect customers={customers} name="customers" multiple required={false} />
            </>
          )}
          {open.action === 'leave' && (
            <Typography.Paragraph>
              {t('sandbox.confirmLeave', { name: open.employee.name })}
            </Typography.Paragraph>
          )}
        </ActionModal>
      )}
    </>
  );
}
