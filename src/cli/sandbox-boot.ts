import path from 'node:path';
import { listConnections } from '../modules/connections/connection.service.js';
import type { ConnectionsContext } from '../modules/connections/connections.context.js';
import { findWorkspaceBySlug } from '../modules/workspace/workspace.store.js';
import type { Runtime } from '../runtime.js';
import { startSandboxServer, type RunningSandbox } from '../sandbox/index.js';
import { connectWorkspaceToSandbox } from './sandbox-connect.js';

const demoWorkspace = 'default';

/**
 * Sandbox mode for `siyu start`: when enabled and the default workspace has no connection to
 * a real platform, start the offline WeChat sandbox on its own port, connect the default
 * workspace to its corp, Official Account and Mini Program, and point the sandbox's callbacks
 * at this server, so a newcomer can click through everything with no accounts.
 */
export async function startBuiltInSandbox(
  runtime: Runtime,
  siyuUrl: string,
): Promise<RunningSandbox | null> {
  const { config, logger } = runtime;
  if (!config.sandbox.enabled) return null;
  const ctx: ConnectionsContext = {
    db: runtime.database.db,
    clock: runtime.clock,
    secretBox: runtime.secretBox,
  };
  const workspace = await findWorkspaceBySlug(ctx.db, demoWorkspace);
  if (!workspace) return null;
  const sandboxUrl = `http://${config.sandbox.host}:${config.sandbox.port}`;
  const existing = await listConnections(ctx, workspace.id);
  const real = existing.filter((c) => c.api_base_url !== sandboxUrl);
  if (real.length > 0) {
    logger.info(
      { connections: real.map((c) => c.kind) },
      'real connections configured: the sandbox stays off',
    );
    return null;
  }
  const running = await startSandboxServer({
    host: config.sandbox.host,
    port: config.sandbox.port,
    stateFile: path.join(config.dataDir, 'sandbox.json'),
    publicUrl: sandboxUrl,
  });
  const problem = await connectWorkspaceToSandbox(ctx, {
    workspace: { id: workspace.id, slug: demoWorkspace },
    sandbox: running,
    siyuUrl,
    existing,
  });
  if (problem) {
    logger.warn(problem.details, problem.message);
    return running;
  }
  logger.info(
    { url: running.url },
    'WeChat sandbox running; the default workspace is connected to it',
  );
  return running;
}
