import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vector } from '../modules/connections/connections.testing.js';
import { SecretBox } from '../platform/crypto.js';
import { testDatabaseUrlOf } from '../platform/jobs/testing/database-url.js';
import { createTestDatabase, type TestDatabase } from '../testing/db.js';
import { connectCommands } from './connect.command.js';
import { runCli } from './run.js';

describe('siyu connect / connections list', () => {
  let database: TestDatabase;
  let dataDir: string;

  async function siyu(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      connectCommands,
      [...argv, '--database-url', testDatabaseUrlOf(database), '--data-dir', dataDir],
      { stdout: (line) => out.push(line), stderr: (line) => err.push(line) },
    );
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }
  const rows = () => database.db.selectFrom('connection').selectAll().orderBy('kind').execute();
  const secretBox = () =>
    new SecretBox(readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim());

  const wecomFlags = [
    '--corp-id',
    vector.corpId,
    '--secret',
    'wecomAppSecret-0123456789abcdefghijklmnopq',
    '--token',
    vector.token,
    '--aes-key',
    vector.aesKey,
    '--agent-id',
    '1000002',
  ];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'siyu-connect-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects WeCom: stores sealed credentials, prints the callback URL and where to paste it', async () => {
    const res = await siyu('connect', 'wecom', ...wecomFlags);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Connected WeCom ${vector.corpId} in workspace default`);
    expect(res.stdout).toContain('Callback URL: http://localhost:3000/callbacks/default/wecom');
    expect(res.stdout).toContain('Warning: localhost cannot be reached from the WeChat servers');
    expect(res.stdout).toContain('应用管理 → 自建应用 → (your app) → 接收消息 → 设置API接收');
    expect(res.stdout).toContain('客户联系 → API → 可调用接口的应用');
    expect(res.stdout).toContain('企业可信IP');
    expect(res.stdout).toContain('siyu doctor --workspace default');
    expect(res.stdout).not.toContain(vector.aesKey);

    const [row] = await rows();
    expect(row).toMatchObject({ kind: 'wecom', app_id: vector.corpId, agent_id: 1000002 });
    expect(JSON.stringify(row)).not.toContain(vector.token);
    expect(secretBox().open(row!.aes_key_sealed!)).toBe(vector.aesKey);
  });

  it('rotates the credentials when the same corp is connected again', async () => {
    const flags = [...wecomFlags];
    flags[3] = 'rotatedSecret-abcdefghijklmnopqrstuvwxyz01';
    const res = await siyu('connect', 'wecom', ...flags, '--name', '总部');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Updated 总部 in workspace default');
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(secretBox().open(all[0]!.secret_sealed)).toBe(flags[3]);
  });

  it('names every bad flag and what it expects, storing nothing', async () => {
    const before = (await rows()).length;
    const bad = await siyu(
      'connect',
      'oa',
      '--app-id',
      'gh_123',
      '--secret',
      'short',
      '--token',
      'no!',
      '--aes-key',
      'tooShort',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--app-id: an AppID is "wx" and 16 letters or digits');
    expect(bad.stderr).toContain('--secret: a secret is 16 to 128');
    expect(bad.stderr).toContain('--token: the callback Token is 3 to 32 letters or digits');
    expect(bad.stderr).toContain('--aes-key: the EncodingAESKey is exactly 43 letters or digits');
    expect(bad.stderr).toContain('Usage: siyu connect oa');

    const missing = await siyu('connect', 'wecom', '--corp-id', vector.corpId);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--secret is required');
    const agent = await siyu('connect', 'wecom', ...wecomFlags.slice(0, 8), '--agent-id', 'app1');
    expect(agent.stderr).toContain('--agent-id: the AgentId is a number');
    expect(await rows()).toHaveLength(before);
  });

  it('connects an Official Account and a Mini Program, then lists them all', async () => {
    const oa = await siyu(
      'connect',
      'oa',
      '--app-id',
      'wx5823bf96d3bd56c7',
      '--secret',
      '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      '--token',
      'oaToken2026',
    );
    expect(oa.code).toBe(0);
    expect(oa.stdout).toContain(
      'Callback URL: http://localhost:3000/callbacks/default/oa/wx5823bf96d3bd56c7',
    );
    expect(oa.stdout).toContain('设置与开发 → 基本配置 → 服务器配置');
    expect(oa.stdout).toContain('明文模式');
    const mp = await siyu(
      'connect',
      'miniprogram',
      '--app-id',
      'wx1111111111111111',
      '--secret',
      '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    );
    expect(mp.code).toBe(0);
    expect(mp.stdout).not.toContain('Callback URL');

    const listed = await siyu('connections', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^wecom\\s+${vector.corpId}  总部  \\[active\\]`, 'm'),
    );
    expect(listed.stdout).toContain(
      'callback URL    http://localhost:3000/callbacks/default/wecom',
    );
    expect(listed.stdout).toContain('URL verified    never');
    expect(listed.stdout).toMatch(/^oa\s+wx5823bf96d3bd56c7/m);
    expect(listed.stdout).toMatch(/^miniprogram\s+wx1111111111111111/m);
    expect(listed.stdout).toContain('secret          ••••••••1f0'.replace('1f0', 'e1f0'));
    expect(listed.stdout).not.toContain('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
  });

  it('reports an unknown workspace and shows help', async () => {
    const res = await siyu('connections', 'list', '--workspace', 'nope');
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('Error: Workspace "nope" not found');
    const help = await siyu('connect', 'wecom', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--corp-id <id>');
    expect(help.stdout).toContain('--aes-key <key>');
  });
});
