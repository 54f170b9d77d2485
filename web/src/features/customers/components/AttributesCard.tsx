import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';
import { setCustomerAttributes, type AttributeDefinition, type PersonAttribute } from '../api';
import {
  attributeProblems,
  attributeTextMaxLength,
  changedValues,
  toFieldValues,
  type FieldValue,
} from '../attributeForm';
import { AttributeField } from './AttributeField';

interface Props {
  slug: string;
  personId: string;
  attributes: PersonAttribute[];
  definitions: AttributeDefinition[] | undefined;
  canEdit: boolean;
  onChanged(attributes: PersonAttribute[]): void;
}

/** The customer's custom attributes; with customers.write, an edit form typed by definition. */
export function AttributesCard({
  slug,
  personId,
  attributes,
  definitions = [],
  canEdit,
  onChanged,
}: Props) {
  const t = useT();
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, FieldValue>>();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);

  const shown = (def: AttributeDefinition) => {
    const value = attributes.find((a) => a.key === def.key)?.value;
    if (value === undefined || value === null) {
      return (
        <Typography.Text type="secondary">
          {t('customers.profile.attributes.empty')}
        </Typography.Text>
      );
    }
    if (typeof value === 'boolean') return value ? t('customers.yes') : t('customers.no');
    return String(value);
  };

  /** What a field should hold, in the current language (the server's words for others). */
  const expected = (key: string, fromServer: string) => {
    const def = definitions.find((d) => d.key === key);
    switch (def?.type) {
      case 'text':
        return t('customers.profile.attributes.expected.text', { max: attributeTextMaxLength });
      case 'number':
        return t('customers.profile.attributes.expected.number');
      case 'boolean':
        return t('customers.profile.attributes.expected.boolean');
      case 'date':
        return t('customers.profile.attributes.expected.date');
      case 'enum':
        return t('customers.profile.attributes.expected.enum', {
          options: (def.enumOptions ?? []).join(' / '),
        });
      default:
        return t('customers.profile.attributes.expected', { expected: fromServer });
    }
  };

  const save = async (fields: Record<string, FieldValue>) => {
    const values = changedValues(definitions, attributes, fields);
    if (Object.keys(values).length === 0) return setEditing(false);
    setSaving(true);
    try {
      onChanged(await setCustomerAttributes(slug, personId, values));
      void message.success(t('customers.profile.attributes.saved'));
      setEditing(false);
    } catch (error) {
      const problems = attributeProblems(error);
      if (problems.length === 0) void message.error(errorText(error));
      form.setFields(problems.map((p) => ({ name: p.key, errors: [expected(p.key, p.expected)] })));
    } finally {
      setSaving(false);
    }
  };

  const edit = canEdit && definitions.length > 0 && !editing && (
    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
      {t('customers.profile.attributes.edit')}
    </Button>
  );

  return (
    <Card size="small" title={t('customers.profile.attributes')} extra={edit}>
      {definitions.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('customers.profile.attributes.none')}
        />
      ) : editing ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={toFieldValues(attributes)}
          onFinish={(fields) => void save(fields)}
          // A server error on a field stands until that field is changed.
          onValuesChange={(changed: Record<string, FieldValue>) =>
            form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))
          }
        >
          {definitions.map((def) => {
            const masked = attributes.find((a) => a.key === def.key && a.masked);
            return (
              <Form.Item key={def.key} name={def.key} label={def.label}>
                <AttributeField def={def} placeholder={masked ? String(masked.value) : undefined} />
              </Form.Item>
            );
          })}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={definitions.map((def) => ({
            key: def.key,
            label: def.label,
            children: shown(def),
          }))}
        />
      )}
    </Card>
  );
}
