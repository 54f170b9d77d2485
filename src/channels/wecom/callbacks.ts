import { secondsToMs, toOutcome, type CallbackOutcome } from '../shared/callback-outcome.js';
import { nonEmptyTextOf } from '../shared/xml-read.js';
import { xmlDigest } from '../shared/xml-digest.js';
import { parseXml, type XmlLimits } from '../shared/xml.js';
import type { WecomCallback, WecomMapper } from './callback-context.js';
import { mapExternalChatChange } from './chat-callbacks.js';
import { mapExternalContactChange } from './contact-callbacks.js';
import { mapDirectoryChange, mapExternalTagChange } from './directory-callbacks.js';

export type { CallbackOutcome } from '../shared/callback-outcome.js';

const mapKfPending: WecomMapper = ({ root, corpId }) => [
  {
    type: 'kf.message_pending',
    data: {
      corpId,
      openKfId: nonEmptyTextOf(root, 'OpenKfId'),
      syncToken: nonEmptyTextOf(root, 'Token'),
    },
  },
];

const MAPPERS: ReadonlyMap<string, WecomMapper> = new Map(
  Object.entries({
    change_external_contact: mapExternalContactChange,
    change_external_chat: mapExternalChatChange,
    change_external_tag: mapExternalTagChange,
    change_contact: mapDirectoryChange,
    kf_msg_or_event: mapKfPending,
  }),
);

/**
 * Turns a decrypted WeCom callback into domain events. Throws `XmlRejectedError` for XML that
 * must be refused; anything well-formed yields events or an explicit `unhandled` outcome.
 *
 * The dedup key is a digest of every field of the callback (ChangeType, ids, CreateTime, …):
 * a re-delivery carries the same fields and collapses into the same key.
 */
export function parseWecomCallback(plaintext: string, limits?: XmlLimits): CallbackOutcome {
  const root = parseXml(plaintext, limits);
  // Self-built apps get ToUserName/Event/CreateTime; third-party suites the same event as
  // AuthCorpId/InfoType/TimeStamp.
  const corpId = nonEmptyTextOf(root, 'AuthCorpId') ?? nonEmptyTextOf(root, 'ToUserName');
  const event = nonEmptyTextOf(root, 'Event') ?? nonEmptyTextOf(root, 'InfoType');
  const msgType = nonEmptyTextOf(root, 'MsgType') ?? (event === undefined ? undefined : 'event');
  const changeType = nonEmptyTextOf(root, 'ChangeType');
  const callback: WecomCallback = { root, corpId, changeType };
  const createTime = nonEmptyTextOf(root, 'CreateTime') ?? nonEmptyTextOf(root, 'TimeStamp');
  const occurredAt = secondsToMs(createTime);
  const context = {
    topic: [msgType ?? '?', event, changeType].filter((part) => part !== undefined).join('/'),
    // The time first: keys of new callbacks land at the end of the unique indexes (cheap
    // inserts) instead of at random places. The digest alone decides; the time is one of
    // the fields it covers.
    dedupKey: `wecom:${corpId ?? '-'}:${occurredAt === undefined ? '-' : createTime}:${xmlDigest(root)}`,
    occurredAt,
  };
  const mapper = msgType === 'event' && event !== undefined ? MAPPERS.get(event) : undefined;
  return toOutcome(context, () => (mapper === undefined ? null : mapper(callback)));
}
