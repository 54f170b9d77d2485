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

/** `Event=change_contact` for members: the employee directory changed. */
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
      // Department and tag changes of the directory are not in the catalog yet.
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
