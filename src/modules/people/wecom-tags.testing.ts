/**
 * Helpers for the WeCom tag sync tests: a sandboxed app, its admin API client, WeCom (the
 * sandbox) seen as the corp admin, and Siyu customers with a follow of a demo friendship.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import type { Corp } from '../../sandbox/state/corp.js';
import type { SandboxedTestApp } from '../../testing/sandboxed-app.js';
import type { WecomClient } from '../connections/platform-clients.js';
import { signedInAs, type SessionClient } from '../workspace/workspace.testing.js';
import { resolveIdentities } from './identity.service.js';
import { createPeopleContext, type PeopleContext } from './people.context.js';
import type { FollowStatus } from './relations.table.js';
import type { TagGroup } from './tag.schemas.js';

export interface TagSyncFixture {
  t: SandboxedTestApp;
  ctx: PeopleContext;
  ws: string;
  /** Siyu's API as a workspace admin. */
  api: SessionClient;
  /** WeCom's API with the corp's credentials (changes through it fire no callback). */
  wecom: WecomClient;
  /** The sandbox corp's live state. */
  corp(): Corp;
}

export async function tagSyncFixture(t: SandboxedTestApp): Promise<TagSyncFixture> {
  const ctx = createPeopleContext({
    db: t.database.db,
    clock: t.clock,
    secretBox: t.secretBox,
    bus: t.bus,
    jobs: t.jobs,
    clients: t.clients,
  });
  const wecom = await t.clients.requireWecom(t.workspace.id);
  return {
    t,
    ctx,
    ws: t.workspace.id,
    api: await signedInAs(t, 'admin'),
    wecom,
    corp: () => t.sandbox.sandbox.state.corps[wecom.corpId]!,
  };
}

/** Calls Siyu's API; answers status and JSON. */
export async function call<T = Record<string, unknown>>(
  f: TagSyncFixture,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await f.api.inject({
    method,
    url: `/api/workspaces/${f.t.workspace.slug}${path}`,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: res.statusCode, json: (res.body ? JSON.parse(res.body) : null) as T };
}

/**
 * A change made in WeCom itself (an admin in the console, an employee in the client) through
 * the sandbox's control API: unlike the same change through the API, it pushes a callback.
 */
export async function inWecom<T = Record<string, unknown>>(
  f: TagSyncFixture,
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await f.t.control(method, path, body);
  if (res.status !== 200)
    throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json as T;
}

/** The callbacks the sandbox pushed whose event label starts with `prefix`. */
export function pushedCallbacks(f: TagSyncFixture, prefix: string): string[] {
  return f.t.sandbox.sandbox.state.deliveries
    .map((d) => d.event)
    .filter((event) => event.startsWith(prefix));
}

/** A demo friendship of the sandbox (employee, customer) and its WeCom tags. */
export function demoFollows(f: TagSyncFixture) {
  return Object.values(f.corp().follows).flatMap((byUser) => Object.values(byUser));
}

/**
 * A Siyu customer for the sandbox customer `externalUserId` with follows of each of its
 * sandbox friendships (the WeCom tags they carry included). Returns the person id.
 */
export async function customerOf(f: TagSyncFixture, externalUserId: string): Promise<string> {
  const follows = f.corp().follows[externalUserId] ?? {};
  return f.ctx.db.transaction().execute(async (trx) => {
    const now = f.t.clock.now();
    const { personId } = await resolveIdentities(
      trx,
      f.ctx,
      f.ws,
      [{ kind: 'wecom_external_userid', namespace: f.wecom.corpId, value: externalUserId }],
      { source: 'test', occurredAt: now },
    );
    for (const follow of Object.values(follows)) {
      await insertTestFollow(trx, {
        workspaceId: f.ws,
        personId: personId!,
        corpId: f.wecom.corpId,
        employeeUserId: follow.userid,
        externalUserId,
        wecomTagIds: follow.tag_id,
        at: now,
      });
    }
    return personId!;
  });
}

/** Stores a follow (an active friendship, unless `status` says otherwise); one per pair. */
export async function insertTestFollow(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    personId: string;
    corpId: string;
    employeeUserId: string;
    externalUserId: string;
    wecomTagIds: string[];
    at: number;
    status?: FollowStatus;
  },
): Promise<void> {
  const status = input.status ?? 'active';
  await db
    .insertInto('follow')
    .values({
      id: newId(input.at),
      workspace_id: input.workspaceId,
      person_id: input.personId,
      home_person_id: input.personId,
      corp_id: input.corpId,
      employee_user_id: input.employeeUserId,
      external_user_id: input.externalUserId,
      state: null,
      add_way: null,
      remark: null,
      description: null,
      wecom_tag_ids: JSON.stringify(input.wecomTagIds),
      status,
      added_at: input.at,
      removed_at: status === 'active' ? null : input.at,
      last_event_at: input.at,
      updated_at: input.at,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'corp_id', 'employee_user_id', 'external_user_id']).doNothing(),
    )
    .execute();
}

/** A person's visible tags as `name/source`, sorted. */
export function tagsOf(f: TagSyncFixture, personId: string): Promise<string[]> {
  return tagNamesOf(f.ctx.db, f.ws, personId);
}

export async function tagNamesOf(
  db: Kysely<Database>,
  workspaceId: string,
  personId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('person_tag')
    .innerJoin('tag', 'tag.id', 'person_tag.tag_id')
    .select(['tag.name', 'person_tag.source'])
    .where('person_tag.workspace_id', '=', workspaceId)
    .where('person_tag.person_id', '=', personId)
    .where('person_tag.shadowed', '=', 0)
    .execute();
  return rows.map((r) => `${r.name}/${r.source}`).sort();
}

/** How many tag events persons got (echo loops would add more). */
export async function personTagEventCount(f: TagSyncFixture): Promise<number> {
  const row = await f.ctx.db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', f.ws)
    .where('type', 'in', ['person.tag_added', 'person.tag_removed'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Siyu's live tag groups, as `group: tag, tag` with WeCom links marked `*`. */
export async function localLibrary(f: TagSyncFixture): Promise<string[]> {
  const { json } = await call<{ items: TagGroup[] }>(f, 'GET', '/tag-groups');
  return json.items
    .filter((g) => g.source === 'corp')
    .map(
      (g) =>
        `${g.name}${g.wecomGroupId ? '*' : ''}: ${g.tags
          .map((t) => `${t.name}${t.wecomTagId ? '*' : ''}`)
          .sort()
          .join(', ')}`,
    )
    .sort();
}

/** WeCom's tag library as `group: tag, tag`. */
export function remoteLibrary(f: TagSyncFixture): string[] {
  return f
    .corp()
    .tagGroups.map(
      (g) =>
        `${g.group_name}: ${g.tag
          .map((t) => t.name)
          .sort()
          .join(', ')}`,
    )
    .sort();
}

/**
 * Settles until quiet: jobs push to WeCom, whose callbacks enqueue more jobs (the echoes of
 * our own changes), so one `settle()` is not always the end.
 */
export async function settleAll(t: SandboxedTestApp): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await t.settle();
    await t.sandbox.sandbox.pusher.idle();
    const due = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('status', 'in', ['pending', 'running'])
      .where('run_at', '<=', t.clock.now())
      .executeTakeFirst();
    if (!due) return;
  }
  throw new Error('Jobs and callbacks did not settle in 10 rounds (an echo loop?)');
}
