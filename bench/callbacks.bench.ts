/**
 * Callbacks benchmark: encrypted WeCom `add_external_contact` callbacks from a load generator
 * process on loopback to a real Siyu server (job workers off), beside a bare Fastify route
 * answering `success` in the same run.
 *
 *   npm run bench -- callbacks [--dialect sqlite|postgres] [--count 20000] [--rate 1000]
 *                              [--seconds 10] [--connections 32] [--repeat 2] [--warmup 2000]
 *                              [--callback-threads N]
 *   npm run bench -- callbacks --fuzz [--dialect …] [--fuzz-count 100000] [--seed 2026]
 *
 * See docs/benchmarks.md ("callbacks") for what each phase measures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runFuzz } from './callbacks.fuzz-run.js';
import { LoadGenerator, type Measured } from './callbacks.generator.js';
import { performance as perf } from 'node:perf_hooks';
import { callbackDispatchQueue } from '../src/modules/connections/callbacks/callback-dispatch.js';
import { startBare, startSiyu, storedCounts, type SiyuServer } from './callbacks.server.js';
import {
  BenchUsageError,
  createBenchDatabase,
  formatTable,
  machine,
  parseDialect,
  parseBenchArgs,
  positiveInt,
  round,
  type BenchResult,
} from './harness.js';

const targets = { sqliteCallbacksPerS: 5000, p99AtRateMs: 20 };

export async function run(args: string[]): Promise<BenchResult> {
  const values = parseBenchArgs(args, {
    dialect: { type: 'string' },
    count: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    repeat: { type: 'string' },
    warmup: { type: 'string' },
    'callback-threads': { type: 'string' },
    fuzz: { type: 'boolean' },
    'fuzz-count': { type: 'string' },
    seed: { type: 'string' },
  });
  const dialect = parseDialect(values.dialect);
  const options = {
    count: positiveInt('count', values.count, 20_000),
    rate: positiveInt('rate', values.rate, 1000),
    seconds: positiveInt('seconds', values.seconds, 10),
    connections: positiveInt('connections', values.connections, 32),
    repeat: positiveInt('repeat', values.repeat, 2),
    warmup: positiveInt('warmup', values.warmup, 2000),
    fuzzCount: positiveInt('fuzz-count', values['fuzz-count'], 100_000),
    seed: positiveInt('seed', values.seed, 2026),
  };

  const database = await createBenchDatabase(dialect);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-callbacks-'));
  const siyu = await startSiyu(database, dir, callbackThreads(values['callback-threads']));
  const bare = await startBare();
  const load = await LoadGenerator.spawn();
  try {
    if (values.fuzz) {
      const fuzz = await runFuzz(siyu, load, { ...options, count: options.fuzzCount });
      return {
        table: fuzz.table,
        figures: {
          mode: 'fuzz',
          dialect,
          ...fuzz.figures,
          machine: machine(),
          database: database.settings,
        },
      };
    }
    return await performance(siyu, bare.url, load, dialect, options, database.settings);
  } finally {
    load.exit();
    await bare.app.close();
    await siyu.stop();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function performance(
  siyu: Awaited<ReturnType<typeof startSiyu>>,
  bareUrl: string,
  load: LoadGenerator,
  dialect: string,
  options: {
    count: number;
    rate: number;
    seconds: number;
    connections: number;
    repeat: number;
    warmup: number;
  },
  settings: Record<string, string>,
): Promise<BenchResult> {
  const { connections } = options;
  const stored = () => storedCounts(siyu.runtime);
  const siyuTarget = { url: siyu.url, stored };
  const bareTarget = { url: bareUrl };

  await load.max(siyuTarget, options.warmup, connections);
  await load.max(bareTarget, options.warmup, connections);
  const runs: Record<'siyuMax' | 'bareMax' | 'siyuRate' | 'bareRate', Measured[]> = {
    siyuMax: [],
    bareMax: [],
    siyuRate: [],
    bareRate: [],
  };
  for (let round = 0; round < options.repeat; round++) {
    runs.siyuMax.push(await load.max(siyuTarget, options.count, connections));
    runs.bareMax.push(await load.max(bareTarget, options.count, connections));
    runs.siyuRate.push(await load.rate(siyuTarget, options.rate, options.seconds, connections));
    runs.bareRate.push(await load.rate(bareTarget, options.rate, options.seconds, connections));
  }
  const best = {
    siyuMax: bestOf(runs.siyuMax, (m) => -m.perSecond),
    bareMax: bestOf(runs.bareMax, (m) => -m.perSecond),
    siyuRate: bestOf(runs.siyuRate, (m) => m.result.latency.p99),
    bareRate: bestOf(runs.bareRate, (m) => m.result.latency.p99),
  };
  const dispatch = await dispatchAll(siyu);
  const maxFigures = (m: Measured, all: Measured[]) => ({
    per_s: Math.round(m.perSecond),
    all_runs_per_s: all.map((r) => Math.round(r.perSecond)),
    p50_ms: m.result.latency.p50,
    p99_ms: m.result.latency.p99,
    max_ms: m.result.latency.max,
    server_cpu_us_per_request: round(m.serverCpuMicros / m.result.sent, 1),
    thread_cpu_us_per_request: perRequest(m),
    event_loop_delay_p99_ms: m.loopDelay.p99,
    event_loop_delay_max_ms: m.loopDelay.max,
  });
  const rateFigures = (m: Measured, all: Measured[]) => ({
    achieved_per_s: Math.round(m.perSecond),
    p50_ms: m.result.latency.p50,
    p90_ms: m.result.latency.p90,
    p99_ms: m.result.latency.p99,
    max_ms: m.result.latency.max,
    all_runs_p99_ms: all.map((r) => r.result.latency.p99),
    service_p99_ms: m.result.serviceLatency!.p99,
    generator_send_lag_p99_ms: m.result.sendLagP99!,
    server_cpu_us_per_request: round(m.serverCpuMicros / m.result.sent, 1),
    event_loop_delay_p99_ms: m.loopDelay.p99,
    event_loop_delay_max_ms: m.loopDelay.max,
  });
  const figures = {
    mode: 'performance',
    dialect,
    count: options.count,
    connections,
    rate: options.rate,
    rate_seconds: options.seconds,
    repeat: options.repeat,
    workers: 'off (receiver only), then the dispatch jobs drained',
    callback_threads: siyu.callbackThreads,
    subscribers: siyu.subscribers,
    dispatch,
    siyu_max: maxFigures(best.siyuMax, runs.siyuMax),
    bare_max: maxFigures(best.bareMax, runs.bareMax),
    siyu_rate: rateFigures(best.siyuRate, runs.siyuRate),
    bare_rate: rateFigures(best.bareRate, runs.bareRate),
    target_throughput_met:
      dialect === 'sqlite' ? best.siyuMax.perSecond >= targets.sqliteCallbacksPerS : null,
    target_p99_met: best.siyuRate.result.latency.p99 < targets.p99AtRateMs,
    machine: machine(),
    database: settings,
  };
  const maxRow = (name: string, m: Measured, all: Measured[]) => [
    name,
    Math.round(m.perSecond),
    all.map((r) => Math.round(r.perSecond)).join(' / '),
    m.result.latency.p50,
    m.result.latency.p99,
    m.result.latency.max,
    round(m.serverCpuMicros / m.result.sent, 1),
    Object.values(perRequest(m) ?? {}).join(' / ') || '–',
  ];
  const rateRow = (name: string, m: Measured, all: Measured[]) => [
    name,
    Math.round(m.perSecond),
    m.result.latency.p50,
    m.result.latency.p99,
    all.map((r) => r.result.latency.p99).join(' / '),
    m.result.latency.max,
    m.result.serviceLatency!.p99,
    m.result.sendLagP99!,
    `${m.loopDelay.p99} / ${m.loopDelay.max}`,
  ];
  const table = [
    `Callbacks benchmark on ${dialect}: encrypted add_external_contact, ${connections} keep-alive connections, job workers off, ${siyu.callbackThreads} callback opener thread(s)`,
    `(best of ${options.repeat} runs each; every Siyu answer was 200 "success" after its commit: one inbound_callback row per callback, each named by a dispatch job)`,
    '',
    formatTable(
      [
        'max throughput',
        'req/s',
        'all runs',
        'p50 ms',
        'p99 ms',
        'max ms',
        'server CPU µs/req',
        'HTTP / busiest other / rest threads',
      ],
      [
        maxRow(`Siyu receiver (${options.count} stored)`, best.siyuMax, runs.siyuMax),
        maxRow('bare Fastify route', best.bareMax, runs.bareMax),
      ],
    ),
    '',
    formatTable(
      [
        `fixed ${options.rate}/s for ${options.seconds} s (from scheduled send)`,
        'req/s',
        'p50 ms',
        'p99 ms',
        'p99 all runs',
        'max ms',
        'p99 from send',
        'gen lag p99',
        'server loop delay p99 / max',
      ],
      [
        rateRow('Siyu receiver', best.siyuRate, runs.siyuRate),
        rateRow('bare Fastify route', best.bareRate, runs.bareRate),
      ],
    ),
    '',
    `Then the dispatch jobs, drained by this process: ${dispatch.callbacks} stored callbacks → ${dispatch.events} events and ${dispatch.deliveries} delivery jobs (${siyu.subscribers.join(', ')}) in ${dispatch.seconds} s: ${dispatch.per_s} callbacks/s, ${dispatch.cpu_us_per_callback} µs CPU each.`,
    '',
    `Targets: ${dialect === 'sqlite' ? `≥ ${targets.sqliteCallbacksPerS} callbacks/s stored ${figures.target_throughput_met ? 'MET' : 'NOT MET'}; ` : ''}p99 < ${targets.p99AtRateMs} ms at ${options.rate}/s ${figures.target_p99_met ? 'MET' : 'NOT MET'}. Load average ${figures.machine.load_avg_1m} on ${figures.machine.nproc} cores.`,
  ].join('\n');
  return { table, figures };
}

/**
 * Runs the dispatch jobs the phases left (workers were off) and checks that every stored
 * callback became its event with one delivery job per subscriber.
 */
