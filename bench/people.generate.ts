/**
 * A generated people workspace, written by the database itself (recursive CTE on SQLite,
 * generate_series on PostgreSQL) so a million persons take seconds, not minutes.
 *
 * Shape per person n (0-based): 3 identities (unionid `u<n>`, external_userid `wm<n>` of the
 * bench corp, oa_openid `o<n>`), 3 tag links, 5 timeline events, 1 follow by one of 50
 * employees. Tags: 100 in 4 groups; person n has tag (n % 7), tag 7 + (n % 13) and tag
 * 20 + (n * 31 % 80), so "tag 0 and tag 7" selects 1/91 of the persons (each link's copy of
 * the person's added date is written by the database's triggers). Identities were first
 * seen at 2025-01-01 and last seen at times spread over the 30 days before `anchor` (the
 * workspace's creation), each kind of a person at its own time.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/database.js';
import type { BenchDialect } from './harness.js';

export const benchCorpId = 'wwbench0000000001';
export const benchOaAppId = 'wxbench0000000001';
export const employeeCount = 50;
export const tagCount = 100;
const epoch = Date.UTC(2025, 0, 1);
const lastSeenSpreadMs = 30 * 24 * 3_600_000;
/** Per generated kind: id prefix, value prefix, and a multiplier that scatters last-seen times. */
const generatedKinds = [
  { prefix: '0011', kind: 'unionid', namespace: '', value: 'u', scatter: 2_654_435_761 },
  {
    prefix: '0012',
    kind: 'wecom_external_userid',
    namespace: benchCorpId,
    value: 'wm',
    scatter: 2_246_822_519,
  },
  {
    prefix: '0013',
    kind: 'oa_openid',
    namespace: benchOaAppId,
    value: 'o',
    scatter: 3_266_489_917,
  },
] as const;
/** Last seen of generated identity n of a kind: within the 30 days before the anchor. */
const lastSeenExpr = (anchor: number, scatter: number, n: string) =>
  `${anchor} - ((${n}) * ${scatter}) % ${lastSeenSpreadMs}`;

export interface GeneratedPeople {
  workspaceId: string;
  persons: number;
  tagIds: string[];
  seconds: Record<string, number>;
}

/** Deterministic ids that sort by n, shaped like UUIDv7 (`prefix` tells tables apart). */
const idExpr = (dialect: BenchDialect, prefix: string, n: string) =>
  dialect === 'sqlite'
    ? `'677485c0-${prefix}-7000-8000-' || printf('%012x', ${n})`
    : `'677485c0-${prefix}-7000-8000-' || lpad(to_hex(${n}), 12, '0')`;

export const personIdOf = (n: number) =>
  `677485c0-0001-7000-8000-${n.toString(16).padStart(12, '0')}`;
export const tagIdOf = (i: number) => `677485c0-0002-7000-8000-${i.toString(16).padStart(12, '0')}`;

