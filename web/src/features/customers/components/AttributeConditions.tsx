import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useT } from '../../../i18n';
import type { AttributeDefinition, AttributeOp } from '../api';
import { opNeedsValue, opsFor, type ListView } from '../filters';
import { DraftInput } from './DraftInput';

type Condition = ListView['attributes'][number];

interface Props {
  definitions: AttributeDefinition[];
  /** customers.pii: personal attributes compare by value only with it (else set/unset). */
  revealsPii: boolean;
  value: Condition[];
  onChange(conditions: Condition[]): void;
}

/** Attribute conditions (all must hold): attribute, operator, and a value typed by the definition. */
export function AttributeConditions({ definitions, revealsPii, value, onChange }: Props) {
  const t = useT();
  const replace = (index: number, condition: Condition) =>
    onChange(value.map((c, i) => (i === index ? condition : c)));

  if (definitions.length === 0) return null;
  return (
    <Space orientation="vertical" size="small">
      {value.map((condition, index) => {
        const def = definitions.find((d) => d.key === condition.key);
        const ops = opsFor(def, revealsPii);
        return (
          <Space.Compact key={index}>
            <Select
              aria-label={t('customers.filter.attribute')}
              value={condition.key}
              style={{ width: 160 }}
              options={definitions.map((d) => ({ label: d.label, value: d.key }))}
              onChange={(key: string) => {
                const allowed = opsFor(
                  definitions.find((d) => d.key === key),
                  revealsPii,
                );
                replace(index, { key, op: allowed.includes('eq') ? 'eq' : 'set', value: '' });
              }}
            />
            <Select
              aria-label={t('customers.filter.op')}
              value={condition.op}
              style={{ width: 130 }}
              options={ops.map((op) => ({ label: t(`customers.op.${op}`), value: op }))}
              onChange={(op: AttributeOp) => replace(index, { ...condition, op })}
            />
            {opNeedsValue(condition.op) && def && (
              <ConditionValue
                def={def}
                op={condition.op}
                value={condition.value}
                onChange={(v) => replace(index, { ...condition, value: v })}
              />
            )}
            <Button
              aria-label={t('customers.filter.removeCondition')}
              icon={<DeleteOutlined />}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            />
          </Space.Compact>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, { key: definitions[0]!.key, op: 'set', value: '' }])}
      >
        {t('customers.filter.addCondition')}
      </Button>
    </Space>
  );
}

function ConditionValue({
  def,
  op,
  value,
  onChange,
}: {
  def: AttributeDefinition;
  op: AttributeOp;
  value: string;
  onChange(value: string): void;
}) {
  const t = useT();
  const label = t('customers.filter.value');
  if (def.type === 'boolean') {
    return (
      <Select
        aria-label={label}
        value={value || undefined}
        style={{ width: 100 }}
        options={[
          { label: t('customers.yes'), value: 'true' },
          { label: t('customers.no'), value: 'false' },
        ]}
        onChange={onChange}
      />
    );
  }
  if (def.type === 'enum') {
    const multiple = op === 'in';
    return (
      <Select
        aria-label={label}
        mode={multiple ? 'multiple' : undefined}
        value={multiple ? value.split(',').filter(Boolean) : value || undefined}
        style={{ minWidth: 160 }}
        options={(def.enumOptions ?? []).map((o) => ({ label: o, value: o }))}
        onChange={(v: string | string[]) => onChange(Array.isArray(v) ? v.join(',') : v)}
      />
    );
  }
  return (
    <DraftInput
      aria-label={label}
      type={def.type === 'date' ? 'date' : def.type === 'number' && op !== 'in' ? 'number' : 'text'}
      placeholder={op === 'in' ? t('customers.filter.inHint') : label}
      value={value}
      style={{ width: 180 }}
      onCommit={onChange}
    />
  );
}
