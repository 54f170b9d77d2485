import { mkdirSync } from 'node:fs';
import {
  request,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from './chromium.js';

export type Language = 'zh-CN' | 'en';
export interface Credentials {
  email: string;
  password: string;
}

/** The first owner a console server is booted with (pass `ownerEnv` to `startConsoleServer`). */
export const owner: Credentials = { email: 'owner@example.com', password: 'owner-password-123' };
export const ownerEnv = { SIYU_OWNER_EMAIL: owner.email, SIYU_OWNER_PASSWORD: owner.password };

const resultsDir = 'test-results';

const loginLabels = {
  'zh-CN': { email: '邮箱', password: '密码', submit: '登录' },
  en: { email: 'Email', password: 'Password', submit: 'Sign in' },
} as const;

/**
 * The login form's submit button. Not `exact`: Ant Design sometimes leaves the previous
 * attempt's loading icon (invisible, its leave motion unfinished) in the button, which then
 * reads "loading 登录".
 */
export const loginButton = (page: Page, language: Language): Locator =>
  page.getByRole('button', { name: loginLabels[language].submit });

/** Fills the login form (labelled in `language`) and submits it. */
export async function submitLogin(page: Page, language: Language, who: Credentials = owner) {
  const labels = loginLabels[language];
  await page.getByLabel(labels.email, { exact: true }).fill(who.email);
  await page.getByLabel(labels.password, { exact: true }).fill(who.password);
  await loginButton(page, language).click();
}

/** Signs in on the login page; the console should then land on `landing`. */
export async function signIn(
  page: Page,
  language: Language,
  options: { as?: Credentials; landing?: string } = {},
): Promise<void> {
  await submitLogin(page, language, options.as);
  await page.waitForURL(options.landing ?? '**/w/default');
}

/** A user's session on the API (its own cookie jar), to arrange and check data. */
export interface ApiSession {
  /** A GET answered with 200: its JSON body. */
  get<T>(path: string): Promise<T>;
  /** A change, with the CSRF token: the response, whatever its status. */
  send(method: 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<APIResponse>;
  /** Saves the language in the user's profile (which wins over the device's once signed in). */
  setLocale(language: Language): Promise<void>;
  dispose(): Promise<void>;
}

/** Signs `who` (the owner by default) in on the API of the server at `baseURL`. */
export async function ownerApi(baseURL: string, who: Credentials = owner): Promise<ApiSession> {
  const api = await request.newContext({ baseURL });
  const signedIn = await api.post('/api/auth/login', { data: who });
  expect(signedIn.status()).toBe(200);
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const send: ApiSession['send'] = (method, path, data) =>
    api.fetch(path, { method, headers: { 'x-csrf-token': csrfToken }, data });
  return {
    get: async <T>(path: string) => {
      const response = await api.get(path);
      expect(response.status(), `GET ${path}`).toBe(200);
      return (await response.json()) as T;
    },
    send,
    setLocale: async (locale) => {
      expect((await send('PATCH', '/api/auth/me', { locale })).status()).toBe(200);
    },
    dispose: () => api.dispose(),
  };
}

/** Runs `use` with the owner's API session, disposed afterwards. */
export async function asOwner<T>(
  baseURL: string,
  use: (api: ApiSession) => Promise<T>,
  who: Credentials = owner,
): Promise<T> {
  const api = await ownerApi(baseURL, who);
  try {
    return await use(api);
  } finally {
    await api.dispose();
  }
}

export interface BrowserSession {
  /** The page of the running test (after `openPage` or `signedInPage`). */
  readonly page: Page;
  /** A fresh browser profile (no cookies); `language` is then the device's saved language. */
  openPage(language?: Language): Promise<Page>;
  /**
   * A fresh browser profile in `language` (on the device and in the user's profile) that
   * opens `path`, is sent to the login page, signs in and lands back on `path`.
   */
  signedInPage(language: Language, path: string, who?: Credentials): Promise<Page>;
  /** A full-page screenshot `test-results/<prefix>-<name>.png`, once motions have finished. */
  screenshot(name: string): Promise<void>;
}

/**
 * Chromium for the tests of one file: a fresh context per test, closed after it (with a
 * screenshot when the test failed), and no uncaught error allowed in the page.
 */
export function browserSession(
  prefix: string,
  options: { baseURL: () => string; viewport?: { width: number; height: number } },
): BrowserSession {
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: Error[] = [];
  const shotPath = (name: string) => `${resultsDir}/${prefix}-${name}.png`;

  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(resultsDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      const name = `failed-${task.name.replace(/[^\w-]+/g, '-')}`;
      await page.screenshot({ path: shotPath(name), fullPage: true });
    }
    await context?.close();
    context = undefined;
    page = undefined;
    expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([]);
  });

  const session: BrowserSession = {
    get page() {
      if (!page) throw new Error('no page open: call openPage or signedInPage first');
      return page;
    },
    async openPage(language) {
      await context?.close();
      context = await browser.newContext({
        baseURL: options.baseURL(),
        viewport: options.viewport ?? { width: 1400, height: 900 },
      });
      context.setDefaultTimeout(15_000);
      if (language) {
        await context.addInitScript({
          content: `localStorage.setItem('siyu.locale', ${JSON.stringify(language)})`,
        });
      }
      page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error));
      return page;
    },
    async signedInPage(language, path, who = owner) {
      await asOwner(options.baseURL(), (api) => api.setLocale(language), who);
      const opened = await session.openPage(language);
      await opened.goto(path);
      await opened.waitForURL('**/login');
      await signIn(opened, language, { as: who, landing: `**${path}` });
      return opened;
    },
    async screenshot(name) {
      const shown = session.page;
      await shown.waitForFunction(
        `!document.querySelector('[class*="-appear"], [class*="-enter"]')`,
      );
      await shown.screenshot({ path: shotPath(name), fullPage: true });
    },
  };
  return session;
}
