import { WxError } from '../http/wx-error.js';
import type { OfficialAccount, OaServiceWindows } from '../state/oa.js';
import type { SandboxRules } from '../state/rules.js';
import { removeKey } from '../state/records.js';

/**
 * Customer-service message windows: a follow, scan or menu click allows a few messages within
 * a minute; the person's own message allows a few more within 48 hours. Each new interaction
 * opens a fresh window of its kind.
 */
function windowsOf(oa: OfficialAccount, openid: string): OaServiceWindows {
  return (oa.windows[openid] ??= { event: null, message: null });
}

export function openEventWindow(oa: OfficialAccount, openid: string, now: number): void {
  windowsOf(oa, openid).event = { at: now, used: 0 };
}

export function openMessageWindow(oa: OfficialAccount, openid: string, now: number): void {
  windowsOf(oa, openid).message = { at: now, used: 0 };
}

export function closeWindows(oa: OfficialAccount, openid: string): void {
  removeKey(oa.windows, openid);
}

/**
 * Takes one message from an open window. No open window at all → 45015 (out of time limit);
 * an open window whose messages are used up → 45047 (out of response count limit).
 */
export function consumeWindow(
  rules: SandboxRules,
  oa: OfficialAccount,
  openid: string,
  now: number,
): void {
  const windows = oa.windows[openid];
  const candidates = [
    { slot: windows?.event ?? null, rule: rules.oaEventWindow },
    { slot: windows?.message ?? null, rule: rules.oaMessageWindow },
  ].filter((w) => w.slot !== null && now - w.slot.at <= w.rule.ms);
  if (candidates.length === 0) throw new WxError(45015);
  const usable = candidates.find((w) => w.slot!.used < w.rule.count);
  if (!usable) throw new WxError(45047);
  usable.slot!.used += 1;
}
