import path from 'node:path';
import { callbackUrlOf } from '../modules/connections/callback-url.js';
import { createConnection, listConnections } from '../modules/connections/connection.service.js';
import type { ConnectionsContext } from '../modules/connections/connections.context.js';
import { actingAsSystem } from '../modules/workspace/actor.js';
import { permissions } from '../modules/workspace/permissions.js';
import { findWorkspaceBySlug } from '../modules/workspace/workspace.store.js';
import type { Runtime } from '../runtime.js';
import { startSandboxServer, type RunningSandbox } from '../sandbox/index.js';

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
  const state = running.sandbox.state;
  const corp = Object.values(state.corps)[0];
  const oa = Object.values(state.officialAccounts)[0];
  const miniProgram = Object.values(state.miniPrograms)[0];
  const app = corp?.apps.find((a) => a.kind === 'app');
  if (!corp || !app || !oa || !miniProgram) {
    logger.warn(
      'the sandbox state has no corp, Official Account or Mini Program; reset it to reseed the demo',
    );
    return running;
  }
  const acting = actingAsSystem(workspace.id, permissions);
  const has = (kind: string, appId: string) =>
    existing.some((c) => c.kind === kind && c.app_id === appId);
  const common = { apiBaseUrl: sandboxUrl };
  if (!has('wecom', corp.corpid)) {
    await createConnection(ctx, acting, {
      kind: 'wecom',
      corpId: corp.corpid,
      agentId: app.agentid,
      secret: app.secret,
      token: corp.callback.token,
      aesKey: corp.callback.encodingAesKey,
      displayName: `${corp.name}（沙箱）`,
      ...common,
    });
  }
  if (!has('oa', oa.appid)) {
    await createConnection(ctx, acting, {
      kind: 'oa',
      appId: oa.appid,
      secret: oa.secret,
      token: oa.token,
      ...(oa.encryptMode === 'safe' ? { aesKey: oa.encodingAesKey } : {}),
      displayName: `${oa.name}（沙箱）`,
      ...common,
    });
  }
  if (!has('miniprogram', miniProgram.appid)) {
    await createConnection(ctx, acting, {
      kind: 'miniprogram',
      appId: miniProgram.appid,
      secret: miniProgram.secret,
      displayName: `${miniProgram.name}（沙箱）`,
      ...common,
    });
  }
  const base = siyuUrl.replace('0.0.0.0', '127.0.0.1');
  const receivers = [
    { key: `wecom:${corp.corpid}`, url: callbackUrlOf(base, demoWorkspace, 'wecom', corp.corpid) },
    { key: `oa:${oa.appid}`, url: callbackUrlOf(base, demoWorkspace, 'oa', oa.appid) },
  ];
  for (const receiver of receivers) {
    const answer = await running.sandbox.app.inject({
      method: 'PUT',
      url: `/sandbox/receivers/${encodeURIComponent(receiver.key)}`,
      payload: { url: receiver.url, verify: true },
    });
    if (answer.statusCode !== 200)
      logger.warn(
        { receiver: receiver.key, answer: answer.body },
        'sandbox callback URL verification failed',
      );
  }
  logger.info(
    { url: running.url },
    'WeChat sandbox running; the default workspace is connected to it',
  );
  return running;
}
