import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { systemActor } from '../workspace/actor.js';
import { createAttributeDefinition } from './attribute.service.js';
import { findMerge } from './merge.store.js';
import type { MergeMoved } from './merge.types.js';
import { homeKeyedTable } from './person-owned.js';
import {
  id,
  inTransaction,
  peopleFixture,
  personSnapshot,
  recordEvents,
  seedTags,
  setAttributes,
  systemActing,
  tagPerson,
  type PeopleFixture,
} from './people.testing.js';
import { findPerson, resolvePersonId } from './person.store.js';
import { listVisibleTagsOf } from './tag.store.js';
import { undoMerge } from './unmerge.service.js';

describe('merges and unmerges', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
    // A table another module would own (follows), registered as person-owned.
    await sql`create table test_follow (id text primary key, workspace_id text not null,
      person_id text not null, home_person_id text not null, employee text not null)`.execute(
      t.database.db,
    );
  });
  afterAll(() => t.close());

  async function fixture() {
    const f = await peopleFixture(t, `merge-${++n}`);
    f.ctx.personOwned.register(homeKeyedTable({ name: 'test.follow', table: 'test_follow' }));
    const acting = systemActing(f);
    await createAttributeDefinition(f.ctx, acting, { key: 'city', label: '城市', type: 'text' });
    await createAttributeDefinition(f.ctx, acting, {
      key: 'level',
      label: '等级',
      type: 'enum',
      enumOptions: ['silver', 'gold'],
    });
    await createAttributeDefinition(f.ctx, acting, {
      key: 'birthday',
      label: '生日',
      type: 'date',
    });
    await createAttributeDefinition(f.ctx, acting, {
      key: 'id_card',
      label: '身份证',
      type: 'text',
      pii: true,
    });
    const tags = await seedTags(f, ['VIP', '新客', '复购']);
    return { f, tags };
  }

  const follow = (f: PeopleFixture, personId: string, employee: string) =>
    sql`insert into test_follow values (${`${personId}-${employee}`}, ${f.workspaceId},
      ${personId}, ${personId}, ${employee})`.execute(f.ctx.db);
  const followsOf = async (f: PeopleFixture, personId: string) =>
    (
      await sql<{ employee: string }>`select employee from test_follow
        where workspace_id = ${f.workspaceId} and person_id = ${personId} order by employee`.execute(
        f.ctx.db,
      )
    ).rows.map((r) => r.employee);
  const visibleTags = async (f: PeopleFixture, personId: string) =>
    (await listVisibleTagsOf(f.ctx.db, f.workspaceId, [personId])).map((r) => r.tag_name).sort();
  const undo = (f: PeopleFixture, mergeId: string) =>
    inTransaction(f, (trx) =>
      undoMerge(trx, f.ctx, { workspaceId: f.workspaceId, mergeId, by: systemActor }),
    );

  /** Two persons with identities, tags, attributes, events and follows each. */
  async function twoPersons() {
    const { f, tags } = await fixture();
    const a = (
      await f.resolve([id.external('wmA'), id.unionid('uA')], { profile: { displayName: 'A' } })
    ).personId!;
    await tagPerson(f, a, [tags.VIP!, tags['新客']!]);
    await setAttributes(f, a, { city: '上海', level: 'silver', id_card: '310101199001011234' });
    await recordEvents(f, a, ['contact.added', 'message.sent']);
    await follow(f, a, 'zhangsan');
    t.clock.advance(1000);
    const b = (await f.resolve([id.oa('oB')], { profile: { avatarUrl: 'https://img/b.png' } }))
      .personId!;
    await tagPerson(f, b, [tags.VIP!, tags['复购']!]);
    await setAttributes(f, b, {
      city: '北京',
      birthday: '1990-01-01',
      id_card: '110101198501011234',
    });
    await recordEvents(f, b, ['oa.followed']);
    await follow(f, b, 'lisi');
    return { f, tags, a, b };
  }

  it('moves everything about the loser to the winner, and an unmerge puts it all back', async () => {
    const { f, a, b } = await twoPersons();
    const beforeA = await personSnapshot(f, a);
    const beforeB = await personSnapshot(f, b);

    t.clock.advance(1000);
    const r = await f.resolve([id.oa('oB'), id.unionid('uA')]);
    expect(r.personId).toBe(a);
    const merged = await personSnapshot(f, a);
    expect(merged.tree).toEqual([a, b].sort());
    expect(merged.identities).toHaveLength(3);
    expect(merged.events).toEqual([...beforeA.events, ...beforeB.events].sort());
    expect(merged.tags).toHaveLength(4); // both VIP links kept, one shadowed
    expect(merged.attributes).toHaveLength(6); // both city and id_card values kept
    expect(await personSnapshot(f, b)).toMatchObject({
      identities: [],
      tags: [],
      attributes: [],
      events: [],
    });
    expect(await visibleTags(f, a)).toEqual(['VIP', '复购', '新客']);
    expect(await followsOf(f, a)).toEqual(['lisi', 'zhangsan']);
    const visible = await f.ctx.db
      .selectFrom('person_attribute')
      .select(['key', 'value_text', 'home_person_id'])
      .where('person_id', '=', a)
      .where('shadowed', '=', 0)
      .orderBy('key')
      .execute();
    // Conflicting values: the most recent (B's city, B's id card) shows.
    expect(visible.map((v) => `${v.key}:${v.home_person_id === b ? 'B' : 'A'}`)).toEqual([
      'birthday:B',
      'city:B',
      'id_card:B',
      'level:A',
    ]);
    const person = await findPerson(f.ctx.db, f.workspaceId, a);
    expect(person).toMatchObject({ display_name: 'A', avatar_url: 'https://img/b.png' });

    const merge = await findMerge(f.ctx.db, f.workspaceId, r.mergeIds[0]!);
    const moved = JSON.parse(merge!.moved) as MergeMoved;
    expect(moved.identities).toHaveLength(1);
    expect(moved.events).toBe(beforeB.events.length);
    expect(moved.hooks).toMatchObject({ 'test.follow': { rows: 1 }, 'people.follow': { rows: 0 } });
    expect(moved.profile).toEqual({ avatarUrl: 'https://img/b.png' });
    expect(moved.attributeConflicts.map((c) => `${c.key} kept ${c.kept}`).sort()).toEqual([
      'city kept loser',
      'id_card kept loser',
    ]);
    const city = moved.attributeConflicts.find((c) => c.key === 'city')!;
    expect(city.other).toMatchObject({ homePersonId: a, valueText: '上海' });
    // The remembered personal value stays sealed in the merge record.
    expect(merge!.moved).not.toContain('310101199001011234');

    await undo(f, r.mergeIds[0]!);
    expect(await personSnapshot(f, a)).toEqual(beforeA);
    expect(await personSnapshot(f, b)).toEqual(beforeB);
    expect(await followsOf(f, b)).toEqual(['lisi']);
    expect(await findPerson(f.ctx.db, f.workspaceId, a)).toMatchObject({ avatar_url: null });
    expect(await findPerson(f.ctx.db, f.workspaceId, b)).toMatchObject({ merged_into: null });
    expect(await findMerge(f.ctx.db, f.workspaceId, r.mergeIds[0]!)).toMatchObject({
      undone_by: 'system',
    });
  });

  it('gives back what arrived after the merge through the loser’s identities', async () => {
    const { f, tags, a, b } = await twoPersons();
    const beforeA = await personSnapshot(f, a);
    const beforeB = await personSnapshot(f, b);
    const r = await f.resolve([id.oa('oB'), id.unionid('uA')]);

    // Later facts about B's Official Account follower land on the merged person…
    const later = await f.resolve([id.oa('oB'), id.mp('mB')]);
    expect(later).toMatchObject({ personId: a, homePersonId: b });
    await recordEvents(f, later.homePersonId!, ['oa.message_received', 'mp.login']);
    // …and so do facts about A, and edits made on the merged person.
    await recordEvents(f, a, ['note.added']);
    await tagPerson(f, b, [tags['新客']!]); // a stale id: A already has it, nothing changes
    expect((await personSnapshot(f, a)).events).toHaveLength(
      beforeA.events.length + beforeB.events.length + 3,
    );

    await undo(f, r.mergeIds[0]!);
    const afterB = await personSnapshot(f, b);
    expect(afterB.identities.map((i) => i.split(' ')[0])).toEqual([
      'mp_openid:wx0c1d2e3f4a5b6c7d:mB',
      'oa_openid:wx5823bf96d3bd56c7:oB',
    ]);
    expect(afterB.events).toHaveLength(beforeB.events.length + 2);
    expect(
      afterB.events
        .map((e) => e.split(' ')[1])
        .filter((type) => !type!.startsWith('person.'))
        .sort(),
    ).toEqual(['mp.login', 'oa.followed', 'oa.message_received']);
    const afterA = await personSnapshot(f, a);
    expect(afterA.events).toHaveLength(beforeA.events.length + 1);
    expect(afterA.identities).toEqual(beforeA.identities);
    // B resolves to itself again; the same link is not merged automatically any more.
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, b)).toBe(b);
    const again = await f.resolve([id.oa('oB'), id.unionid('uA')]);
    expect(again.mergeIds).toEqual([]);
    const [conflict] = await f.ctx.db
      .selectFrom('identity_conflict')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .execute();
    expect(conflict).toMatchObject({ reason: 'unmerged', status: 'open' });
  });

  it('undoes one merge of a chain (A←B, A←C, undo B) and leaves the others', async () => {
    const { f, tags, a, b } = await twoPersons();
    const c = (await f.resolve([id.mp('mC')])).personId!;
    await tagPerson(f, c, [tags.VIP!]);
    await setAttributes(f, c, { city: '深圳', level: 'gold' });
    await recordEvents(f, c, ['mp.login']);
    const beforeA = await personSnapshot(f, a);
    const beforeB = await personSnapshot(f, b);
    const beforeC = await personSnapshot(f, c);

    const mB = (await f.resolve([id.oa('oB'), id.unionid('uA')])).mergeIds[0]!;
    const mC = (await f.resolve([id.mp('mC'), id.unionid('uA')])).mergeIds[0]!;
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, c)).toBe(a);
    const merged = await personSnapshot(f, a);
    expect(merged.tree).toEqual([a, b, c].sort());
    expect(merged.tags).toHaveLength(5); // A: VIP 新客, B: VIP 复购, C: VIP
    // C's city is the most recent: it shows; A's and B's are kept.
    const city = await f.ctx.db
      .selectFrom('person_attribute')
      .select(['home_person_id', 'value_text'])
      .where('person_id', '=', a)
      .where('key', '=', 'city')
      .where('shadowed', '=', 0)
      .executeTakeFirstOrThrow();
    expect(city).toEqual({ home_person_id: c, value_text: '深圳' });

    await undo(f, mB);
    expect(await personSnapshot(f, b)).toEqual(beforeB);
    const ac = await personSnapshot(f, a);
    expect(ac.tree).toEqual([a, c].sort());
    expect(ac.identities).toEqual([...beforeA.identities, ...beforeC.identities].sort());
    expect(ac.events).toEqual([...beforeA.events, ...beforeC.events].sort());
    expect(await visibleTags(f, a)).toEqual(['VIP', '新客']);
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, c)).toBe(a);

    await undo(f, mC);
    expect(await personSnapshot(f, a)).toEqual(beforeA);
    expect(await personSnapshot(f, c)).toEqual(beforeC);
    await expect(undo(f, mC)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('undoes an inner merge after the winner was itself merged into an older person', async () => {
    const { f } = await fixture();
    const z = (await f.resolve([id.member('Z1')])).personId!;
    const a = (await f.resolve([id.unionid('uA')])).personId!;
    const b = (await f.resolve([id.oa('oB')])).personId!;
    await recordEvents(f, b, ['oa.followed']);
    const beforeZ = await personSnapshot(f, z);
    const beforeA = await personSnapshot(f, a);
    const beforeB = await personSnapshot(f, b);
    const mAB = (await f.resolve([id.oa('oB'), id.unionid('uA')])).mergeIds[0]!;
    const mZA = (await f.resolve([id.member('Z1'), id.unionid('uA')])).mergeIds[0]!;
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, b)).toBe(z);
    expect((await personSnapshot(f, z)).tree).toEqual([z, a, b].sort());

    await undo(f, mAB);
    expect(await personSnapshot(f, b)).toEqual(beforeB);
    expect((await personSnapshot(f, z)).tree).toEqual([z, a].sort());
    await undo(f, mZA);
    expect(await personSnapshot(f, z)).toEqual(beforeZ);
    expect(await personSnapshot(f, a)).toEqual(beforeA);
  });
});
