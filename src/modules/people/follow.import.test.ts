import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ExternalContact,
  FollowInfo,
} from '../../channels/wecom/client/external-contact.mapping.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { upsertFollowsFromImport, type ImportedContactRow } from './follow.import.js';
import {
  corpId,
  id,
  identityGraph,
  inTransaction,
  peopleFixture,
  systemActing,
} from './people.testing.js';
import { createTag, createTagGroup } from './tag.service.js';
import { tagNamesOf } from './wecom-tags.testing.js';
import type { PeopleFixture } from './people.testing.js';

const contact = (
  externalUserId: string,
  extra: Partial<ExternalContact> = {},
): ExternalContact => ({
  externalUserId,
  name: `Name ${externalUserId}`,
  kind: 'wechat',
  avatarUrl: `https://avatar.example/${externalUserId}.png`,
  gender: 'unknown',
  unionId: null,
  position: null,
  corpName: null,
  corpFullName: null,
  profile: [],
  ...extra,
});

const followInfo = (userId: string, extra: Partial<FollowInfo> = {}): FollowInfo => ({
  userId,
  remark: null,
  description: null,
  addedAt: Date.UTC(2026, 0, 1),
  remarkCorpName: null,
  remarkMobiles: [],
  operatorUserId: null,
  addWay: 1,
  state: null,
  tagIds: [],
  ...extra,
});

