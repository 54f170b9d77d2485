import { Alert, Button, Flex, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useFormat, useT } from '../../../i18n';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { toCustomerFilter } from '../filters';
import { useCustomerLookups } from '../hooks/useCustomerLookups';
import { useCustomerSearch } from '../hooks/useCustomerSearch';
import { useListView } from '../hooks/useListView';
import { CustomerFilterBar } from './CustomerFilterBar';
import { CustomersTable } from './CustomersTable';
import { ExportButton } from './ExportButton';

/** 客户: every customer the user may see, filtered, sorted and paged by keyset. */
export function CustomersPage() {
  const t = useT();
  const format = useFormat();
  const errorText = useApiErrorText();
  const can = useCan();
  const { slug } = useWorkspace();
  const lookups = useCustomerLookups(slug);
  const { view, key, update, reset } = useListView();
  const definitions = lookups.definitions.data;
  // Attribute values are typed by their definitions, so the search waits for them.
  const filter = useMemo(
    () => (definitions ? toCustomerFilter(view, definitions) : undefined),
    [key, definitions],
  );
  const search = useCustomerSearch(slug, filter, view.sort, `${key}|${definitions !== undefined}`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="baseline" size="middle">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('customers.title')}
          </Typography.Title>
          {search.total !== undefined && (
            <Typography.Text type="secondary" data-testid="customers-total">
              {t('customers.total', { count: format.number(search.total) })}
            </Typography.Text>
          )}
        </Space>
        {can('customers.export') && <ExportButton slug={slug} filter={filter} />}
      </Flex>
      <CustomerFilterBar view={view} lookups={lookups} onChange={update} onReset={reset} />
      {(search.error ?? lookups.definitions.error) !== undefined && (
        <Alert type="error" showIcon title={errorText(search.error ?? lookups.definitions.error)} />
      )}
      <CustomersTable
        items={search.items ?? []}
        loading={search.loading}
        employees={lookups.employees.data}
      />
      <Flex justify="center" align="center" gap="middle">
        <Typography.Text type="secondary">
          {t('customers.shown', { count: format.number(search.items?.length ?? 0) })}
        </Typography.Text>
        {search.hasMore && (
          <Button onClick={search.loadMore} loading={search.loading}>
            {t('customers.loadMore')}
          </Button>
        )}
      </Flex>
    </Space>
  );
}
