import { Form, Input, Select } from 'antd';
import { useT, type MessageKey } from '../../../i18n';
import type { SandboxCustomer, SandboxEmployee } from '../api';

/** Form fields shared by the sandbox actions. */

export function TextField({
  name,
  label,
  required = true,
  max = 2048,
  area = false,
  url = false,
}: {
  name: string;
  label: MessageKey;
  required?: boolean;
  max?: number;
  area?: boolean;
  /** An http(s) address. */
  url?: boolean;
}) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={t(label)}
      rules={[
        ...(required
          ? [{ required: true, whitespace: true, message: t('sandbox.form.required') }]
          : []),
        ...(url ? [{ pattern: /^https?:\/\/\S+$/, message: t('sandbox.form.urlInvalid') }] : []),
      ]}
    >
      {area ? <Input.TextArea rows={3} maxLength={max} /> : <Input maxLength={max} />}
    </Form.Item>
  );
}

export const employeeLabel = (e: Pick<SandboxEmployee, 'name' | 'userid'>) =>
  `${e.name} (${e.userid})`;

export function EmployeeSelect({
  employees,
  name = 'userid',
  label = 'sandbox.form.employee',
}: {
  employees: Pick<SandboxEmployee, 'name' | 'userid'>[];
  name?: string;
  label?: MessageKey;
}) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={t(label)}
      rules={[{ required: true, message: t('sandbox.form.chooseEmployee') }]}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={employees.map((e) => ({ value: e.userid, label: employeeLabel(e) }))}
      />
    </Form.Item>
  );
}

export function CustomerSelect({
  customers,
  name = 'customer',
  multiple = false,
  required = true,
}: {
  customers: SandboxCustomer[];
  name?: string;
  multiple?: boolean;
  required?: boolean;
}) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={t(multiple ? 'sandbox.form.customers' : 'sandbox.form.customer')}
      rules={required ? [{ required: true, message: t('sandbox.form.chooseCustomer') }] : []}
    >
      <Select
        mode={multiple ? 'multiple' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        options={customers.map((c) => ({ value: c.id, label: `${c.nickname} (${c.id})` }))}
      />
    </Form.Item>
  );
}

export function GroupSelect({ groups }: { groups: { chatId: string; name: string }[] }) {
  const t = useT();
  return (
    <Form.Item
      name="chatId"
      label={t('sandbox.form.group')}
      rules={[{ required: true, message: t('sandbox.form.chooseGroup') }]}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={groups.map((g) => ({ value: g.chatId, label: g.name }))}
        notFoundContent={t('sandbox.form.noGroups')}
      />
    </Form.Item>
  );
}