describe('upsertFollowsFromImport', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const fixture = () => peopleFixture(t, `import-${++n}`);
  const importPage = (f: PeopleFixture, rows: ImportedContactRow[]) =>
    inTransaction(f, (trx) => upsertFollowsFromImport(trx, f.ctx, f.workspaceId, corpId, rows));
  const follows = (f: PeopleFixture) =>
    f.ctx.db
      .selectFrom('follow')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .orderBy('external_user_id')
      .orderBy('employee_user_id')
      .execute();

  it('creates persons and follows, joins a known unionid, and re-imports without changes', async () => {
    const f = await fixture();
    const oaPerson = await f.resolve([id.oa('oaUser1'), id.unionid('union-1')]);
    const rows: ImportedContactRow[] = [
      {
        contact: contact('wmA', { unionId: 'union-1' }),
        followInfo: followInfo('alice', { remark: 'VIP', tagIds: ['et2', 'et1'] }),
      },
      {
        contact: contact('wmA', { unionId: 'union-1' }),
        followInfo: followInfo('bob', { state: 'fair' }),
      },
      {
        contact: contact('wmB'),
        followInfo: followInfo('alice', { description: 'met at the fair' }),
      },
    ];
    const first = await importPage(f, rows);
    expect(first).toMatchObject({ personsCreated: 1, followsCreated: 3, followsUpdated: 0 });
    expect(await identityGraph(f)).toEqual([
      [
        `oa_openid:${'wx5823bf96d3bd56c7'}:oaUser1`,
        'unionid::union-1',
        `wecom_external_userid:${corpId}:wmA`,
      ],
      [`wecom_external_userid:${corpId}:wmB`],
    ]);
    const stored = await follows(f);
    expect(
      stored.map((r) => [
        r.external_user_id,
        r.employee_user_id,
        r.status,
        r.remark,
        r.state,
        r.wecom_tag_ids,
      ]),
    ).toEqual([
      ['wmA', 'alice', 'active', 'VIP', null, '["et1","et2"]'],
      ['wmA', 'bob', 'active', null, 'fair', '[]'],
      ['wmB', 'alice', 'active', null, null, '[]'],
    ]);
    expect(stored[0]!.person_id).toBe(oaPerson.personId);
    const person = await f.ctx.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', oaPerson.personId!)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ display_name: 'Name wmA', added_at: Date.UTC(2026, 0, 1) });
    expect(first.tagChangedPersonIds).toEqual([oaPerson.personId]);

    const again = await importPage(f, rows);
    expect(again).toMatchObject({
      personsCreated: 0,
      followsCreated: 0,
      followsUpdated: 0,
      tagChangedPersonIds: [],
    });

    rows[0] = {
      ...rows[0]!,
      followInfo: followInfo('alice', { remark: 'VIP 2', tagIds: ['et1'] }),
    };
    const changed = await importPage(f, rows);
    expect(changed).toMatchObject({
      followsCreated: 0,
      followsUpdated: 1,
      tagChangedPersonIds: [oaPerson.personId],
    });
    const events = await f.ctx.db
      .selectFrom('person_event')
      .select('type')
      .where('workspace_id', '=', f.workspaceId)
      .where('type', '=', 'contact.added')
      .execute();
    expect(events).toHaveLength(3);
  });

  let queries = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => (queries++, args.node),
    transformResult: (args) => Promise.resolve(args.result),
  };

  it('imports a page of 100 new customers in a few queries, whatever its size', async () => {
    const f = await fixture();
    for (let p = 0; p < 3; p++) {
      const rows = Array.from({ length: 100 }, (_, i) => ({
        contact: contact(`wmBulk${p}x${i}`, { unionId: `ubulk${p}x${i}` }),
        followInfo: followInfo(`emp${i % 7}`),
      }));
      queries = 0;
      const result = await inTransaction(f, (trx) =>
        upsertFollowsFromImport(trx.withPlugin(counter), f.ctx, f.workspaceId, corpId, rows),
      );
      expect(result).toMatchObject({ personsCreated: 100, followsCreated: 100 });
      // Lookups and multi-row inserts (persons, identities, follows, added_at, timeline),
      // savepoints; corp tags (reconciled per person) are not part of this count.
      expect(queries).toBeLessThanOrEqual(12);
    }
    expect((await follows(f)).length).toBe(300);
  });

  it('creates new customers with the earliest add time of their follows, not rewriting them after', async () => {
    const f = await fixture();
    const personUpdates: number[] = [];
    const updates = new Set<unknown>();
    const watcher: KyselyPlugin = {
      transformQuery: (args) => {
        const node = args.node;
        if (node.kind === 'UpdateQueryNode' && JSON.stringify(node.table).includes('"person"'))
          updates.add(args.queryId);
        return node;
      },
      transformResult: (args) => {
        if (updates.has(args.queryId)) personUpdates.push(Number(args.result.numAffectedRows ?? 0));
        return Promise.resolve(args.result);
      },
    };
    const rows: ImportedContactRow[] = [
      { contact: contact('wmEarly'), followInfo: followInfo('alice', { addedAt: 3_000 }) },
      { contact: contact('wmEarly'), followInfo: followInfo('bob', { addedAt: 1_000 }) },
      { contact: contact('wmLate'), followInfo: followInfo('alice', { addedAt: 2_000 }) },
    ];
    await inTransaction(f, (trx) =>
      upsertFollowsFromImport(trx.withPlugin(watcher), f.ctx, f.workspaceId, corpId, rows),
    );
    const persons = await f.ctx.db
      .selectFrom('person')
      .innerJoin('follow', 'follow.person_id', 'person.id')
      .select(['follow.external_user_id', 'person.added_at'])
      .where('person.workspace_id', '=', f.workspaceId)
      .where('follow.employee_user_id', '=', 'alice')
      .orderBy('follow.external_user_id')
      .execute();
    expect(persons).toEqual([
      { external_user_id: 'wmEarly', added_at: 1_000 },
      { external_user_id: 'wmLate', added_at: 2_000 },
    ]);
    // The added_at refresh ran and found nothing to change.
    expect(personUpdates).toEqual([0]);
  });

  it('puts the corp tags of 100 customers on their persons in a few queries, and again only what changed', async () => {
    const f = await fixture();
    const group = await createTagGroup(f.ctx, systemActing(f), {
      name: 'Level',
      source: 'corp',
      wecomGroupId: 'etGROUP',
    });
    for (const [name, wecomTagId] of [
      ['VIP', 'etVIP'],
      ['Lead', 'etLEAD'],
      ['Cold', 'etCOLD'],
    ] as const)
      await createTag(f.ctx, systemActing(f), group.id, { name, wecomTagId });
    const page = (tagsOf: (i: number) => string[]) =>
      Array.from({ length: 100 }, (_, i) => ({
        contact: contact(`wmTag${i}`),
        followInfo: followInfo(`emp${i % 3}`, { tagIds: tagsOf(i) }),
      }));
    const tagEvents = async () =>
      (
        await f.ctx.db
          .selectFrom('domain_event')
          .select('type')
          .where('workspace_id', '=', f.workspaceId)
          .where('type', 'in', ['person.tag_added', 'person.tag_removed'])
          .execute()
      ).map((e) => e.type);
    const run = (rows: ImportedContactRow[]) => {
      queries = 0;
      return inTransaction(f, (trx) =>
        upsertFollowsFromImport(trx.withPlugin(counter), f.ctx, f.workspaceId, corpId, rows),
      );
    };

    const first = await run(page((i) => (i % 2 === 0 ? ['etVIP', 'etLEAD'] : ['etCOLD'])));
    expect(first.tagChangedPersonIds).toHaveLength(100);
    // The import's queries plus the reconcile's: lookups, one person_tag insert, the events.
    expect(queries).toBeLessThanOrEqual(24);
    const person = (i: number) =>
      f.ctx.db
        .selectFrom('follow')
        .select('person_id')
        .where('workspace_id', '=', f.workspaceId)
        .where('external_user_id', '=', `wmTag${i}`)
        .executeTakeFirstOrThrow();
    expect(await tagNamesOf(f.ctx.db, f.workspaceId, (await person(0)).person_id)).toEqual([
      'Lead/wecom',
      'VIP/wecom',
    ]);
    expect(await tagNamesOf(f.ctx.db, f.workspaceId, (await person(1)).person_id)).toEqual([
      'Cold/wecom',
    ]);
    expect(await tagEvents()).toHaveLength(150);

    // Customer 0 loses Lead; the rest are as they were.
    await run(page((i) => (i === 0 ? ['etVIP'] : i % 2 === 0 ? ['etVIP', 'etLEAD'] : ['etCOLD'])));
    expect(queries).toBeLessThanOrEqual(24);
    expect(await tagNamesOf(f.ctx.db, f.workspaceId, (await person(0)).person_id)).toEqual([
      'VIP/wecom',
    ]);
    const events = await tagEvents();
    expect(events).toHaveLength(151);
    expect(events.filter((e) => e === 'person.tag_removed')).toHaveLength(1);
  });
});
