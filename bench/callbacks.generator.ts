/**
 * The benchmark side of the load generator process: sends it commands, and checks that
 * every valid callback was acknowledged with `success` and stored (one inbound_callback row
 * per callback, each in the payload of a dispatch job).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import readline from 'node:readline';
import type { LoadCommand, LoadReply } from './callbacks.load.js';
import { threadCpu, threadCpuSpent } from './thread-cpu.js';

export interface Counts {
  inbound: number;
  dispatchJobs: number;
  /** Callbacks named by the dispatch jobs. */
  dispatchedCallbacks: number;
  events: number;
  deliveries: number;
}

export interface Target {
  url: string;
  /** Siyu only: the stored rows, checked before and after. */
  stored?: () => Promise<Counts>;
}

export interface Measured {
  result: LoadReply;
  /** Answers per second (= callbacks stored per second on Siyu: each answer follows its commit). */
  perSecond: number;
  /** CPU time of this process (the servers) during the phase, µs. */
  serverCpuMicros: number;
  /** The same by thread (Linux): the HTTP thread, the busiest other (the opener), the rest. */
  threadCpuMicros: ReturnType<typeof threadCpuSpent>;
  /**
   * How late this process's event loop ran a 1 ms timer during the phase, ms: a stall here
   * (a synchronous SQLite commit or checkpoint, GC, or the OS not scheduling the process)
   * delays every request in flight.
   */
  loopDelay: { p99: number; max: number };
}

export class LoadGenerator {
  /** Callback numbers are never reused, so no callback is a duplicate of another. */
  private next = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: AsyncIterator<string>,
  ) {}

  static async spawn(): Promise<LoadGenerator> {
    const script = new URL('./callbacks.load.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.value !== 'ready')
      throw new Error(`load generator failed to start: ${String(first.value)}`);
    return new LoadGenerator(child, lines);
  }

  async command(command: LoadCommand): Promise<Measured> {
    const cpu = process.cpuUsage();
    const threadsBefore = threadCpu();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
    const line = await this.lines.next();
    delay.disable();
    if (line.done) throw new Error('load generator exited');
    const used = process.cpuUsage(cpu);
    const threadCpuMicros = threadCpuSpent(threadsBefore, threadCpu());
    const result = JSON.parse(line.value) as LoadReply;
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    return {
      result,
      perSecond: result.sent / result.seconds,
      serverCpuMicros: used.user + used.system,
      threadCpuMicros,
      loopDelay: { p99: ms(delay.percentile(99)), max: ms(delay.max) },
    };
  }

  /** `count` valid callbacks as fast as possible. */
  max(target: Target, count: number, connections: number): Promise<Measured> {
    const first = this.take(count);
    return this.checked(target, count, () =>
      this.command({ kind: 'max', base: target.url, first, count, connections }),
    );
  }

  /** Valid callbacks at a fixed rate, open loop. */
  rate(target: Target, rate: number, seconds: number, connections: number): Promise<Measured> {
    const count = Math.round(rate * seconds);
    const first = this.take(count);
    return this.checked(target, count, () =>
      this.command({ kind: 'rate', base: target.url, first, rate, seconds, connections }),
    );
  }

  exit(): void {
    this.child.stdin!.end('exit\n');
  }

  private take(count: number): number {
    const first = this.next;
    this.next += count;
    return first;
  }

  private async checked(
    target: Target,
    count: number,
    measure: () => Promise<Measured>,
  ): Promise<Measured> {
    const before = await target.stored?.();
    const measured = await measure();
    const { statuses, samples } = measured.result;
    if (statuses['200'] !== count || samples['200'] !== 'success') {
      throw new Error(
        `${target.url}: expected ${count} × 200 "success", got ${JSON.stringify({ statuses, samples })}`,
      );
    }
    if (before && target.stored) {
      const after = await target.stored();
      if (
        after.inbound - before.inbound !== count ||
        after.dispatchedCallbacks - before.dispatchedCallbacks !== count
      ) {
        throw new Error(
          `stored rows do not match the ${count} callbacks acknowledged: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
        );
      }
    }
    return measured;
  }
}
