import { Checkbox, Form, Input, Radio } from 'antd';
import type { ComponentType } from 'react';
import { useT, type MessageKey } from '../../../i18n';
import type { CustomerAction, SandboxCustomer, SandboxMode } from '../api';
import type { SandboxData } from '../hooks/useSandboxData';
import { EmployeeSelect, GroupSelect, TextField } from './fields';

type Values = Record<string, unknown>;
type EnabledMode = Extract<SandboxMode, { enabled: true }>;

export interface ActionFieldsProps {
  customer: SandboxCustomer;
  data: SandboxData;
}

/** One thing a simulated customer can do, with its form (none: it runs after a confirmation). */
export interface CustomerActionSpec {
  action: CustomerAction;
  label: MessageKey;
  Fields: ComponentType<ActionFieldsProps> | null;
  initialValues?: Values;
  toBody?(values: Values): object;
  /** Whether it makes sense for this customer now (only a follower can unfollow, …). */
  available?(customer: SandboxCustomer, mode: EnabledMode): boolean;
}

const follows = (customer: SandboxCustomer, mode: EnabledMode) =>
  mode.officialAccountAppId === null
    ? customer.followsOa.length > 0
    : customer.followsOa.includes(mode.officialAccountAppId);

/** Leaves out empty optional fields. */
const compact = (values: Values): Values =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));

function AddContactFields({ data }: ActionFieldsProps) {
  const t = useT();
  const via = Form.useWatch<string>('via');
  const employees = (data.employees.data ?? []).filter((e) => e.status === 1 && e.customerContact);
  return (
    <>
      <Form.Item name="via" label={t('sandbox.form.via')}>
        <Radio.Group
          options={[
            { value: 'employee', label: t('sandbox.form.viaEmployee') },
            { value: 'contactWay', label: t('sandbox.form.viaContactWay') },
          ]}
        />
      </Form.Item>
      {via === 'contactWay' ? (
        <Form.Item
          name="configId"
          label={t('sandbox.form.configId')}
          extra={t('sandbox.form.configIdHint')}
          rules={[{ required: true, whitespace: true, message: t('sandbox.form.required') }]}
        >
          <Input maxLength={128} />
        </Form.Item>
      ) : (
        <EmployeeSelect employees={employees} />
      )}
      <Form.Item
        name="welcomeCode"
        valuePropName="checked"
        extra={t('sandbox.form.welcomeCodeHint')}
      >
        <Checkbox>{t('sandbox.form.welcomeCode')}</Checkbox>
      </Form.Item>
    </>
  );
}

function DeleteEmployeeFields({ customer, data }: ActionFieldsProps) {
  const names = new Map((data.employees.data ?? []).map((e) => [e.userid, e.name]));
  const employees = customer.employees.map((e) => ({
    userid: e.userid,
    name: names.get(e.userid) ?? e.userid,
  }));
  return <EmployeeSelect employees={employees} />;
}

function JoinGroupFields({ data }: ActionFieldsProps) {
  const t = useT();
  const via = Form.useWatch<string>('via');
  return (
    <>
      <Form.Item name="via" label={t('sandbox.form.via')}>
        <Radio.Group
          options={[
            { value: 'invited', label: t('sandbox.form.viaInvitation') },
            { value: 'joinWay', label: t('sandbox.form.viaJoinWay') },
          ]}
        />
      </Form.Item>
      {via === 'joinWay' ? (
        <Form.Item
          name="configId"
          label={t('sandbox.form.joinWayId')}
          extra={t('sandbox.form.joinWayIdHint')}
          rules={[{ required: true, whitespace: true, message: t('sandbox.form.required') }]}
        >
          <Input maxLength={128} />
        </Form.Item>
      ) : (
        <GroupSelect groups={data.groups} />
      )}
    </>
  );
}

function LeaveGroupFields({ customer }: ActionFieldsProps) {
  return <GroupSelect groups={customer.groups} />;
}

function SceneFields({ required }: { required: boolean }) {
  const t = useT();
  return (
    <Form.Item
      name="scene"
      label={t('sandbox.form.scene')}
      extra={t('sandbox.form.sceneHint')}
      rules={
        required ? [{ required: true, whitespace: true, message: t('sandbox.form.required') }] : []
      }
    >
      <Input maxLength={64} />
    </Form.Item>
  );
}

export const customerActionSpecs: CustomerActionSpec[] = [
  {
    action: 'add-contact',
    label: 'sandbox.action.add-contact',
    Fields: AddContactFields,
    initialValues: { via: 'employee', welcomeCode: true },
    toBody: ({ via, userid, configId, welcomeCode }) =>
      via === 'contactWay' ? { configId, welcomeCode } : { userid, welcomeCode },
  },
  {
    action: 'delete-employee',
    label: 'sandbox.action.delete-employee',
    Fields: DeleteEmployeeFields,
    available: (customer) => customer.employees.length > 0,
  },
  {
    action: 'follow-oa',
    label: 'sandbox.action.follow-oa',
    Fields: () => <SceneFields required={false} />,
    available: (customer, mode) => !follows(customer, mode),
  },
  {
    action: 'scan-oa-qr',
    label: 'sandbox.action.scan-oa-qr',
    Fields: () => <SceneFields required />,
  },
  {
    action: 'oa-message',
    label: 'sandbox.action.oa-message',
    Fields: () => <TextField name="text" label="sandbox.form.text" area />,
    available: follows,
  },
  {
    action: 'unfollow-oa',
    label: 'sandbox.action.unfollow-oa',
    Fields: null,
    available: follows,
  },
  {
    action: 'join-group',
    label: 'sandbox.action.join-group',
    Fields: JoinGroupFields,
    initialValues: { via: 'invited' },
    toBody: ({ via, chatId, configId }) => (via === 'joinWay' ? { configId } : { chatId }),
  },
  {
    action: 'leave-group',
    label: 'sandbox.action.leave-group',
    Fields: LeaveGroupFields,
    available: (customer) => customer.groups.length > 0,
  },
  {
    action: 'kf-message',
    label: 'sandbox.action.kf-message',
    Fields: () => <TextField name="text" label="sandbox.form.text" area />,
  },
  {
    action: 'open-link',
    label: 'sandbox.action.open-link',
    Fields: () => <TextField name="url" label="sandbox.form.url" max={2000} url />,
  },
];

export const bodyOf = (spec: CustomerActionSpec, values: Values): object =>
  compact(spec.toBody ? (spec.toBody(values) as Values) : values);
