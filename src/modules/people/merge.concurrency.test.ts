import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../database.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { testDialect } from '../../testing/db.js';
import { systemActor } from '../workspace/actor.js';
import { resolveIdentitiesMany } from './identity.batch.js';
import { mergePersons } from './merge.service.js';
import { id, peopleFixture, seedTags, type PeopleFixture } from './people.testing.js';
import { changePersonTags } from './person-tag.service.js';
import { findPerson } from './person.store.js';
import { erasePerson } from './privacy.erase.js';
import { listVisibleTagsOf } from './tag.store.js';
import { undoMerge } from './unmerge.service.js';

type Db = Kysely<Database>;

/**
 * Runs `first` in a transaction and, while it is still open, `second` in another; commits the
 * first once the second waits for one of its locks (PostgreSQL; SQLite has one writer, so the
 * second simply runs after the first). Resolves with both results.
 */
async function whileOpen<A, B>(
  db: Db,
  first: (trx: Db) => Promise<A>,
  second: (trx: Db) => Promise<B>,
): Promise<[A, B]> {
  let commit!: () => void;
  const released = new Promise<void>((resolve) => (commit = resolve));
  let started!: () => void;
  const holding = new Promise<void>((resolve) => (started = resolve));
  const one = db.transaction().execute(async (trx) => {
    const result = await first(trx);
    started();
    await released;
    return result;
  });
  await holding;
  let waiter: Promise<number> | undefined;
  const two = db.transaction().execute((trx) => {
    if (testDialect !== 'postgres') return second(trx);
    const pid = sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    waiter = pid.then((r) => r.rows[0]!.pid);
    return pid.then(() => second(trx));
  });
  if (testDialect === 'postgres') await untilWaiting(db, await until(() => waiter));
  commit();
  return [await one, await two];
}

async function until<T>(get: () => Promise<T> | undefined): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const value = get();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the second transaction never started');
}

/** Polls until the session `pid` waits for a lock (bounded: fails after ~10 s). */
async function untilWaiting(db: Db, pid: number): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from pg_locks
      where pid = ${pid} and not granted`.execute(db);
    if (Number(rows[0]!.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the second transaction never waited for a lock');
}

const merge = (f: PeopleFixture, trx: Db, winnerId: string, loserId: string) =>
  mergePersons(trx, f.ctx, {
    workspaceId: f.workspaceId,
    winnerId,
    loserId,
    cause: { reason: 'manual', identity: null, source: 'console' },
    by: systemActor,
  });

describe('writes that meet a merge committing meanwhile', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function twoPersons() {
    const f = await peopleFixture(t, `concurrent-${++n}`);
    const z = (await f.resolve([id.unionid(`uz${n}`), id.phone(`1390000100${n}`)])).personId!;
    const a = (await f.resolve([id.oa(`oa${n}`), id.member(`m${n}`)])).personId!;
    return { f, z, a };
  }

  it('an erasure of the loser erases the merged person, not an empty shell', async () => {
    const { f, z, a } = await twoPersons();
    const [, erasure] = await whileOpen(
      t.database.db,
      (trx) => merge(f, trx, z, a),
      (trx) =>
        erasePerson(trx, f.ctx, { workspaceId: f.workspaceId, personId: a, by: systemActor }),
    );
    expect(erasure.identitiesDeleted).toBe(4);
    const identities = await t.database.db
      .selectFrom('identity')
      .select('id')
      .where('workspace_id', '=', f.workspaceId)
      .execute();
    expect(identities).toEqual([]);
    expect((await findPerson(t.database.db, f.workspaceId, z))?.erased_at).not.toBeNull();
  });

  it('an erasure of a merged-away id, waiting for the undo of that merge, erases only it', async () => {
    const { f, z, a } = await twoPersons();
    const mergeId = await f.ctx.db.transaction().execute((trx) => merge(f, trx, z, a));
    await whileOpen(
      t.database.db,
      (trx) => undoMerge(trx, f.ctx, { workspaceId: f.workspaceId, mergeId, by: systemActor }),
      (trx) =>
        erasePerson(trx, f.ctx, { workspaceId: f.workspaceId, personId: a, by: systemActor }),
    );
    expect((await findPerson(t.database.db, f.workspaceId, a))?.erased_at).not.toBeNull();
    expect((await findPerson(t.database.db, f.workspaceId, z))?.erased_at).toBeNull();
  });

  it('a tag change for the loser lands on the winner', async () => {
    const { f, z, a } = await twoPersons();
    const tags = await seedTags(f, ['VIP']);
    await whileOpen(
      t.database.db,
      (trx) => merge(f, trx, z, a),
      (trx) =>
        changePersonTags(trx, f.ctx, {
          workspaceId: f.workspaceId,
          personIds: [a],
          add: [tags.VIP!],
          source: 'manual',
          by: 'system',
        }),
    );
    const onWinner = await listVisibleTagsOf(t.database.db, f.workspaceId, [z]);
    expect(onWinner.map((r) => r.tag_name)).toEqual(['VIP']);
  });

  it('two undos of one merge at once: one undoes it, the other is told it is undone', async () => {
    const { f, z, a } = await twoPersons();
    const mergeId = await f.ctx.db.transaction().execute((trx) => merge(f, trx, z, a));
    const undo = (trx: Db) =>
      undoMerge(trx, f.ctx, { workspaceId: f.workspaceId, mergeId, by: systemActor });
    const outcome = await whileOpen(t.database.db, undo, (trx) =>
      undo(trx).then(
        () => 'undone',
        (error: Error) => error.message,
      ),
    );
    expect(outcome[1]).toBe('This merge was already undone');
    expect((await findPerson(t.database.db, f.workspaceId, a))?.merged_into).toBeNull();
  });

  it('a batch resolution of the loser’s identity, waiting for an unmerge, finds the loser', async () => {
    const { f, a } = await twoPersons();
    const merged = await f.resolve([id.unionid(`uz${n}`), id.oa(`oa${n}`)]);
    expect(merged.mergeIds).toHaveLength(1);
    const [, results] = await whileOpen(
      t.database.db,
      (trx) =>
        undoMerge(trx, f.ctx, {
          workspaceId: f.workspaceId,
          mergeId: merged.mergeIds[0]!,
          by: systemActor,
        }),
      (trx) =>
        resolveIdentitiesMany(trx, f.ctx, f.workspaceId, [
          { identities: [id.oa(`oa${n}`)], options: { source: 'test', occurredAt: t.clock.now() } },
        ]),
    );
    expect(results[0]).toMatchObject({ personId: a, homePersonId: a });
  });
});