export async function generatePeople(
  db: Kysely<Database>,
  dialect: BenchDialect,
  workspace: { id: string; created_at: number },
  persons: number,
  progress: (step: string) => void = () => {},
): Promise<GeneratedPeople> {
  const workspaceId = workspace.id;
  const seconds: Record<string, number> = {};
  const step = async (name: string, statements: string[]) => {
    progress(name);
    const started = performance.now();
    for (const statement of statements) await sql.raw(statement).execute(db);
    seconds[name] = Math.round((performance.now() - started) / 100) / 10;
  };
  const last = persons - 1;
  const series = (select: string, count = last) =>
    dialect === 'sqlite'
      ? `with recursive s(n) as (select 0 union all select n + 1 from s where n < ${count}) ${select.replace('$FROM', 'from s')}`
      : select.replace('$FROM', `from generate_series(0::bigint, ${count}::bigint) as s(n)`);
  const ws = `'${workspaceId}'`;
  const pid = (n: string) => idExpr(dialect, '0001', n);
  const tid = (n: string) => idExpr(dialect, '0002', n);
  const mod = (a: string, b: number) => `((${a}) % ${b})`;
  // added_at: a permutation of the persons over the last ~year, so it does not follow ids.
  const addedAt = `${epoch} + ${mod('s.n * 7919', persons)} * 30000`;

  await step('tags', [
    series(
      `insert into tag_group (id, workspace_id, name, source, wecom_group_id, sort_order, created_at, updated_at, deleted_at)
       select ${idExpr(dialect, '0003', 's.n')}, ${ws}, 'Group ' || s.n, 'local', null, s.n, ${epoch}, ${epoch}, null $FROM`,
      3,
    ),
    series(
      `insert into tag (id, workspace_id, group_id, name, source, wecom_tag_id, sort_order, created_at, updated_at, deleted_at)
       select ${tid('s.n')}, ${ws}, ${idExpr(dialect, '0003', mod('s.n', 4))}, 'Tag ' || s.n, 'local', null, s.n, ${epoch}, ${epoch}, null $FROM`,
      tagCount - 1,
    ),
  ]);
  await step('persons', [
    series(
      `insert into person (id, workspace_id, display_name, avatar_url, added_at, created_at, updated_at, merged_into, erased_at)
       select ${pid('s.n')}, ${ws}, 'Customer ' || s.n, null, ${addedAt}, ${epoch} + s.n, ${epoch} + s.n, null, null $FROM`,
    ),
  ]);
  // A person's three identities side by side, as when one resolution stores them together
  // (the 20% of new persons the benchmark resolves are stored the same way).
  const byKind = (expr: (k: (typeof generatedKinds)[number]) => string) =>
    `case k.i ${generatedKinds.map((k, i) => `when ${i} then ${expr(k)}`).join(' ')} end`;
  const kindValue = byKind((k) => `'${k.value}' || s.n`);
  await step('identities', [
    series(
      `insert into identity (id, workspace_id, person_id, home_person_id, kind, namespace, value, value_key, verified, source, first_seen_at, last_seen_at)
       select ${byKind((k) => idExpr(dialect, k.prefix, 's.n'))}, ${ws}, ${pid('s.n')}, ${pid('s.n')},
              ${byKind((k) => `'${k.kind}'`)}, ${byKind((k) => `'${k.namespace}'`)}, ${kindValue}, ${kindValue}, 1, 'bench', ${epoch},
              ${byKind((k) => lastSeenExpr(workspace.created_at, k.scatter, 's.n'))}
       $FROM cross join (select 0 as i union all select 1 union all select 2) as k
       ${dialect === 'postgres' ? 'order by s.n, k.i' : ''}`,
    ),
  ]);
  const tagLink = (tagExpr: string) =>
    series(
      `insert into person_tag (workspace_id, person_id, home_person_id, tag_id, source, added_by, added_at, shadowed)
       select ${ws}, ${pid('s.n')}, ${pid('s.n')}, ${tid(tagExpr)}, 'manual', null, ${epoch}, 0 $FROM`,
    );
  await step('tag links', [
    tagLink(mod('s.n', 7)),
    tagLink(`7 + ${mod('s.n', 13)}`),
    tagLink(`20 + ${mod('s.n * 31', 80)}`),
  ]);
  const eventTypes = [
    'contact.added',
    'oa.followed',
    'message.received',
    'link.opened',
    'order.paid',
  ];
  await step(
    'events',
    eventTypes.map((type, i) =>
      series(
        `insert into person_event (id, workspace_id, person_id, home_person_id, type, source, properties, occurred_at, recorded_at, dedup_key)
         select ${idExpr(dialect, `002${i}`, 's.n')}, ${ws}, ${pid('s.n')}, ${pid('s.n')}, '${type}', 'bench', '{"n":' || s.n || '}', ${addedAt} + ${i * 3_600_000}, ${addedAt}, 'bench:${i}:' || s.n $FROM`,
      ),
    ),
  );
  await step('follows', [
    series(
      `insert into follow (id, workspace_id, person_id, home_person_id, corp_id, employee_user_id, external_user_id, state, add_way, remark, description, wecom_tag_ids, status, added_at, removed_at, last_event_at, updated_at)
       select ${idExpr(dialect, '0031', 's.n')}, ${ws}, ${pid('s.n')}, ${pid('s.n')}, '${benchCorpId}', 'emp' || ${mod('s.n', employeeCount)}, 'wm' || s.n, 'state' || ${mod('s.n', 20)}, 1, null, null, '[]', 'active', ${addedAt}, null, ${addedAt}, ${addedAt} $FROM`,
    ),
  ]);
  await step('analyze', [dialect === 'sqlite' ? 'analyze' : 'analyze']);
  return { ...keptPeople(workspaceId, persons), seconds };
}

/** What the benchmark needs to know of a generated workspace (all derived from its size). */
export function keptPeople(workspaceId: string, persons: number): GeneratedPeople {
  return {
    workspaceId,
    persons,
    tagIds: Array.from({ length: tagCount }, (_, i) => tagIdOf(i)),
    seconds: {},
  };
}

/**
 * The size of a workspace generated by an earlier run (`--keep`), or undefined when there is
 * none; throws when generation was interrupted (the last follow is missing).
 */
export async function generatedSize(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('id', '>=', personIdOf(0))
    .where('id', '<=', personIdOf(0xffffffffffff))
    .executeTakeFirstOrThrow();
  const persons = Number(row.count);
  if (persons === 0) return undefined;
  const lastFollow = await db
    .selectFrom('follow')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('external_user_id', '=', `wm${persons - 1}`)
    .executeTakeFirst();
  if (!lastFollow)
    throw new Error('The kept workspace is incomplete (generation was interrupted): delete it');
  return persons;
}

/**
 * Puts a kept workspace back as generated: removes the persons and identities earlier runs
 * created (their UUIDv7 ids sort before the generated ones) and restores the last-seen times
 * they moved.
 */
export async function resetGenerated(
  db: Kysely<Database>,
  dialect: BenchDialect,
  workspace: { id: string; created_at: number },
): Promise<void> {
  const generatedFrom = personIdOf(0).slice(0, 8);
  await db.transaction().execute(async (trx) => {
    // PostgreSQL checks every table referencing a deleted person, some by unindexed columns
    // (minutes for 12,000 persons); nothing but their identities (deleted first) refers to
    // these, so the checks are skipped for this transaction (the bench connects as superuser).
    if (dialect === 'postgres')
      await sql`set local session_replication_role = replica`.execute(trx);
    for (const table of ['identity', 'person'] as const)
      await trx
        .deleteFrom(table)
        .where('workspace_id', '=', workspace.id)
        .where('id', '<', generatedFrom)
        .execute();
  });
  const restored = generatedKinds
    .map((k) => {
      const n = `cast(substr(value, ${k.value.length + 1}) as bigint)`;
      return `when '${k.kind}' then ${lastSeenExpr(workspace.created_at, k.scatter, n)}`;
    })
    .join(' ');
  await sql`update identity set last_seen_at = case kind ${sql.raw(restored)} end
    where workspace_id = ${workspace.id} and last_seen_at > ${workspace.created_at}`.execute(db);
}
