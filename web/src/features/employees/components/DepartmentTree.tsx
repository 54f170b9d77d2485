import { Alert, Card, Spin, Tree } from 'antd';
import { useMemo } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import type { Resource } from '../../../api/useResource';
import { useT } from '../../../i18n';
import type { Department } from '../api';
import { departmentTree } from '../departmentTree';

interface Props {
  departments: Resource<Department[]>;
  selected: string | undefined;
  onSelect(departmentId: string | undefined): void;
}

/** The corp's departments; choosing one filters the members (choosing it again clears it). */
export function DepartmentTree({ departments, selected, onSelect }: Props) {
  const t = useT();
  const errorText = useApiErrorText();
  const tree = useMemo(
    () =>
      departmentTree(departments.data ?? [], (d) =>
        t('employees.departmentLabel', { name: d.name, count: d.employeeCount }),
      ),
    [departments.data, t],
  );

  return (
    <Card size="small" title={t('employees.departments')}>
      {departments.error !== undefined && (
        <Alert type="error" showIcon title={errorText(departments.error)} />
      )}
      {departments.loading && !departments.data && <Spin />}
      {departments.data?.length === 0 && <span>{t('employees.noDepartments')}</span>}
      {tree.length > 0 && (
        <Tree
          blockNode
          defaultExpandAll
          treeData={tree}
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
        />
      )}
    </Card>
  );
}
