import type { EventDraft } from '../shared/callback-outcome.js';
import { nonEmptyTextOf } from '../shared/xml-read.js';
import type { XmlElement } from '../shared/xml.js';
import type { WecomCallback } from './callback-context.js';

const TAG_TYPES = new Set(['tag', 'tag_group']);
const TAG_CHANGES = new Set(['create', 'update', 'delete', 'shuffle']);

/** `Event=change_external_tag`: the corp tag library changed. */
export function mapExternalTagChange({ root, corpId, changeType }: WecomCallback) {
  const tagType = nonEmptyTextOf(root, 'TagType');
  if (changeType === undefined || !TAG_CHANGES.has(changeType)) return null;
  if (tagType === undefined || !TAG_TYPES.has(tagType)) return null;
  const draft: EventDraft = {
    type: 'tag.changed',
    data: {
      corpId,
      tagType,
      changeType,
      id: nonEmptyTextOf(root, 'Id'),
      strategyId: nonEmptyTextOf(root, 'StrategyId'),
    },
  };
  return [draft];
}

/** `Event=change_contact`: the employee directory's members or departments changed. */
export function mapDirectoryChange({ root, corpId, changeType }: WecomCallback) {
  const userId = nonEmptyTextOf(root, 'UserID');
  switch (changeType) {
    case 'create_user':
      return [{ type: 'employee.created', data: { corpId, userId, ...profile(root) } }] as const;
    case 'update_user':
      return [
        {
          type: 'employee.updated',
          data: { corpId, userId, newUserId: nonEmptyTextOf(root, 'NewUserID'), ...profile(root) },
        },
      ] as const;
    case 'delete_user':
      return [{ type: 'employee.deleted', data: { corpId, userId } }] as const;
    default:
      // Tag changes of the directory (update_tag) are not in the catalog yet.
      return mapDepartmentChange(root, corpId, changeType);
  }
}

/** `change_contact` for departments: create_party, update_party, delete_party. */
function mapDepartmentChange(root: XmlElement, corpId: string | undefined, changeType?: string) {
  const departmentId = nonEmptyTextOf(root, 'Id');
  // WeCom's root department has parent 0; the catalog says null (top level).
  const parent = nonEmptyTextOf(root, 'ParentId');
  const parentId = parent === undefined ? undefined : parent === '0' ? null : parent;
  const name = nonEmptyTextOf(root, 'Name');
  switch (changeType) {
    case 'create_party': {
      const order = Number(nonEmptyTextOf(root, 'Order') ?? Number.NaN);
      return [
        {
          type: 'department.created',
          data: {
            corpId,
            departmentId,
            name,
            parentId,
            order: Number.isSafeInteger(order) ? order : undefined,
          },
        },
      ] as const;
    }
    case 'update_party':
      // Name and ParentId are present only when they changed.
      return [
        { type: 'department.updated', data: { corpId, departmentId, name, parentId } },
      ] as const;
    case 'delete_party':
      return [{ type: 'department.deleted', data: { corpId, departmentId } }] as const;
    default:
      return null;
  }
}

const GENDERS = new Map([
  ['0', 'unknown'],
  ['1', 'male'],
  ['2', 'female'],
]);
const STATUSES = new Map([
  ['1', 'active'],
  ['2', 'disabled'],
  ['4', 'inactive'],
  ['5', 'resigned'],
]);

function profile(root: XmlElement) {
  const text = (name: string) => nonEmptyTextOf(root, name);
  const coded = (codes: ReadonlyMap<string, string>, name: string) => codes.get(text(name) ?? '');
  return {
    name: text('Name'),
    departmentIds: text('Department')?.split(',').filter(Boolean),
    mainDepartmentId: text('MainDepartment'),
    position: text('Position'),
    mobile: text('Mobile'),
    telephone: text('Telephone'),
    email: text('Email'),
    gender: coded(GENDERS, 'Gender'),
    status: coded(STATUSES, 'Status'),
    avatarUrl: text('Avatar'),
    alias: text('Alias'),
    address: text('Address'),
  };
}
