import { beforeAll, describe, expect, it } from 'vitest';
import { createAttributeDefinition } from './attribute.service.js';
import { csvCell } from './customer-export.csv.js';
import { exportCustomers } from './customer-export.service.js';
import { addFollow, seedEmployee, subscribeOa } from './customer-list.testing.js';
import {
  id,
  seedTags,
  setAttributes,
  systemActing,
  tagPerson,
  usePeopleApi,
} from './people.testing.js';

/** RFC 4180 rows back into cells (quoted cells may hold commas, quotes, line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('customer CSV export', () => {
  const api = usePeopleApi();
  const p: Record<string, string> = {};
  let vip: string;
  const at = Date.UTC(2026, 6, 1, 8, 30);

  beforeAll(async () => {
    const { f } = api;
    const define = (key: string, label: string, type: 'text' | 'number' | 'boolean', pii = false) =>
      (api.t.clock.advance(1), createAttributeDefinition)(f.ctx, systemActing(f), {
        key,
        label,
        type,
        pii,
      });
    await define('city', '城市', 'text');
    await define('score', 'Score', 'number');
    await define('married', 'Married', 'boolean');
    await define('id_card', '身份证号', 'text', true);
    vip = (await seedTags(f, ['vip', 'new'])).vip!;
    await seedEmployee(f, { userId: 'alice', name: '王小丽' });
    p.zhang = (
      await f.resolve([id.external('wm_exp_1'), id.phone('13800138000')], {
        profile: { displayName: 'Zhang "Boss", Jr.\nsecond line' },
      })
    ).personId!;
    p.formula = (
      await f.resolve([id.external('wm_exp_2')], {
        profile: { displayName: '=HYPERLINK("http://evil","x")' },
      })
    ).personId!;
    await tagPerson(f, p.zhang, [vip]);
    await addFollow(f, p.zhang, { employee: 'alice', addedAt: at });
    await addFollow(f, p.zhang, { employee: 'bob', addedAt: at + 1 });
    await addFollow(f, p.formula, { employee: 'bob', addedAt: at - 1000 });
    await subscribeOa(f, p.zhang);
    await setAttributes(f, p.zhang, {
      city: '上海',
      score: -5,
      married: true,
      id_card: '310101199001011234',
    });
    await setAttributes(f, p.formula, { city: '+1 555', score: 3.5 });
  });

  const exportAs = (client = api.owner, query = '?lang=en', body: object = {}) =>
    client.inject({ method: 'POST', url: api.url(`/customers/export${query}`), payload: body });

  it('streams UTF-8 CSV with a BOM, localized headers, escaped and formula-safe cells', async () => {
    const res = await exportAs();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customers-/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.toString('utf8');
    expect(text).toContain('"Zhang ""Boss"", Jr.\nsecond line"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    const rows = parseCsv(text.slice(1));
    expect(rows).toEqual([
      [
        'ID',
        'Name',
        'Phones',
        'Tags',
        'Employees',
        'Added at',
        'Follows OA',
        '城市',
        'Score',
        'Married',
        '身份证号',
      ],
      [
        p.zhang,
        'Zhang "Boss", Jr.\nsecond line',
        "'+8613800138000",
        'vip',
        '王小丽; bob',
        new Date(at).toISOString(),
        'yes',
        '上海',
        '-5',
        'yes',
        '310101199001011234',
      ],
      [
        p.formula,
        '\'=HYPERLINK("http://evil","x")',
        '',
        '',
        'bob',
        new Date(at - 1000).toISOString(),
        'no',
        "'+1 555",
        '3.5',
        '',
        '',
      ],
    ]);
  });

  it('masks personal data without customers.pii, in Chinese on request', async () => {
    const res = await exportAs(api.operator, '?lang=zh-CN', { tags: { all: [vip] } });
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.rawPayload.toString('utf8').slice(1));
    expect(rows[0]!.slice(0, 7)).toEqual([
      '客户ID',
      '姓名',
      '手机号',
      '标签',
      '跟进员工',
      '添加时间',
      '关注公众号',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]![2]).toBe("'+86 138****8000");
    expect(rows[1]![6]).toBe('是');
    expect(rows[1]![10]).toBe('3***4');
  });

  it('needs customers.export and a valid filter', async () => {
    expect((await exportAs(api.sales)).statusCode).toBe(403);
    const bad = await exportAs(api.owner, '', { tags: { any: ['nope'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'body/tags/any/0', message: 'unknown tag nope' },
    ]);
  });

  it('is audited with the filter and the row count', async () => {
    const { f } = api;
    await exportAs(api.operator, '?lang=en', { q: 'zhang' });
    const entry = await f.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .where('action', '=', 'customers.exported')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe(api.operator.info.user.email);
    expect(JSON.parse(entry.after!)).toEqual({
      filter: { q: 'zhang' },
      rows: 1,
      completed: true,
      locale: 'en',
    });
    // Personal values searched for are masked; attribute conditions keep their attribute.
    await exportAs(api.owner, '?lang=en', {
      q: '138 0013 8000',
      attributes: [
        { key: 'id_card', op: 'eq', value: '110101199003078888' },
        { key: 'city', op: 'eq', value: 'Shanghai' },
      ],
    });
    const masked = await f.ctx.db
      .selectFrom('audit_log')
      .select('after')
      .where('workspace_id', '=', f.workspaceId)
      .where('action', '=', 'customers.exported')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(masked.after!).filter).toEqual({
      q: '+86 138****8000',
      attributes: [
        { attribute: 'id_card', op: 'eq', value: '***' },
        { attribute: 'city', op: 'eq', value: 'Shanghai' },
      ],
    });
  });

  it('reads in keyset pages: every customer once, in list order', async () => {
    const { f } = api;
    const csv = await exportCustomers(f.ctx, systemActing(f), {}, 'en', { pageSize: 1 });
    let text = '';
    for await (const chunk of csv.chunks()) text += chunk;
    expect(parseCsv(text.slice(1)).map((r) => r[0])).toEqual(['ID', p.zhang, p.formula]);
  });

  it('answers the header alone when nothing matches', async () => {
    const { f } = api;
    const csv = await exportCustomers(f.ctx, systemActing(f), { q: 'nobody-is-called-this' }, 'en');
    let text = '';
    for await (const chunk of csv.chunks()) text += chunk;
    expect(parseCsv(text.slice(1)).map((r) => r[0])).toEqual(['ID']);
  });

  it('neutralizes formulas but keeps numbers', () => {
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
  });
});
