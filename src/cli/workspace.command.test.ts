import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { createTestDatabase, type TestDatabase } from '../testing/db.js';
import { login } from '../modules/workspace/auth.service.js';
import { runCli } from './run.js';
import { userCommands } from './user.command.js';
import { workspaceCommands } from './workspace.command.js';

/** The URL `siyu --database-url` takes for the test database (its own schema on PostgreSQL). */
function cliDatabaseUrl(database: TestDatabase): string {
  if (database.config.dialect === 'sqlite') return database.config.file;
  const options = encodeURIComponent(`-c search_path=${database.searchPath}`);
  return `${database.config.url}${database.config.url.includes('?') ? '&' : '?'}options=${options}`;
}

describe('siyu workspace / siyu user', () => {
  let database: TestDatabase;

  /** Runs a command line (words split on spaces) against the test database. */
  async function siyu(line: string, ...extra: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [...workspaceCommands, ...userCommands],
      [...line.split(' '), ...extra, '--database-url', cliDatabaseUrl(database)],
      { stdout: (line) => out.push(line), stderr: (line) => err.push(line) },
    );
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  const canLogIn = async (email: string, password: string) => {
    const ctx = { db: database.db, clock: new ManualClock() };
    return login(ctx, { email, password, ip: '127.0.0.1', userAgent: null }).then(
      (r) => r.info,
      () => undefined,
    );
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

  it('creates and lists workspaces, refusing a taken or malformed slug', async () => {
    const created = await siyu('workspace create --slug beijing --name 北京门店');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created workspace beijing \([0-9a-f-]{36}\)\./);

    const taken = await siyu('workspace create --slug beijing --name Again');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe('Error: The workspace slug "beijing" is already taken');

    const bad = await siyu('workspace create --name X --slug', 'Bad Slug');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--slug: 2 to 39 lowercase letters/);
    const missing = await siyu('workspace create --slug x1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--name is required/);

    const list = await siyu('workspace list');
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n');
    expect(lines[0]).toMatch(/^SLUG\s+NAME\s+USERS\s+CREATED\s+ID$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(0, 3))).toEqual([
      ['default', 'Default workspace', '0'],
      ['beijing', '北京门店', '0'],
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('action', '=', 'workspace.created')
      .execute();
    expect(audit).toContainEqual({ action: 'workspace.created', actor_label: 'cli' });
  });

  it('creates a user with a generated password, printed once, who can sign in', async () => {
    const res = await siyu(
      'user create --workspace default --email Ops@Example.com --name Ops --role admin',
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /^Created user ops@example\.com \([0-9a-f-]{36}\) as admin of workspace default\./,
    );
    const password = /Password: (\S+)/.exec(res.stdout)?.[1];
    expect(password).toHaveLength(20);
    const info = await canLogIn('ops@example.com', password!);
    expect(info?.workspaces).toMatchObject([{ slug: 'default', role: 'admin' }]);
    const list = await siyu('workspace list');
    expect(list.stdout).toMatch(/default\s+Default workspace\s+1\s/);
  });

  it('uses a given password and adds an existing user to another workspace', async () => {
    await siyu('workspace create --slug shop --name Shop');
    const first = await siyu(
      'user create --email li@example.com --name Li --role owner --password',
      'given password 1',
    );
    expect(first.code).toBe(0);
    expect(first.stdout).not.toContain('Password:');
    const second = await siyu(
      'user create --workspace shop --email li@example.com --name Li --role agent',
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      'Added existing user li@example.com to shop as agent; their password is unchanged.',
    );
    const info = await canLogIn('li@example.com', 'given password 1');
    expect(info?.workspaces.map((w) => `${w.slug}:${w.role}`)).toEqual([
      'default:owner',
      'shop:agent',
    ]);
    const again = await siyu('user create --email li@example.com --name Li --role agent');
    expect(again).toMatchObject({
      code: 1,
      stderr: 'Error: This user is already a member of the workspace',
    });
  });

  it('validates its flags with clear messages', async () => {
    const cases: [string[], RegExp][] = [
      [['--name', 'A', '--role', 'admin'], /^--email is required/],
      [['--email', 'nope', '--name', 'A', '--role', 'admin'], /^--email: Invalid email/i],
      [['--email', 'a@example.com', '--role', 'admin'], /^--name is required/],
      [
        ['--email', 'a@example.com', '--name', 'A', '--role', 'boss'],
        /^--role: expected one of owner, admin, operator, sales, agent/,
      ],
      [
        ['--email', 'a@example.com', '--name', 'A', '--role', 'admin', '--password', 'short'],
        /^--password: at least 10 characters/,
      ],
      [
        ['--email', 'a@example.com', '--name', 'A', '--role', 'admin', '--bogus'],
        /Unknown option '--bogus'/,
      ],
    ];
    for (const [args, message] of cases) {
      const res = await siyu('user create', ...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).toContain('Usage: siyu user create');
    }
    const unknown = await siyu(
      'user create --workspace nope --email a@example.com --name A --role admin',
    );
    expect(unknown).toMatchObject({ code: 1, stderr: 'Error: Workspace "nope" not found' });
    expect(await database.db.selectFrom('user_account').select('id').execute()).toEqual([]);
  });

  it('resets a password and ends the user’s sessions', async () => {
    await siyu(
      'user create --email a@example.com --name A --role owner --password',
      'first password',
    );
    await canLogIn('a@example.com', 'first password');
    const res = await siyu('user reset-password --email a@example.com');
    expect(res.code).toBe(0);
    const password = /Password: (\S+)/.exec(res.stdout)?.[1];
    expect(await canLogIn('a@example.com', 'first password')).toBeUndefined();
    expect(await canLogIn('a@example.com', password!)).toBeDefined();
    expect(await database.db.selectFrom('session').select('id').execute()).toHaveLength(1);
    const missing = await siyu('user reset-password --email ghost@example.com');
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'Error: No user with email ghost@example.com',
    });
  });
});
