import { connectWorkspaceToSandbox } from '../cli/sandbox-connect.js';
import { PlatformClients } from '../modules/connections/platform-clients.js';
import { seedWorkspace } from '../modules/workspace/workspace.testing.js';
import { startSandboxServer, type RunningSandbox, type SandboxOptions } from '../sandbox/index.js';
import { createTestApp, type TestApp } from './app.js';

export interface SandboxedTestApp extends TestApp {
  /** The offline WeChat sandbox, listening on its own port, pushing callbacks to `url`. */
  sandbox: RunningSandbox;
  /** Where this app listens (the sandbox's callbacks arrive here). */
  url: string;
  workspace: { id: string; slug: string };
  /** Clients of the workspace's sandbox connections (WeCom, Official Account, Mini Program). */
  clients: PlatformClients;
  /** A sandbox control API call (`/sandbox/...`): status and JSON. */
  control(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  /** Waits until the sandbox delivered every callback, then runs every due job. */
  settle(): Promise<void>;
}

/**
 * A full test app listening on a loopback port, its `default` workspace connected to a
 * sandbox started for the test (demo corp, Official Account and Mini Program), whose
 * callbacks reach the app's real receivers. For end-to-end tests through the WeChat wire
 * formats.
 */
export async function createSandboxedTestApp(
  options: { env?: Record<string, string>; sandbox?: SandboxOptions } = {},
): Promise<SandboxedTestApp> {
  const t = await createTestApp(options.env);
  const url = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace(
    'localhost',
    '127.0.0.1',
  );
  const sandbox = await startSandboxServer({
    port: 0,
    pusher: { ackTimeoutMs: 5_000, retryDelayMs: 0 },
    ...options.sandbox,
  });
  const ws = await seedWorkspace(t, 'default');
  const workspace = { id: ws.id, slug: 'default' };
  const problem = await connectWorkspaceToSandbox(
    { db: t.database.db, clock: t.clock, secretBox: t.secretBox },
    { workspace, sandbox, siyuUrl: url },
  );
  if (problem) throw new Error(`${problem.message}: ${JSON.stringify(problem.details)}`);
  const clients = new PlatformClients({ db: t.database.db, secretBox: t.secretBox });
  const closeApp = t.close;
  return Object.assign(t, {
    sandbox,
    url,
    workspace,
    clients,
    control: async (method: string, path: string, body?: unknown) => {
      const res = await sandbox.sandbox.app.inject({
        method: method as 'GET',
        url: path,
        ...(body === undefined
          ? {}
          : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return {
        status: res.statusCode,
        json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {},
      };
    },
    settle: async () => {
      await sandbox.sandbox.pusher.idle();
      await t.jobs.drain();
    },
    close: async () => {
      await sandbox.close();
      await closeApp();
    },
  });
}
