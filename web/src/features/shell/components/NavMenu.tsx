import { Menu, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n';
import { useSandboxMode } from '../../sandbox/sandboxMode';
import { useCan } from '../../workspace/hooks/useWorkspace';
import { useWorkspacePath } from '../hooks/useWorkspacePath';
import { activePage, isSection, visibleNavigation, type NavPage } from '../navigation';

export function NavMenu() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { slug, subPath, to } = useWorkspacePath();
  const sections = visibleNavigation(can, useSandboxMode(slug)?.enabled === true);
  const pageItem = (page: NavPage) => ({
    key: page.key,
    label: page.badge ? (
      <>
        {t(page.label)}
        <page.badge slug={slug} />
      </>
    ) : (
      t(page.label)
    ),
  });
  const items: MenuProps['items'] = sections.map((item) =>
    isSection(item)
      ? { key: item.key, label: t(item.label), children: item.children.map(pageItem) }
      : pageItem(item),
  );
  const paths = new Map(
    sections
      .flatMap((item) => (isSection(item) ? item.children : [item]))
      .map((p) => [p.key, p.path]),
  );
  const selected = activePage(subPath);

  return (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={selected ? [selected.key] : []}
      defaultOpenKeys={sections.filter(isSection).map((section) => section.key)}
      onClick={({ key }) => {
        const path = paths.get(key);
        if (path !== undefined) navigate(to(path));
      }}
    />
  );
}
