/**
 * The fuzz run of the callbacks benchmark: seeded malformed or forged requests at the Siyu
 * receiver. Passes only if every answer is a 4xx counted in `siyu_callbacks_rejected_total`,
 * nothing is stored, nothing is accepted, and the server still answers `/health` and stores
 * valid callbacks afterwards (checked before and after, so an all-refusing server fails).
 */
import type { LoadGenerator } from './callbacks.generator.js';
import {
  countLines,
  scrapeCallbackCounters,
  storedCounts,
  type SiyuServer,
} from './callbacks.server.js';
import { formatTable } from './harness.js';

const controlCount = 1000;

export async function runFuzz(
  siyu: SiyuServer,
  load: LoadGenerator,
  options: { count: number; seed: number; connections: number },
): Promise<{ table: string; figures: Record<string, unknown> }> {
  const target = {
    url: siyu.url,
    stored: () => storedCounts(siyu.runtime),
  };
  const connectionRow = () =>
    siyu.runtime.database.db
      .selectFrom('connection')
      .select(['callback_verified_at', 'last_callback_at', 'status'])
      .executeTakeFirstOrThrow();

  // Control: valid callbacks are stored before the fuzz (the receiver is not refusing all).
  await load.max(target, controlCount, options.connections);
  const before = {
    stored: await target.stored(),
    rejected: await scrapeCallbackCounters(siyu.url, 'rejected'),
    accepted: await scrapeCallbackCounters(siyu.url, 'accepted'),
    connection: await connectionRow(),
    logLines: countLines(siyu.logFile),
  };
  const fuzz = await load.command({
    kind: 'fuzz',
    base: siyu.url,
    seed: options.seed,
    count: options.count,
    connections: options.connections,
  });
  const health = await fetch(`${siyu.url}/health`).then(
    async (r) => `${r.status} ${await r.text()}`,
    (error: Error) => `unreachable: ${error.message}`,
  );
  const after = {
    stored: await target.stored(),
    rejected: await scrapeCallbackCounters(siyu.url, 'rejected'),
    accepted: await scrapeCallbackCounters(siyu.url, 'accepted'),
    connection: await connectionRow(),
  };
  const rejectedDelta = Object.fromEntries(
    Object.entries(after.rejected)
      .map(([reason, n]) => [reason, n - (before.rejected[reason] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort(([, a], [, b]) => b - a),
  );
  const rejectedTotal = Object.values(rejectedDelta).reduce((a, b) => a + b, 0);
  const statuses = fuzz.result.statuses;
  const non4xx = Object.entries(statuses).filter(([status]) => !/^4\d\d$/.test(status));
  // Control: valid callbacks are still stored after the fuzz.
  let controlAfter = 'ok';
  await load.max(target, controlCount, options.connections).catch((error: Error) => {
    controlAfter = error.message;
  });

  const checks = {
    server_alive: health === '200 {"status":"ok"}',
    every_answer_4xx: non4xx.length === 0,
    every_refusal_counted: rejectedTotal === options.count,
    nothing_stored: JSON.stringify(after.stored) === JSON.stringify(before.stored),
    nothing_accepted: JSON.stringify(after.accepted) === JSON.stringify(before.accepted),
    connection_unchanged: JSON.stringify(after.connection) === JSON.stringify(before.connection),
    valid_callbacks_still_stored: controlAfter === 'ok',
  };
  const passed = Object.values(checks).every(Boolean);
  const byCategory = fuzz.result.byCategory!;
  const statusColumns = Object.keys(statuses).sort();
  const table = [
    `Callbacks fuzz: ${options.count} malformed or forged requests (seed ${options.seed}), ${options.connections} connections, ${Math.round(fuzz.perSecond)} req/s`,
    '',
    formatTable(
      ['category', ...statusColumns],
      Object.entries(byCategory).map(([category, tally]) => [
        category,
        ...statusColumns.map((s) => tally[s] ?? 0),
      ]),
    ),
    formatTable(['total', ...statusColumns], [['', ...statusColumns.map((s) => statuses[s]!)]]),
    '',
    formatTable(
      ['siyu_callbacks_rejected_total{reason}', 'delta'],
      Object.entries(rejectedDelta).map(([reason, n]) => [reason, n]),
    ),
    formatTable(['total', ''], [['', rejectedTotal]]),
    '',
    `Rows before/after: ${JSON.stringify(before.stored)} / ${JSON.stringify(after.stored)}; /health after: ${health}; log lines written: ${countLines(siyu.logFile) - before.logLines}`,
    formatTable(
      ['check', 'result'],
      Object.entries(checks).map(([name, ok]) => [name, ok ? 'pass' : 'FAIL']),
    ),
    passed
      ? 'FUZZ PASSED'
      : `FUZZ FAILED (sample answers: ${JSON.stringify(fuzz.result.samples)}; control after: ${controlAfter})`,
  ].join('\n');
  const figures = {
    fuzz_requests: options.count,
    seed: options.seed,
    connections: options.connections,
    requests_per_s: Math.round(fuzz.perSecond),
    passed,
    checks,
    statuses,
    rejected_by_reason: rejectedDelta,
    by_category: byCategory,
    stored_before: before.stored,
    stored_after: after.stored,
    server_cpu_us_per_request: Math.round((fuzz.serverCpuMicros / options.count) * 10) / 10,
  };
  if (!passed) {
    process.stderr.write(`${table}\n`);
    throw new Error('callbacks fuzz run failed: see the table above');
  }
  return { table, figures };
}
