/**
 * Test helpers for the people module: a context over a test app, identity shorthands, and
 * snapshots of the identity graph and of everything about a person.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../database.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { actingAsSystem } from '../workspace/actor.js';
import { permissions } from '../workspace/permissions.js';
import { seedWorkspace, signedInAs, type SessionClient } from '../workspace/workspace.testing.js';
import { listAttributeRowsOf } from './attribute.store.js';
import type { IdentityInput } from './identity.normalize.js';
import {
  resolveIdentities,
  type IdentityResolution,
  type ResolveOptions,
} from './identity.service.js';
import { listIdentitiesOf } from './identity.store.js';
import { createPeopleContext, type PeopleContext } from './people.context.js';
import { setPersonAttributes } from './person-attribute.service.js';
import { changePersonTags } from './person-tag.service.js';
import { personTree } from './person.store.js';
import { createTagGroup } from './tag.service.js';
import { recordPersonEvents } from './timeline.service.js';

export const corpId = 'ww1436e0e65a779aee';
export const oaAppId = 'wx5823bf96d3bd56c7';
export const mpAppId = 'wx0c1d2e3f4a5b6c7d';

/** Identity shorthands. */
export const id = {
  unionid: (value: string): IdentityInput => ({ kind: 'unionid', value }),
  external: (value: string, corp = corpId): IdentityInput => ({
    kind: 'wecom_external_userid',
    namespace: corp,
    value,
  }),
  oa: (value: string, appid = oaAppId): IdentityInput => ({
    kind: 'oa_openid',
    namespace: appid,
    value,
  }),
  mp: (value: string, appid = mpAppId): IdentityInput => ({
    kind: 'mp_openid',
    namespace: appid,
    value,
  }),
  phone: (value: string, verified = true): IdentityInput => ({ kind: 'phone', value, verified }),
  email: (value: string, verified = true): IdentityInput => ({ kind: 'email', value, verified }),
  member: (value: string): IdentityInput => ({ kind: 'member_id', value }),
};

export interface PeopleFixture {
  ctx: PeopleContext;
  workspaceId: string;
  resolve(
    identities: IdentityInput[],
    options?: Partial<ResolveOptions>,
  ): Promise<IdentityResolution>;
}

/** A people context on the test app's database and a workspace to work in. */
export async function peopleFixture(
  t: TestApp,
  workspace = 'default',
  overrides: Parameters<typeof createPeopleContext>[1] = {},
): Promise<PeopleFixture> {
  const ctx = createPeopleContext(
    { db: t.database.db, clock: t.clock, secretBox: t.secretBox, bus: t.bus, jobs: t.jobs },
    overrides,
  );
  const workspaceId = (await seedWorkspace(t, workspace)).id;
  return {
    ctx,
    workspaceId,
    // A millisecond passes between facts, so "the older person" is always well defined.
    resolve: (identities, options = {}) =>
      (t.clock.advance(1), t.database.db).transaction().execute((trx) =>
        resolveIdentities(trx, ctx, workspaceId, identities, {
          source: 'test',
          occurredAt: t.clock.now(),
          ...options,
        }),
      ),
  };
}

/** How an identity reads in snapshots: `kind:namespace:value` (personal values opened). */
export function describeIdentity(
  ctx: PeopleContext,
  row: { kind: string; namespace: string; value: string },
): string {
  const value = ctx.identityKinds.get(row.kind)?.pii ? ctx.pii.open(row.value) : row.value;
  return `${row.kind}:${row.namespace}:${value}`;
}

