import { Alert, App, Button, Col, Empty, Row, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';
import { createCustomer, type SandboxCustomer, type SandboxMode } from '../api';
import type { RunAction } from '../hooks/useRunAction';
import type { SandboxData } from '../hooks/useSandboxData';
import { CustomerDetail } from './CustomerDetail';

interface Props {
  slug: string;
  mode: Extract<SandboxMode, { enabled: true }>;
  data: SandboxData;
  canAct: boolean;
  run: RunAction;
  version: number;
}

/** The simulated WeChat users; the one selected shows its actions and the messages it got. */
export function CustomersPanel({ slug, mode, data, canAct, run, version }: Props) {
  const t = useT();
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const customers = data.customers.data ?? [];
  const selected = customers.find((c) => c.id === selectedId) ?? customers[0];

  const columns: TableColumnsType<SandboxCustomer> = [
    { key: 'id', dataIndex: 'id', title: t('sandbox.customer.id'), width: 64 },
    {
      key: 'nickname',
      dataIndex: 'nickname',
      title: t('sandbox.customer.nickname'),
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      key: 'status',
      title: t('sandbox.customer.relations'),
      render: (_, c) => (
        <>
          {c.employees.length > 0 && (
            <Tag color="blue">{t('sandbox.customer.contactOf', { count: c.employees.length })}</Tag>
          )}
          {c.followsOa.length > 0 && <Tag color="green">{t('sandbox.customer.follower')}</Tag>}
          {c.groups.length > 0 && (
            <Tag color="purple">{t('sandbox.customer.inGroups', { count: c.groups.length })}</Tag>
          )}
        </>
      ),
    },
  ];

  const addCustomer = async () => {
    try {
      const customer = await createCustomer(slug, {});
      setSelectedId(customer.id);
      void message.success(t('sandbox.created', { name: customer.nickname }));
      data.customers.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        {data.customers.error !== undefined && (
          <Alert type="error" showIcon title={errorText(data.customers.error)} />
        )}
        {canAct && (
          <Button style={{ marginBottom: 12 }} onClick={() => void addCustomer()}>
            {t('sandbox.newCustomer')}
          </Button>
        )}
        <Table<SandboxCustomer>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={customers}
          loading={data.customers.loading}
          pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
          rowClassName={(c) => (c.id === selected?.id ? 'ant-table-row-selected' : '')}
          onRow={(c) => ({ onClick: () => setSelectedId(c.id), style: { cursor: 'pointer' } })}
        />
      </Col>
      <Col xs={24} xl={14}>
        {selected ? (
          <CustomerDetail
            slug={slug}
            mode={mode}
            customer={selected}
            data={data}
            canAct={canAct}
            run={run}
            version={version}
          />
        ) : (
          !data.customers.loading && <Empty description={t('sandbox.noCustomers')} />
        )}
      </Col>
    </Row>
  );
}
