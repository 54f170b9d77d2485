import { Input, InputNumber, Select } from 'antd';
import { useT } from '../../../i18n';
import type { AttributeDefinition } from '../api';

interface Props {
  def: AttributeDefinition;
  /** Shown when a personal value is masked (typing replaces it). */
  placeholder?: string;
  value?: string | number | null;
  onChange?(value: string | number | null): void;
}

/** The input for one attribute, by its type (a controlled Form item). */
export function AttributeField({ def, placeholder, value, onChange }: Props) {
  const t = useT();
  const common = { 'aria-label': def.label, placeholder, style: { width: '100%' } };
  switch (def.type) {
    case 'number':
      return (
        <InputNumber
          {...common}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange?.(v)}
        />
      );
    case 'enum':
    case 'boolean':
      return (
        <Select
          {...common}
          allowClear
          value={value === null || value === undefined ? undefined : String(value)}
          onChange={(v?: string) => onChange?.(v ?? null)}
          options={
            def.type === 'enum'
              ? (def.enumOptions ?? []).map((o) => ({ label: o, value: o }))
              : [
                  { label: t('customers.yes'), value: 'true' },
                  { label: t('customers.no'), value: 'false' },
                ]
          }
        />
      );
    default:
      return (
        <Input
          {...common}
          type={def.type === 'date' ? 'date' : 'text'}
          allowClear={def.type === 'text'}
          value={value ?? ''}
          onChange={(e) => onChange?.(e.target.value)}
        />
      );
  }
}
