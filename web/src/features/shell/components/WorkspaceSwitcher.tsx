import { Select } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n';
import { useSignedInSession } from '../../auth/hooks/useSession';
import { useWorkspace } from '../../workspace/hooks/useWorkspace';
import { useWorkspacePath } from '../hooks/useWorkspacePath';

/** Lists the user's workspaces; choosing one opens the same page there. */
export function WorkspaceSwitcher() {
  const t = useT();
  const { workspaces } = useSignedInSession();
  const current = useWorkspace();
  const navigate = useNavigate();
  const { inWorkspace } = useWorkspacePath();
  return (
    <Select
      aria-label={t('header.workspace')}
      value={current.slug}
      style={{ minWidth: 200 }}
      options={workspaces.map((w) => ({ value: w.slug, label: w.name }))}
      onChange={(slug: string) => navigate(inWorkspace(slug))}
      showSearch={workspaces.length > 8 ? { optionFilterProp: 'label' } : false}
    />
  );
}
