// The server's permission catalog and role matrix (pure data, written to be shared with the console).
export {
  permissions,
  roles,
  rolePermissions,
  type Permission,
  type Role,
} from '../../../../src/modules/workspace/permissions';
