import { describe, expect, it } from 'vitest';
import { domainEventSchema, domainEventTypes, type EventOf } from './index.js';

const added: EventOf<'contact.added'> = {
  type: 'contact.added',
  dedupKey: 'wecom:ww1:abc',
  occurredAt: 1_700_000_000_000,
  data: { corpId: 'ww1', employeeUserId: 'zhangsan', externalUserId: 'wm1', half: false },
};

describe('domain-event catalog', () => {
  it('names every event the channels produce, once', () => {
    expect(domainEventTypes).toEqual([
      'contact.added',
      'contact.updated',
      'contact.removed_by_customer',
      'contact.removed_by_employee',
      'contact.transfer_failed',
      'group.created',
      'group.updated',
      'group.dismissed',
      'group.member_joined',
      'group.member_left',
      'tag.changed',
      'employee.created',
      'employee.updated',
      'employee.deleted',
      'department.created',
      'department.updated',
      'department.deleted',
      'kf.message_pending',
      'oa.followed',
      'oa.unfollowed',
      'oa.scanned',
      'oa.message_received',
      'oa.template_finished',
      'oa.menu_clicked',
      'person.tag_added',
      'person.tag_removed',
      'person.merged',
      'person.unmerged',
      'person.erased',
    ]);
    expect(new Set(domainEventTypes).size).toBe(domainEventTypes.length);
  });

  it('accepts a well-formed event and picks its schema by type', () => {
    expect(domainEventSchema.parse(added)).toEqual(added);
  });

  it('rejects events that break the contract', () => {
    const broken = [
      { ...added, type: 'contact.unknown' },
      { ...added, dedupKey: '' },
      { ...added, occurredAt: 1.5 },
      { ...added, occurredAt: -1 },
      { ...added, data: { ...added.data, externalUserId: '' } },
      { ...added, data: { ...added.data, externalUserId: 12345 } },
      { ...added, data: { corpId: 'ww1', employeeUserId: 'zhangsan', externalUserId: 'wm1' } },
      { ...added, type: 'oa.scanned' },
    ];
    for (const event of broken) expect(domainEventSchema.safeParse(event).success).toBe(false);
  });
});
