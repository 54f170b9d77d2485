import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePersonTags, resolveIdentities } from '../../src/modules/people/index.js';
import { createPeopleContext } from '../../src/modules/people/people.context.js';
import { startConsoleServer, type ConsoleServer } from './support/server.js';
import { openDropdown } from './support/select.js';
import { asOwner, browserSession, ownerApi, ownerEnv } from './support/session.js';

const corpId = 'ww1436e0e65a779aee';

let server: ConsoleServer;
const session = browserSession('customers', { baseURL: () => server.url });
let page: Page;

/** Tag ids by name, and customer ids by name, as seeded. */
let tagIds: Record<string, string>;
let customerIds: Record<string, string>;

beforeAll(async () => {
  server = await startConsoleServer(ownerEnv);
  ({ tagIds, customerIds } = await seedCustomers());
});

afterAll(async () => {
  await server?.stop();
});

const screenshot = (name: string) => session.screenshot(name);

/**
 * A tag group through the API, and four customers (as WeCom contacts would arrive) tagged
 * through the people services, on the server's own database.
 */
async function seedCustomers() {
  const group = await asOwner(server.url, async (api) => {
    const created = await api.send('POST', '/api/workspaces/default/tag-groups', {
      name: '客户分层',
      tags: ['VIP', 'Newsletter', 'Trial'],
    });
    expect(created.status()).toBe(201);
    return (await created.json()) as { tags: { id: string; name: string }[] };
  });
  const tags = Object.fromEntries(group.tags.map((tag) => [tag.name, tag.id]));

  const { database, clock, secretBox, bus, jobs } = server.runtime;
  const deps = { db: database.db, clock, secretBox, bus, jobs };
  const ctx = createPeopleContext(deps);
  const workspace = await database.db
    .selectFrom('workspace')
    .select('id')
    .where('slug', '=', 'default')
    .executeTakeFirstOrThrow();
  const seeded: [string, string[]][] = [
    ['张三', ['VIP', 'Newsletter']],
    ['李四', ['VIP']],
    ['王五', ['Trial']],
    ['赵六', []],
  ];
  const customers: Record<string, string> = {};
  for (const [index, [name, tagNames]] of seeded.entries()) {
    customers[name] = await database.db.transaction().execute(async (trx) => {
      const resolved = await resolveIdentities(
        trx,
        ctx,
        workspace.id,
        [{ kind: 'wecom_external_userid', namespace: corpId, value: `wmSeed${index}` }],
        { source: 'wecom', occurredAt: clock.now(), profile: { displayName: name } },
      );
      const personId = resolved.personId!;
      await changePersonTags(trx, ctx, {
        workspaceId: workspace.id,
        personIds: [personId],
        add: tagNames.map((tag) => tags[tag]!),
        remove: [],
        source: 'manual',
        by: 'seed',
      });
      return personId;
    });
  }
  return { tagIds: tags, customerIds: customers };
}

/** The customer names in the list, in order. */
async function listedNames(): Promise<string[]> {
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  return (await rows.locator('td:first-child').allInnerTexts()).map((text) => text.trim());
}

async function waitForNames(expected: string[]) {
  await expect.poll(listedNames, { timeout: 10_000 }).toEqual(expected);
}

/** Picks tags in a tag filter (a searchable multi-select), then closes its dropdown. */
async function pickTags(label: string, names: string[]) {
  const select = page.getByRole('combobox', { name: label, exact: true });
  for (const name of names) {
    const dropdown = await openDropdown(page, select);
    await select.fill(name);
    await dropdown.getByTitle(name, { exact: true }).click();
  }
  await page.keyboard.press('Escape');
}

