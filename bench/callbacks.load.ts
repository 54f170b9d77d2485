/**
 * The callbacks benchmark's load generator, a process of its own:
 * `node --import tsx bench/callbacks.load.ts`. Prints "ready", then answers each JSON
 * command line on stdin with one JSON result line on stdout. Requests are generated (and
 * encrypted) before the clock starts.
 */
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { closedLoop, openLoop, type LoadResult } from './callbacks.client.js';
import { validCallbacks } from './callbacks.fixtures.js';
import { fuzzCases } from './callbacks.fuzz.js';

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
      const requests = validCallbacks(command.first, command.count);
      const generateSeconds = (performance.now() - generating) / 1000;
      const result = await closedLoop(
        base,
        requests.length,
        (i) => requests[i]!,
        command.connections,
      );
      return { ...result, generateSeconds };
    }
    case 'rate': {
      const requests = validCallbacks(command.first, Math.round(command.rate * command.seconds));
      const generateSeconds = (performance.now() - generating) / 1000;
      const result = await openLoop(base, requests, command.rate, command.connections);
      return { ...result, generateSeconds };
    }
    case 'fuzz': {
      // Made while sending (they would not all fit in memory): generateSeconds stays 0.
      const next = fuzzCases(command.seed);
      const categories: string[] = [];
      const byCategory: Record<string, Record<string, number>> = {};
      const result = await closedLoop(
        base,
        command.count,
        (i) => {
          const made = next(i);
          categories[i] = made.category;
          return made.request;
        },
        command.connections,
        (i, answer) => {
          const tally = (byCategory[categories[i]!] ??= {});
          tally[answer.status] = (tally[answer.status] ?? 0) + 1;
        },
      );
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
