/**
 * CPU time of this process's threads, from /proc (Linux; elsewhere nothing): which thread a
 * benchmark's work lands on — the HTTP (main) thread or a worker thread.
 */
import fs from 'node:fs';

const clockTicksPerSecond = 100;

/** CPU µs per thread id, now. */
export function threadCpu(): Map<string, number> {
  const cpu = new Map<string, number>();
  let tids: string[];
  try {
    tids = fs.readdirSync('/proc/self/task');
  } catch {
    return cpu;
  }
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime: fields 14 and 15 of stat(5), 12 and 13 after the name.
      const ticks = Number(fields[11]) + Number(fields[12]);
      cpu.set(tid, (ticks * 1_000_000) / clockTicksPerSecond);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return cpu;
}

/** Per-thread CPU between two readings: the main thread, the busiest other one, the rest. */
export function threadCpuSpent(
  before: Map<string, number>,
  after: Map<string, number>,
): { main: number; busiestOther: number; rest: number } | undefined {
  if (after.size === 0) return undefined;
  const main = String(process.pid);
  const spent = [...after].map(([tid, us]) => [tid, us - (before.get(tid) ?? 0)] as const);
  const others = spent.filter(([tid]) => tid !== main).map(([, us]) => us);
  const busiestOther = Math.max(0, ...others);
  return {
    main: spent.find(([tid]) => tid === main)?.[1] ?? 0,
    busiestOther,
    rest: others.reduce((sum, us) => sum + us, 0) - busiestOther,
  };
}