/** The identity graph as sets of identities per live person, independent of ids and order. */
export async function identityGraph(f: PeopleFixture): Promise<string[][]> {
  const rows = await f.ctx.db
    .selectFrom('identity')
    .selectAll()
    .where('workspace_id', '=', f.workspaceId)
    .execute();
  const byPerson = new Map<string, string[]>();
  for (const row of rows) {
    byPerson.set(row.person_id, [
      ...(byPerson.get(row.person_id) ?? []),
      describeIdentity(f.ctx, row),
    ]);
  }
  return [...byPerson.values()]
    .map((list) => list.sort())
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * Everything the database holds about a person and the persons merged into it: identities,
 * tag links (visible or shadowed), attribute values, events. Ids and homes, not live owners,
 * so a snapshot taken before a merge equals one taken after its undo.
 */
export async function personSnapshot(f: PeopleFixture, personId: string) {
  const { db } = f.ctx;
  const ws = f.workspaceId;
  const tree = await personTree(db, ws, personId);
  const identities = (await listIdentitiesOf(db, ws, [personId])).map(
    (r) => `${describeIdentity(f.ctx, r)} home=${r.home_person_id} verified=${r.verified}`,
  );
  const tags = (
    await db
      .selectFrom('person_tag')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('person_id', '=', personId)
      .execute()
  ).map(
    (r) => `${r.tag_id} home=${r.home_person_id} shadowed=${r.shadowed} ${r.source} ${r.added_at}`,
  );
  const attributes = (await listAttributeRowsOf(db, ws, [personId], { withShadowed: true })).map(
    (r) =>
      `${r.key}=${r.value_hash ?? r.value_text ?? r.value_number} home=${r.home_person_id} shadowed=${r.shadowed}`,
  );
  const events = (
    await db
      .selectFrom('person_event')
      .select(['id', 'type', 'home_person_id'])
      .where('workspace_id', '=', ws)
      .where('person_id', '=', personId)
      .execute()
  ).map((r) => `${r.id} ${r.type} home=${r.home_person_id}`);
  return {
    tree: tree.sort(),
    identities: identities.sort(),
    tags: tags.sort(),
    attributes: attributes.sort(),
    events: events.sort(),
  };
}

/** The system acting in the fixture's workspace with every permission. */
export const systemActing = (f: PeopleFixture) => actingAsSystem(f.workspaceId, permissions);

/** Runs `fn` in a transaction of the fixture's database. */
export function inTransaction<T>(f: PeopleFixture, fn: (trx: Kysely<Database>) => Promise<T>) {
  return f.ctx.db.transaction().execute(fn);
}

/** A local tag group with these tags; returns the tag ids by name. */
export async function seedTags(f: PeopleFixture, names: string[], group = 'Test tags') {
  const created = await createTagGroup(f.ctx, systemActing(f), { name: group, tags: names });
  return Object.fromEntries(created.tags.map((tag) => [tag.name, tag.id]));
}

export async function tagPerson(f: PeopleFixture, personId: string, tagIds: string[]) {
  return inTransaction(f, (trx) =>
    changePersonTags(trx, f.ctx, {
      workspaceId: f.workspaceId,
      personIds: [personId],
      add: tagIds,
      source: 'manual',
      by: 'test',
    }),
  );
}

export async function setAttributes(
  f: PeopleFixture,
  personId: string,
  values: Record<string, unknown>,
) {
  return inTransaction(f, (trx) =>
    setPersonAttributes(trx, f.ctx, { workspaceId: f.workspaceId, personId, values }),
  );
}

export async function recordEvents(f: PeopleFixture, personId: string, types: string[]) {
  return inTransaction(f, (trx) =>
    recordPersonEvents(
      trx,
      f.ctx,
      f.workspaceId,
      types.map((type) => ({ personId, type, source: 'test', occurredAt: f.ctx.clock.now() })),
    ),
  );
}

export interface PeopleApi {
  t: TestApp;
  /** A people context in the `default` workspace. */
  f: PeopleFixture;
  owner: SessionClient;
  operator: SessionClient;
  sales: SessionClient;
  agent: SessionClient;
  /** `/api/workspaces/default` + path. */
  url(path: string): string;
}

/**
 * For route tests: registers hooks that build a test app, a people fixture and a signed-in
 * client per role before the tests of the enclosing `describe`, and close it after. Read the
 * fields inside tests (they are set once `beforeAll` ran).
 */
export function usePeopleApi(): PeopleApi {
  const api = { url: (path: string) => `/api/workspaces/default${path}` } as PeopleApi;
  beforeAll(async () => {
    api.t = await createTestApp();
    api.f = await peopleFixture(api.t);
    api.owner = await signedInAs(api.t, 'owner');
    api.operator = await signedInAs(api.t, 'operator');
    api.sales = await signedInAs(api.t, 'sales');
    api.agent = await signedInAs(api.t, 'agent');
  });
  afterAll(() => api.t.close());
  return api;
}
