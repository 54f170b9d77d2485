import { AppError } from '../../platform/http/errors.js';
import { defaultApiBaseUrl } from '../connections/connection.defaults.js';
import { listConnections } from '../connections/connection.service.js';
import type { ConnectionRow } from '../connections/connection.table.js';
import type { ConnectionsContext } from '../connections/connections.context.js';
import { callSandbox, reason } from './sandbox-client.js';

/**
 * Sandbox mode. A workspace is in sandbox mode when its WeCom connection's API base URL
 * answers the sandbox control API: `GET <base>/sandbox/state` returns 200 with the corps it
 * simulates, among them the connection's corp ID. No flag is stored: pointing the connection
 * back at the real platform turns the mode off, and the real platform is never probed.
 */
export type SandboxDetection =
  | { enabled: true; target: SandboxTarget }
  | { enabled: false; reason: NotSandboxReason; message: string };

export interface SandboxTarget {
  baseUrl: string;
  corpId: string;
  corpName: string;
  wecom: ConnectionRow;
  /** The workspace's Official Account connected through the same sandbox, if any. */
  oa: ConnectionRow | null;
}

export const notSandboxReasons = [
  'no_wecom_connection',
  'real_platform',
  'not_a_sandbox',
  'corp_not_simulated',
] as const;
export type NotSandboxReason = (typeof notSandboxReasons)[number];

export const probeTimeoutMs = 3000;

export async function detectSandbox(
  ctx: ConnectionsContext,
  workspaceId: string,
): Promise<SandboxDetection> {
  const connections = await listConnections(ctx, workspaceId);
  const wecom = connections.find((c) => c.kind === 'wecom');
  if (!wecom) return off('no_wecom_connection', 'This workspace has no WeCom connection.');
  const baseUrl = wecom.api_base_url;
  if (baseUrl === defaultApiBaseUrl('wecom')) {
    return off('real_platform', `The WeCom connection talks to the real WeCom (${baseUrl}).`);
  }
  const probe = await probeSandbox(baseUrl);
  if ('reason' in probe) return probe;
  const corp = probe.corps.find((c) => c.corpid === wecom.app_id);
  if (!corp) {
    return off(
      'corp_not_simulated',
      `The sandbox at ${baseUrl} does not simulate the corp ${wecom.app_id} (it has ${probe.corps.map((c) => c.corpid).join(', ') || 'none'}): set the connection's corp ID to the sandbox's.`,
    );
  }
  const oa = connections.find((c) => c.kind === 'oa' && c.api_base_url === baseUrl) ?? null;
  return {
    enabled: true,
    target: { baseUrl, corpId: corp.corpid, corpName: corp.name, wecom, oa },
  };
}

interface SandboxOverview {
  corps: { corpid: string; name: string }[];
}

async function probeSandbox(
  baseUrl: string,
): Promise<SandboxOverview | Extract<SandboxDetection, { enabled: false }>> {
  const notASandbox = (why: string) =>
    off(
      'not_a_sandbox',
      `The WeCom connection's API base URL ${baseUrl} does not answer the sandbox control API (${why}).`,
    );
  try {
    const answer = await callSandbox(baseUrl, {
      method: 'GET',
      path: '/sandbox/state',
      timeoutMs: probeTimeoutMs,
    });
    const corps = (answer.body as { corps?: unknown } | null)?.corps;
    if (answer.status !== 200 || !Array.isArray(corps)) {
      return notASandbox(`GET /sandbox/state answered HTTP ${answer.status}`);
    }
    return {
      corps: corps.map((c: { corpid?: unknown; name?: unknown }) => ({
        corpid: String(c.corpid),
        name: String(c.name),
      })),
    };
  } catch (error) {
    return notASandbox(reason(error));
  }
}

function off(
  reasonCode: NotSandboxReason,
  message: string,
): Extract<SandboxDetection, { enabled: false }> {
  return { enabled: false, reason: reasonCode, message };
}

/** The sandbox the workspace's connection points at; 404 `not_found` when not in sandbox mode. */
export async function requireSandbox(
  ctx: ConnectionsContext,
  workspaceId: string,
): Promise<SandboxTarget> {
  const detection = await detectSandbox(ctx, workspaceId);
  if (!detection.enabled) {
    throw new AppError('not_found', `This workspace is not in sandbox mode. ${detection.message}`, {
      reason: detection.reason,
    });
  }
  return detection.target;
}
