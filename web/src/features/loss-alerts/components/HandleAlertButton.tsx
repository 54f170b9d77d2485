import { Button } from 'antd';
import { useApiAction } from '../../../api/useApiAction';
import { useT } from '../../../i18n';
import { handleLossAlert, type LossAlert } from '../api';

/** Marks one alert handled (the follow-up was done, or nothing is to be done). */
export function HandleAlertButton({
  slug,
  alert,
  onHandled,
}: {
  slug: string;
  alert: LossAlert;
  onHandled(): void;
}) {
  const t = useT();
  const handle = useApiAction(() => handleLossAlert(slug, alert.id), {
    success: () => t('lossAlerts.handledDone'),
    onDone: onHandled,
  });
  return (
    <Button type="link" size="small" loading={handle.running} onClick={() => void handle.run()}>
      {t('lossAlerts.markHandled')}
    </Button>
  );
}
