import type { SandboxContext } from '../core/context.js';
import { openidOf } from '../state/identity.js';
import type { LinkClick } from '../state/inbox.js';
import type { MiniProgram } from '../state/oa.js';
import type { WechatUser } from '../state/people.js';
import { sweepOccasionally } from '../state/records.js';

const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322d) NetType/WIFI Language/zh_CN';

/**
 * The person opens a link (from a message they received): the click is recorded and, unless
 * told not to, the URL is fetched like WeChat's in-app browser would (redirects not followed),
 * so a tracking endpoint sees the visit.
 */
export async function openLink(
  ctx: SandboxContext,
  person: WechatUser,
  url: string,
  fetchIt: boolean,
): Promise<LinkClick> {
  const click: LinkClick = { personId: person.id, url, at: ctx.now(), status: null, error: null };
  if (fetchIt) {
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        headers: { 'user-agent': WECHAT_UA },
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      click.status = response.status;
    } catch (error) {
      click.error = (error as Error).message;
    }
  }
  ctx.state.clicks.push(click);
  ctx.changed();
  return click;
}

/** The person opens the mini program: wx.login gives a js_code for jscode2session (once, 5 minutes). */
export function openMiniProgram(
  ctx: SandboxContext,
  person: WechatUser,
  mp: MiniProgram,
): { jsCode: string; openid: string } {
  const openid = openidOf(ctx.state, ctx.index, person, mp.appid);
  const cutoff = ctx.now() - 86400_000;
  sweepOccasionally(mp.jsCodes, ctx.now(), 60_000, (info) => info.issuedAt < cutoff);
  const jsCode = ctx.ids.chars('0', 32);
  mp.jsCodes[jsCode] = { personId: person.id, issuedAt: ctx.now(), used: false };
  ctx.changed();
  return { jsCode, openid };
}
