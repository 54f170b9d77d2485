import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { ManualClock } from '../../../platform/clock.js';

/** A request as the server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** An answer: a JSON object, an HTTP status (with optional raw body), or a function of the request. */
export type Reply =
  | Record<string, unknown>
  | { httpStatus: number; raw?: string }
  | ((request: ReceivedRequest) => Reply | Promise<Reply>);

/**
 * A real HTTP server (Fastify on port 0) that plays the WeChat APIs from scripts: each path
 * answers its queued replies in order, then its default. Records every request it receives.
 */
export class ScriptedServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly queues = new Map<string, Reply[]>();
  private readonly defaults = new Map<string, Reply>();
  private tokensIssued = 0;

  private address = '';

  private constructor(private readonly app: FastifyInstance) {
    app.all('/*', async (request, reply) => {
      const url = new URL(request.url, 'http://localhost');
      const received: ReceivedRequest = {
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: request.body ?? null,
      };
      this.requests.push(received);
      const answer = await resolveReply(this.next(received.path), received);
      if (typeof answer.httpStatus === 'number') {
        return reply
          .code(answer.httpStatus)
          .type('text/plain')
          .send(answer.raw ?? '');
      }
      return reply.type('application/json').send(JSON.stringify(answer));
    });
  }

  static async start(): Promise<ScriptedServer> {
    const server = new ScriptedServer(Fastify({ logger: false, forceCloseConnections: true }));
    server.address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    return server;
  }

  /** e.g. `http://127.0.0.1:41234`, to pass as a client's base URL. */
  get baseUrl(): string {
    return this.address;
  }

  /** Queues replies for a path, answered in order before its default. */
  reply(path: string, ...replies: Reply[]): this {
    this.queues.set(path, [...(this.queues.get(path) ?? []), ...replies]);
    return this;
  }

  /** The reply for a path once its queue is empty. */
  default(path: string, reply: Reply): this {
    this.defaults.set(path, reply);
    return this;
  }

  /** Answers the token endpoints with fresh tokens `token-1`, `token-2`, … (after `delayMs`). */
  issueTokens(options: { delayMs?: number; expiresIn?: number } = {}): this {
    const issue: Reply = async () => {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      this.tokensIssued += 1;
      return {
        errcode: 0,
        errmsg: 'ok',
        access_token: `token-${this.tokensIssued}`,
        expires_in: options.expiresIn ?? 7200,
      };
    };
    return this.default('/cgi-bin/gettoken', issue).default('/cgi-bin/token', issue);
  }

  /** Requests received on one path. */
  received(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** The JSON bodies received on one path. */
  bodies(path: string): unknown[] {
    return this.received(path).map((r) => r.body);
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  private next(path: string): Reply {
    const queued = this.queues.get(path)?.shift();
    if (queued) return queued;
    return (
      this.defaults.get(path) ?? { errcode: 40999, errmsg: `scripted server: no reply for ${path}` }
    );
  }
}

type Answer = Record<string, unknown> & { httpStatus?: number; raw?: string };

async function resolveReply(reply: Reply, request: ReceivedRequest): Promise<Answer> {
  let current = reply;
  while (typeof current === 'function') current = await current(request);
  return current as Answer;
}

/** Reads a JSON fixture beside the calling test: `fixture(import.meta.url, 'x.json')`. */
export function readFixture<T = Record<string, unknown>>(moduleUrl: string, name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, moduleUrl), 'utf8')) as T;
}

/** A manual clock and a sleep that only moves it (and records how long it was asked to wait). */
export function fakeTime(start = Date.UTC(2026, 0, 1)) {
  const clock = new ManualClock(start);
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  return { clock, sleep, sleeps };
}

/** A pino logger at debug level whose output the test can read. */
export function capturingLogger(): { logger: Logger; output: () => string } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, output: () => lines.join('') };
}
