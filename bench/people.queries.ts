/** The customer list and profile parts of the people benchmark. */
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/database.js';
import { searchCustomers } from '../src/modules/people/customer-list.service.js';
import { loadCustomerProfile } from '../src/modules/people/customer-profile.service.js';
import type { PeopleContext } from '../src/modules/people/people.context.js';
import { isPostgres } from '../src/modules/people/person.store.js';
import { actingAsSystem } from '../src/modules/workspace/actor.js';
import { permissions } from '../src/modules/workspace/permissions.js';
import { percentile, round } from './harness.js';
import { personIdOf, type GeneratedPeople } from './people.generate.js';

interface Timing {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** CPU per query: this process, and the PostgreSQL session's server process when local. */
  cpu_ms: number;
  server_cpu_ms?: number;
  samples: number;
}

type CpuClock = () => { node: number; server?: number };

/**
 * CPU milliseconds used so far by this process and, on PostgreSQL, by the server process of
 * the session `db` is pinned to (read from /proc: only when the server runs on this machine;
 * clock ticks of 10 ms). Steadier than wall time on a machine other work shares.
 */
async function cpuClock(db: Kysely<Database>): Promise<CpuClock> {
  const pid = isPostgres(db)
    ? (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid
    : undefined;
  const server = () => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 100 ticks/s
    } catch {
      return undefined;
    }
  };
  return () => {
    const { user, system } = process.cpuUsage();
    return { node: (user + system) / 1000, ...(pid ? { server: server() } : {}) };
  };
}

async function time(
  samples: number,
  cpu: CpuClock,
  run: (i: number) => Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < Math.min(10, samples); i++) await run(i); // warm the caches
  const ms: number[] = [];
  const before = cpu();
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run(i);
    ms.push(performance.now() - started);
  }
  const after = cpu();
  ms.sort((a, b) => a - b);
  const server =
    after.server !== undefined && before.server !== undefined
      ? (after.server - before.server) / samples
      : undefined;
  return {
    p50_ms: round(percentile(ms, 0.5), 2),
    p95_ms: round(percentile(ms, 0.95), 2),
    p99_ms: round(percentile(ms, 0.99), 2),
    cpu_ms: round((after.node - before.node) / samples + (server ?? 0), 2),
    ...(server !== undefined ? { server_cpu_ms: round(server, 2) } : {}),
    samples,
  };
}

const cpuNote = (t: Timing) =>
  `${t.cpu_ms} ms CPU${t.server_cpu_ms !== undefined ? `, ${t.server_cpu_ms} of it the server's` : ''}`;

/**
 * On PostgreSQL the measurements run on one pooled connection, so the server process whose CPU
 * is read is the one doing the work (the profile's timeline still reads through the pool).
 * SQLite works inside this process, and its one connection cannot be pinned (the timeline
 * would wait for it).
 */
export async function measureQueries(
  ctx: PeopleContext,
  workspaceId: string,
  generated: GeneratedPeople,
  samples: number,
) {
  if (!isPostgres(ctx.db)) return measurePinned(ctx, workspaceId, generated, samples);
  return ctx.db
    .connection()
    .execute(async (db) => measurePinned({ ...ctx, db }, workspaceId, generated, samples));
}

async function measurePinned(
  ctx: PeopleContext,
  workspaceId: string,
  generated: GeneratedPeople,
  samples: number,
) {
  const cpu = await cpuClock(ctx.db);
  const acting = actingAsSystem(workspaceId, permissions);
  const [t0, t7] = [generated.tagIds[0]!, generated.tagIds[7]!];
  // Person n has tags n % 7 and 7 + n % 13: tags 0 and 7 together select 1 person in 91.
  const twoTags = { tags: { all: [t0, t7] }, sort: { field: 'addedAt', order: 'desc' } } as const;
  const first = await searchCustomers(ctx, acting, { ...twoTags, limit: 50 });
  const cursors: (string | undefined)[] = [undefined];
  let cursor = first.nextCursor;
  while (cursor && cursors.length < 20) {
    cursors.push(cursor);
    cursor = (await searchCustomers(ctx, acting, { ...twoTags, cursor, limit: 50 })).nextCursor;
  }
  const list = await time(samples, cpu, (i) => {
    const at = cursors[i % cursors.length];
    return searchCustomers(ctx, acting, { ...twoTags, limit: 50, ...(at ? { cursor: at } : {}) });
  });
  const anyTag = await time(samples, cpu, () =>
    searchCustomers(ctx, acting, {
      tags: { any: [t0, generated.tagIds[20]!], none: [t7] },
      limit: 50,
    }),
  );
  const unfiltered = await time(samples, cpu, () => searchCustomers(ctx, acting, { limit: 50 }));
  const profile = await time(samples, cpu, (i) =>
    loadCustomerProfile(ctx, acting, personIdOf((i * 7_919) % generated.persons)),
  );
  return {
    rows: [
      [
        'list: 2 tags (all), added date desc, 50/page (p95)',
        `${list.p95_ms} ms (p50 ${list.p50_ms}; ${cpuNote(list)})`,
        '< 50 ms',
      ],
      ['list: any of 2 tags, not a third (p95)', `${anyTag.p95_ms} ms (${cpuNote(anyTag)})`, ''],
      ['list: no filter (p95)', `${unfiltered.p95_ms} ms (${cpuNote(unfiltered)})`, ''],
      ['profile load (p95)', `${profile.p95_ms} ms (${cpuNote(profile)})`, '< 20 ms'],
    ],
    figures: {
      list_two_tags: { ...list, first_page_rows: first.items.length, pages: cursors.length },
      list_any_not: anyTag,
      list_unfiltered: unfiltered,
      profile,
    },
  };
}
