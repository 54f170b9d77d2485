import { describe, expect, it } from 'vitest';
import { assignTo } from './customer-list.testing.js';
import type { CustomerProfile } from './customer.schemas.js';
import type { IdentityConflict, Merge } from './merge.schemas.js';
import { createAttributeDefinition } from './attribute.service.js';
import { id, seedTags, systemActing, usePeopleApi } from './people.testing.js';
import { resolvePersonId } from './person.store.js';

describe('merge review API', () => {
  const api = usePeopleApi();
  const { url } = api;

  it('explains merges and undoes them', async () => {
    const { f, sales, agent } = api;
    const a = (await f.resolve([id.mp('mA'), id.phone('13700137000', true)])).personId!;
    const b = (await f.resolve([id.member('m-77')])).personId!;
    const merged = await f.resolve([id.member('m-77'), id.phone('137 0013 7000', true)], {
      source: 'mall',
      event: { type: 'order.paid', id: 'O-9' },
    });
    // Agents and sales see their own customers only (merges included).
    await assignTo(f, agent, a);
    await assignTo(f, sales, a);
    // The merged-away id answers with the live person.
    const profile = (
      await agent.inject({ method: 'GET', url: url(`/customers/${b}`) })
    ).json() as CustomerProfile;
    expect(profile).toMatchObject({ id: a, requestedId: b, mergedPersonIds: [b] });

    const history = (
      await agent.inject({ method: 'GET', url: url(`/customers/${b}/merges`) })
    ).json() as {
      items: Merge[];
    };
    expect(history.items).toHaveLength(1);
    const [merge] = history.items;
    expect(merge).toMatchObject({
      id: merged.mergeIds[0],
      winnerPersonId: a,
      loserPersonId: b,
      mergedBy: 'system',
      undoneAt: null,
      cause: {
        reason: 'identity',
        source: 'mall',
        event: { type: 'order.paid', id: 'O-9' },
        identity: { kind: 'phone', value: '+86 137****7000' },
        loserIdentity: { kind: 'member_id', value: 'm-77' },
      },
      moved: { identities: [{ kind: 'member_id', value: 'm-77' }] },
    });
    expect(merge!.summary).toContain('member_id m-77');
    expect(merge!.summary).toContain('phone +86 137****7000');
    const revealed = (
      await sales.inject({ method: 'GET', url: url(`/merges/${merge!.id}`) })
    ).json() as Merge;
    expect(revealed.cause.identity?.value).toBe('+8613700137000');

    expect(
      (await agent.inject({ method: 'POST', url: url(`/merges/${merge!.id}/undo`) })).statusCode,
    ).toBe(403);
    const undone = await sales.inject({ method: 'POST', url: url(`/merges/${merge!.id}/undo`) });
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ undoneBy: sales.info.user.email });
    expect((undone.json() as Merge).summary).toContain('undone by');
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, b)).toBe(b);
    expect(
      (await sales.inject({ method: 'POST', url: url(`/merges/${merge!.id}/undo`) })).statusCode,
    ).toBe(409);
    const audit = await f.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.merge_undone')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe(sales.info.user.email);
  });

  it('keeps edits made through a merged-away id with the merged person when it is undone', async () => {
    const { f, owner } = api;
    await createAttributeDefinition(f.ctx, systemActing(f), {
      key: 'city',
      label: '城市',
      type: 'text',
    });
    const tags = await seedTags(f, ['Edited'], 'Merged edits');
    const a = (await f.resolve([id.mp('mE'), id.phone('13700137001', true)])).personId!;
    const b = (await f.resolve([id.member('m-78')])).personId!;
    const merged = await f.resolve([id.member('m-78'), id.phone('13700137001', true)]);
    const attributes = await owner.inject({
      method: 'PUT',
      url: url(`/customers/${b}/attributes`),
      payload: { city: 'Hangzhou' },
    });
    expect(attributes.statusCode, attributes.body).toBe(200);
    const tagged = await owner.inject({
      method: 'POST',
      url: url(`/customers/${b}/tags`),
      payload: { add: [tags.Edited] },
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    const undo = await owner.inject({
      method: 'POST',
      url: url(`/merges/${merged.mergeIds[0]}/undo`),
    });
    expect(undo.statusCode).toBe(200);
    const profile = async (personId: string) =>
      (
        await owner.inject({ method: 'GET', url: url(`/customers/${personId}`) })
      ).json() as CustomerProfile;
    const [onA, onB] = [await profile(a), await profile(b)];
    expect(onA.attributes.map((x) => [x.key, x.value])).toEqual([['city', 'Hangzhou']]);
    expect(onA.tags.map((x) => x.name)).toEqual(['Edited']);
    expect(onB.attributes).toEqual([]);
    expect(onB.tags).toEqual([]);
  });

  it('lists conflicts for review, merges or dismisses them', async () => {
    const { f, operator, agent } = api;
    const a = (await f.resolve([id.external('wmC1'), id.unionid('uC1')])).personId!;
    const b = (await f.resolve([id.oa('oC2'), id.unionid('uC2')])).personId!;
    await f.resolve([id.external('wmC1'), id.oa('oC2')]);
    const c = (await f.resolve([id.mp('mC3'), id.email('c3@example.com', true)])).personId!;
    await f.resolve([id.member('m-c4'), id.email('c3@example.com', false)]);

    // The operator sees every customer's conflicts (customers.all), personal values masked.
    const list = await operator.inject({
      method: 'GET',
      url: url('/identity-conflicts?status=open&limit=1'),
    });
    expect(list.statusCode).toBe(200);
    const page1 = list.json() as { items: IdentityConflict[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({
      reason: 'unverified',
      kind: 'email',
      value: 'c***@example.com',
    });
    const page2 = (
      await operator.inject({
        method: 'GET',
        url: url(`/identity-conflicts?status=open&limit=1&before=${page1.nextCursor}`),
      })
    ).json() as { items: IdentityConflict[]; nextCursor: string | null };
    expect(page2.items[0]).toMatchObject({
      reason: 'limit',
      rule: 'unionid: at most 1 per person',
      value: 'oC2',
    });
    expect(
      (await agent.inject({ method: 'GET', url: url('/identity-conflicts?before=nope') }))
        .statusCode,
    ).toBe(400);
    // The agent (no customers.all, no linked employee following them) sees none of them.
    const forAgent = await agent.inject({ method: 'GET', url: url('/identity-conflicts') });
    expect((forAgent.json() as { items: unknown[] }).items).toEqual([]);

    const limitConflict = page2.items[0]!;
    expect(
      (
        await agent.inject({
          method: 'POST',
          url: url(`/identity-conflicts/${limitConflict.id}/resolve`),
          payload: { action: 'merge' },
        })
      ).statusCode,
    ).toBe(403);
    const resolved = await operator.inject({
      method: 'POST',
      url: url(`/identity-conflicts/${limitConflict.id}/resolve`),
      payload: { action: 'merge' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      livePersonAId: a,
      livePersonBId: a,
    });
    // The operator overrode the limit: the person now has both unionids.
    const profile = (
      await operator.inject({ method: 'GET', url: url(`/customers/${b}`) })
    ).json() as CustomerProfile;
    expect(profile.identities.filter((i) => i.kind === 'unionid')).toHaveLength(2);
    const merges = (
      await operator.inject({ method: 'GET', url: url(`/customers/${a}/merges`) })
    ).json() as { items: Merge[] };
    expect(merges.items[0]).toMatchObject({
      cause: { reason: 'manual', conflictId: limitConflict.id },
      mergedBy: operator.info.user.email,
    });
    expect(
      (
        await operator.inject({
          method: 'POST',
          url: url(`/identity-conflicts/${limitConflict.id}/resolve`),
          payload: { action: 'dismiss' },
        })
      ).statusCode,
    ).toBe(409);

    const dismissed = await operator.inject({
      method: 'POST',
      url: url(`/identity-conflicts/${page1.items[0]!.id}/resolve`),
      payload: { action: 'dismiss' },
    });
    expect(dismissed.json()).toMatchObject({
      status: 'dismissed',
      resolvedBy: operator.info.user.email,
    });
    // A dismissed conflict is not raised again by the same link.
    await f.resolve([id.member('m-c4'), id.email('c3@example.com', false)]);
    const open = (
      await agent.inject({ method: 'GET', url: url('/identity-conflicts?status=open') })
    ).json() as {
      items: IdentityConflict[];
    };
    expect(open.items).toEqual([]);
    expect(c).toBeTruthy();
  });
});
