import { Button, Input, Space } from 'antd';
import { useT } from '../../../i18n';

interface Props {
  /** Set by Form.Item. */
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  generate(): string;
  placeholder?: string;
  maxLength: number;
}

/** A Token / EncodingAESKey field: typed or pasted, or generated here with a random value. */
export function GeneratedInput({ id, value, onChange, generate, placeholder, maxLength }: Props) {
  const t = useT();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        placeholder={placeholder}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        className="mono-input"
      />
      <Button onClick={() => onChange?.(generate())}>{t('connections.form.generate')}</Button>
    </Space.Compact>
  );
}
