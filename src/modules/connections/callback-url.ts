import type { ConnectionKind } from './connection.table.js';
import type { CallbackUrlWarning } from './connection.schemas.js';

/** Where the WeChat platforms reach this installation, and what is wrong with it, if anything. */
export interface PublicBase {
  url: string;
  warning: CallbackUrlWarning | null;
}

/**
 * The public base URL: the configured SIYU_PUBLIC_URL, else the address the request came to
 * (honouring X-Forwarded-Proto/Host behind a proxy). The WeChat platforms need a public,
 * ICP-filed https domain of the enterprise; anything else carries a warning.
 */
export function publicBase(
  configured: string | null,
  request?: { protocol: string; host: string },
): PublicBase {
  const url = (configured ?? `${request?.protocol ?? 'http'}://${request?.host ?? 'localhost'}`)
    .trim()
    .replace(/\/+$/, '');
  return { url, warning: warningFor(url) };
}

function warningFor(url: string): CallbackUrlWarning | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'local_address', message: `${url} is not a valid URL; set SIYU_PUBLIC_URL` };
  }
  if (isLocalHost(parsed.hostname)) {
    return {
      code: 'local_address',
      message: `${parsed.hostname} cannot be reached from the WeChat servers: set SIYU_PUBLIC_URL to the public https address of this installation`,
    };
  }
  if (parsed.protocol !== 'https:') {
    return {
      code: 'not_https',
      message:
        'The callback URL is not https: set SIYU_PUBLIC_URL to an https address on a domain of your enterprise (ICP-filed)',
    };
  }
  return null;
}

function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host === '::1' ||
    host === '0.0.0.0' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  );
}

/**
 * The callback URL of a connection. Stable by design: it depends only on the public base URL,
 * the workspace slug and (Official Accounts) the AppID, so rotating credentials never changes
 * what is pasted in the WeCom / WeChat admin. Mini Programs have none.
 */
export function callbackUrlOf(
  base: string,
  workspaceSlug: string,
  kind: ConnectionKind,
  appId: string,
): string | null {
  const prefix = `${base}/callbacks/${encodeURIComponent(workspaceSlug)}`;
  switch (kind) {
    case 'wecom':
      return `${prefix}/wecom`;
    case 'oa':
      return `${prefix}/oa/${encodeURIComponent(appId)}`;
    case 'miniprogram':
      return null;
  }
}
