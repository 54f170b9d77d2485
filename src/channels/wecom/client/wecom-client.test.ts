import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../database.js';
import { openDatabase, type DatabaseHandle } from '../../../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/db.js';
import { WechatApiError } from '../../shared/api-errors.js';
import { InProcessRateLimiter } from '../../shared/rate-limiter.js';
import {
  capturingLogger,
  fakeTime,
  readFixture,
  ScriptedServer,
} from '../../shared/testing/scripted-server.js';
import { createWecomClient, type WecomClientOptions } from './wecom-client.js';

const secret = 'corp-secret-DO-NOT-LEAK-0123456789';
const corpId = 'ww1436e0e65a779aee';
const followUsers = '/cgi-bin/externalcontact/get_follow_user_list';
const gettoken = '/cgi-bin/gettoken';
const followUsersReply = readFixture(
  import.meta.url,
  'externalcontact-get_follow_user_list.response.json',
);
const expired42001 = readFixture(import.meta.url, 'error-42001.response.json');

describe('WeCom client', () => {
  let database: TestDatabase;
  let server: ScriptedServer;
  let time: ReturnType<typeof fakeTime>;
  const extraHandles: DatabaseHandle<Database>[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    server = await ScriptedServer.start();
    server.issueTokens().default(followUsers, followUsersReply);
    time = fakeTime();
  });

  afterEach(async () => {
    await server.close();
    for (const handle of extraHandles.splice(0)) await handle.close();
    await database.close();
  });

  function client(overrides: Partial<WecomClientOptions> = {}) {
    return createWecomClient({
      db: database.db,
      corpId,
      secret,
      agentId: 1000002,
      baseUrl: server.baseUrl,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      rateLimiter: new InProcessRateLimiter(time.clock, time.sleep),
      ...overrides,
    });
  }

  /** Another connection (pool) to the same database, as a second process would have. */
  function secondProcessDb() {
    const handle = openDatabase<Database>(database.config, { searchPath: database.searchPath });
    extraHandles.push(handle);
    return handle.db;
  }

  const tokensUsed = (path: string) => server.received(path).map((r) => r.query.access_token);

  describe('access tokens', () => {
    it('are cached in the database (keyed without the secret) and reused by another process', async () => {
      expect(await client().externalContacts.listFollowUsers()).toEqual(['zhangsan', 'lissi']);
      expect(server.received(gettoken)).toHaveLength(1);
      expect(server.received(gettoken)[0]!.query).toEqual({ corpid: corpId, corpsecret: secret });

      const rows = await database.db.selectFrom('channel_access_token').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.cache_key).not.toContain(secret);
      expect(rows[0]!.cache_key).toMatch(/^wecom:ww1436e0e65a779aee:[0-9a-f]{32}$/);
      expect(rows[0]).toMatchObject({
        token: 'token-1',
        expires_at: time.clock.now() + 7200_000,
        refresh_lock_until: null,
      });

      const other = client({ db: secondProcessDb() });
      await other.externalContacts.listFollowUsers();
      expect(server.received(gettoken)).toHaveLength(1);
      expect(tokensUsed(followUsers)).toEqual(['token-1', 'token-1']);
    });

    it('are kept apart per secret (two apps of one corp)', async () => {
      await client().externalContacts.listFollowUsers();
      await client({ secret: 'another-app-secret' }).externalContacts.listFollowUsers();
      expect(server.received(gettoken)).toHaveLength(2);
      expect(tokensUsed(followUsers)).toEqual(['token-1', 'token-2']);
    });

    it('are refreshed five minutes before they expire, not earlier', async () => {
      const wecom = client();
      await wecom.externalContacts.listFollowUsers();
      time.clock.advance(7200_000 - 5 * 60_000 - 1);
      await wecom.externalContacts.listFollowUsers();
      expect(server.received(gettoken)).toHaveLength(1);
      time.clock.advance(1);
      await wecom.externalContacts.listFollowUsers();
      expect(server.received(gettoken)).toHaveLength(2);
      expect(tokensUsed(followUsers)).toEqual(['token-1', 'token-1', 'token-2']);
    });

    it('are fetched once for concurrent calls in one process', async () => {
      server.issueTokens({ delayMs: 50 });
      const wecom = client();
      await Promise.all(Array.from({ length: 6 }, () => wecom.externalContacts.listFollowUsers()));
      expect(server.received(gettoken)).toHaveLength(1);
      expect(new Set(tokensUsed(followUsers))).toEqual(new Set(['token-1']));
    });

    it('are fetched once for concurrent calls from two processes sharing the database', async () => {
      server.issueTokens({ delayMs: 100 });
      // Real time: the process that loses the refresh lock polls until the winner's token lands.
      const first = client({ clock: undefined, sleep: undefined });
      const second = client({ db: secondProcessDb(), clock: undefined, sleep: undefined });
      await Promise.all(
        [first, second, first, second, first, second].map((c) =>
          c.externalContacts.listFollowUsers(),
        ),
      );
      expect(server.received(gettoken)).toHaveLength(1);
      expect(new Set(tokensUsed(followUsers))).toEqual(new Set(['token-1']));
    });

    it.each([42001, 40014])(
      'rejected with %i are refreshed once and the call retried once',
      async (errcode) => {
        server.reply(followUsers, { ...expired42001, errcode });
        const wecom = client();
        expect(await wecom.externalContacts.listFollowUsers()).toEqual(['zhangsan', 'lissi']);
        expect(server.received(gettoken)).toHaveLength(2);
        expect(tokensUsed(followUsers)).toEqual(['token-1', 'token-2']);
        expect(time.sleeps).toEqual([]);
      },
    );

    it('rejected again after the refresh give up with an auth error', async () => {
      server.reply(followUsers, expired42001, expired42001);
      const error = await client()
        .externalContacts.listFollowUsers()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatApiError);
      expect(error).toMatchObject({ kind: 'auth', errcode: 42001, path: followUsers });
      expect(server.received(gettoken)).toHaveLength(2);
      expect(server.received(followUsers)).toHaveLength(2);
    });

    it('that cannot be fetched fail with the platform reason (bad secret)', async () => {
      server.reply(gettoken, { errcode: 40001, errmsg: 'invalid credential' });
      const error = await client()
        .verifyCredentials()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'auth', errcode: 40001, path: gettoken });
      // The lock is released, so the next call can try again at once.
      await client().verifyCredentials();
      expect(server.received(gettoken)).toHaveLength(2);
    });
  });

  describe('retries', () => {
    it('back off on -1 and 45009 and then succeed', async () => {
      server.reply(
        followUsers,
        { errcode: -1, errmsg: 'system busy' },
        { errcode: 45009, errmsg: 'api freq out of limit' },
      );
      expect(await client().externalContacts.listFollowUsers()).toEqual(['zhangsan', 'lissi']);
      expect(server.received(followUsers)).toHaveLength(3);
      // Base 200 ms doubling, with jitter fixed at the middle (0.75 of the ceiling).
      expect(time.sleeps).toEqual([150, 300]);
    });

    it('give up with a typed error when the attempts are used up', async () => {
      server.default(followUsers, { errcode: 45033, errmsg: 'api concurrent out of limit' });
      const error = await client({ retry: { maxAttempts: 3 } })
        .externalContacts.listFollowUsers()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'rate_limited', errcode: 45033, retryable: true });
      expect(server.received(followUsers)).toHaveLength(3);
      expect(time.sleeps).toHaveLength(2);
    });

    it('give up when the next wait would pass the time budget', async () => {
      server.default(followUsers, { errcode: -1, errmsg: 'system busy' });
      const error = await client({ retry: { maxAttempts: 10, maxElapsedMs: 1000 } })
        .externalContacts.listFollowUsers()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'unavailable', errcode: -1 });
      // 150 + 300 + 600 = 1050 would pass 1000 ms.
      expect(time.sleeps).toEqual([150, 300]);
    });

    it('retry HTTP 5xx on reads but not on calls that send something', async () => {
      server.reply(followUsers, { httpStatus: 502, raw: 'Bad Gateway' });
      await client().externalContacts.listFollowUsers();
      expect(server.received(followUsers)).toHaveLength(2);

      const massSend = '/cgi-bin/externalcontact/add_msg_template';
      server.reply(massSend, { httpStatus: 503 });
      const error = await client()
        .massSend.create({ externalUserIds: ['wm1'], text: 'hi' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'unavailable', errcode: null, httpStatus: 503 });
      expect(server.received(massSend)).toHaveLength(1);
    });

    it('treat a timeout as a failure to retry (reads only)', async () => {
      const slow = async () => {
        await new Promise((r) => setTimeout(r, 300));
        return followUsersReply;
      };
      server.reply(followUsers, slow);
      await client({ timeoutMs: 50 }).externalContacts.listFollowUsers();
      expect(server.received(followUsers)).toHaveLength(2);

      const send = '/cgi-bin/message/send';
      server.reply(send, async () => {
        await new Promise((r) => setTimeout(r, 300));
        return { errcode: 0, errmsg: 'ok' };
      });
      const error = await client({ timeoutMs: 50 })
        .appMessages.send({ toUserIds: ['zhangsan'], content: { type: 'text', text: 'hi' } })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'unavailable', errmsg: 'no answer within 50 ms' });
      expect(server.received(send)).toHaveLength(1);
    });

    it('retry a refused connection, then fail as unavailable', async () => {
      const wecom = client({ retry: { maxAttempts: 2 } });
      await wecom.verifyCredentials();
      await server.close();
      const error = await wecom.externalContacts.listFollowUsers().catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'unavailable', errcode: null });
      expect((error as Error).message).toContain('ECONNREFUSED');
      expect(time.sleeps).toHaveLength(1);
      server = await ScriptedServer.start();
    });
  });

  describe('errors', () => {
    it('60020 is ip_not_allowed, with the platform message and the IP it saw', async () => {
      const errmsg =
        'not allow to access from your ip, hint: [1636523417_33_5e3b5b3e6a9a], from ip: 203.0.113.7, more info at https://open.work.weixin.qq.com/devtool/query?e=60020';
      server.reply(followUsers, { errcode: 60020, errmsg });
      const error = await client()
        .externalContacts.listFollowUsers()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatApiError);
      expect(error).toMatchObject({
        kind: 'ip_not_allowed',
        errcode: 60020,
        errmsg,
        path: followUsers,
        fromIp: '203.0.113.7',
        retryable: false,
      });
      expect(server.received(followUsers)).toHaveLength(1);
    });

    it('41051 (welcome message already sent) is not retried; 41096 is marked retryable', async () => {
      const welcome = '/cgi-bin/externalcontact/send_welcome_msg';
      server.reply(
        welcome,
        { errcode: 41051, errmsg: 'externaluser has started chatting' },
        { errcode: 41096, errmsg: 'another app is sending' },
      );
      const wecom = client();
      const sent = await wecom.welcome
        .send({ welcomeCode: 'C1', text: 'hi' })
        .catch((e: unknown) => e);
      expect(sent).toMatchObject({ kind: 'already_done', errcode: 41051, retryable: false });
      const busy = await wecom.welcome
        .send({ welcomeCode: 'C2', text: 'hi' })
        .catch((e: unknown) => e);
      expect(busy).toMatchObject({ kind: 'conflict', errcode: 41096, retryable: true });
      expect(server.received(welcome)).toHaveLength(2);
      expect(time.sleeps).toEqual([]);
    });

    it('never carry the secret or the access token, in errors or in logs', async () => {
      const { logger, output } = capturingLogger();
      server.reply(
        followUsers,
        { errcode: -1, errmsg: 'system busy' },
        { errcode: 42001, errmsg: 'access_token expired: token-1' },
        { errcode: 60011, errmsg: `no privilege, url access_token=token-2&corpsecret=${secret}` },
      );
      const error = await client({ logger })
        .externalContacts.listFollowUsers()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'permission', errcode: 60011 });
      const serialized = [
        (error as Error).message,
        (error as Error).stack,
        JSON.stringify(error),
        output(),
      ].join('\n');
      expect(serialized).not.toContain(secret);
      expect(serialized).not.toContain('token-2');
      expect(serialized).toContain('access_token=***');
      expect(output()).toContain('retrying');
    });
  });

  it('spaces requests to the corp by its rate limit', async () => {
    const at: number[] = [];
    const record = () => {
      at.push(time.clock.now());
      return followUsersReply;
    };
    server.default(followUsers, record);
    const wecom = client({ rateLimit: { perSecond: 2, burst: 1 } });
    for (let i = 0; i < 3; i++) await wecom.externalContacts.listFollowUsers();
    const start = Date.UTC(2026, 0, 1);
    // gettoken took the first slot at `start`; the calls follow 500 ms apart.
    expect(at).toEqual([start + 500, start + 1000, start + 1500]);
    expect(time.sleeps).toEqual([500, 500, 500]);
  });

  it('gives batch/get_by_user a budget of its own per corp (100 a second), configurable per API', async () => {
    const batch = '/cgi-bin/externalcontact/batch/get_by_user';
    const at: number[] = [];
    server.default(batch, () => {
      at.push(time.clock.now());
      return { external_contact_list: [], next_cursor: '' };
    });
    const read = (c: ReturnType<typeof client>) =>
      c.externalContacts.batchGetByUser({ userIds: ['zhangsan'] });
    const start = Date.UTC(2026, 0, 1);
    // The corp-wide budget (1 a second) is spent by gettoken; the bulk read has its own.
    const wecom = client({ rateLimit: { perSecond: 1, burst: 1 } });
    for (let i = 0; i < 3; i++) await read(wecom);
    expect(at).toEqual([start, start, start]);
    await wecom.externalContacts.listFollowUsers();
    expect(time.sleeps).toEqual([1000]);

    // Configured lower: 2 a second, one at a time.
    const slow = client({
      rateLimit: { perSecond: 1, burst: 1 },
      apiRateLimits: { [batch]: { perSecond: 2, burst: 1 } },
    });
    at.length = 0;
    time.sleeps.length = 0;
    for (let i = 0; i < 3; i++) await read(slow);
    const now = at[0]!;
    expect(at).toEqual([now, now + 500, now + 1000]);
    expect(time.sleeps).toEqual([500, 500]);
  });
});
