import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  explainMerge,
  resolveIdentities,
  resolvePersonId,
} from '../../src/modules/people/index.js';
import type { IdentityInput } from '../../src/modules/people/identity.normalize.js';
import {
  createPeopleContext,
  type PeopleContext,
} from '../../src/modules/people/people.context.js';
import { seedUser, testPassword } from '../../src/modules/workspace/workspace.testing.js';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../src/testing/sandboxed-app.js';
import { openDropdown } from './support/select.js';
import { browserSession, type Language } from './support/session.js';

/**
 * The console's people-admin pages against a full app whose workspace is connected to a real
 * WeChat sandbox: merge review, loss alerts, employees and the WeCom import.
 */
const ownerEmail = 'owner@example.com';

let t: SandboxedTestApp;
let people: PeopleContext;
let corpId: string;
const session = browserSession('people-admin', { baseURL: () => t.url });
let page: Page;

beforeAll(async () => {
  t = await createSandboxedTestApp();
  await seedUser(t, { role: 'owner', email: ownerEmail, name: 'Owner' });
  people = createPeopleContext({
    db: t.database.db,
    clock: t.clock,
    secretBox: t.secretBox,
    bus: t.bus,
    jobs: t.jobs,
  });
  corpId = Object.keys(t.sandbox.sandbox.state.corps)[0]!;
});

afterAll(async () => {
  await t?.close();
});

const screenshot = (name: string) => session.screenshot(name);

/** A fresh browser profile in the given language, signed in as the owner, on `path`. */
const signedInPage = (language: Language, path: string) =>
  session.signedInPage(language, path, { email: ownerEmail, password: testPassword });

/** Identities arriving as a channel would report them, through the people services. */
function resolve(identities: IdentityInput[], displayName?: string) {
  t.clock.advance(1);
  return t.database.db.transaction().execute((trx) =>
    resolveIdentities(trx, people, t.workspace.id, identities, {
      source: 'wecom',
      occurredAt: t.clock.now(),
      ...(displayName ? { profile: { displayName } } : {}),
    }),
  );
}

const conflictRow = (id: string) =>
  t.database.db
    .selectFrom('identity_conflict')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/**
 * Two persons whose union would hold two UnionIDs: the identity graph holds the merge back
 * and records a conflict (reason `limit`) for review.
 */
async function seedLimitConflict(names: [string, string], suffix: string) {
  const external = { kind: 'wecom_external_userid', namespace: corpId, value: `wmR${suffix}` };
  const openid = { kind: 'oa_openid', namespace: 'wxReviewOa', value: `oR${suffix}` };
  const a = await resolve([external, { kind: 'unionid', value: `uA${suffix}` }], names[0]);
  const b = await resolve([openid, { kind: 'unionid', value: `uB${suffix}` }], names[1]);
  const linking = await resolve([external, openid]);
  expect(linking.conflictIds).toHaveLength(1);
  return { a: a.personId!, b: b.personId!, conflictId: linking.conflictIds[0]! };
}

interface SandboxEmployee {
  userid: string;
  name: string;
  customerContact: boolean;
}

/** The sandbox corp's employees who may add customers. */
async function contactEmployees(): Promise<SandboxEmployee[]> {
  const listed = await t.control('GET', '/sandbox/employees');
  return (listed.json.employees as SandboxEmployee[]).filter((e) => e.customerContact);
}

/** A WeChat user adds the employee, then deletes them: WeCom's callbacks reach the app. */
async function customerAddsThenDeletes(nickname: string, userid: string): Promise<void> {
  const created = await t.control('POST', '/sandbox/customers', { nickname });
  expect(created.status).toBe(201);
  const customer = created.json.id as string;
  const added = await t.control('POST', `/sandbox/customers/${customer}/add-contact`, { userid });
  expect(added.status).toBe(200);
  await t.settle();
  const deleted = await t.control('POST', `/sandbox/customers/${customer}/delete-employee`, {
    userid,
  });
  expect(deleted.status).toBe(200);
  await t.settle();
}

