/**
 * Benchmark runner: `npm run bench -- <name> [options]` runs bench/<name>.bench.ts, prints its
 * table and, as the very last line of stdout, one JSON object {"bench": "<name>", ...figures}.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchmarkModule } from './harness.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = fs
  .readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || !available.includes(name)) {
  if (name && name !== '--help') process.stderr.write(`Unknown benchmark "${name}".\n`);
  process.stderr.write(
    `Usage: npm run bench -- <name> [--dialect sqlite|postgres] [options]\n\nAvailable benchmarks:\n${available.map((b) => `  ${b}`).join('\n')}\n`,
  );
  process.exit(name === '--help' ? 0 : 2);
}

const bench = (await import(`./${name}.bench.ts`)) as BenchmarkModule;
try {
  const { table, figures } = await bench.run(args);
  process.stdout.write(`${table}\n`);
  process.stdout.write(`${JSON.stringify({ bench: name, ...figures })}\n`);
  process.exit(0);
} catch (error) {
  if (error instanceof Error && error.name === 'BenchUsageError') {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
