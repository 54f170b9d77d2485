import type { ComponentType } from 'react';
import type { MessageKey } from '../../i18n';
import { LossAlertsBadge } from '../loss-alerts/components/LossAlertsBadge';
import type { Permission } from '../workspace/permissions';

/**
 * The left menu. A module appears here only once it exists; each entry names the permission
 * needed to open it. Paths are relative to `/w/:slug/`.
 */
export interface NavPage {
  key: string;
  path: string;
  label: MessageKey;
  permission?: Permission;
  /** Shown only while the workspace is in sandbox mode (its WeCom connection is the sandbox). */
  sandboxOnly?: boolean;
  /** Shown after the label, e.g. a count of things waiting. */
  badge?: ComponentType<{ slug: string }>;
}

export interface NavSection {
  key: string;
  label: MessageKey;
  children: NavPage[];
}

export type NavItem = NavPage | NavSection;

export const navigation: NavItem[] = [
  { key: 'dashboard', path: '', label: 'nav.dashboard' },
  { key: 'customers', path: 'customers', label: 'nav.customers', permission: 'customers.read' },
  {
    key: 'lossAlerts',
    path: 'loss-alerts',
    label: 'nav.lossAlerts',
    permission: 'customers.read',
    badge: LossAlertsBadge,
  },
  {
    key: 'identityReview',
    path: 'identity-review',
    label: 'nav.identityReview',
    permission: 'customers.read',
  },
  {
    key: 'settings',
    label: 'nav.settings',
    children: [
      { key: 'users', path: 'settings/users', label: 'nav.users', permission: 'users.read' },
      {
        key: 'connections',
        path: 'settings/connections',
        label: 'nav.connections',
        permission: 'workspace.read',
      },
      {
        key: 'doctor',
        path: 'settings/doctor',
        label: 'nav.doctor',
        permission: 'connections.manage',
      },
      {
        key: 'employees',
        path: 'settings/employees',
        label: 'nav.employees',
        permission: 'workspace.read',
      },
      { key: 'import', path: 'settings/import', label: 'nav.import', permission: 'customers.read' },
    ],
  },
  {
    key: 'sandbox',
    path: 'sandbox',
    label: 'nav.sandbox',
    permission: 'workspace.read',
    sandboxOnly: true,
  },
];

export const isSection = (item: NavItem): item is NavSection => 'children' in item;

/** The entries this user may open; sections left empty are dropped. */
export function visibleNavigation(
  can: (permission: Permission) => boolean,
  inSandbox = false,
): NavItem[] {
  const allowed = (page: NavPage) =>
    (!page.permission || can(page.permission)) && (!page.sandboxOnly || inSandbox);
  return navigation.flatMap((item): NavItem[] => {
    if (!isSection(item)) return allowed(item) ? [item] : [];
    const children = item.children.filter(allowed);
    return children.length > 0 ? [{ ...item, children }] : [];
  });
}

/** The open page: the longest path that `subPath` (the URL after the slug) equals or extends. */
export function activePage(subPath: string): NavPage | undefined {
  const pages = navigation.flatMap((item) => (isSection(item) ? item.children : [item]));
  return pages
    .filter((page) => subPath === page.path || subPath.startsWith(`${page.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
