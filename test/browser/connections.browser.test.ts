import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/log.js';
import { startSandboxServer, type RunningSandbox } from '../../src/sandbox/index.js';
import { startConsoleServer, type ConsoleServer } from './support/server.js';
import { asOwner, browserSession, ownerEnv } from './support/session.js';

/** Not the sandbox app's secret: the doctor must say so. */
const wrongSecret = 'not-the-sandbox-secret-0123456789';

let server: ConsoleServer;
let sandbox: RunningSandbox;
let corpId: string;
const session = browserSession('connections', {
  baseURL: () => server.url,
  viewport: { width: 1280, height: 860 },
});
let page: Page;

beforeAll(async () => {
  server = await startConsoleServer(ownerEnv);
  sandbox = await startSandboxServer({ port: 0, logger: createLogger('silent') });
  corpId = Object.keys(sandbox.sandbox.state.corps)[0]!;
});

afterAll(async () => {
  await sandbox?.close();
  await server?.stop();
});

const screenshot = (name: string) => session.screenshot(name);

interface ConnectionJson {
  kind: string;
  appId: string;
  apiBaseUrl: string;
  callbackUrl: string | null;
  callbackVerifiedAt: string | null;
  lastCallbackAt: string | null;
}

/** The workspace's connections, as the owner sees them on the API. */
const connections = () =>
  asOwner(server.url, async (api) => {
    const listed = await api.get<{ items: ConnectionJson[] }>(
      '/api/workspaces/default/connections',
    );
    return listed.items;
  });

/** The WeCom connection pointing at the sandbox, created through the API when a test needs it. */
async function ensureSandboxConnection(): Promise<void> {
  if ((await connections()).some((c) => c.kind === 'wecom')) return;
  const created = await asOwner(server.url, (api) =>
    api.send('POST', '/api/workspaces/default/connections', {
      kind: 'wecom',
      corpId,
      agentId: 1000002,
      secret: wrongSecret,
      token: 'SandboxToken2026',
      aesKey: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456',
      apiBaseUrl: sandbox.url,
    }),
  );
  expect(created.status()).toBe(201);
}

