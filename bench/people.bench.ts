/**
 * People benchmark: on a generated workspace (default 1,000,000 persons, 3 identities each,
 * 3 tag links, 5 timeline events, 1 follow), identity resolution throughput, the customer
 * list with a two-tag filter sorted by added date, the profile load, and the initial WeCom
 * import from the sandbox.
 *
 *   npm run bench -- people [--dialect sqlite|postgres] [--persons 1000000]
 *                           [--resolve-sets 60000] [--resolve-concurrency 1] [--samples 200]
 *                           [--keep <file|schema>]
 *                           [--import-contacts 100000] [--import-employees 50] [--skip-import]
 *                           [--skip-queries]
 *
 * --keep reuses a generated workspace between runs (a million persons take ~12 minutes to
 * generate): on SQLite a database file path, on PostgreSQL a schema name in the database of
 * SIYU_BENCH_DATABASE_URL. The first run generates it there and leaves it; later runs with the
 * same --persons skip generation, after removing what earlier runs' resolutions created and
 * restoring the last-seen times they moved (so every run starts from the same data).
 */
import { sql, type Kysely } from 'kysely';
import { createDomainEventBus } from '../src/app.js';
import { createPeopleContext, type PeopleContext } from '../src/modules/people/people.context.js';
import { ensureDefaultWorkspace } from '../src/modules/workspace/bootstrap.js';
import type { WorkspaceRow } from '../src/modules/workspace/workspace.table.js';
import { systemClock } from '../src/platform/clock.js';
import { SecretBox } from '../src/platform/crypto.js';
import type { DatabaseHandle } from '../src/platform/db/database.js';
import { startSqliteCheckpointer } from '../src/platform/db/sqlite-checkpointer.js';
import { createLogger } from '../src/platform/log.js';
import { JobQueue } from '../src/platform/jobs/job-queue.js';
import type { Database } from '../src/database.js';
import {
  BenchUsageError,
  createBenchDatabase,
  formatTable,
  machine,
  parseBenchArgs,
  parseDialect,
  positiveInt,
  round,
  type BenchDialect,
  type BenchResult,
} from './harness.js';
import { generatedSize, generatePeople, keptPeople, resetGenerated } from './people.generate.js';
import { measureImport } from './people.import.js';
import { measureQueries } from './people.queries.js';
import { lastSeenWriteShare, measureLookupFloor, measureResolution } from './people.resolution.js';

