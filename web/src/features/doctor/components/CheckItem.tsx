import { Typography } from 'antd';
import { useT } from '../../../i18n';
import type { DoctorCheck } from '../api';
import { CheckStatusIcon } from './CheckStatusIcon';

/** A check: status, what was checked, what was found and, if needed, how to fix it. */
export function CheckItem({ check }: { check: DoctorCheck }) {
  const t = useT();
  return (
    <div className={`doctor-check doctor-check-${check.status}`} data-check={check.id}>
      <CheckStatusIcon status={check.status} />
      <div className="doctor-check-body">
        <Typography.Text strong>{check.title}</Typography.Text>
        <Typography.Paragraph style={{ margin: 0 }}>{check.detail}</Typography.Paragraph>
        {check.fix && (
          <div className="doctor-fix">
            <Typography.Text strong>{t('doctor.fix')}</Typography.Text> {check.fix}
          </div>
        )}
      </div>
    </div>
  );
}
