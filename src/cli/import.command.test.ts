import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxFollows, importedFollows } from '../modules/people/import/import.testing.js';
import { findImportRun } from '../modules/people/import/import-run.store.js';
import { testDatabaseUrlOf } from '../platform/jobs/testing/database-url.js';
import { createSandboxedTestApp, type SandboxedTestApp } from '../testing/sandboxed-app.js';
import { importCommands } from './import.command.js';
import { runCli } from './run.js';

const batchPath = '/cgi-bin/externalcontact/batch/get_by_user';

describe('siyu import wecom', () => {
  let t: SandboxedTestApp;
  let dataDir: string;

  async function siyu(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      importCommands,
      [...argv, '--database-url', testDatabaseUrlOf(t.database), '--data-dir', dataDir],
      { stdout: (line) => out.push(line), stderr: (line) => err.push(line) },
    );
    return { code, stdout: out, stderr: err.join('\n') };
  }

  beforeAll(async () => {
    t = await createSandboxedTestApp();
    dataDir = mkdtempSync(path.join(tmpdir(), 'siyu-import-'));
    // The key the test app sealed the connection's secret with.
    writeFileSync(path.join(dataDir, 'secret.key'), 'test-secret-key-that-is-long-enough-0123\n');
    const seeded = await t.control('POST', '/sandbox/seed-customers', {
      customers: 150,
      employees: 4,
    });
    expect(seeded.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports with its own workers, prints each phase and a summary, exits 0', async () => {
    const res = await siyu('import', 'wecom', '--workspace', 'default', '--workers', '2');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const expected = sandboxFollows(t);
    expect(res.stdout[0]).toMatch(/^Started WeCom import \S+ for workspace default\.$/);
    expect(res.stdout.slice(1, 4)).toEqual([
      'employees: syncing the directory',
      'tags: pulling corp tags',
      'contacts: importing customers and follows',
    ]);
    expect(res.stdout.at(-1)).toMatch(
      new RegExp(
        `^Import \\S+ succeeded in \\d+:\\d\\d: 8 employees, 4 tags, ${expected.length} contacts, ${expected.length} follows, \\d+ customers created, 0 merged, 0 errors\\.$`,
      ),
    );
    expect(await importedFollows(t)).toEqual(expected);
  });

  it('exits 1 with the platform error when the import fails', async () => {
    await t.control('PUT', '/sandbox/faults', {
      api: [{ path: batchPath, errcode: 48002, rate: 1 }],
    });
    try {
      const res = await siyu('import', 'wecom');
      expect(res.code).toBe(1);
      expect(res.stdout.at(-1)).toMatch(/^Import \S+ failed in /);
      expect(res.stderr).toMatch(
        /^Import failed: WeChat API \/cgi-bin\/externalcontact\/batch\/get_by_user failed \(permission\): 48002/,
      );
    } finally {
      await t.control('PUT', '/sandbox/faults', { api: [] });
    }
  });

  it('--no-wait starts the run and leaves it to a server; the next call resumes it', async () => {
    const started = await siyu('import', 'wecom', '--no-wait');
    expect(started.code).toBe(0);
    const id = /^Started WeCom import (\S+) /.exec(started.stdout[0]!)![1]!;
    expect(started.stdout[1]).toBe(
      `Not waiting. Follow it with: GET /api/workspaces/default/imports/${id}`,
    );
    const resumed = await siyu('import', 'wecom', '--workers', '1');
    expect(resumed.stdout[0]).toBe(
      `Resuming WeCom import ${id} for workspace default (employees, 0 contacts so far).`,
    );
    expect(resumed.code).toBe(0);
  });

  it('explains a missing workspace, conflicting flags and its options', async () => {
    const missing = await siyu('import', 'wecom', '--workspace', 'nope');
    expect(missing).toMatchObject({ code: 1, stderr: 'Error: Workspace "nope" not found' });
    const both = await siyu('import', 'wecom', '--wait', '--no-wait');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--wait and --no-wait exclude each other');
    const help = await siyu('import', 'wecom', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout.join('\n')).toContain('--no-wait');
  });
  it('Ctrl-C stops the command and leaves a resumable run; running it again finishes it', async () => {
    // More than one step of pages (ten of 100), so the run is still going when interrupted.
    await t.control('POST', '/sandbox/seed-customers', { customers: 1_200, employees: 4 });
    // Slow pages, so the interrupt lands in the middle of the customers.
    await t.control('PUT', '/sandbox/faults', {
      api: [{ path: batchPath, rate: 0, latencyMs: 300 }],
    });
    const main = path.join(import.meta.dirname, 'main.ts');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        main,
        'import',
        'wecom',
        '--database-url',
        testDatabaseUrlOf(t.database),
        '--data-dir',
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('contacts: importing')) resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const id = /Started WeCom import (\S+) /.exec(stdout)![1]!;
    expect(stderr).toContain(`Interrupted. Import ${id} is resumable`);
    const run = (await findImportRun(t.database.db, t.workspace.id, id))!;
    expect(run).toMatchObject({ status: 'running', phase: 'contacts' });

    await t.control('PUT', '/sandbox/faults', { api: [] });
    const resumed = await siyu('import', 'wecom');
    expect(resumed.stdout[0]).toMatch(
      new RegExp(
        `^Resuming WeCom import ${id} for workspace default \\(contacts, \\d+ contacts so far\\)\\.$`,
      ),
    );
    expect(resumed.code).toBe(0);
    expect(await importedFollows(t)).toEqual(sandboxFollows(t));
  }, 120_000);
});
