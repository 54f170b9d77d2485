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