describe('customers', () => {
  it('filters the customer list by tags, kept in the URL across a reload (zh-CN)', async () => {
    page = await session.signedInPage('zh-CN', '/w/default');
    await page.getByRole('menuitem', { name: '客户' }).click();
    await page.waitForURL('**/w/default/customers');
    await page.getByRole('heading', { name: '客户' }).waitFor();
    await expect
      .poll(() => listedNames().then((names) => names.sort()), { timeout: 10_000 })
      .toEqual(['张三', '李四', '王五', '赵六'].sort());
    await page.getByText('共 4 位客户').waitFor();

    await pickTags('包含全部标签', ['VIP']);
    await expect
      .poll(() => listedNames().then((names) => names.sort()), { timeout: 10_000 })
      .toEqual(['张三', '李四'].sort());
    await page.getByText('共 2 位客户').waitFor();
    expect(new URL(page.url()).searchParams.get('all')).toBe(tagIds.VIP);

    await pickTags('不包含标签', ['Newsletter']);
    await waitForNames(['李四']);
    await page.getByText('共 1 位客户').waitFor();
    await screenshot('list-filtered-zh');

    // The view is in the URL: a reload (or a shared link) shows the same customers.
    await page.reload();
    await waitForNames(['李四']);
    await page.getByTitle('VIP', { exact: true }).first().waitFor();

    await pickTags('包含任一标签', ['Trial']);
    await waitForNames([]);
    await page.getByText('没有符合条件的客户').waitFor();
    await page.getByRole('button', { name: '重置筛选' }).click();
    await expect
      .poll(() => listedNames().then((names) => names.length), { timeout: 10_000 })
      .toBe(4);
    expect(new URL(page.url()).search).toBe('');
  });

  it('adds and removes tags on a customer profile, persisted (en)', async () => {
    page = await session.signedInPage('en', '/w/default/customers');
    await page.getByRole('link', { name: '李四' }).click();
    await page.waitForURL(`**/w/default/customers/${customerIds['李四']}`);
    await page.getByRole('heading', { name: '李四' }).waitFor();
    const tags = page.getByTestId('customer-tags');
    await tags.getByText('VIP', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Add tags' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add tags' });
    const picker = dialog.getByRole('combobox', { name: 'Choose tags to add' });
    const dropdown = await openDropdown(page, picker);
    // Tags the customer already has are not offered.
    await dropdown.getByTitle('Trial', { exact: true }).waitFor();
    expect(await dropdown.getByTitle('VIP', { exact: true }).count()).toBe(0);
    await dropdown.getByTitle('Trial', { exact: true }).click();
    await dropdown.getByTitle('Newsletter', { exact: true }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Tags added').waitFor();
    await tags.getByText('Trial', { exact: true }).waitFor();
    await tags.getByText('Newsletter', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Remove tag VIP' }).click();
    await page.getByText('Removed tag VIP').waitFor();
    await tags.getByText('VIP', { exact: true }).waitFor({ state: 'detached' });
    await page.getByTestId('customer-timeline').getByText('Tag removed: VIP').waitFor();
    await screenshot('profile-en');

    await page.reload();
    await tags.getByText('Trial', { exact: true }).waitFor();
    expect((await tags.innerText()).split(/\s+/).sort()).toEqual(['Newsletter', 'Trial']);

    const profile = await asOwner(server.url, (api) =>
      api.get<{ tags: { name: string }[] }>(
        `/api/workspaces/default/customers/${customerIds['李四']}`,
      ),
    );
    expect(profile.tags.map((tag) => tag.name).sort()).toEqual(['Newsletter', 'Trial']);
  });

  it('edits typed attributes, showing the server’s validation error on the field (en)', async () => {
    const api = await ownerApi(server.url);
    for (const definition of [
      { key: 'city', label: 'City', type: 'text' },
      { key: 'level', label: 'Level', type: 'enum', enumOptions: ['silver', 'gold'] },
      { key: 'score', label: 'Score', type: 'number' },
    ]) {
      const created = await api.send(
        'POST',
        '/api/workspaces/default/attribute-definitions',
        definition,
      );
      expect(created.status()).toBe(201);
    }

    page = await session.signedInPage('en', `/w/default/customers/${customerIds['王五']}`);
    await page.getByRole('heading', { name: '王五' }).waitFor();
    await page.getByRole('button', { name: 'Edit attributes' }).click();
    await page.getByLabel('City', { exact: true }).fill('x'.repeat(2001));
    const levels = await openDropdown(page, page.getByLabel('Level', { exact: true }));
    await levels.getByTitle('gold', { exact: true }).click();
    await page.getByLabel('Score', { exact: true }).fill('42');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Expected text of 1 to 2000 characters').waitFor();
    await screenshot('attributes-invalid-en');

    await page.getByLabel('City', { exact: true }).fill('上海');
    await page.getByText('Expected text of 1 to 2000 characters').waitFor({ state: 'detached' });
    // Not `exact`: Ant Design sometimes leaves the first save's loading icon (invisible, its leave
    // motion unfinished) in the button, which then reads "loading Save".
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Attributes saved').waitFor();
    await page.getByRole('button', { name: 'Edit attributes' }).waitFor();

    const profile = await api.get<{ attributes: { key: string; value: unknown }[] }>(
      `/api/workspaces/default/customers/${customerIds['王五']}`,
    );
    expect(Object.fromEntries(profile.attributes.map((a) => [a.key, a.value]))).toEqual({
      city: '上海',
      level: 'gold',
      score: 42,
    });
    await api.dispose();

    await page.reload();
    await page.getByText('上海', { exact: true }).waitFor();
    await page.getByText('gold', { exact: true }).waitFor();
  });
});
