/**
 * The load generator's loops: a closed loop (as fast as possible over N connections) and an
 * open loop (a fixed rate, latency measured from each request's scheduled send time so a slow
 * server cannot hide its queue: no coordinated omission). Requests go out through a `Send`:
 * the lean wire client for valid callbacks (callbacks.wire.ts), node:http keep-alive requests
 * (`send`) for the fuzz, whose malformed requests need a full HTTP client.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchRequest } from './callbacks.fixtures.js';
import { percentile, round } from './harness.js';

export interface Answer {
  /** HTTP status, or `error:<code>` when no answer arrived. */
  status: string;
  body: string;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  sent: number;
  seconds: number;
  statuses: Record<string, number>;
  /** The body of the first answer of each status (for diagnosis). */
  samples: Record<string, string>;
  /** Milliseconds: closed loop from send, open loop from the scheduled send time. */
  latency: LatencySummary;
  /** Open loop only: milliseconds from the actual send (the server's share). */
  serviceLatency?: LatencySummary;
  /** Open loop only: how late the generator sent, p99 ms (its own scheduling delay). */
  sendLagP99?: number;
  /** CPU time the load generator spent, µs. */
  cpuMicros: number;
}

/** Sends request number i and resolves with its answer (never rejects). */
export type Send = (index: number) => Promise<Answer>;

export function keepAliveAgent(connections: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

export function send(agent: http.Agent, base: URL, request: BenchRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.path,
        agent,
        headers: { ...request.headers, 'content-length': String(request.body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: String(res.statusCode ?? 0),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ status: `error:${error.code ?? error.message}`, body: '' }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: `error:${error.code ?? error.message}`, body: '' }),
    );
    req.end(request.body);
  });
}

class Tally {
  readonly statuses: Record<string, number> = {};
  readonly samples: Record<string, string> = {};

  add(answer: Answer): void {
    this.statuses[answer.status] = (this.statuses[answer.status] ?? 0) + 1;
    this.samples[answer.status] ??= answer.body.slice(0, 200);
  }
}

/** Sends requests 0 … count - 1 in order, as fast as `connections` concurrent loops allow. */
export async function closedLoop(
  count: number,
  sendAt: Send,
  connections: number,
  onAnswer?: (index: number, answer: Answer) => void,
): Promise<LoadResult> {
  const latencies = new Float64Array(count);
  const tally = new Tally();
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const loop = async () => {
    while (next < count) {
      const i = next++;
      const sentAt = performance.now();
      const answer = await sendAt(i);
      latencies[i] = performance.now() - sentAt;
      tally.add(answer);
      onAnswer?.(i, answer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, count) }, loop));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    sent: count,
    seconds,
    statuses: tally.statuses,
    samples: tally.samples,
    latency: summarize(latencies),
    cpuMicros: used.user + used.system,
  };
}

/** Sends request i at `i / rate` seconds after the start, whatever the server is doing. */
export async function openLoop(total: number, sendAt: Send, rate: number): Promise<LoadResult> {
  const fromSchedule = new Float64Array(total);
  const fromSend = new Float64Array(total);
  const lag = new Float64Array(total);
  const tally = new Tally();
  const interval = 1000 / rate;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let answered = 0;
  await new Promise<void>((done) => {
    const fire = (i: number) => {
      const scheduled = started + i * interval;
      const sentAt = performance.now();
      lag[i] = sentAt - scheduled;
      void sendAt(i).then((answer) => {
        const now = performance.now();
        fromSchedule[i] = now - scheduled;
        fromSend[i] = now - sentAt;
        tally.add(answer);
        if (++answered === total) done();
      });
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * interval <= now) fire(next++);
      if (next < total) setTimeout(tick, Math.max(0, started + next * interval - now));
    };
    tick();
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    sent: total,
    seconds,
    statuses: tally.statuses,
    samples: tally.samples,
    latency: summarize(fromSchedule),
    serviceLatency: summarize(fromSend),
    sendLagP99: round(percentile(Array.from(lag.sort()), 0.99), 2),
    cpuMicros: used.user + used.system,
  };
}

function summarize(values: Float64Array): LatencySummary {
  const sorted = Array.from(values.slice().sort());
  return {
    p50: round(percentile(sorted, 0.5), 2),
    p90: round(percentile(sorted, 0.9), 2),
    p99: round(percentile(sorted, 0.99), 2),
    max: round(sorted.at(-1) ?? Number.NaN, 2),
  };
}
