import { Select } from 'antd';
import type { CSSProperties } from 'react';
import type { TagGroup } from '../api';

interface Props {
  groups: TagGroup[] | undefined;
  value: string[];
  onChange(tagIds: string[]): void;
  label: string;
  /** Tags not to offer (already on the customer). */
  exclude?: readonly string[];
  style?: CSSProperties;
}

/** A multi-select of tags, grouped by tag group, searchable by name. */
export function TagSelect({ groups, value, onChange, label, exclude = [], style }: Props) {
  const options = (groups ?? [])
    .map((group) => ({
      label: group.name,
      title: group.name,
      options: group.tags
        .filter((tag) => !exclude.includes(tag.id))
        .map((tag) => ({ label: tag.name, value: tag.id })),
    }))
    .filter((group) => group.options.length > 0);
  return (
    <Select
      mode="multiple"
      allowClear
      aria-label={label}
      placeholder={label}
      value={value}
      onChange={onChange}
      options={options}
      optionFilterProp="label"
      loading={groups === undefined}
      style={{ minWidth: 220, ...style }}
      maxTagCount="responsive"
    />
  );
}
