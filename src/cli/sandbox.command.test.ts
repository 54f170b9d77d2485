import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxServer, type RunningSandbox } from '../sandbox/index.js';
import { runCli } from './run.js';
import { sandboxCommands } from './sandbox.command.js';

/** A RegExp source matching `text` as written. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('siyu sandbox …', () => {
  let running: RunningSandbox;

  async function siyu(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(sandboxCommands, [...argv, '--url', running.url], {
      stdout: (line) => out.push(line),
      stderr: (line) => err.push(line),
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  beforeAll(async () => {
    running = await startSandboxServer({ port: 0 });
  });
  afterAll(() => running.close());

  it('lists customers and acts as one: add a contact, follow the OA, join a group, write to kf', async () => {
    const list = await siyu('sandbox', 'customers', '--limit', '3');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual([
      '20 customers',
      expect.stringMatching(/^c1 +小明 +unionid o\w{27} {2}OA:yes {2}employees:- {2}groups:0$/),
      expect.stringMatching(/^c2 /),
      expect.stringMatching(/^c3 /),
    ]);
    const added = await siyu(
      'sandbox',
      'add-contact',
      '--customer',
      'c1',
      '--employee',
      'zhangwei',
    );
    expect(added.stdout).toMatch(
      /^Added zhangwei as wm\w{30}; welcome code \w{43}\n {2}callback change_external_contact\/add_external_contact: no_receiver$/,
    );
    expect(
      (await siyu('sandbox', 'follow-oa', '--customer', 'c20', '--scene', 'poster_1')).stdout,
    ).toMatch(/^subscribe pushed for openid o/);
    const group = Object.values(running.sandbox.state.corps)[0]!;
    const chatId = Object.keys(group.groups)[0]!;
    expect(
      (await siyu('sandbox', 'join-group', '--customer', 'c1', '--chat', chatId)).stdout,
    ).toContain(`Joined ${chatId}`);
    expect((await siyu('sandbox', 'kf-message', '--customer', 'c1', '--text', '你好')).code).toBe(
      0,
    );
    expect((await siyu('sandbox', 'unfollow-oa', '--customer', 'c20')).stdout).toMatch(
      /^unsubscribe pushed/,
    );
    const inbox = await siyu('sandbox', 'inbox', '--customer', 'c1', '--json');
    expect(JSON.parse(inbox.stdout)).toEqual([]);
  });

  it('reports usage errors and sandbox errors in one line', async () => {
    const both = await siyu('sandbox', 'add-contact', '--customer', 'c1');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --contact-way or --employee');
    const missing = await siyu('sandbox', 'inbox', '--customer', 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'Sandbox answered 404 not_found: customer nobody not found (use an id like c1, a unionid, openid or external_userid)',
    );
    const help = await runCli(sandboxCommands, ['sandbox', 'serve', '--help'], {
      stdout: () => undefined,
      stderr: () => undefined,
    });
    expect(help).toBe(0);
  });

  it('lists its commands when none is given (exit 0), and when the one given is unknown (exit 2)', async () => {
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(sandboxCommands, argv, {
        stdout: (line) => out.push(line),
        stderr: (line) => err.push(line),
      });
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    };
    const bare = await run('sandbox');
    expect(bare).toMatchObject({ code: 0, stderr: '' });
    const lines = bare.stdout.split('\n');
    expect(lines[0]).toBe('Usage: siyu sandbox <command> [options]');
    for (const command of sandboxCommands) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^  ${command.path.join(' ')} +${literally(command.summary)}$`),
        ),
      );
    }
    expect(bare.stdout).toContain(
      'Run "siyu sandbox <command> --help" for the options of a command.',
    );
    expect(await run('sandbox', '--help')).toEqual(bare);

    const unknown = await run('sandbox', 'dance', '--customer', 'c1');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(`Unknown command: sandbox dance --customer c1\n\n${bare.stdout}`);
  });

  it('sets and shows fault injection', async () => {
    const set = await siyu(
      'sandbox',
      'faults',
      'set',
      '--api',
      '/cgi-bin/externalcontact/*=45033@0.5',
      '--api',
      '*=-1@0.01',
      '--latency',
      '/cgi-bin/*=20',
      '--duplicate-rate',
      '0.1',
      '--seed',
      'cli',
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({
      seed: 'cli',
      api: [
        { path: '/cgi-bin/externalcontact/*', errcode: 45033, rate: 0.5 },
        { path: '*', errcode: -1, rate: 0.01 },
        { path: '/cgi-bin/*', rate: 0, latencyMs: 20 },
      ],
      callbacks: { duplicateRate: 0.1, reorderRate: 0, holdMs: 2000 },
    });
    expect(JSON.parse((await siyu('sandbox', 'faults')).stdout).seed).toBe('cli');
    expect((await siyu('sandbox', 'faults', 'set', '--api', 'nonsense')).code).toBe(2);
    await siyu('sandbox', 'faults', 'set');
  });
});
