import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n';
import { useCan } from '../../workspace/hooks/useWorkspace';
import type { SortField, SortOrder } from '../api';
import { sortFields, type ListView } from '../filters';
import type { CustomerLookups } from '../hooks/useCustomerLookups';
import { AttributeConditions } from './AttributeConditions';
import { TagSelect } from './TagSelect';

interface Props {
  view: ListView;
  lookups: CustomerLookups;
  onChange(changes: Partial<ListView>): void;
  onReset(): void;
}

const sortOptions = sortFields.flatMap((field) =>
  (['desc', 'asc'] as const).map((order) => ({ field, order })),
);

/** Search, tags (all / any / none), employees, channel state, added dates, OA, attributes, sort. */
export function CustomerFilterBar({ view, lookups, onChange, onReset }: Props) {
  const t = useT();
  const can = useCan();
  const [q, setQ] = useState(view.q);
  useEffect(() => setQ(view.q), [view.q]);
  const groups = lookups.tagGroups.data;
  const employees = lookups.employees.data;

  return (
    <Flex vertical gap="small">
      <Flex wrap gap="small">
        <Input.Search
          aria-label={t('customers.filter.search')}
          placeholder={t('customers.filter.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => onChange({ q: value })}
          style={{ width: 260 }}
        />
        <TagSelect
          label={t('customers.filter.tagsAll')}
          groups={groups}
          value={view.tagsAll}
          onChange={(tagsAll) => onChange({ tagsAll })}
        />
        <TagSelect
          label={t('customers.filter.tagsAny')}
          groups={groups}
          value={view.tagsAny}
          onChange={(tagsAny) => onChange({ tagsAny })}
        />
        <TagSelect
          label={t('customers.filter.tagsNone')}
          groups={groups}
          value={view.tagsNone}
          onChange={(tagsNone) => onChange({ tagsNone })}
        />
      </Flex>
      <Flex wrap gap="small" align="center">
        <Select
          aria-label={t('customers.filter.employees')}
          placeholder={t('customers.filter.employees')}
          mode={employees ? 'multiple' : 'tags'}
          allowClear
          value={view.employees}
          options={employees?.map((e) => ({ label: e.name, value: e.userId }))}
          optionFilterProp="label"
          onChange={(ids: string[]) => onChange({ employees: ids })}
          style={{ minWidth: 180 }}
          maxTagCount="responsive"
        />
        <Select
          aria-label={t('customers.filter.states')}
          placeholder={t('customers.filter.states')}
          mode="tags"
          allowClear
          open={false}
          suffixIcon={null}
          value={view.states}
          onChange={(states: string[]) => onChange({ states })}
          style={{ minWidth: 160 }}
        />
        <DateField
          label={t('customers.filter.addedFrom')}
          value={view.from}
          onChange={(from) => onChange({ from })}
        />
        <DateField
          label={t('customers.filter.addedTo')}
          value={view.to}
          onChange={(to) => onChange({ to })}
        />
        <Select
          aria-label={t('customers.filter.followsOa')}
          placeholder={t('customers.filter.followsOa')}
          allowClear
          value={view.followsOa || undefined}
          options={[
            { label: t('customers.filter.followsOa.yes'), value: 'yes' },
            { label: t('customers.filter.followsOa.no'), value: 'no' },
          ]}
          onChange={(value?: 'yes' | 'no') => onChange({ followsOa: value ?? '' })}
          style={{ width: 150 }}
        />
        <Select
          aria-label={t('customers.filter.sort')}
          value={`${view.sort.field}.${view.sort.order}`}
          options={sortOptions.map(({ field, order }) => ({
            label: t(`customers.sort.${field}.${order}`),
            value: `${field}.${order}`,
          }))}
          onChange={(value: string) => {
            const [field, order] = value.split('.') as [SortField, SortOrder];
            onChange({ sort: { field, order } });
          }}
          style={{ width: 190 }}
        />
        <Button onClick={onReset}>{t('customers.filter.reset')}</Button>
      </Flex>
      <AttributeConditions
        definitions={lookups.definitions.data ?? []}
        revealsPii={can('customers.pii')}
        value={view.attributes}
        onChange={(attributes) => onChange({ attributes })}
      />
    </Flex>
  );
}

function DateField(props: { label: string; value: string; onChange(value: string): void }) {
  return (
    <Input
      type="date"
      aria-label={props.label}
      title={props.label}
      prefix={<span className="customers-date-label">{props.label}</span>}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      style={{ width: 230 }}
    />
  );
}
