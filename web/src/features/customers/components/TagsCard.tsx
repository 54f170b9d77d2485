import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useApiAction } from '../../../api/useApiAction';
import { useT } from '../../../i18n';
import { changeCustomerTags, type PersonTag, type TagGroup } from '../api';
import { TagSelect } from './TagSelect';

interface Props {
  slug: string;
  personId: string;
  tags: PersonTag[];
  groups: TagGroup[] | undefined;
  canEdit: boolean;
  /** After a change, with the customer's tags as the server now has them. */
  onChanged(tags: PersonTag[]): void;
}

/** The customer's tags; with customers.write, add some (picker) or remove one. */
export function TagsCard({ slug, personId, tags, groups, canEdit, onChanged }: Props) {
  const t = useT();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const change = (diff: { add?: string[]; remove?: string[] }) =>
    changeCustomerTags(slug, personId, diff);
  const adding = useApiAction(change, {
    success: () => t('customers.profile.tags.added'),
    onDone: (changed) => {
      onChanged(changed);
      setPicking(false);
      setPicked([]);
    },
  });
  const removing = useApiAction(
    async (tag: PersonTag) => ({ name: tag.name, tags: await change({ remove: [tag.tagId] }) }),
    {
      success: ({ name }) => t('customers.profile.tags.removed', { name }),
      onDone: ({ tags: changed }) => onChanged(changed),
    },
  );

  return (
    <Card
      size="small"
      title={t('customers.profile.tags')}
      extra={
        canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setPicking(true)}>
            {t('customers.profile.tags.add')}
          </Button>
        )
      }
    >
      {tags.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('customers.profile.tags.none')}
        />
      ) : (
        <Flex wrap gap="small" data-testid="customer-tags">
          {tags.map((tag) => (
            <Tag key={tag.tagId} title={tag.groupName}>
              {tag.name}
              {canEdit && (
                <Button
                  type="text"
                  size="small"
                  disabled={removing.running}
                  icon={<CloseOutlined />}
                  aria-label={t('customers.profile.tags.remove', { name: tag.name })}
                  onClick={() => void removing.run(tag)}
                  style={{ marginInlineStart: 4, height: 16, width: 16, minWidth: 16 }}
                />
              )}
            </Tag>
          ))}
        </Flex>
      )}
      <Modal
        title={t('customers.profile.tags.add')}
        open={picking}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: picked.length === 0, loading: adding.running }}
        onOk={() => void adding.run({ add: picked })}
        onCancel={() => setPicking(false)}
        destroyOnHidden
      >
        <TagSelect
          label={t('customers.profile.tags.pick')}
          groups={groups}
          value={picked}
          onChange={setPicked}
          exclude={tags.map((tag) => tag.tagId)}
          style={{ width: '100%' }}
        />
      </Modal>
    </Card>
  );
}
