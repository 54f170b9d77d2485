/** The identity resolution part of the people benchmark. */
import fs from 'node:fs';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../src/database.js';
import {
  resolveIdentitiesMany,
  type ResolveRequest,
} from '../src/modules/people/identity.batch.js';
import type { IdentityInput } from '../src/modules/people/identity.normalize.js';
import { resolveIdentities } from '../src/modules/people/identity.service.js';
import type { PeopleContext } from '../src/modules/people/people.context.js';
import { round } from './harness.js';
import { benchCorpId, benchOaAppId } from './people.generate.js';

/** The share of identities whose last-seen time a resolution now would move (minute precision). */
export async function lastSeenWriteShare(ctx: PeopleContext, workspaceId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('identity')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn
        .count<number | string>(
          eb
            .case()
            .when('last_seen_at', '<', Date.now() - 60_000)
            .then(1)
            .end(),
        )
        .as('stale'),
    ])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.stale) / Number(row.total);
}

/**
 * Incoming identity sets as channels report them: 80% of known persons (their unionid,
 * external_userid and openid), 20% new persons (three new identities).
 */
function incomingSet(persons: number, i: number): IdentityInput[] {
  if (i % 5 === 4) {
    return [
      { kind: 'unionid', value: `nu${i}` },
      { kind: 'wecom_external_userid', namespace: benchCorpId, value: `nwm${i}` },
      { kind: 'oa_openid', namespace: benchOaAppId, value: `no${i}` },
    ];
  }
  const n = (i * 104_729) % persons;
  return [
    { kind: 'unionid', value: `u${n}` },
    { kind: 'wecom_external_userid', namespace: benchCorpId, value: `wm${n}` },
    { kind: 'oa_openid', namespace: benchOaAppId, value: `o${n}` },
  ];
}

/** Sets per transaction, as an import page or a batch of event jobs hands them over. */
export const resolveBatch = 1000;

/**
 * CPU time of PostgreSQL server processes seen by the benchmark's connections (the server
 * runs on this machine): /proc/<pid>/stat, user + system, in seconds. Empty elsewhere.
 */
class BackendCpu {
  private readonly first = new Map<number, number>();

  async see(trx: Kysely<Database>): Promise<void> {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    const pid = rows[0]!.pid;
    if (!this.first.has(pid)) this.first.set(pid, BackendCpu.read(pid));
  }

  seconds(): number {
    let total = 0;
    for (const [pid, start] of this.first) total += BackendCpu.read(pid) - start;
    return total;
  }

  private static read(pid: number): number {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime: fields 14 and 15 of stat(5), counted from the state (field 3).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0;
    }
  }
}

/**
 * Batches of `resolveBatch` sets through `resolveIdentitiesMany`, one transaction each, run
 * by `concurrency` sessions side by side (PostgreSQL: as several job workers would; SQLite
 * has one writer, so 1), then 2,000 sets one at a time through `resolveIdentities`.
 */
export async function measureResolution(
  ctx: PeopleContext,
  workspaceId: string,
  persons: number,
  sets: number,
  concurrency = 1,
) {
  const postgres = ctx.db.getExecutor().adapter instanceof PostgresAdapter;
  const backends = new BackendCpu();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let identities = 0;
  let next = 0;
  const session = async () => {
    while (next < sets) {
      const from = next;
      next = Math.min(sets, next + resolveBatch);
      const requests: ResolveRequest[] = [];
      for (let j = from; j < next; j++) {
        const set = incomingSet(persons, j);
        identities += set.length;
        requests.push({ identities: set, options: { source: 'bench', occurredAt: Date.now() } });
      }
      await ctx.db.transaction().execute(async (trx) => {
        if (postgres) await backends.see(trx);
        return resolveIdentitiesMany(trx, ctx, workspaceId, requests);
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, session));
  const batchSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const serverCpuSeconds = backends.seconds();

  const single = Math.min(2000, sets);
  const singleStarted = performance.now();
  let singleIdentities = 0;
  for (let j = 0; j < single; j++) {
    const set = incomingSet(persons, sets + j);
    singleIdentities += set.length;
    await ctx.db
      .transaction()
      .execute((trx) =>
        resolveIdentities(trx, ctx, workspaceId, set, { source: 'bench', occurredAt: Date.now() }),
      );
  }
  const singleSeconds = (performance.now() - singleStarted) / 1000;
  return {
    sets,
    identities,
    seconds: round(batchSeconds, 2),
    batchPerSecond: Math.round(identities / batchSeconds),
    concurrency,
    // CPU time of this process (on SQLite the database's work too, the checkpointer thread
    // included) and of the PostgreSQL sessions: steadier than wall time on a busy machine.
    cpu_seconds: round(cpuSeconds, 2),
    ...(postgres ? { server_cpu_seconds: round(serverCpuSeconds, 2) } : {}),
    batchPerCpuSecond: Math.round(identities / (cpuSeconds + serverCpuSeconds)),
    singlePerSecond: Math.round(singleIdentities / singleSeconds),
  };
}

/**
 * What the database alone spends per known identity, measured with the resolution's own
 * set-based shape (one statement per 1,000 known unionids, through the unique identity index,
 * keys spread over the whole workspace as incoming identities are; each measure on keys of its
 * own): the index probe alone, the probe plus the identity row a resolution reads, and the
 * probe plus a last-seen write committed. 1,000,000 / (µs per identity) with the write bounds
 * the resolution of known identities that each lie on a page of their own (a set's identities
 * lie side by side, one page written for the three).
 */
export async function measureLookupFloor(
  ctx: PeopleContext,
  workspaceId: string,
  persons: number,
  statements = 30,
) {
  const postgres = ctx.db.getExecutor().adapter instanceof PostgresAdapter;
  const where = (keys: string[]) => sql`workspace_id = ${workspaceId} and kind = 'unionid'
    and namespace = '' and ${
      postgres
        ? sql`value_key = any(${keys}::text[])`
        : sql`value_key in (select value from json_each(${JSON.stringify(keys)}))`
    }`;
  let measure = 0;
  const perIdentity = async (run: (keys: string[]) => Promise<number>) => {
    const first = measure++ * statements * 1000;
    let micros = 0;
    let found = 0;
    for (let s = 0; s < statements; s++) {
      const keys = Array.from(
        { length: 1000 },
        (_, i) => `u${((first + s * 1000 + i) * 7_919) % persons}`,
      );
      const started = performance.now();
      found += await run(keys);
      micros += (performance.now() - started) * 1000;
    }
    if (found !== statements * 1000)
      throw new Error(`lookup floor: ${found} of ${statements * 1000} unionids found`);
    return round(micros / found, 2);
  };
  const count = async (select: ReturnType<typeof sql>, keys: string[]) => {
    const { rows } = await sql<{ n: number | string }>`select ${select} as n from identity
      where ${where(keys)}`.execute(ctx.db);
    return Number(rows[0]!.n);
  };
  const probe = await perIdentity((keys) => count(sql`count(*)`, keys));
  const read = await perIdentity((keys) =>
    count(sql`count(last_seen_at + first_seen_at + verified)`, keys),
  );
  const write = await perIdentity((keys) =>
    ctx.db.transaction().execute(async (trx) => {
      // A new value: SQLite leaves a page clean when a row is rewritten unchanged.
      const result = await sql`update identity set last_seen_at = ${Date.now()}
        where ${where(keys)}`.execute(trx);
      return Number(result.numAffectedRows);
    }),
  );
  return {
    probe_us: probe,
    probe_and_row_us: read,
    probe_and_last_seen_write_us: write,
    one_per_page_per_second: Math.round(1_000_000 / write),
  };
}
