import { beforeAll, describe, expect, it } from 'vitest';
import { createAttributeDefinition } from './attribute.service.js';
import { loadCustomerProfile } from './customer-profile.service.js';
import type { CustomerProfile } from './customer.schemas.js';
import { addFollow, seedEmployee, subscribeOa } from './customer-list.testing.js';
import {
  corpId,
  id,
  oaAppId,
  seedTags,
  setAttributes,
  systemActing,
  tagPerson,
  usePeopleApi,
} from './people.testing.js';

describe('customer profile aggregate', () => {
  const api = usePeopleApi();
  let person: string;
  let loser: string;
  const at = Date.UTC(2026, 3, 1);

  beforeAll(async () => {
    const { f } = api;
    await createAttributeDefinition(f.ctx, systemActing(f), {
      key: 'city',
      label: '城市',
      type: 'text',
    });
    await seedEmployee(f, { userId: 'alice', name: '王小丽' });
    person = (
      await f.resolve([id.external('wm_profile'), id.phone('13900139000')], {
        profile: { displayName: '钱七' },
      })
    ).personId!;
    loser = (await f.resolve([id.mp('mp_profile')])).personId!;
    await f.resolve([id.external('wm_profile'), id.unionid('u-profile')]);
    await f.resolve([id.mp('mp_profile'), id.unionid('u-profile')]);
    // An unverified phone held by someone else: a conflict for review.
    await f.resolve([id.member('m-profile'), id.phone('13900139000', false)]);
    await addFollow(f, person, { employee: 'alice', addedAt: at, state: 'expo', remark: '钱总' });
    await addFollow(f, person, {
      employee: 'ghost',
      addedAt: at + 1000,
      status: 'removed_by_employee',
    });
    await subscribeOa(f, person);
    await tagPerson(f, person, [(await seedTags(f, ['vip'])).vip!]);
    await setAttributes(f, person, { city: '上海' });
  });

  it('gives the profile page in one call', async () => {
    const res = await api.agent.inject({ method: 'GET', url: api.url(`/customers/${person}`) });
    // Agents see their own customers only.
    expect(res.statusCode).toBe(404);
    const profile = (
      await api.operator.inject({ method: 'GET', url: api.url(`/customers/${person}`) })
    ).json() as CustomerProfile;
    expect(profile).toMatchObject({
      id: person,
      displayName: '钱七',
      mergedPersonIds: [loser],
      tags: [expect.objectContaining({ name: 'vip' })],
      attributes: [expect.objectContaining({ key: 'city', value: '上海' })],
      openConflicts: 1,
      followers: [
        {
          corpId,
          employeeUserId: 'alice',
          employeeName: '王小丽',
          remark: '钱总',
          description: null,
          state: 'expo',
          status: 'active',
          addedAt: new Date(at).toISOString(),
          removedAt: null,
        },
        expect.objectContaining({
          employeeUserId: 'ghost',
          employeeName: null,
          status: 'removed_by_employee',
          removedAt: expect.any(String),
        }),
      ],
      oaSubscriptions: [
        {
          appId: oaAppId,
          subscribed: true,
          scene: 'ADD_SCENE_QR_CODE',
          subscribedAt: expect.any(String),
          unsubscribedAt: null,
        },
      ],
      merges: [
        expect.objectContaining({ winnerPersonId: person, loserPersonId: loser, undoneAt: null }),
      ],
    });
    // Operators have no customers.pii: the phone is masked.
    expect(profile.identities.find((i) => i.kind === 'phone')).toMatchObject({
      value: '+86 139****9000',
      masked: true,
    });
  });

  it('is the same through the service function (for benchmarks and other modules)', async () => {
    const { f } = api;
    const profile = await loadCustomerProfile(f.ctx, systemActing(f), loser);
    expect(profile).toMatchObject({ id: person, requestedId: loser });
    expect(profile.identities.find((i) => i.kind === 'phone')?.value).toBe('+8613900139000');
  });
});
