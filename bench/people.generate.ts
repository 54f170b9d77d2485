/**
 * A generated people workspace, written by the database itself (recursive CTE on SQLite,
 * generate_series on PostgreSQL) so a million persons take seconds, not minutes.
 *
 * Shape per person n (0-based): 3 identities (unionid `u<n>`, external_userid `wm<n>` of the
 * bench corp, oa_openid `o<n>`), 3 tag links, 5 timeline events, 1 follow by one of 50
 * employees. Tags: 100 in 4 groups; person n has tag (n % 7), tag 7 + (n % 13) and tag
 * 20 + (n * 31 % 80), so "tag 0 and tag 7" selects 1/91 of the persons.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/database.js';
import type { BenchDialect } from './harness.js';

export const benchCorpId = 'wwbench0000000001';
export const benchOaAppId = 'wxbench0000000001';
export const employeeCount = 50;
export const tagCount = 100;
const epoch = Date.UTC(2025, 0, 1);

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
  workspaceId: string,
  persons: number,
  progress: (step: string) => void = () => {},
): Promise<GeneratedPeople> {
  const seconds: Record<string, number> = {};
  // A page cache big enough for the indexes being built (the default is 2 MB).
  if (dialect === 'sqlite') await sql.raw('pragma cache_size = -2000000').execute(db);
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
  const identity = (prefix: string, kind: string, namespace: string, value: string) =>
    series(
      `insert into identity (id, workspace_id, person_id, home_person_id, kind, namespace, value, value_key, verified, source, first_seen_at, last_seen_at)
       select ${idExpr(dialect, prefix, 's.n')}, ${ws}, ${pid('s.n')}, ${pid('s.n')}, '${kind}', '${namespace}', ${value}, ${value}, 1, 'bench', ${epoch}, ${epoch} $FROM`,
    );
  await step('identities', [
    identity('0011', 'unionid', '', `'u' || s.n`),
    identity('0012', 'wecom_external_userid', benchCorpId, `'wm' || s.n`),
    identity('0013', 'oa_openid', benchOaAppId, `'o' || s.n`),
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
  return {
    workspaceId,
    persons,
    tagIds: Array.from({ length: tagCount }, (_, i) => tagIdOf(i)),
    seconds,
  };
}
