import { Card, Space, Tag, Typography } from 'antd';
import { useT } from '../../../i18n';
import { useKindLabel } from '../../connections/hooks/useKindLabel';
import type { CheckStatus, DoctorReport } from '../api';
import { CheckItem } from './CheckItem';

const kindColors = { wecom: 'blue', oa: 'green', miniprogram: 'purple' } as const;
const tagColors: Record<CheckStatus, string> = { ok: 'success', warn: 'warning', fail: 'error' };

/** The checks of one connection, under its name and overall verdict. */
export function ReportCard({ report }: { report: DoctorReport }) {
  const t = useT();
  const kindLabel = useKindLabel();
  return (
    <Card
      size="small"
      title={
        <Space size={8} wrap>
          <Tag color={kindColors[report.kind]}>{kindLabel(report.kind)}</Tag>
          <span>{report.displayName}</span>
          <Typography.Text type="secondary" code>
            {report.appId}
          </Typography.Text>
        </Space>
      }
      extra={<Tag color={tagColors[report.status]}>{t(`doctor.verdict.${report.status}`)}</Tag>}
    >
      {report.checks.map((check) => (
        <CheckItem key={check.id} check={check} />
      ))}
    </Card>
  );
}