async function dispatchAll(siyu: SiyuServer) {
  const before = await storedCounts(siyu.runtime);
  const pending = before.inbound - before.events;
  const cpu = process.cpuUsage();
  const started = now();
  await siyu.runtime.jobs.drain({ queues: [callbackDispatchQueue], concurrency: 2 });
  const seconds = (now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const after = await storedCounts(siyu.runtime);
  const events = after.events - before.events;
  const deliveries = after.deliveries - before.deliveries;
  if (events !== pending || deliveries !== events * siyu.subscribers.length) {
    throw new Error(
      `dispatch: expected ${pending} events and ${pending * siyu.subscribers.length} deliveries, got ${events} and ${deliveries}`,
    );
  }
  return {
    callbacks: pending,
    events,
    deliveries,
    seconds: round(seconds, 2),
    per_s: Math.round(pending / seconds),
    cpu_us_per_callback: round((used.user + used.system) / pending, 1),
  };
}

const now = () => perf.now();

/** CPU µs per request by thread: the HTTP thread, the opener thread (busiest other), the rest. */
function perRequest(m: Measured) {
  const threads = m.threadCpuMicros;
  if (!threads) return undefined;
  const each = (us: number) => round(us / m.result.sent, 1);
  return {
    http: each(threads.main),
    busiest_other: each(threads.busiestOther),
    rest: each(threads.rest),
  };
}

function callbackThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 16)
    throw new BenchUsageError(
      `--callback-threads must be a whole number from 0 to 16 (got "${value}")`,
    );
  return Number(value);
}

function bestOf(runs: Measured[], score: (m: Measured) => number): Measured {
  return runs.reduce((best, m) => (score(m) < score(best) ? m : best));
}
