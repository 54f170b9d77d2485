import { callbackUrlOf } from '../modules/connections/callback-url.js';
import { createConnection, listConnections } from '../modules/connections/connection.service.js';
import type { ConnectionRow } from '../modules/connections/connection.table.js';
import type { ConnectionsContext } from '../modules/connections/connections.context.js';
import { actingAsSystem } from '../modules/workspace/actor.js';
import { permissions } from '../modules/workspace/permissions.js';
import type { RunningSandbox } from '../sandbox/index.js';

export interface SandboxConnectProblem {
  message: string;
  details: Record<string, unknown>;
}

/**
 * Connects a workspace to a running sandbox's corp, Official Account and Mini Program (those
 * not yet connected) and registers this server's callback URLs with the sandbox, verified.
 * Returns what went wrong, if anything; the connections made so far stay.
 */
export async function connectWorkspaceToSandbox(
  ctx: ConnectionsContext,
  options: {
    workspace: { id: string; slug: string };
    sandbox: RunningSandbox;
    /** This server's base URL, as the sandbox reaches it. */
    siyuUrl: string;
    existing?: ConnectionRow[];
  },
): Promise<SandboxConnectProblem | null> {
  const { workspace, sandbox } = options;
  const state = sandbox.sandbox.state;
  const corp = Object.values(state.corps)[0];
  const oa = Object.values(state.officialAccounts)[0];
  const miniProgram = Object.values(state.miniPrograms)[0];
  const app = corp?.apps.find((a) => a.kind === 'app');
  if (!corp || !app || !oa || !miniProgram) {
    return {
      message:
        'the sandbox state has no corp, Official Account or Mini Program; reset it to reseed the demo',
      details: {},
    };
  }
  const existing = options.existing ?? (await listConnections(ctx, workspace.id));
  const acting = actingAsSystem(workspace.id, permissions);
  const has = (kind: string, appId: string) =>
    existing.some((c) => c.kind === kind && c.app_id === appId);
  const common = { apiBaseUrl: sandbox.url };
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
  const base = options.siyuUrl.replace('0.0.0.0', '127.0.0.1');
  const receivers = [
    { key: `wecom:${corp.corpid}`, url: callbackUrlOf(base, workspace.slug, 'wecom', corp.corpid) },
    { key: `oa:${oa.appid}`, url: callbackUrlOf(base, workspace.slug, 'oa', oa.appid) },
  ];
  const failed: Record<string, string> = {};
  for (const receiver of receivers) {
    const answer = await sandbox.sandbox.app.inject({
      method: 'PUT',
      url: `/sandbox/receivers/${encodeURIComponent(receiver.key)}`,
      payload: { url: receiver.url, verify: true },
    });
    if (answer.statusCode !== 200) failed[receiver.key] = answer.body;
  }
  if (Object.keys(failed).length > 0)
    return { message: 'sandbox callback URL verification failed', details: { failed } };
  return null;
}
