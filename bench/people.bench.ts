/**
 * People benchmark: on a generated workspace (default 1,000,000 persons, 3 identities each,
 * 3 tag links, 5 timeline events, 1 follow), identity resolution throughput, the customer
 * list with a two-tag filter sorted by added date, the profile load, and the initial WeCom
 * import from the sandbox.
 *
 *   npm run bench -- people [--dialect sqlite|postgres] [--persons 1000000]
 *                           [--resolve-sets 60000] [--samples 200]
 *                           [--import-contacts 100000] [--import-employees 50] [--skip-import]
 */
import { createDomainEventBus } from '../src/app.js';
import {
  resolveIdentitiesMany,
  type ResolveRequest,
} from '../src/modules/people/identity.batch.js';
import type { IdentityInput } from '../src/modules/people/identity.normalize.js';
import { resolveIdentities } from '../src/modules/people/identity.service.js';
import { createPeopleContext, type PeopleContext } from '../src/modules/people/people.context.js';
import { ensureDefaultWorkspace } from '../src/modules/workspace/bootstrap.js';
import { systemClock } from '../src/platform/clock.js';
import { SecretBox } from '../src/platform/crypto.js';
import type { DatabaseHandle } from '../src/platform/db/database.js';
import { JobQueue } from '../src/platform/jobs/job-queue.js';
import type { Database } from '../src/database.js';
import {
  createBenchDatabase,
  formatTable,
  machine,
  parseBenchArgs,
  parseDialect,
  positiveInt,
  round,
  type BenchResult,
} from './harness.js';
import { benchCorpId, benchOaAppId, generatePeople } from './people.generate.js';
import { measureImport } from './people.import.js';
import { measureQueries } from './people.queries.js';

export async function run(args: string[]): Promise<BenchResult> {
  const values = parseBenchArgs(args, {
    dialect: { type: 'string' },
    persons: { type: 'string' },
    'resolve-sets': { type: 'string' },
    samples: { type: 'string' },
    'import-contacts': { type: 'string' },
    'import-employees': { type: 'string' },
    'skip-import': { type: 'boolean' },
  });
  const dialect = parseDialect(values.dialect);
  const persons = positiveInt('persons', values.persons, 1_000_000);
  const resolveSets = positiveInt('resolve-sets', values['resolve-sets'], 60_000);
  const samples = positiveInt('samples', values.samples, 200);
  const importContacts = positiveInt('import-contacts', values['import-contacts'], 100_000);
  const importEmployees = positiveInt('import-employees', values['import-employees'], 50);
  const log = (line: string) => process.stderr.write(`[people] ${line}\n`);

  const database = await createBenchDatabase(dialect);
  const handle = database.open(4);
  try {
    const workspace = await ensureDefaultWorkspace({ db: handle.db, clock: systemClock });
    const generated = await generatePeople(handle.db, dialect, workspace.id, persons, (s) =>
      log(`generating ${s}…`),
    );
    const ctx = peopleContext(handle);
    log('identity resolution…');
    const resolution = await measureResolution(ctx, workspace.id, persons, resolveSets);
    log('customer list and profile…');
    const queries = await measureQueries(ctx, workspace.id, generated, samples);
    const imported = values['skip-import']
      ? null
      : (log('import from the sandbox…'),
        await measureImport(dialect, importContacts, importEmployees));
    const rows: (string | number)[][] = [
      [
        'identity resolution, batches of 1,000 sets',
        `${resolution.batchPerSecond} identities/s`,
        '≥ 50,000/s',
      ],
      ['identity resolution, one set at a time', `${resolution.singlePerSecond} identities/s`, ''],
      ...queries.rows,
      ...(imported ? imported.rows : [['import', 'skipped', '< 60 s']]),
    ];
    const table = [
      `people benchmark — ${dialect}, ${persons.toLocaleString('en')} persons`,
      `generated in ${Object.entries(generated.seconds)
        .map(([k, v]) => `${k} ${v}s`)
        .join(', ')}`,
      '',
      formatTable(['measure', 'result', 'target'], rows),
    ].join('\n');
    return {
      table,
      figures: {
        dialect,
        persons,
        machine: machine(),
        ...(dialect === 'postgres' ? { postgres: database.settings } : {}),
        generate_seconds: generated.seconds,
        resolution,
        ...queries.figures,
        ...(imported ? { import: imported.figures } : {}),
      },
    };
  } finally {
    await handle.close();
    await database.drop();
  }
}

function peopleContext(handle: DatabaseHandle<Database>): PeopleContext {
  const jobs = new JobQueue({ db: handle.db, dialect: handle.dialect });
  const bus = createDomainEventBus({ db: handle.db, jobs, clock: systemClock });
  return createPeopleContext({
    db: handle.db,
    clock: systemClock,
    secretBox: new SecretBox('bench-secret-key-that-is-long-enough-0123'),
    bus,
    jobs,
  });
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

async function measureResolution(
  ctx: PeopleContext,
  workspaceId: string,
  persons: number,
  sets: number,
) {
  const batch = 1000;
  const started = performance.now();
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
    singlePerSecond: Math.round(singleIdentities / singleSeconds),
  };
}
