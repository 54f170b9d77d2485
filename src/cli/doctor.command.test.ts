import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedServer } from '../channels/shared/testing/scripted-server.js';
import { vector } from '../modules/connections/connections.testing.js';
import { testDatabaseUrlOf } from '../platform/jobs/testing/database-url.js';
import { createTestDatabase, type TestDatabase } from '../testing/db.js';
import { connectCommands } from './connect.command.js';
import { doctorCommands } from './doctor.command.js';
import { runCli } from './run.js';

describe('siyu doctor', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: ScriptedServer;

  async function siyu(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [...connectCommands, ...doctorCommands],
      [...argv, '--database-url', testDatabaseUrlOf(database), '--data-dir', dataDir],
      { stdout: (line) => out.push(line), stderr: (line) => err.push(line) },
    );
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'siyu-doctor-'));
    server = (await ScriptedServer.start()).issueTokens();
    server.default('/cgi-bin/externalcontact/get_follow_user_list', {
      errcode: 0,
      follow_user: ['zhangsan'],
    });
    server.default('/cgi-bin/department/list', { errcode: 0, department: [{ id: 1 }] });
    server.default('/sns/jscode2session', { errcode: 40125, errmsg: 'invalid appsecret' });
    const connected = [
      await siyu(
        'connect',
        'wecom',
        '--corp-id',
        vector.corpId,
        '--secret',
        'wecomAppSecret-0123456789abcdefghijklmnopq',
        '--token',
        vector.token,
        '--aes-key',
        vector.aesKey,
        '--api-base-url',
        server.baseUrl,
      ),
      await siyu(
        'connect',
        'miniprogram',
        '--app-id',
        'wx2222222222222222',
        '--secret',
        '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        '--api-base-url',
        server.baseUrl,
      ),
    ];
    expect(connected.map((c) => c.code)).toEqual([0, 0]);
  });
  afterAll(async () => {
    await server.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks every connection, says what to fix, and exits 1 when a check fails', async () => {
    const res = await siyu('doctor');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('Workspace default');
    expect(lines).toContain(`✗ WeCom ${vector.corpId} (wecom ${vector.corpId})`);
    expect(lines).toContain('    ✓ Corp ID and Secret');
    expect(lines).toContain('    ✓ Customer-contact API access');
    expect(lines).toContain('    ✗ The callback URL has never been verified');
    expect(res.stdout).toContain(
      '→ In the WeCom admin, 应用管理 → 自建应用 → (your app) → 接收消息 → 设置API接收',
    );
    expect(res.stdout).toContain('http://localhost:3000/callbacks/default/wecom');
    expect(lines).toContain('    ✗ The AppSecret is wrong');
    expect(res.stdout).toContain('开发管理 → 开发设置');
    expect(res.stdout).not.toContain('wecomAppSecret-0123456789abcdefghijklmnopq');
  });

  it('speaks Chinese with --lang zh-CN and refuses other languages', async () => {
    const zh = await siyu('doctor', '--workspace', 'default', '--lang', 'zh-CN');
    expect(zh.stdout).toContain('    ✓ 企业ID与Secret');
    expect(zh.stdout).toContain('    ✗ 回调地址从未通过验证');
    const bad = await siyu('doctor', '--lang', 'fr');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be en or zh-CN');
    const unknown = await siyu('doctor', '--workspace', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('Error: Workspace "nope" not found');
  });
});
