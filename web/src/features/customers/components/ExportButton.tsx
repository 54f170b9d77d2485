import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useI18n } from '../../../i18n';
import { exportCustomers, type CustomerFilter } from '../api';

/** Downloads the filtered customers as CSV (headers in the console's language). */
export function ExportButton({
  slug,
  filter,
}: {
  slug: string;
  filter: CustomerFilter | undefined;
}) {
  const { t, locale } = useI18n();
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    if (!filter) return;
    setBusy(true);
    try {
      const { blob, filename } = await exportCustomers(slug, filter, locale);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? 'customers.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      void message.success(t('customers.exported'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={busy} disabled={!filter} onClick={download}>
      {t('customers.export')}
    </Button>
  );
}