describe('connections, doctor and sandbox pages', () => {
  it('adds a WeCom connection with validation, generated keys and the callback URL (zh-CN)', async () => {
    page = await session.signedInPage('zh-CN', '/w/default');
    await page.getByRole('menuitem', { name: '平台接入' }).click();
    await page.waitForURL('**/w/default/settings/connections');
    await page.getByRole('heading', { name: '平台接入' }).waitFor();
    await page.getByText('还没有连接。先添加企业微信，再按提示完成回调配置。').waitFor();
    // Not in sandbox mode yet: no Sandbox entry in the menu.
    expect(await page.getByRole('menuitem', { name: '沙箱' }).count()).toBe(0);

    await page.getByRole('button', { name: '添加连接' }).click();
    await page.getByRole('menuitem', { name: '企业微信' }).click();
    const dialog = page.getByRole('dialog', { name: '添加企业微信' });
    const save = dialog.getByRole('button', { name: '保存并获取回调地址' });
    await save.click();
    await dialog.getByText('请输入企业 ID').waitFor();
    await dialog.getByText('请输入 Secret').waitFor();
    await dialog.getByText('请输入或生成 Token').waitFor();
    await dialog.getByText('请输入或生成 EncodingAESKey').waitFor();

    await dialog.getByLabel('企业 ID', { exact: true }).fill('ww123');
    await dialog.getByText('企业 ID 是 ww（或旧企业的 wx）加 16 位字母或数字').waitFor();
    await dialog.getByLabel('企业 ID', { exact: true }).fill(corpId);
    await dialog.getByLabel('AgentId', { exact: true }).fill('1000002');
    await dialog.getByLabel('Secret', { exact: true }).fill(wrongSecret);
    await dialog.getByLabel('Token', { exact: true }).fill('a b');
    await dialog.getByText('Token 是 3 到 32 位字母或数字').waitFor();
    const generate = dialog.getByRole('button', { name: '生成' });
    await generate.nth(0).click();
    await generate.nth(1).click();
    const token = await dialog.getByLabel('Token', { exact: true }).inputValue();
    const aesKey = await dialog.getByLabel('EncodingAESKey', { exact: true }).inputValue();
    expect(token).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(aesKey).toMatch(/^[0-9A-Za-z]{43}$/);
    await dialog.getByText('高级设置').click();
    await dialog.getByLabel('API 地址', { exact: true }).fill('not a url');
    await dialog.getByText('请输入 http:// 或 https:// 开头的地址').first().waitFor();
    await dialog.getByLabel('API 地址', { exact: true }).fill(sandbox.url);
    await screenshot('add-wecom-zh');
    await save.click();

    const setup = page.getByRole('dialog', { name: `配置「WeCom ${corpId}」的回调` });
    await setup.waitFor();
    const callbackUrl = `${server.url}/callbacks/default/wecom`;
    await setup.getByText(callbackUrl, { exact: true }).waitFor();
    await setup.getByText(token, { exact: true }).waitFor();
    await setup.getByText(aesKey, { exact: true }).waitFor();
    await setup.getByRole('button', { name: '复制回调地址（URL）' }).waitFor();
    await setup.getByText('设置 API 接收').waitFor();
    await setup.getByText('回调地址是本机或内网地址，微信的服务器无法访问它').waitFor();
    await screenshot('setup-wecom-zh');
    await setup.getByRole('button', { name: '完成' }).click();

    const row = page.getByRole('row', { name: new RegExp(corpId) });
    await row.getByText('沙箱', { exact: true }).waitFor();
    await row.getByText('尚未校验').waitFor();
    expect(await row.innerText()).toMatch(/企业微信[\s\S]*AgentId 1000002[\s\S]*启用/);
    // The connection points at a sandbox now, so the menu offers it.
    await page.getByRole('menuitem', { name: '沙箱' }).waitFor();
    await screenshot('connections-zh');

    expect(await connections()).toMatchObject([
      { kind: 'wecom', appId: corpId, apiBaseUrl: sandbox.url, callbackUrl },
    ]);
  });

  it('runs the doctor, which explains the wrong secret and how to fix it (en)', async () => {
    await ensureSandboxConnection();
    page = await session.signedInPage('en', '/w/default/settings/doctor');
    await page.getByRole('heading', { name: 'Setup doctor' }).waitFor();
    const token = page.locator('[data-check="wecom.token"]');
    await token.waitFor();
    expect(await token.getAttribute('class')).toContain('doctor-check-fail');
    await token.getByRole('img', { name: 'Failed' }).waitFor();
    await token.locator('.doctor-fix').getByText('How to fix:').waitFor();
    expect((await token.innerText()).length).toBeGreaterThan(40);
    await page.getByText('Problems found').waitFor();
    await screenshot('doctor-en');

    const [rerun] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/connections/doctor?lang=en')),
      page.getByRole('button', { name: 'Run again' }).click(),
    ]);
    expect(rerun.status()).toBe(200);

    await page.locator('header').getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '接入诊断' }).waitFor();
    await page.getByText('存在问题').waitFor();
    await page.locator('[data-check="wecom.token"]').getByText('修复方法：').waitFor();
    await screenshot('doctor-zh');
  });

  it('acts as a sandbox customer who adds an employee, and sees it recorded (en)', async () => {
    await ensureSandboxConnection();
    page = await session.signedInPage('en', '/w/default/sandbox');
    await page.getByRole('heading', { name: 'Sandbox' }).waitFor();
    await page.getByText('This is Siyu’s built-in sandbox, not real WeChat').waitFor();
    await page.getByText('The sandbox does not push its callbacks to this workspace yet').waitFor();
    await page.getByRole('button', { name: 'Receive the sandbox’s callbacks' }).click();
    await page.getByText('The sandbox pushes its callbacks to this workspace.').waitFor();

    const [created] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/sandbox/customers') && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: 'New simulated customer' }).click(),
    ]);
    expect(created.status()).toBe(201);
    const newest = (await created.json()) as {
      id: string;
      nickname: string;
      externalUserIds: Record<string, string>;
    };
    await page.getByText(`Created the simulated customer ${newest.nickname}`).waitFor();
    const card = page.locator('.ant-card').filter({ hasText: newest.nickname }).first();
    await card.getByText('Not a customer of the corp yet').waitFor();

    await card.getByRole('button', { name: 'Add an employee' }).click();
    const dialog = page.getByRole('dialog', { name: `${newest.nickname}: Add an employee` });
    // A click landing while the dialog still opens can miss the form: click until the form
    // answers (an empty form only validates again, nothing is sent).
    const required = dialog.getByText('Please choose an employee');
    await expect
      .poll(
        async () => {
          await dialog.getByRole('button', { name: 'Run', exact: true }).click();
          return required.isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await dialog.getByLabel('Employee', { exact: true }).click();
    const employee = Object.values(sandbox.sandbox.state.corps[corpId]!.employees).find(
      (e) => e.customerContact && e.status === 1,
    )!;
    await page.getByTitle(`${employee.name} (${employee.userid})`, { exact: true }).click();
    await screenshot('sandbox-add-employee-en');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();

    await page.getByText('Done: Add an employee').waitFor();
    const activity = page.getByRole('region', { name: 'Activity' });
    await activity.getByText('change_external_contact/add_external_contact').waitFor();
    await activity.getByText('Delivered').waitFor();
    await card.getByText(employee.name, { exact: true }).waitFor();
    await screenshot('sandbox-en');

    // Siyu received the callback: the connection shows it.
    const [wecom] = await connections();
    expect(wecom).toMatchObject({
      callbackVerifiedAt: expect.any(String),
      lastCallbackAt: expect.any(String),
    });
    expect(
      sandbox.sandbox.state.corps[corpId]!.follows[newest.externalUserIds[corpId]!],
    ).toHaveProperty(employee.userid);

    await page.locator('header').getByText('中文', { exact: true }).click();
    await page.getByText('这是私域内置的沙箱，不是真实的微信').waitFor();
    await page.getByRole('region', { name: '操作记录' }).getByText('已送达').waitFor();
    await screenshot('sandbox-zh');
  });

  it('adds an Official Account in plaintext mode, renames it and deletes it (en)', async () => {
    await ensureSandboxConnection();
    const appId = 'wx0123456789abcdef';
    page = await session.signedInPage('en', '/w/default/settings/connections');
    await page.getByRole('button', { name: 'Add connection' }).click();
    // One WeCom connection per workspace.
    const wecomItem = page.getByRole('menuitem', { name: 'WeCom' });
    expect(await wecomItem.getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('menuitem', { name: 'Official Account' }).click();

    const dialog = page.getByRole('dialog', { name: 'Add Official Account' });
    await dialog.getByLabel('EncodingAESKey', { exact: true }).waitFor();
    await dialog.getByText('Plaintext mode (明文模式)').click();
    await dialog.getByLabel('EncodingAESKey', { exact: true }).waitFor({ state: 'detached' });
    await dialog.getByLabel('AppID', { exact: true }).fill('gh_123');
    await dialog.getByText('An AppID is “wx” followed by 16 letters or digits').waitFor();
    await dialog.getByLabel('AppID', { exact: true }).fill(appId);
    await dialog.getByLabel('Secret', { exact: true }).fill('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const token = await dialog.getByLabel('Token', { exact: true }).inputValue();
    await dialog.getByRole('button', { name: 'Save and get the callback URL' }).click();

    const setup = page.getByRole('dialog', {
      name: `Set up callbacks for “Official Account ${appId}”`,
    });
    await setup.getByText(`${server.url}/callbacks/default/oa/${appId}`, { exact: true }).waitFor();
    await setup.getByText(token, { exact: true }).waitFor();
    expect(await setup.getByText('EncodingAESKey', { exact: true }).count()).toBe(0);
    await setup.getByText(/choose “Plaintext mode \(明文模式\)” as the encryption mode/).waitFor();
    await screenshot('setup-oa-en');
    await setup.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row', { name: new RegExp(appId) });
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: `Edit “Official Account ${appId}”` });
    expect(await edit.getByLabel('AppID', { exact: true }).isDisabled()).toBe(true);
    await edit.getByText('Current: ••••••••e1f0. Leave empty to keep it.').waitFor();
    await edit.getByLabel('Display name', { exact: true }).fill('Brand OA');
    await screenshot('edit-oa-en');
    await edit.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('row', { name: /Brand OA/ }).waitFor();

    await page
      .getByRole('row', { name: /Brand OA/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText('Delete the connection “Brand OA”?').waitFor();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted the connection “Brand OA”').waitFor();
    await page.getByRole('row', { name: /Brand OA/ }).waitFor({ state: 'detached' });
    expect((await connections()).map((c) => c.kind)).toEqual(['wecom']);
  });
});
