/** The identity resolution part of the people benchmark. */
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

export async function measureResolution(
  ctx: PeopleContext,
  workspaceId: string,
  persons: number,
  sets: number,
) {
  const batch = 1000;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let identities = 0;
  for (let i = 0; i < sets; i += batch) {
    const requests: ResolveRequest[] = [];
    for (let j = i; j < Math.min(sets, i + batch); j++) {
      const set = incomingSet(persons, j);
      identities += set.length;
      requests.push({ identities: set, options: { source: 'bench', occurredAt: Date.now() } });
    }
    await ctx.db
      .transaction()
      .execute((trx) => resolveIdentitiesMany(trx, ctx, workspaceId, requests));
  }
  const batchSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

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
    // CPU time of this process (on SQLite the database's work too): steadier on a busy machine.
    cpu_seconds: round(cpuSeconds, 2),
    batchPerCpuSecond: Math.round(identities / cpuSeconds),
    singlePerSecond: Math.round(singleIdentities / singleSeconds),
  };
}
