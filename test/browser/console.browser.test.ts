import { request, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer, type ConsoleServer } from './support/server.js';
import {
  asOwner,
  browserSession,
  loginButton,
  owner,
  ownerEnv,
  signIn,
  submitLogin,
} from './support/session.js';

let server: ConsoleServer;
const session = browserSession('console', {
  baseURL: () => server.url,
  viewport: { width: 1280, height: 800 },
});
let page: Page;

beforeAll(async () => {
  server = await startConsoleServer(ownerEnv);
});

afterAll(async () => {
  await server?.stop();
});

const screenshot = (name: string) => session.screenshot(name);

interface MemberJson {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
}

const listMembers = () =>
  asOwner(server.url, async (api) => {
    const listed = await api.get<{ items: MemberJson[] }>('/api/workspaces/default/users');
    return listed.items;
  });

async function addMember(data: { email: string; name: string; role: string; password: string }) {
  await asOwner(server.url, async (api) => {
    const added = await api.send('POST', '/api/workspaces/default/users', data);
    expect(added.status()).toBe(201);
  });
}

describe('the console', () => {
  it('signs the owner in, in Chinese by default, and rejects a wrong password', async () => {
    page = await session.openPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: '登录控制台' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    await submitLogin(page, 'zh-CN', { ...owner, password: 'not-the-password' });
    await page.getByRole('alert').filter({ hasText: '邮箱或密码错误' }).waitFor();
    await screenshot('login-zh');

    await signIn(page, 'zh-CN');
    await page.getByRole('heading', { name: '欢迎回来，Owner' }).waitFor();
    await page.getByRole('menuitem', { name: '概览' }).waitFor();
    await page.getByRole('menuitem', { name: '用户与角色' }).waitFor();
    await page.getByRole('main').getByText('所有者', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'API 文档' }).waitFor();
    expect(await page.getByRole('link', { name: 'API 文档' }).getAttribute('href')).toBe('/docs');
    const switcher = page.getByRole('combobox', { name: '工作空间' });
    await switcher.waitFor();
    await page.locator('header').getByText('Default workspace').waitFor();
    await screenshot('dashboard-zh');
  });

  it('asks to wait after too many failed sign-ins', async () => {
    page = await session.openPage();
    await page.goto('/login');
    await page.getByLabel('邮箱', { exact: true }).fill('nobody@example.com');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    const submit = loginButton(page, 'zh-CN');
    const alert = page.getByRole('alert');
    const attempt = async () => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        submit.click(),
      ]);
      return response.status();
    };
    for (let i = 0; i < 5; i++) expect(await attempt()).toBe(401);
    await alert.filter({ hasText: '邮箱或密码错误' }).waitFor();
    expect(await attempt()).toBe(429);
    await alert.filter({ hasText: '尝试次数过多，请稍后再试' }).waitFor();
  });

  it('switches to English and keeps it in the user profile', async () => {
    page = await session.openPage();
    await page.goto('/login');
    await signIn(page, 'zh-CN');
    await page.locator('header').getByText('English', { exact: true }).click();

    await page.getByRole('heading', { name: 'Welcome back, Owner' }).waitFor();
    await page.getByRole('menuitem', { name: 'Dashboard' }).waitFor();
    await page.getByRole('menuitem', { name: 'Users & roles' }).waitFor();
    await page.getByRole('main').getByText('Owner', { exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot('dashboard-en');

    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(200);
    expect((await me.json()).user.locale).toBe('en');

    // Another device (no saved language) opens in Chinese, then follows the profile once signed in.
    page = await session.openPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: '登录控制台' }).waitFor();
    await signIn(page, 'zh-CN');
    await page.getByRole('menuitem', { name: 'Dashboard' }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: 'Dashboard' }).waitFor();
  });

  it('creates a user through the modal with the chosen role', async () => {
    page = await session.openPage();
    await page.goto('/login');
    await page.locator('.login-language').getByText('English', { exact: true }).click();
    await signIn(page, 'en');
    await page.getByRole('menuitem', { name: 'Users & roles' }).click();
    await page.waitForURL('**/w/default/settings/users');
    await page.getByRole('row', { name: new RegExp(owner.email) }).waitFor();

    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create user' });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByText('Please enter a name').waitFor();
    await dialog.getByText('Please enter an email address').waitFor();

    await dialog.getByLabel('Name', { exact: true }).fill('王小明');
    await dialog.getByLabel('Email', { exact: true }).fill('not-an-email');
    await dialog.getByText('Please enter a valid email address').waitFor();
    await dialog.getByLabel('Email', { exact: true }).fill('xiaoming@example.com');
    await dialog.getByLabel('Initial password', { exact: true }).fill('short');
    await dialog.getByText('The password needs at least 10 characters').waitFor();
    await dialog.getByLabel('Initial password', { exact: true }).fill('xiaoming-pass-123');
    await dialog.getByLabel('Role', { exact: true }).click();
    await page.getByTitle('Sales', { exact: true }).click();
    await screenshot('create-user-en');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    await page.getByText('Created user 王小明').waitFor();
    const row = page.getByRole('row', { name: /xiaoming@example\.com/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/王小明[\s\S]*Sales[\s\S]*Active[\s\S]*Never/);
    await screenshot('users-en');

    const members = await listMembers();
    expect(members.find((m) => m.email === 'xiaoming@example.com')).toMatchObject({
      name: '王小明',
      role: 'sales',
      status: 'active',
    });

    await page.getByRole('tab', { name: 'Roles & permissions' }).click();
    await page
      .getByRole('row', { name: /^Admin/ })
      .getByText('Add, change, disable and remove console users')
      .waitFor();
    await screenshot('roles-en');

    // The new user signs in with the initial password (in a separate cookie jar).
    const api = await request.newContext({ baseURL: server.url });
    const login = await api.post('/api/auth/login', {
      data: { email: 'xiaoming@example.com', password: 'xiaoming-pass-123' },
    });
    expect(login.status()).toBe(200);
    expect((await login.json()).workspaces).toMatchObject([{ slug: 'default', role: 'sales' }]);
    await api.dispose();
  });

  it('shows members read-only to a role without users.manage', async () => {
    const lilei = { email: 'lilei@example.com', password: 'lilei-pass-1234' };
    await addMember({ ...lilei, name: '李雷', role: 'operator' });

    page = await session.openPage();
    await page.goto('/w/default/settings/users');
    await page.waitForURL('**/login');
    // Signing in leads back to the page that asked for it.
    await signIn(page, 'zh-CN', { as: lilei, landing: '**/w/default/settings/users' });
    await page.getByText('你可以查看成员，但没有管理成员的权限。').waitFor();
    await page.getByRole('row', { name: /lilei@example\.com/ }).waitFor();
    await page.getByRole('row', { name: new RegExp(owner.email) }).waitFor();
    expect(await page.getByRole('button', { name: '新建用户' }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '移除' }).count()).toBe(0);
    await screenshot('users-read-only-zh');
  });

  it('changes a role, disables and removes a member', async () => {
    const email = 'hanmeimei@example.com';
    await addMember({ email, name: '韩梅梅', role: 'agent', password: 'hanmeimei-pass-1' });
    page = await session.openPage();
    await page.goto('/w/default/settings/users');
    await page.locator('.login-language').getByText('English', { exact: true }).click();
    await signIn(page, 'en', { landing: '**/w/default/settings/users' });
    const row = page.getByRole('row', { name: new RegExp(email) });
    await row.getByText('Agent', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Change role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the role of 韩梅梅' });
    await dialog.getByLabel('Role', { exact: true }).click();
    await page.getByTitle('Operator', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await row.getByText('Operator', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Disable' }).click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText('Disable 韩梅梅? They will no longer be able to sign in.').waitFor();
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Enable' }).waitFor();
    const changed = await listMembers();
    expect(changed.find((m) => m.email === email)).toMatchObject({
      role: 'operator',
      status: 'disabled',
    });

    await row.getByRole('button', { name: 'Remove' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Removed 韩梅梅').waitFor();
    await row.waitFor({ state: 'detached' });
    const remaining = await listMembers();
    expect(remaining.map((m) => m.email)).not.toContain(email);
  });
});
