import { Alert, Button, Card, Empty, Timeline, Typography } from 'antd';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useCursorList } from '../../../api/useCursorList';
import { useFormat, useT, type MessageKey, type Translate } from '../../../i18n';
import { getTimeline, type TimelineEvent } from '../api';
import { useSourceLabel } from '../hooks/useSourceLabel';

const eventKeys = new Set<string>([
  'contact.added',
  'contact.updated',
  'contact.removed_by_customer',
  'contact.removed_by_employee',
  'oa.followed',
  'oa.unfollowed',
  'oa.scanned',
  'person.tag_added',
  'person.tag_removed',
  'person.merged',
  'person.unmerged',
  'miniprogram.login',
  'order.paid',
]);

function eventTitle(t: Translate, event: TimelineEvent): string {
  const label = eventKeys.has(event.type)
    ? t(`customers.event.${event.type}` as MessageKey)
    : event.type;
  const { tagName } = event.properties;
  return typeof tagName === 'string' ? `${label}: ${tagName}` : label;
}

/** What happened to the customer, newest first, with earlier pages on demand. */
export function TimelineCard({
  slug,
  personId,
  version,
}: {
  slug: string;
  personId: string;
  version: number;
}) {
  const t = useT();
  const format = useFormat();
  const source = useSourceLabel();
  const errorText = useApiErrorText();
  const timeline = useCursorList(
    (cursor, signal) => getTimeline(slug, personId, cursor, signal),
    [slug, personId, version],
  );
  const items = timeline.items ?? [];

  return (
    <Card
      size="small"
      title={t('customers.profile.timeline')}
      loading={timeline.loading && items.length === 0}
    >
      {timeline.error !== undefined && (
        <Alert type="error" showIcon title={errorText(timeline.error)} />
      )}
      {items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('customers.profile.timeline.none')}
        />
      ) : (
        <Timeline
          data-testid="customer-timeline"
          items={items.map((event) => ({
            key: event.id,
            children: (
              <>
                <div>{eventTitle(t, event)}</div>
                <Typography.Text type="secondary">
                  {format.dateTime(event.occurredAt)} · {source(event.source)}
                </Typography.Text>
              </>
            ),
          }))}
        />
      )}
      {timeline.hasMore && (
        <Button block onClick={timeline.loadMore} loading={timeline.loading}>
          {t('customers.profile.timeline.more')}
        </Button>
      )}
    </Card>
  );
}
