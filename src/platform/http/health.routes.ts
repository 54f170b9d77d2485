import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { MigrationSet } from '../db/migrator.js';
import { pendingMigrations } from '../db/migrator.js';
import type { MetricsRegistry } from '../metrics.js';
import type { HttpServer } from './server.js';

export interface HealthDeps {
  db: Kysely<unknown>;
  migrations: MigrationSet;
  metrics: MetricsRegistry;
}

const readyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.string(), migrations: z.string() }),
});

export function registerHealthRoutes(app: HttpServer, deps: HealthDeps): void {
  const requests = deps.metrics.counter(
    'siyu_http_requests_total',
    'HTTP requests answered, by method, route and status',
  );
  const durations = deps.metrics.histogram(
    'siyu_http_request_duration_seconds',
    'HTTP request duration in seconds',
  );
  app.addHook('onResponse', (request, reply, done) => {
    const options = request.routeOptions;
    // Self-accounted routes (the WeChat callbacks) have metrics of their own.
    if (options.config?.selfAccounted === true) return done();
    const route = options.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe(reply.elapsedTime / 1000, { route });
    done();
  });

  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: database reachable, migrations applied',
        response: { 200: readyResponse, 503: readyResponse },
      },
    },
    async (_request, reply) => {
      let database = 'ok';
      let migrations = 'ok';
      try {
        await sql`select 1`.execute(deps.db);
        const pending = await pendingMigrations(deps.db, deps.migrations);
        if (pending.length > 0) migrations = `pending: ${pending.join(', ')}`;
      } catch (error) {
        database = `unreachable: ${(error as Error).message}`;
        migrations = 'unknown';
      }
      const ready = database === 'ok' && migrations === 'ok';
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations } });
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['system'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      reply.type('text/plain; version=0.0.4; charset=utf-8');
      return deps.metrics.render();
    },
  );
}
