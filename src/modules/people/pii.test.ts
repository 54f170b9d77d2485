import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAttributeDefinition } from './attribute.service.js';
import type { CustomerProfile } from './customer.schemas.js';
import { assignTo } from './customer-list.testing.js';
import { maskEmail, maskText } from './pii.js';
import { id, setAttributes, systemActing, usePeopleApi } from './people.testing.js';

describe('personal data at rest and in responses', () => {
  const api = usePeopleApi();
  let personId: string;

  beforeAll(async () => {
    const { f } = api;
    await createAttributeDefinition(f.ctx, systemActing(f), {
      key: 'id_card',
      label: '身份证号',
      type: 'text',
      pii: true,
    });
    await createAttributeDefinition(f.ctx, systemActing(f), {
      key: 'city',
      label: '城市',
      type: 'text',
    });
    personId = (
      await f.resolve([
        id.external('wmPii'),
        id.phone('+86 138-0013-8000', true),
        id.email('Zhang.San@Example.com', true),
      ])
    ).personId!;
    await setAttributes(f, personId, { id_card: '310101199001011234', city: '上海' });
  });

  it('stores phones, emails and personal attributes encrypted, with keyed hashes for lookups', async () => {
    const { f } = api;
    const identities = await f.ctx.db
      .selectFrom('identity')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .orderBy('kind')
      .execute();
    const byKind = Object.fromEntries(identities.map((r) => [r.kind, r]));
    for (const kind of ['phone', 'email']) {
      expect(byKind[kind]!.value).toMatch(/^v1\./);
      expect(byKind[kind]!.value_key).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);
    }
    expect(f.ctx.pii.open(byKind.phone!.value)).toBe('+8613800138000');
    expect(f.ctx.pii.open(byKind.email!.value)).toBe('zhang.san@example.com');
    // Not a plain hash anyone could recompute without the secret key.
    expect(byKind.phone!.value_key).not.toContain(
      (await import('node:crypto'))
        .createHash('sha256')
        .update('+8613800138000')
        .digest('base64url'),
    );
    const attribute = await f.ctx.db
      .selectFrom('person_attribute')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .where('key', '=', 'id_card')
      .executeTakeFirstOrThrow();
    expect(attribute.value_text).toMatch(/^v1\./);
    expect(attribute.value_hash).toMatch(/^h1:/);

    // No table holds the plain values anywhere (audit log included).
    for (const table of [
      'identity',
      'person_attribute',
      'identity_merge',
      'identity_conflict',
      'audit_log',
      'person_event',
    ]) {
      const { rows } = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)}`.execute(f.ctx.db);
      const dump = JSON.stringify(rows);
      for (const secret of [
        '13800138000',
        'zhang.san@example.com',
        'Zhang.San',
        '310101199001011234',
      ]) {
        expect(dump, `${table} holds ${secret}`).not.toContain(secret);
      }
    }
  });

  it('masks personal data unless the caller has customers.pii', async () => {
    const { owner, operator, sales, agent } = api;
    const profileAs = async (client: typeof owner) => {
      const res = await client.inject({
        method: 'GET',
        url: `/api/workspaces/default/customers/${personId}`,
      });
      expect(res.statusCode).toBe(200);
      const profile = res.json() as CustomerProfile;
      const value = (kind: string) => profile.identities.find((i) => i.kind === kind)?.value;
      const attr = (key: string) => profile.attributes.find((a) => a.key === key)?.value;
      return {
        phone: value('phone'),
        email: value('email'),
        external: value('wecom_external_userid'),
        idCard: attr('id_card'),
        city: attr('city'),
      };
    };
    const masked = {
      phone: '+86 138****8000',
      email: 'z***@example.com',
      external: 'wmPii',
      idCard: '3***4',
      city: '上海',
    };
    const clear = {
      ...masked,
      phone: '+8613800138000',
      email: 'zhang.san@example.com',
      idCard: '310101199001011234',
    };
    // Sales and agents see their own customers only.
    for (const client of [sales, agent]) await assignTo(api.f, client, personId);
    expect(await profileAs(operator)).toEqual(masked);
    expect(await profileAs(agent)).toEqual(masked);
    expect(await profileAs(sales)).toEqual(clear);
    expect(await profileAs(owner)).toEqual(clear);
  });

  it('masks', () => {
    expect(maskEmail('a@b.cn')).toBe('a***@b.cn');
    expect(maskText('张三丰')).toBe('张***丰');
    expect(maskText('张三')).toBe('***');
  });
});
