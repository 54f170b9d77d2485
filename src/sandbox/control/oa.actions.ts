import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { createQrTicket, sceneOf, ticketExpired } from '../oa/qr-tickets.js';
import { recordPassiveReply } from '../oa/passive-reply.js';
import { closeWindows, openEventWindow, openMessageWindow } from '../oa/windows.js';
import { oaEventXml, oaTextXml, pushOa, type OaEvent } from '../pusher/oa-events.js';
import { openidOf } from '../state/identity.js';
import type { OaQrTicket, OfficialAccount } from '../state/oa.js';
import type { WechatUser } from '../state/people.js';
import type { Delivery } from '../state/platform.js';

export interface OaActionResult {
  openid: string;
  event: string;
  delivery: Delivery;
}

function push(
  ctx: SandboxContext,
  oa: OfficialAccount,
  person: WechatUser,
  openid: string,
  e: OaEvent,
): OaActionResult {
  const delivery = pushOa(
    ctx,
    oa,
    openid,
    e.event,
    oaEventXml(oa, openid, ctx.seconds(), e),
    recordPassiveReply(ctx, oa, person.id),
  );
  ctx.changed();
  return { openid, event: e.event, delivery };
}

/** A ticket by its value, or (a shortcut for tests and the CLI) the latest live ticket for a scene, created if needed. */
export function resolveTicket(
  ctx: SandboxContext,
  oa: OfficialAccount,
  ref: { ticket?: string; scene?: string },
): OaQrTicket | undefined {
  if (ref.ticket !== undefined) {
    const ticket = oa.qrTickets[ref.ticket];
    if (!ticket) throw new AppError('not_found', 'QR ticket not found');
    if (ticketExpired(ctx, ticket)) throw new AppError('conflict', 'the QR code has expired');
    return ticket;
  }
  if (ref.scene === undefined) return undefined;
  const existing = Object.values(oa.qrTickets)
    .filter((t) => sceneOf(t) === ref.scene && !ticketExpired(ctx, t))
    .at(-1);
  return (
    existing ?? createQrTicket(ctx, oa, { action_name: 'QR_LIMIT_STR_SCENE', scene_str: ref.scene })
  );
}

/**
 * The person scans an Official Account QR code or follows it: a new follower gets `subscribe`
 * (with `EventKey=qrscene_<scene>` and `Ticket` when through a parametric code), an existing
 * follower who scans gets `SCAN`. Either opens the short after-event message window.
 */
export function followOa(
  ctx: SandboxContext,
  person: WechatUser,
  oa: OfficialAccount,
  ticket: OaQrTicket | undefined,
): OaActionResult {
  const openid = openidOf(ctx.state, ctx.index, person, oa.appid);
  const follower = oa.followers[openid];
  if (follower?.subscribed) {
    if (!ticket) throw new AppError('conflict', `${person.id} already follows ${oa.appid}`);
    openEventWindow(oa, openid, ctx.now());
    return push(ctx, oa, person, openid, {
      event: 'SCAN',
      eventKey: sceneOf(ticket),
      ticket: ticket.ticket,
    });
  }
  oa.followers[openid] = {
    openid,
    subscribed: true,
    subscribe_time: ctx.seconds(),
    subscribe_scene: ticket ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_SEARCH',
    qr_scene: ticket?.scene_id ?? 0,
    qr_scene_str: ticket?.scene_str ?? '',
    remark: follower?.remark ?? '',
    tagid_list: follower?.tagid_list ?? [],
    language: 'zh_CN',
  };
  openEventWindow(oa, openid, ctx.now());
  return push(ctx, oa, person, openid, {
    event: 'subscribe',
    ...(ticket ? { eventKey: `qrscene_${sceneOf(ticket)}`, ticket: ticket.ticket } : {}),
  });
}

export function unfollowOa(
  ctx: SandboxContext,
  person: WechatUser,
  oa: OfficialAccount,
): OaActionResult {
  const openid = openidOf(ctx.state, ctx.index, person, oa.appid);
  const follower = oa.followers[openid];
  if (!follower?.subscribed)
    throw new AppError('conflict', `${person.id} does not follow ${oa.appid}`);
  follower.subscribed = false;
  closeWindows(oa, openid);
  return push(ctx, oa, person, openid, { event: 'unsubscribe' });
}

function requireFollower(ctx: SandboxContext, person: WechatUser, oa: OfficialAccount): string {
  const openid = openidOf(ctx.state, ctx.index, person, oa.appid);
  if (!oa.followers[openid]?.subscribed)
    throw new AppError('conflict', `${person.id} does not follow ${oa.appid}`);
  return openid;
}

/** The follower sends a text message: opens the 48-hour window (5 messages). */
export function sendOaText(
  ctx: SandboxContext,
  person: WechatUser,
  oa: OfficialAccount,
  content: string,
): OaActionResult {
  const openid = requireFollower(ctx, person, oa);
  openMessageWindow(oa, openid, ctx.now());
  const msgId = ctx.ids.digits(15);
  const delivery = pushOa(
    ctx,
    oa,
    openid,
    'text',
    oaTextXml(oa, openid, ctx.seconds(), content, msgId),
    recordPassiveReply(ctx, oa, person.id),
  );
  ctx.changed();
  return { openid, event: 'text', delivery };
}

/** The follower clicks a menu item: CLICK with the button's key; opens the after-event window. */
export function clickOaMenu(
  ctx: SandboxContext,
  person: WechatUser,
  oa: OfficialAccount,
  key: string,
): OaActionResult {
  const openid = requireFollower(ctx, person, oa);
  openEventWindow(oa, openid, ctx.now());
  return push(ctx, oa, person, openid, { event: 'CLICK', eventKey: key });
}
