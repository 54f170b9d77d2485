import { Typography } from 'antd';
import { useT } from '../../../i18n';

/** A value to paste elsewhere, in a monospaced box with a copy button. */
export function CopyableValue({ value, label }: { value: string; label: string }) {
  const t = useT();
  return (
    <Typography.Text
      code
      className="copyable-value"
      aria-label={label}
      copyable={{
        text: value,
        tooltips: [t('connections.copy', { what: label }), t('connections.copied')],
      }}
    >
      {value}
    </Typography.Text>
  );
}
