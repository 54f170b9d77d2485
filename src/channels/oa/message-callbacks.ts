import type { EventDraft } from '../shared/callback-outcome.js';
import { nonEmptyTextOf } from '../shared/xml-read.js';
import type { XmlElement } from '../shared/xml.js';

const MESSAGE_TYPES = new Set([
  'text',
  'image',
  'voice',
  'video',
  'shortvideo',
  'location',
  'link',
]);

/** A follower's message (MsgType other than `event`); null for a type not in the catalog. */
export function mapOaMessage(
  root: XmlElement,
  follower: { appId: string; openId: string | undefined },
  msgType: string,
): readonly EventDraft[] | null {
  if (!MESSAGE_TYPES.has(msgType)) return null;
  const text = (name: string) => nonEmptyTextOf(root, name);
  return [
    {
      type: 'oa.message_received',
      data: {
        ...follower,
        msgId: text('MsgId'),
        msgType,
        content: text('Content'),
        mediaId: text('MediaId'),
        pictureUrl: text('PicUrl'),
        format: text('Format'),
        recognition: text('Recognition'),
        thumbMediaId: text('ThumbMediaId'),
        location: msgType === 'location' ? location(root) : undefined,
        link:
          msgType === 'link'
            ? {
                title: text('Title') ?? '',
                description: text('Description') ?? '',
                url: text('Url') ?? '',
              }
            : undefined,
      },
    },
  ];
}

function location(root: XmlElement) {
  const number = (name: string) => {
    const value = nonEmptyTextOf(root, name);
    return value === undefined ? undefined : Number(value);
  };
  const scale = number('Scale');
  const label = nonEmptyTextOf(root, 'Label');
  return {
    latitude: number('Location_X'),
    longitude: number('Location_Y'),
    ...(scale === undefined ? {} : { scale }),
    ...(label === undefined ? {} : { label }),
  };
}
