import type { CustomerListItem } from './customer-list.schemas.js';
import type { ListDetails } from './customer-list.details.js';
import type { PeopleContext } from './people.context.js';
import type { PersonRow } from './person.table.js';
import { maskPhone } from './phone.js';
import { iso } from './tag.mapping.js';

export type ListedPerson = Pick<
  PersonRow,
  'id' | 'display_name' | 'avatar_url' | 'created_at' | 'updated_at' | 'added_at'
>;

/** A phone as the caller may see it (masked unless `reveal`). */
export function displayPhone(ctx: Pick<PeopleContext, 'pii'>, sealed: string, reveal: boolean) {
  const phone = ctx.pii.open(sealed);
  return reveal ? phone : maskPhone(phone);
}

export function personToListItem(
  ctx: Pick<PeopleContext, 'pii'>,
  person: ListedPerson,
  details: ListDetails,
  reveal: boolean,
): CustomerListItem {
  const phone = details.phones.get(person.id)?.[0];
  return {
    id: person.id,
    displayName: person.display_name,
    avatarUrl: person.avatar_url,
    tags: (details.tags.get(person.id) ?? []).map((t) => ({
      id: t.tag_id,
      name: t.tag_name,
      groupId: t.group_id,
    })),
    followers: (details.follows.get(person.id) ?? []).map((f) => ({
      employeeUserId: f.employee_user_id,
      remark: f.remark,
      state: f.state,
      addedAt: iso(f.added_at),
      status: f.status,
    })),
    followsOa: details.followsOa.has(person.id),
    addedAt: person.added_at === null ? null : iso(person.added_at),
    createdAt: iso(person.created_at),
    updatedAt: iso(person.updated_at),
    phone: phone === undefined ? null : displayPhone(ctx, phone, reveal),
  };
}
