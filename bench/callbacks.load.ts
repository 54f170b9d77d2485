/**
 * The callbacks benchmark's load generator, a process of its own:
 * `node --import tsx bench/callbacks.load.ts`. Prints "ready", then answers each JSON
 * command line on stdin with one JSON result line on stdout. Requests are generated (and
 * encrypted) before the clock starts.
 */
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { closedLoop, keepAliveAgent, openLoop, send, type LoadResult } from './callbacks.client.js';
import { validCallbacks } from './callbacks.fixtures.js';
import { fuzzCases } from './callbacks.fuzz.js';
import { serialize, WirePool } from './callbacks.wire.js';

export type LoadCommand =
  /** Valid callbacks first … first + count - 1, as fast as `connections` allow. */
  | { kind: 'max'; base: string; first: number; count: number; connections: number }
  /** Valid callbacks at `rate` per second for `seconds`, open loop. */
  | {
      kind: 'rate';
      base: string;
      first: number;
      rate: number;
      seconds: number;
      connections: number;
    }
  /** `count` malformed or forged requests from `seed`, as fast as `connections` allow. */
  | { kind: 'fuzz'; base: string; seed: number; count: number; connections: number };

export type LoadReply = LoadResult & {
  generateSeconds: number;
  /** Fuzz only: answers by category, then by status. */
  byCategory?: Record<string, Record<string, number>>;
};

async function execute(command: LoadCommand): Promise<LoadReply> {
  const base = new URL(command.base);
  const generating = performance.now();
  switch (command.kind) {
    case 'max': {
      const wire = validCallbacks(command.first, command.count).map((r) => serialize(base, r));
      const generateSeconds = (performance.now() - generating) / 1000;
      const pool = new WirePool(base, command.connections);
      const result = await closedLoop(wire.length, (i) => pool.send(wire[i]!), command.connections);
      pool.close();
      return { ...result, generateSeconds };
    }
    case 'rate': {
      const count = Math.round(command.rate * command.seconds);
      const wire = validCallbacks(command.first, count).map((r) => serialize(base, r));
      const generateSeconds = (performance.now() - generating) / 1000;
      const pool = new WirePool(base, command.connections);
      const result = await openLoop(wire.length, (i) => pool.send(wire[i]!), command.rate);
      pool.close();
      return { ...result, generateSeconds };
    }
    case 'fuzz': {
      // Made while sending (they would not all fit in memory): generateSeconds stays 0.
      const next = fuzzCases(command.seed);
      const categories: string[] = [];
      const byCategory: Record<string, Record<string, number>> = {};
      const agent = keepAliveAgent(command.connections);
      const result = await closedLoop(
        command.count,
        (i) => {
          const made = next(i);
          categories[i] = made.category;
          return send(agent, base, made.request);
        },
        command.connections,
        (i, answer) => {
          const tally = (byCategory[categories[i]!] ??= {});
          tally[answer.status] = (tally[answer.status] ?? 0) + 1;
        },
      );
      agent.destroy();
      const generateSeconds = 0;
      return { ...result, generateSeconds, byCategory };
    }
  }
}

process.stdout.write('ready\n');
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'exit') process.exit(0);
  const reply = await execute(JSON.parse(line) as LoadCommand);
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}
