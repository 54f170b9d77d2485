import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { systemActor } from '../workspace/actor.js';
import { addFollow } from './customer-list.testing.js';
import { upsertFollowsFromImport } from './follow.import.js';
import {
  corpId,
  id,
  inTransaction,
  peopleFixture,
  seedTags,
  systemActing,
  tagPerson,
  type PeopleFixture,
} from './people.testing.js';
import { createTag, createTagGroup } from './tag.service.js';
import { undoMerge } from './unmerge.service.js';

/**
 * `person_tag.person_added_at` (the person's added date on each link, for the customer list's
 * tag walk) follows every path that writes a link or a person's added date: the triggers of
 * migration 2026_11_26_0120, on both dialects.
 */
describe("tag links carry their person's added date", () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const fixture = () => peopleFixture(t, `tag-added-${++n}`);
  const day = (d: number) => Date.UTC(2026, 0, d);

  /** Visible links as `person tag date`, and a check that each hidden one is its own person's. */
  async function linkDates(f: PeopleFixture, names: Record<string, string>) {
    const rows = await f.ctx.db
      .selectFrom('person_tag as t')
      .innerJoin('person as p', 'p.id', 't.person_id')
      .select(['t.person_id', 't.tag_id', 't.shadowed', 't.person_added_at', 'p.added_at'])
      .where('t.workspace_id', '=', f.workspaceId)
      .execute();
    const label = (key: string) => names[key] ?? key;
    return rows
      .filter((r) => r.shadowed === 0)
      .map((r) => {
        expect(r.person_added_at, 'the link has its person’s date').toBe(r.added_at);
        return `${label(r.person_id)} ${label(r.tag_id)} ${r.person_added_at === null ? 'none' : new Date(r.person_added_at).getUTCDate()}`;
      })
      .sort();
  }

  it('a tag assigned takes the date (none before a first follow), and follows move it', async () => {
    const f = await fixture();
    const tags = await seedTags(f, ['VIP', 'Lead']);
    const a = (await f.resolve([id.external('wmA')])).personId!;
    const b = (await f.resolve([id.oa('oB')])).personId!;
    await addFollow(f, a, { employee: 'alice', addedAt: day(10) });
    await tagPerson(f, a, [tags.VIP!, tags.Lead!]);
    await tagPerson(f, b, [tags.VIP!]);
    const names = { [a]: 'A', [b]: 'B', [tags.VIP!]: 'VIP', [tags.Lead!]: 'Lead' };
    expect(await linkDates(f, names)).toEqual(['A Lead 10', 'A VIP 10', 'B VIP none']);

    // A first follow gives B a date; an earlier follow of A moves A's (the earliest counts).
    await addFollow(f, b, { employee: 'bob', addedAt: day(20) });
    await addFollow(f, a, { employee: 'bob', addedAt: day(5) });
    expect(await linkDates(f, names)).toEqual(['A Lead 5', 'A VIP 5', 'B VIP 20']);

    // A date set or cleared directly (as a bulk writer would) reaches the links as well.
    await f.ctx.db.updateTable('person').set({ added_at: null }).where('id', '=', b).execute();
    await f.ctx.db
      .updateTable('person')
      .set({ added_at: day(7) })
      .where('id', '=', a)
      .execute();
    expect(await linkDates(f, names)).toEqual(['A Lead 7', 'A VIP 7', 'B VIP none']);
  });

  it("a merge gives the loser's links the winner's date, an unmerge gives them back", async () => {
    const f = await fixture();
    const tags = await seedTags(f, ['VIP', 'Lead', 'Cold']);
    const a = (await f.resolve([id.external('wmA'), id.unionid('uA')])).personId!;
    const b = (await f.resolve([id.oa('oB')])).personId!;
    await addFollow(f, a, { employee: 'alice', addedAt: day(10) });
    await tagPerson(f, a, [tags.VIP!]);
    await tagPerson(f, b, [tags.VIP!, tags.Lead!]);
    const names = {
      [a]: 'A',
      [b]: 'B',
      [tags.VIP!]: 'VIP',
      [tags.Lead!]: 'Lead',
      [tags.Cold!]: 'Cold',
    };
    expect(await linkDates(f, names)).toEqual(['A VIP 10', 'B Lead none', 'B VIP none']);

    const merged = await f.resolve([id.oa('oB'), id.unionid('uA')]);
    expect(merged.personId).toBe(a);
    // B's VIP link is hidden under A's; its Lead link is A's now, with A's date.
    expect(await linkDates(f, names)).toEqual(['A Lead 10', 'A VIP 10']);
    await tagPerson(f, a, [tags.Cold!]);
    expect(await linkDates(f, names)).toEqual(['A Cold 10', 'A Lead 10', 'A VIP 10']);

    await inTransaction(f, (trx) =>
      undoMerge(trx, f.ctx, {
        workspaceId: f.workspaceId,
        mergeId: merged.mergeIds[0]!,
        by: systemActor,
      }),
    );
    expect(await linkDates(f, names)).toEqual([
      'A Cold 10',
      'A VIP 10',
      'B Lead none',
      'B VIP none',
    ]);
  });

  it('an import dates the links it creates and the links of persons it first adds', async () => {
    const f = await fixture();
    const group = await createTagGroup(f.ctx, systemActing(f), {
      name: 'Level',
      source: 'corp',
      wecomGroupId: 'etGROUP',
    });
    const vip = (
      await createTag(f.ctx, systemActing(f), group.id, { name: 'VIP', wecomTagId: 'etVIP' })
    ).id;
    const local = await seedTags(f, ['Local']);
    // Known from the Official Account, tagged there, not yet anyone's WeCom customer.
    const known = (await f.resolve([id.oa('oK'), id.unionid('uK')])).personId!;
    await tagPerson(f, known, [local.Local!]);
    const names = { [known]: 'K', [vip]: 'VIP', [local.Local!]: 'Local' };
    expect(await linkDates(f, names)).toEqual(['K Local none']);

    const follow = (userId: string, addedAt: number, tagIds: string[]) => ({
      userId,
      remark: null,
      description: null,
      addedAt,
      remarkCorpName: null,
      remarkMobiles: [],
      operatorUserId: null,
      addWay: 1,
      state: null,
      tagIds,
    });
    const contact = (externalUserId: string, unionId: string | null) => ({
      externalUserId,
      name: externalUserId,
      kind: 'wechat' as const,
      avatarUrl: null,
      gender: 'unknown' as const,
      unionId,
      position: null,
      corpName: null,
      corpFullName: null,
      profile: [],
    });
    const result = await inTransaction(f, (trx) =>
      upsertFollowsFromImport(trx, f.ctx, f.workspaceId, corpId, [
        { contact: contact('wmK', 'uK'), followInfo: follow('alice', day(3), ['etVIP']) },
        { contact: contact('wmN', null), followInfo: follow('bob', day(4), ['etVIP']) },
      ]),
    );
    expect(result.personsCreated).toBe(1);
    const created = (await f.resolve([id.external('wmN')])).personId!;
    expect(await linkDates(f, { ...names, [created]: 'N' })).toEqual([
      'K Local 3',
      'K VIP 3',
      'N VIP 4',
    ]);
  });
});
