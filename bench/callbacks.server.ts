/**
 * The servers the callbacks benchmark measures: a real Siyu server (openRuntime + startServer,
 * job workers off so the figures are the receiver's) with a WeCom connection, and a bare
 * Fastify route answering `success` as the baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { callbackDispatchQueue } from '../src/modules/connections/callbacks/callback-dispatch.js';
import { createConnection } from '../src/modules/connections/connection.service.js';
import { actingAsSystem } from '../src/modules/workspace/actor.js';
import { permissions } from '../src/modules/workspace/permissions.js';
import { findWorkspaceBySlug } from '../src/modules/workspace/workspace.store.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openRuntime, startServer, type Runtime, type RunningServer } from '../src/runtime.js';
import { benchConnection, callbackPath } from './callbacks.fixtures.js';
import type { Counts } from './callbacks.generator.js';
import type { BenchDatabase } from './harness.js';

export interface SiyuServer {
  url: string;
  runtime: Runtime;
  /** Subscribers a `contact.added` event gets one delivery job for. */
  subscribers: string[];
  logFile: string;
  /** Threads verifying, decrypting and parsing callbacks (0: the HTTP thread). */
  callbackThreads: number;
  stop(): Promise<void>;
}

/** The subscriber the benchmark adds: each dispatched event gets a delivery job for it. */
export const benchSubscriber = 'bench.contacts';

export async function startSiyu(
  database: BenchDatabase,
  dir: string,
  callbackThreads?: number,
): Promise<SiyuServer> {
  const config = loadConfig({
    SIYU_DATABASE_URL: database.url,
    SIYU_DATA_DIR: path.join(dir, 'data'),
    SIYU_HOST: '127.0.0.1',
    SIYU_PORT: '0',
    SIYU_WORKERS: '0',
    SIYU_LOG_LEVEL: 'info',
    SIYU_SANDBOX: 'false',
    // Unset: the server's default (one opener thread when the machine has two cores or more).
    SIYU_CALLBACK_THREADS: callbackThreads === undefined ? undefined : String(callbackThreads),
    SIYU_OWNER_EMAIL: 'owner@example.com',
    SIYU_OWNER_PASSWORD: 'bench owner password',
  });
  // Production's level and log lines (refusals are logged), written to a file, not stdout.
  const logFile = path.join(dir, 'siyu.log');
  const logger = pino(
    { name: 'siyu', level: config.logLevel },
    pino.destination({ dest: logFile, sync: false }),
  );
  const runtime = await openRuntime(config, { logger, shutdownGraceMs: 1000 });
  // A consumer of contact.added beside the people module's: the dispatch jobs enqueue one
  // delivery job per event for each. Workers are off, so jobs stay queued until the drain.
  runtime.bus.subscribe('contact.added', benchSubscriber, async () => {});
  let server: RunningServer;
  try {
    server = await startServer(runtime);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const workspace = (await findWorkspaceBySlug(runtime.database.db, benchConnection.slug))!;
  await createConnection(
    { db: runtime.database.db, clock: runtime.clock, secretBox: runtime.secretBox },
    actingAsSystem(workspace.id, permissions),
    {
      kind: 'wecom',
      corpId: benchConnection.corpId,
      agentId: benchConnection.agentId,
      secret: benchConnection.secret,
      token: benchConnection.token,
      aesKey: benchConnection.aesKey,
    },
  );
  return {
    url: server.url,
    runtime,
    subscribers: runtime.bus.subscriberNames('contact.added'),
    logFile,
    callbackThreads: config.callbackThreads,
    stop: () => server.stop(),
  };
}

/** The baseline: Fastify with a text/xml parser and the same route, answering `success`. */
export async function startBare(): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  app.addContentTypeParser(
    ['text/xml', 'application/xml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );
  app.post(callbackPath(':slug'), async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send('success'),
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, app };
}

/**
 * Rows the receiver writes (the raw callbacks and their dispatch jobs, with the callbacks
 * each job will publish) and what dispatching them makes (events and their delivery jobs).
 */
export async function storedCounts(runtime: Runtime): Promise<Counts> {
  const db = runtime.database.db;
  const count = async (table: 'inbound_callback' | 'domain_event') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const dispatches = await db
    .selectFrom('jobs')
    .select('payload')
    .where('queue', '=', callbackDispatchQueue)
    .execute();
  const deliveries = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('queue', 'like', 'event.%')
    .executeTakeFirstOrThrow();
  return {
    inbound: await count('inbound_callback'),
    dispatchJobs: dispatches.length,
    dispatchedCallbacks: dispatches.reduce(
      (sum, job) => sum + (JSON.parse(job.payload) as { ids: string[] }).ids.length,
      0,
    ),
    events: await count('domain_event'),
    deliveries: Number(deliveries.n),
  };
}

/** `siyu_callbacks_<which>_total` from /metrics, by its second label (reason or outcome). */
export async function scrapeCallbackCounters(
  url: string,
  which: 'rejected' | 'accepted',
): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const label = which === 'rejected' ? 'reason' : 'outcome';
  const pattern = new RegExp(
    `^siyu_callbacks_${which}_total\\{channel="wecom",${label}="([a-z_]+)"\\} (\\d+)$`,
    'gm',
  );
  return Object.fromEntries([...text.matchAll(pattern)].map((m) => [m[1]!, Number(m[2])]));
}

export function countLines(file: string): number {
  if (!fs.existsSync(file)) return 0;
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
}