export async function run(args: string[]): Promise<BenchResult> {
  const values = parseBenchArgs(args, {
    dialect: { type: 'string' },
    persons: { type: 'string' },
    'resolve-sets': { type: 'string' },
    'resolve-concurrency': { type: 'string' },
    samples: { type: 'string' },
    'import-contacts': { type: 'string' },
    'import-employees': { type: 'string' },
    'skip-import': { type: 'boolean' },
    'skip-queries': { type: 'boolean' },
    keep: { type: 'string' },
  });
  const dialect = parseDialect(values.dialect);
  const persons = positiveInt('persons', values.persons, 1_000_000);
  const resolveSets = positiveInt('resolve-sets', values['resolve-sets'], 60_000);
  const concurrency = positiveInt('resolve-concurrency', values['resolve-concurrency'], 1);
  if (dialect === 'sqlite' && concurrency > 1)
    throw new BenchUsageError('--resolve-concurrency: SQLite has one writer (use 1)');
  const samples = positiveInt('samples', values.samples, 200);
  const importContacts = positiveInt('import-contacts', values['import-contacts'], 100_000);
  const importEmployees = positiveInt('import-employees', values['import-employees'], 50);
  const log = (line: string) => process.stderr.write(`[people] ${line}\n`);

  const database = await createBenchDatabase(dialect, values.keep);
  const handle = database.open(4);
  // As in the server (openRuntime): SQLite's WAL checkpoints from a background thread.
  const checkpointer =
    dialect === 'sqlite'
      ? await startSqliteCheckpointer(handle.db, {
          file: database.url,
          logger: createLogger('warn'),
        })
      : undefined;
  try {
    const workspace = await ensureDefaultWorkspace({ db: handle.db, clock: systemClock });
    const generated = await prepareWorkspace(handle.db, dialect, workspace, persons, log);
    const ctx = peopleContext(handle);
    const writeShare = await lastSeenWriteShare(ctx, workspace.id);
    log('identity resolution…');
    const resolution = await measureResolution(
      ctx,
      workspace.id,
      persons,
      resolveSets,
      concurrency,
    );
    const floor = await measureLookupFloor(ctx, workspace.id, persons);
    const queries = values['skip-queries']
      ? { rows: [['customer list and profile', 'skipped', '']], figures: {} }
      : (log('customer list and profile…'),
        await measureQueries(ctx, workspace.id, generated, samples));
    const imported = values['skip-import']
      ? null
      : (log('import from the sandbox…'),
        await measureImport(dialect, importContacts, importEmployees));
    const rows: (string | number)[][] = [
      [
        `identity resolution, batches of 1,000 sets${concurrency > 1 ? `, ${concurrency} sessions` : ''}`,
        `${resolution.batchPerSecond} identities/s (${resolution.batchPerCpuSecond} per CPU-second${dialect === 'postgres' ? ', Node and PostgreSQL sessions' : ''})`,
        '≥ 50,000/s',
      ],
      ['identity resolution, one set at a time', `${resolution.singlePerSecond} identities/s`, ''],
      [
        'known identity, database alone: µs each',
        `${floor.probe_us} probe, ${floor.probe_and_row_us} with its row, ${floor.probe_and_last_seen_write_us} with a last-seen write (${floor.one_per_page_per_second}/s, one identity per page)`,
        '',
      ],
      ...queries.rows,
      ...(imported ? imported.rows : [['import', 'skipped', '< 60 s']]),
    ];
    const table = [
      `people benchmark — ${dialect}, ${persons.toLocaleString('en')} persons`,
      values.keep && Object.keys(generated.seconds).length === 0
        ? `kept workspace (${values.keep}), reset in ${generated.resetSeconds}s`
        : `generated in ${Object.entries(generated.seconds)
            .map(([k, v]) => `${k} ${v}s`)
            .join(', ')}`,
      `resolution: sets of 3 identities, 80% of known persons, 20% new; last-seen times spread over 30 days, so ${round(writeShare * 100, 2)}% of known identities need a last-seen write (kept to the minute)`,
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
        resolution: { ...resolution, last_seen_write_share: round(writeShare, 4) },
        lookup_floor: floor,
        ...queries.figures,
        ...(imported ? { import: imported.figures } : {}),
      },
    };
  } finally {
    await checkpointer?.stop();
    await handle.close();
    await database.drop();
  }
}

/** Generates the workspace, or resets the one kept by an earlier run. */
async function prepareWorkspace(
  db: Kysely<Database>,
  dialect: BenchDialect,
  workspace: WorkspaceRow,
  persons: number,
  log: (line: string) => void,
) {
  // A page cache big enough for the generated indexes (the default is 2 MB), kept or not.
  if (dialect === 'sqlite') await sql.raw('pragma cache_size = -2000000').execute(db);
  const kept = await generatedSize(db, workspace.id);
  if (kept === undefined)
    return {
      ...(await generatePeople(db, dialect, workspace, persons, (s) => log(`generating ${s}…`))),
      resetSeconds: 0,
    };
  if (kept !== persons)
    throw new BenchUsageError(`The kept workspace has ${kept} persons, not --persons ${persons}`);
  log('resetting the kept workspace…');
  const started = performance.now();
  await resetGenerated(db, dialect, workspace);
  return {
    ...keptPeople(workspace.id, persons),
    resetSeconds: round((performance.now() - started) / 1000, 1),
  };
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
