import { Select } from 'antd';
import { useApiAction } from '../../../api/useApiAction';
import { useT } from '../../../i18n';
import type { Member } from '../../users/api';
import { linkEmployee, type Employee } from '../api';

interface Props {
  slug: string;
  employee: Employee;
  members: Member[];
  onLinked(employee: Employee): void;
}

/** Which console user this employee is: choose one to link, clear to unlink. */
export function LinkUserSelect({ slug, employee, members, onLinked }: Props) {
  const t = useT();
  const link = useApiAction(
    (userAccountId: string | null) => linkEmployee(slug, employee.id, userAccountId),
    {
      success: (linked) =>
        linked.userAccountId
          ? t('employees.linked')
          : t('employees.unlinked', { name: employee.name }),
      onDone: onLinked,
    },
  );

  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      size="small"
      style={{ minWidth: 200 }}
      loading={link.running}
      disabled={link.running}
      aria-label={t('employees.linkUserOf', { name: employee.name })}
      placeholder={t('employees.notLinked')}
      value={employee.userAccountId ?? undefined}
      onChange={(value?: string) => void link.run(value ?? null)}
      options={members.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` }))}
    />
  );
}