describe('people admin pages', () => {
  it('merges a held-back pair from the review page, explains and undoes it, keeps another pair apart (zh-CN)', async () => {
    const merged = await seedLimitConflict(['王小明', '小明同学'], '1');
    const apart = await seedLimitConflict(['陈一', '陈二'], '2');

    page = await signedInPage('zh-CN', '/w/default');
    await page.getByRole('menuitem', { name: '身份合并审核' }).click();
    await page.waitForURL('**/w/default/identity-review');
    await page.getByRole('heading', { name: '身份合并审核' }).waitFor();

    const card = page.getByTestId(`conflict-${merged.conflictId}`);
    await card.getByText('超出身份数量限制').waitFor();
    await card.getByRole('link', { name: '王小明' }).waitFor();
    await card.getByRole('link', { name: '小明同学' }).waitFor();
    expect(await card.getByRole('link', { name: '王小明' }).getAttribute('href')).toBe(
      `/w/default/customers/${merged.a}`,
    );
    await screenshot('review-zh');

    await card.getByRole('button', { name: '合并为一人' }).click();
    await page.getByRole('tooltip').getByText('确定将两位客户合并为一人？').waitFor();
    await page.getByRole('tooltip').getByRole('button', { name: '合并为一人' }).click();
    await page.getByText('已合并两位客户。如有误，可在合并说明中撤销。').waitFor();
    await card.waitFor({ state: 'detached' });

    const resolved = await conflictRow(merged.conflictId);
    expect(resolved).toMatchObject({ status: 'resolved', resolved_by: ownerEmail });
    expect(await resolvePersonId(t.database.db, t.workspace.id, merged.b)).toBe(merged.a);

    // The other pair: keep them apart.
    const apartCard = page.getByTestId(`conflict-${apart.conflictId}`);
    await apartCard.getByRole('button', { name: '保持独立' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '保持独立' }).click();
    await apartCard.waitFor({ state: 'detached' });
    await page.getByText('没有待审核的合并。').waitFor();
    expect(await conflictRow(apart.conflictId)).toMatchObject({ status: 'dismissed' });
    expect(await resolvePersonId(t.database.db, t.workspace.id, apart.b)).toBe(apart.b);

    // The merge's explanation, and undo.
    await page.getByRole('link', { name: '查看合并说明' }).click();
    await page.waitForURL(`**/w/default/identity-review/merges/${resolved.merge_id}`);
    await page.getByRole('heading', { name: '合并说明' }).waitFor();
    await page.getByText('人工合并').waitFor();
    await page.getByText('生效中').waitFor();
    await screenshot('merge-zh');
    await page.getByRole('button', { name: '撤销合并' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '撤销合并' }).click();
    await page.getByText(`已由 ${ownerEmail} 于`).waitFor();
    const merge = await explainMerge(people, t.workspace.id, resolved.merge_id!, {
      reveal: true,
    });
    expect(merge.undoneBy).toBe(ownerEmail);
    expect(await resolvePersonId(t.database.db, t.workspace.id, merged.b)).toBe(merged.b);

    // Settled conflicts stay listed under their status.
    await page.getByRole('link', { name: '← 返回身份合并审核' }).click();
    await page.getByText('保持独立', { exact: true }).first().click();
    await page.getByTestId(`conflict-${apart.conflictId}`).waitFor();
  });

  it('lists the loss alert of a customer who deleted an employee, with a menu badge, and marks it handled (en)', async () => {
    const [employee] = await contactEmployees();
    await customerAddsThenDeletes('Lost Lucy', employee!.userid);
    const alerts = await t.database.db
      .selectFrom('loss_alert')
      .selectAll()
      .where('workspace_id', '=', t.workspace.id)
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', employee_user_id: employee!.userid });

    page = await signedInPage('en', '/w/default');
    const menuEntry = page.getByRole('menuitem', { name: /Loss alerts/ });
    await menuEntry.locator('.ant-badge').getByText('1', { exact: true }).waitFor();
    await menuEntry.click();
    await page.waitForURL('**/w/default/loss-alerts');
    await page.getByRole('heading', { name: 'Loss alerts' }).waitFor();
    const row = page.getByRole('row', { name: /Lost Lucy/ });
    await row.getByRole('cell', { name: 'Open' }).waitFor();
    await screenshot('loss-alerts-en');

    await row.getByRole('button', { name: 'Mark handled' }).click();
    await page.getByText('Marked handled').waitFor();
    await page.getByText('No loss alerts.').waitFor();
    await menuEntry.locator('.ant-badge').waitFor({ state: 'detached' });
    const handled = await t.database.db
      .selectFrom('loss_alert')
      .selectAll()
      .where('id', '=', alerts[0]!.id)
      .executeTakeFirstOrThrow();
    expect(handled).toMatchObject({ status: 'handled', handled_by: ownerEmail });

    await page.getByText('Handled', { exact: true }).click();
    await page
      .getByRole('row', { name: /Lost Lucy/ })
      .getByText(ownerEmail)
      .waitFor();
  });

  it('syncs the WeCom directory, links an employee to a console user, imports from WeCom with progress (zh-CN)', async () => {
    const employees = await contactEmployees();
    page = await signedInPage('zh-CN', '/w/default/settings/employees');
    await page.getByRole('heading', { name: '员工' }).waitFor();
    await page.getByRole('button', { name: '立即同步' }).click();
    await page.getByText(/^同步完成：/).waitFor();
    const first = employees[0]!;
    const row = page.getByRole('row', { name: new RegExp(first.userid) });
    await row.getByText('已开通').waitFor();

    const users = await openDropdown(
      page,
      row.getByRole('combobox', { name: `${first.name} 关联的控制台用户` }),
    );
    await users.getByText(`Owner (${ownerEmail})`).click();
    await page.getByText('已关联控制台用户').waitFor();
    const linked = await t.database.db
      .selectFrom('employee')
      .innerJoin('user_account', 'user_account.id', 'employee.user_account_id')
      .select(['user_account.email'])
      .where('employee.workspace_id', '=', t.workspace.id)
      .where('employee.user_id', '=', first.userid)
      .executeTakeFirstOrThrow();
    expect(linked.email).toBe(ownerEmail);
    await screenshot('employees-zh');

    await page.getByRole('button', { name: '从企业微信导入' }).click();
    await page.waitForURL('**/w/default/settings/import');
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    await page.getByRole('button', { name: '从企业微信导入' }).click();
    const current = page.getByTestId('import-current');
    await current.getByText(/排队中|进行中/).waitFor();
    // Opening the page again resumes showing the run.
    await page.reload();
    await current.getByText(/排队中|进行中/).waitFor();
    await current.getByRole('button', { name: '取消导入' }).waitFor();
    // No workers in tests: run the import's jobs; the page polls until it is done.
    await t.jobs.drain();
    await current.getByText('已完成').waitFor({ timeout: 20_000 });
    const run = await t.database.db
      .selectFrom('import_run')
      .selectAll()
      .where('workspace_id', '=', t.workspace.id)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('succeeded');
    await page
      .getByRole('row', { name: new RegExp(ownerEmail) })
      .getByText('已完成')
      .waitFor();
    await screenshot('import-zh');
  });
});
