import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { loginThrottle } from './login-throttle.js';
import { sessionLifetime } from './session.service.js';
import { seedUser, signIn, signedInAs, testPassword } from './workspace.testing.js';

describe('auth routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const login = (email: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('signs in with a session cookie and answers /me with the same shape', async () => {
    const user = await seedUser(t, { role: 'admin', email: 'Ada@Example.com', name: 'Ada' });
    const res = await login('  ADA@example.COM ', testPassword);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      user: { id: user.id, email: 'ada@example.com', name: 'Ada', locale: 'zh-CN' },
      workspaces: [
        { id: expect.any(String), slug: 'default', name: 'Default workspace', role: 'admin' },
      ],
      csrfToken: expect.any(String),
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^siyu_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');

    const cookie = setCookie.split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);

    // Only the token's hash is stored.
    const token = cookie.split('=')[1]!;
    const sessions = await t.database.db.selectFrom('session').selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(token);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    const row = await t.database.db
      .selectFrom('user_account')
      .select('last_login_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.last_login_at).toBe(t.clock.now());
  });

  it('marks the cookie Secure when configured', async () => {
    const secure = await createTestApp({ SIYU_COOKIE_SECURE: 'true' });
    try {
      const user = await seedUser(secure, { role: 'agent' });
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: testPassword },
      });
      expect(String(res.headers['set-cookie'])).toContain('Secure');
    } finally {
      await secure.close();
    }
  });

  it('answers invalid_credentials alike for a wrong password and an unknown email', async () => {
    const user = await seedUser(t, { role: 'admin' });
    const wrong = await login(user.email, 'not the password');
    const unknown = await login('nobody@example.com', testPassword);
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'Email or password is incorrect' },
      });
    }
  });

  it('refuses a disabled account with the same error', async () => {
    const user = await seedUser(t, { role: 'admin' });
    await t.database.db
      .updateTable('user_account')
      .set({ status: 'disabled' })
      .where('id', '=', user.id)
      .execute();
    expect((await login(user.email, testPassword)).json().error.code).toBe('invalid_credentials');
  });

  it('answers 401 on /me without a session or with an unknown cookie', async () => {
    for (const headers of [{}, { cookie: 'siyu_session=forged' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('logs out: deletes the session and clears the cookie', async () => {
    const client = await signedInAs(t, 'agent');
    const res = await client.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/siyu_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await t.database.db.selectFrom('session').selectAll().execute()).toEqual([]);
    const me = await client.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
    // Logging out again is harmless.
    expect((await client.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('expires sessions after 7 idle days and after 30 days at most', async () => {
    const client = await signedInAs(t, 'agent');
    const me = () => client.inject({ method: 'GET', url: '/api/auth/me' });
    t.clock.advance(sessionLifetime.idleMs - 1000);
    expect((await me()).statusCode).toBe(200);
    const day = 24 * 3600_000;
    for (let i = 0; i < 3; i++) {
      t.clock.advance(6 * day);
      expect((await me()).statusCode).toBe(200);
    }
    // 25 days less a second after login: in use, yet it ends at 30 days.
    t.clock.advance(5 * day - 1000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(2000);
    expect((await me()).statusCode).toBe(401);

    const idle = await signIn(t, client.user.email);
    t.clock.advance(sessionLifetime.idleMs);
    expect((await idle.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    // Ended sessions do not linger in the table.
    await signIn(t, client.user.email);
    const sessions = await t.database.db.selectFrom('session').select('id').execute();
    expect(sessions).toHaveLength(1);
  });

  it('updates the own profile and changes the password, signing out other sessions', async () => {
    const client = await signedInAs(t, 'sales');
    const other = await signIn(t, client.user.email);
    const named = await client.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { name: 'Mei', locale: 'en' },
    });
    expect(named.statusCode).toBe(200);
    expect(named.json()).toEqual({
      id: client.user.id,
      email: client.user.email,
      name: 'Mei',
      locale: 'en',
    });

    const wrong = await client.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { currentPassword: 'nope', newPassword: 'a new long password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('validation_failed');
    const short = await client.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { currentPassword: testPassword, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);

    const changed = await client.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { currentPassword: testPassword, newPassword: 'a new long password' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await other.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await login(client.user.email, testPassword)).statusCode).toBe(401);
    expect((await login(client.user.email, 'a new long password')).statusCode).toBe(200);
  });

  describe('throttling', () => {
    it('refuses an email after 5 failures in 15 minutes, until the window passes', async () => {
      const user = await seedUser(t, { role: 'admin' });
      for (let i = 0; i < loginThrottle.maxPerEmail; i++) {
        expect((await login(user.email, 'wrong password')).statusCode).toBe(401);
        t.clock.advance(60_000);
      }
      const refused = await login(user.email, testPassword);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('too_many_requests');
      // The first failure leaves the window 15 min after it: 10 min from now.
      expect(refused.headers['retry-after']).toBe(String(10 * 60));

      t.clock.advance(10 * 60_000 - 1000);
      expect((await login(user.email, testPassword)).statusCode).toBe(429);
      t.clock.advance(1000);
      expect((await login(user.email, testPassword)).statusCode).toBe(200);
      // A success forgives the email's failures.
      expect((await login(user.email, 'wrong password')).statusCode).toBe(401);
      expect((await login(user.email, testPassword)).statusCode).toBe(200);
    });

    it('throttles unknown emails the same way', async () => {
      for (let i = 0; i < loginThrottle.maxPerEmail; i++) {
        await login('ghost@example.com', 'wrong password');
      }
      expect((await login('ghost@example.com', 'wrong password')).statusCode).toBe(429);
    });

    it('refuses an IP after 20 failures, for every email, while other IPs still work', async () => {
      const user = await seedUser(t, { role: 'admin' });
      for (let i = 0; i < loginThrottle.maxPerIp; i++) {
        expect(
          (await login(`guess${i}@example.com`, 'wrong password', '10.9.9.9')).statusCode,
        ).toBe(401);
      }
      const refused = await login(user.email, testPassword, '10.9.9.9');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBe(15 * 60);
      expect((await login(user.email, testPassword, '10.0.0.2')).statusCode).toBe(200);
      t.clock.advance(loginThrottle.windowMs);
      expect((await login(user.email, testPassword, '10.9.9.9')).statusCode).toBe(200);
    });
  });
});
