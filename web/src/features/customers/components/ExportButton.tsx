import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useApiAction } from '../../../api/useApiAction';
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
  const exporting = useApiAction(
    async (current: CustomerFilter) => {
      const { blob, filename } = await exportCustomers(slug, current, locale);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? 'customers.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    { success: () => t('customers.exported') },
  );

  return (
    <Button
      icon={<DownloadOutlined />}
      loading={exporting.running}
      disabled={!filter}
      onClick={() => filter && void exporting.run(filter)}
    >
      {t('customers.export')}
    </Button>
  );
}
