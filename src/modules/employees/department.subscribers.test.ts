import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../events/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { vectorCrypt } from '../connections/callbacks/wecom.testing.js';
import { seedConnection, vector, wecomInput } from '../connections/connections.testing.js';
import { signedInAs } from '../workspace/workspace.testing.js';
import { listDepartmentRows } from './department.store.js';
import { eventBase, testCorpId, useDirectoryEvents } from './directory-events.testing.js';
import type { DepartmentItem } from './employee.schemas.js';

/** Department callbacks (as domain events) keep the department table current. */
describe('department events', () => {
  const h = useDirectoryEvents();
  const event = (type: DomainEvent['type'], id: string, at: number, data: object = {}) =>
    h.event(type, at, { departmentId: id, ...data });
  const created = (id: string, at: number, data: object = {}) =>
    event('department.created', id, at, { name: `Dept ${id}`, parentId: '1', order: 1, ...data });
  const updated = (id: string, at: number, data: object) =>
    event('department.updated', id, at, data);
  const deleted = (id: string, at: number) => event('department.deleted', id, at);
  const department = async (id: string) =>
    (await listDepartmentRows(h.t.database.db, h.workspaceId, testCorpId)).find(
      (row) => row.department_id === id,
    );
  /** What the console's department tree shows (GET /departments). */
  async function listed(): Promise<Partial<DepartmentItem>[]> {
    const owner = await signedInAs(h.t, 'owner');
    const res = await owner.inject({ method: 'GET', url: '/api/workspaces/default/departments' });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: DepartmentItem[] }).items.map(
      ({ departmentId, name, parentId, order }) => ({
        departmentId,
        name,
        parentId,
        order,
      }),
    );
  }

  it('creates, renames, moves and deletes a department', async () => {
    await h.publish(created('1', 0, { name: '总部', parentId: null, order: 100 }), created('2', 0));
    await h.publish(updated('2', 5000, { name: '华南销售' }));
    await h.publish(created('3', 6000, { name: '华北销售', order: 5 }));
    await h.publish(updated('2', 7000, { parentId: '3' }));
    expect(await listed()).toEqual([
      { departmentId: '1', name: '总部', parentId: null, order: 100 },
      { departmentId: '3', name: '华北销售', parentId: '1', order: 5 },
      { departmentId: '2', name: '华南销售', parentId: '3', order: 1 },
    ]);

    await h.publish(deleted('2', 9000));
    expect(await department('2')).toMatchObject({
      name: '华南销售',
      deleted_at: eventBase + 9000,
      updated_at: eventBase + 9000,
    });
    expect((await listed()).map((d) => d.departmentId)).toEqual(['1', '3']);
  });

  it('applies a duplicate once and ignores events older than the last change', async () => {
    const create = created('4', 0);
    await h.publish(create, { ...create, dedupKey: 'another delivery' } as DomainEvent);
    await h.publish(updated('4', 10_000, { name: '新名字' }));
    // Late arrivals from before the rename: ignored.
    await h.publish(updated('4', 4000, { name: 'Old name', parentId: '9' }));
    await h.publish(created('4', 2000, { name: 'Older' }));
    expect(await department('4')).toMatchObject({
      name: '新名字',
      parent_id: '1',
      updated_at: eventBase + 10_000,
    });
    expect(await listDepartmentRows(h.t.database.db, h.workspaceId, testCorpId)).toHaveLength(1);
    // A delete delivered twice keeps the first deletion time.
    await h.publish(deleted('4', 20_000));
    await h.publish(deleted('4', 21_000));
    expect(await department('4')).toMatchObject({ deleted_at: eventBase + 20_000 });
  });

  it('keeps a delete that arrives before its create; a newer create revives the id', async () => {
    await h.publish(deleted('5', 8000));
    expect(await department('5')).toMatchObject({ name: '5', deleted_at: eventBase + 8000 });
    await h.publish(created('5', 1000));
    expect(await department('5')).toMatchObject({ deleted_at: eventBase + 8000 });
    expect(await listed()).toEqual([]);
    await h.publish(created('5', 30_000, { name: '重建' }));
    expect(await listed()).toEqual([{ departmentId: '5', name: '重建', parentId: '1', order: 1 }]);
  });

  it('an update of an unknown department creates it with what it carries', async () => {
    await h.publish(updated('6', 1000, { parentId: '2' }));
    expect(await department('6')).toMatchObject({ name: '6', parent_id: '2', sort_order: 0 });
    // The create, delivered late, is older than that update: the update's facts stand.
    await h.publish(created('6', 500, { name: '客服部' }));
    expect(await department('6')).toMatchObject({ name: '6', parent_id: '2' });
    await h.publish(updated('6', 2000, { name: '客服部' }));
    expect(await department('6')).toMatchObject({ name: '客服部', parent_id: '2' });
  });
});

/** The documentation's department callbacks, sealed and posted to the WeCom receiver. */
describe('department callbacks end to end', () => {
  let t: TestApp;
  afterEach(() => t.close());

  const fixture = (name: string, createTime: number) =>
    readFileSync(
      new URL(
        `../../channels/wecom/fixtures/wecom-callback-change_contact-${name}.xml`,
        import.meta.url,
      ),
      'utf8',
    )
      .replace('toUser', vector.corpId)
      .replace('1403610513', String(createTime));
  async function post(plaintext: string): Promise<void> {
    const { body, query } = vectorCrypt.sealCallback(plaintext, {
      toUserName: vector.corpId,
      agentId: '1000002',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/callbacks/default/wecom?${new URLSearchParams(query).toString()}`,
      headers: { 'content-type': 'text/xml' },
      payload: body,
    });
    expect(res.body).toBe('success');
    await t.jobs.drain();
  }

  it('create_party, update_party (rename), delete_party reach the department list', async () => {
    t = await createTestApp();
    await seedConnection(t, wecomInput);
    const owner = await signedInAs(t, 'owner');
    const departments = async () =>
      (
        await owner.inject({ method: 'GET', url: '/api/workspaces/default/departments' })
      ).json() as { items: DepartmentItem[] };

    await post(fixture('create_party', 1764057600));
    expect((await departments()).items).toMatchObject([
      { departmentId: '2', name: '张三', parentId: '1', order: 1 },
    ]);
    await post(fixture('update_party', 1764057660).replace('张三', '华南销售部'));
    expect((await departments()).items).toMatchObject([
      { departmentId: '2', name: '华南销售部', parentId: '1' },
    ]);
    const remove = fixture('delete_party', 1764057720);
    await post(remove);
    await post(remove); // re-delivered
    expect((await departments()).items).toEqual([]);
  });
});
