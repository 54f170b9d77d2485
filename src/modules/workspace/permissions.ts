/**
 * The permission catalog and the role matrix: the one definition shared by the server
 * (route guards), later modules and the console. Pure data, no imports, so the web app
 * can import it as is.
 */
export const permissions = [
  'workspace.read',
  'workspace.manage',
  'owners.manage',
  'users.read',
  'users.manage',
  'api_keys.manage',
  'audit.read',
  'customers.read',
  'customers.all',
  'customers.write',
  'customers.export',
  'customers.pii',
  'tags.manage',
  'connections.manage',
  'journeys.manage',
  'campaigns.manage',
  'inbox.reply',
  'analytics.read',
  'jobs.manage',
] as const;

export type Permission = (typeof permissions)[number];

/** What each permission allows, for documentation and the console's role screen. */
export const permissionDescriptions: Record<Permission, string> = {
  'workspace.read': 'See the workspace and its roles',
  'workspace.manage': 'Rename the workspace and change its settings',
  'owners.manage': 'Grant or revoke the owner role (transfer ownership)',
  'users.read': 'See the console users of the workspace',
  'users.manage': 'Add, change, disable and remove console users',
  'api_keys.manage': 'Create and revoke API keys',
  'audit.read': 'Read the audit log',
  'customers.read': 'See customers (only those assigned to you without customers.all)',
  'customers.all': 'See every customer of the workspace, not only your own',
  'customers.write': 'Edit customers, their attributes and follow-up records',
  'customers.export': 'Export customer lists',
  'customers.pii': 'See unmasked personal data such as phone numbers',
  'tags.manage': 'Create, edit and apply tags',
  'connections.manage': 'Connect WeCom, Official Accounts, Mini Programs and shops',
  'journeys.manage': 'Build and run journeys',
  'campaigns.manage': 'Build segments and send campaigns',
  'inbox.reply': 'Answer conversations in the inbox',
  'analytics.read': 'See analytics dashboards',
  'jobs.manage': 'See and retry background jobs',
};

export const roles = ['owner', 'admin', 'operator', 'sales', 'agent'] as const;

export type Role = (typeof roles)[number];

/** Roles an API key may carry: never owner, so a key cannot take over a workspace. */
export const apiKeyRoles = [
  'admin',
  'operator',
  'sales',
  'agent',
] as const satisfies readonly Role[];

const all = permissions;
const allButOwnership = permissions.filter((p) => p !== 'owners.manage');

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  owner: all,
  admin: allButOwnership,
  operator: [
    'workspace.read',
    'users.read',
    'customers.read',
    'customers.all',
    'customers.write',
    'customers.export',
    'tags.manage',
    'journeys.manage',
    'campaigns.manage',
    'inbox.reply',
    'analytics.read',
  ],
  sales: ['workspace.read', 'customers.read', 'customers.write', 'customers.pii', 'inbox.reply'],
  agent: ['workspace.read', 'customers.read', 'inbox.reply'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
