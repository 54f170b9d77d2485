import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n';
import { runCustomerAction, type SandboxCustomer, type SandboxMode } from '../api';
import type { RunAction } from '../hooks/useRunAction';
import type { SandboxData } from '../hooks/useSandboxData';
import { ActionModal } from './ActionModal';
import { bodyOf, customerActionSpecs, type CustomerActionSpec } from './customerActions';
import { MessagesTimeline } from './MessagesTimeline';

interface Props {
  slug: string;
  mode: Extract<SandboxMode, { enabled: true }>;
  customer: SandboxCustomer;
  data: SandboxData;
  canAct: boolean;
  run: RunAction;
  /** Changes after every action (the messages are loaded again). */
  version: number;
}

/** One simulated customer: who they are, what they can do, and what they received. */
export function CustomerDetail({ slug, mode, customer, data, canAct, run, version }: Props) {
  const t = useT();
  const [open, setOpen] = useState<CustomerActionSpec | null>(null);
  const employees = data.employees.data ?? [];
  const names = new Map(employees.map((e) => [e.userid, e.name]));
  const specs = customerActionSpecs.filter((spec) => spec.available?.(customer, mode) ?? true);
  const following = mode.officialAccountAppId
    ? customer.followsOa.includes(mode.officialAccountAppId)
    : customer.followsOa.length > 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('sandbox.customer.title', { name: customer.nickname })}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'id', label: t('sandbox.customer.id'), children: customer.id },
            {
              key: 'external',
              label: t('sandbox.customer.externalUserId'),
              children:
                (customer.employees.length > 0 || customer.groups.length > 0) &&
                customer.externalUserIds[mode.corpId] ? (
                  <Typography.Text code>{customer.externalUserIds[mode.corpId]}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary">
                    {t('sandbox.customer.notAContact')}
                  </Typography.Text>
                ),
            },
            {
              key: 'employees',
              label: t('sandbox.customer.employees'),
              children:
                customer.employees.length > 0 ? (
                  customer.employees.map((e) => (
                    <Tag key={e.userid}>{names.get(e.userid) ?? e.userid}</Tag>
                  ))
                ) : (
                  <Typography.Text type="secondary">{t('sandbox.customer.none')}</Typography.Text>
                ),
            },
            {
              key: 'oa',
              label: t('sandbox.customer.oa'),
              children: following
                ? t('sandbox.customer.following')
                : t('sandbox.customer.notFollowing'),
            },
            {
              key: 'groups',
              label: t('sandbox.customer.groups'),
              children:
                customer.groups.length > 0 ? (
                  customer.groups.map((g) => <Tag key={g.chatId}>{g.name}</Tag>)
                ) : (
                  <Typography.Text type="secondary">{t('sandbox.customer.none')}</Typography.Text>
                ),
            },
          ]}
        />
        {canAct && (
          <Space wrap size={[8, 8]} style={{ marginTop: 12 }}>
            {specs.map((spec) => (
              <Button key={spec.action} size="small" onClick={() => setOpen(spec)}>
                {t(spec.label)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('sandbox.messages.title')}>
        <MessagesTimeline
          slug={slug}
          customerId={customer.id}
          employees={employees}
          version={version}
        />
      </Card>
      {open && (
        <ActionModal
          title={t('sandbox.actionTitle', { name: customer.nickname, action: t(open.label) })}
          open
          initialValues={open.initialValues}
          onClose={() => setOpen(null)}
          onSubmit={(values) =>
            run(customer.nickname, open.label, () =>
              runCustomerAction(slug, customer.id, open.action, bodyOf(open, values)),
            )
          }
        >
          {open.Fields ? (
            <open.Fields customer={customer} data={data} />
          ) : (
            <Typography.Paragraph>
              {t('sandbox.confirmAction', { name: customer.nickname, action: t(open.label) })}
            </Typography.Paragraph>
          )}
        </ActionModal>
      )}
    </Space>
  );
}
