import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
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
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const change = async (diff: { add?: string[]; remove?: string[] }, done: string) => {
    setSaving(true);
    try {
      onChanged(await changeCustomerTags(slug, personId, diff));
      void message.success(done);
      return true;
    } catch (error) {
      void message.error(errorText(error));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const add = async () => {
    if (await change({ add: picked }, t('customers.profile.tags.added'))) {
      setPicking(false);
      setPicked([]);
    }
  };

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
                  disabled={saving}
                  icon={<CloseOutlined />}
                  aria-label={t('customers.profile.tags.remove', { name: tag.name })}
                  onClick={() =>
                    void change(
                      { remove: [tag.tagId] },
                      t('customers.profile.tags.removed', { name: tag.name }),
                    )
                  }
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
        okButtonProps={{ disabled: picked.length === 0, loading: saving }}
        onOk={() => void add()}
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
