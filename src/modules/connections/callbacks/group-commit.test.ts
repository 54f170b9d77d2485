import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A writer that records each transaction's items and can be told which items break it. */
function recorder(failing: (item: number) => boolean = () => false) {
  const transactions: number[][] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  const write = async (items: number[]) => {
    transactions.push([...items]);
    if (held) await held;
    if (items.some(failing)) throw new Error(`cannot write ${items.join(',')}`);
    return items.map((item) => item * 10);
  };
  return {
    transactions,
    write,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release() {
      held = undefined;
      release?.();
    },
  };
}

describe('GroupCommit', () => {
  it('writes items added in the same turn in one transaction and answers each', async () => {
    const db = recorder();
    const commits = new GroupCommit(db.write);
    const results = await Promise.all([1, 2, 3].map((item) => commits.add(item)));
    expect(results).toEqual([10, 20, 30]);
    expect(db.transactions).toEqual([[1, 2, 3]]);
  });

  it('gathers items arriving during a transaction into the next one', async () => {
    const db = recorder();
    const commits = new GroupCommit(db.write);
    db.hold();
    const first = commits.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.transactions).toEqual([[1]]);
    const later = [commits.add(2), commits.add(3)];
    db.release();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30]);
    expect(db.transactions).toEqual([[1], [2, 3]]);
  });

  it('splits more items than maxItems over several transactions', async () => {
    const db = recorder();
    const commits = new GroupCommit(db.write, 2);
    await Promise.all([1, 2, 3, 4, 5].map((item) => commits.add(item)));
    expect(db.transactions).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('writes the items of a failed shared transaction again one by one: only the culprit fails', async () => {
    const db = recorder((item) => item === 2);
    const commits = new GroupCommit(db.write);
    const results = await Promise.allSettled([1, 2, 3].map((item) => commits.add(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('cannot write 2') },
      { status: 'fulfilled', value: 30 },
    ]);
    expect(db.transactions).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('fails a lone item at once, without writing it twice', async () => {
    const db = recorder((item) => item === 7);
    const commits = new GroupCommit(db.write);
    await expect(commits.add(7)).rejects.toThrow('cannot write 7');
    expect(await commits.add(8)).toBe(80);
    expect(db.transactions).toEqual([[7], [8]]);
  });
});
