import {
  secondsToMs,
  toOutcome,
  type CallbackOutcome,
  type EventDraft,
} from '../shared/callback-outcome.js';
import { nonEmptyTextOf } from '../shared/xml-read.js';
import { xmlDigest } from '../shared/xml-digest.js';
import { parseXml, type XmlElement, type XmlLimits } from '../shared/xml.js';
import { mapOaMessage } from './message-callbacks.js';

export type { CallbackOutcome } from '../shared/callback-outcome.js';

export interface OaCallbackContext {
  /** The Official Account's appid: its XML names it only by its original id (gh_…). */
  readonly appId: string;
}

const QR_SCENE_PREFIX = 'qrscene_';

/**
 * Turns a (decrypted) Official Account callback into domain events. Throws `XmlRejectedError`
 * for XML that must be refused; anything well-formed yields events or `unhandled`.
 *
 * Dedup keys follow the platform's advice: MsgId for messages, CreateTime + FromUserName for
 * events (with the event name, and MsgID for template results, so that two different events
 * of one follower in the same second stay apart).
 */
export function parseOaCallback(
  plaintext: string,
  context: OaCallbackContext,
  limits?: XmlLimits,
): CallbackOutcome {
  const root = parseXml(plaintext, limits);
  const msgType = nonEmptyTextOf(root, 'MsgType');
  const event = nonEmptyTextOf(root, 'Event');
  const createTime = nonEmptyTextOf(root, 'CreateTime');
  const follower = { appId: context.appId, openId: nonEmptyTextOf(root, 'FromUserName') };
  const outcomeContext = {
    topic: [msgType ?? '?', event].filter((part) => part !== undefined).join('/'),
    dedupKey: dedupKey(root, context.appId, msgType, event, follower.openId, createTime),
    occurredAt: secondsToMs(createTime),
  };
  return toOutcome(outcomeContext, () => {
    if (msgType === undefined) return null;
    if (msgType !== 'event') return mapOaMessage(root, follower, msgType);
    return event === undefined ? null : mapOaEvent(root, follower, event);
  });
}

function dedupKey(
  root: XmlElement,
  appId: string,
  msgType: string | undefined,
  event: string | undefined,
  openId: string | undefined,
  createTime: string | undefined,
): string {
  const msgId = nonEmptyTextOf(root, 'MsgId');
  if (msgType !== 'event' && msgId !== undefined) return `oa:${appId}:msg:${msgId}`;
  if (msgType === 'event' && event !== undefined && openId !== undefined && createTime) {
    const templateMsgId = nonEmptyTextOf(root, 'MsgID');
    const suffix = templateMsgId === undefined ? '' : `:${templateMsgId}`;
    // The time first, so new keys are appended to the unique indexes, not spread over them.
    return `oa:${appId}:event:${createTime}:${openId}:${event}${suffix}`;
  }
  return `oa:${appId}:xml:${xmlDigest(root)}`;
}

function mapOaEvent(
  root: XmlElement,
  follower: { appId: string; openId: string | undefined },
  event: string,
): readonly EventDraft[] | null {
  const eventKey = nonEmptyTextOf(root, 'EventKey');
  const ticket = nonEmptyTextOf(root, 'Ticket');
  switch (event.toLowerCase()) {
    case 'subscribe': {
      const scene = eventKey?.startsWith(QR_SCENE_PREFIX)
        ? eventKey.slice(QR_SCENE_PREFIX.length)
        : undefined;
      return [{ type: 'oa.followed', data: { ...follower, scene, ticket } }];
    }
    case 'unsubscribe':
      return [{ type: 'oa.unfollowed', data: follower }];
    case 'scan':
      return [{ type: 'oa.scanned', data: { ...follower, scene: eventKey, ticket } }];
    case 'click':
    case 'view':
      return [
        {
          type: 'oa.menu_clicked',
          data: {
            ...follower,
            kind: event.toLowerCase(),
            key: eventKey,
            menuId: nonEmptyTextOf(root, 'MenuId'),
          },
        },
      ];
    case 'templatesendjobfinish':
      return [
        {
          type: 'oa.template_finished',
          data: {
            ...follower,
            msgId: nonEmptyTextOf(root, 'MsgID'),
            status: templateStatus(nonEmptyTextOf(root, 'Status')),
          },
        },
      ];
    default:
      return null;
  }
}

/** `success`, `failed:user block` or `failed: system failed`; anything else is left unset. */
function templateStatus(status: string | undefined): string | undefined {
  if (status === 'success') return 'success';
  if (!status?.startsWith('failed')) return undefined;
  return /user\s*block/.test(status) ? 'user_blocked' : 'failed';
}
