/** The message parts customer-contact APIs share (welcome message, mass send, contact-way conclusions). */

export interface LinkCard {
  title: string;
  url: string;
  picUrl?: string;
  description?: string;
}

export interface MiniProgramCard {
  title: string;
  appId: string;
  page: string;
  /** Cover image uploaded as temporary media. */
  picMediaId: string;
}

/** One attachment; `image` takes either an uploaded media id or an image URL. */
export type Attachment =
  | { type: 'image'; mediaId?: string; picUrl?: string }
  | ({ type: 'link' } & LinkCard)
  | ({ type: 'miniprogram' } & MiniProgramCard)
  | { type: 'video'; mediaId: string }
  | { type: 'file'; mediaId: string };

export interface LinkWire {
  title: string;
  url: string;
  picurl?: string;
  desc?: string;
}

export interface MiniProgramWire {
  title: string;
  appid: string;
  page: string;
  pic_media_id: string;
}

export interface AttachmentWire {
  msgtype: string;
  image?: { media_id?: string; pic_url?: string };
  link?: LinkWire;
  miniprogram?: MiniProgramWire;
  video?: { media_id: string };
  file?: { media_id: string };
}

export function linkToWire(link: LinkCard): LinkWire {
  return { title: link.title, picurl: link.picUrl, desc: link.description, url: link.url };
}

export function linkFromWire(wire: LinkWire): LinkCard {
  return { title: wire.title, url: wire.url, picUrl: wire.picurl, description: wire.desc };
}

export function miniProgramToWire(card: MiniProgramCard): MiniProgramWire {
  return { title: card.title, pic_media_id: card.picMediaId, appid: card.appId, page: card.page };
}

export function miniProgramFromWire(wire: MiniProgramWire): MiniProgramCard {
  return { title: wire.title, picMediaId: wire.pic_media_id, appId: wire.appid, page: wire.page };
}

export function attachmentToWire(attachment: Attachment): AttachmentWire {
  switch (attachment.type) {
    case 'image':
      return {
        msgtype: 'image',
        image: { media_id: attachment.mediaId, pic_url: attachment.picUrl },
      };
    case 'link':
      return { msgtype: 'link', link: linkToWire(attachment) };
    case 'miniprogram':
      return { msgtype: 'miniprogram', miniprogram: miniProgramToWire(attachment) };
    case 'video':
      return { msgtype: 'video', video: { media_id: attachment.mediaId } };
    case 'file':
      return { msgtype: 'file', file: { media_id: attachment.mediaId } };
  }
}

/** Null for attachment types this client does not know (newer platform features). */
export function attachmentFromWire(wire: AttachmentWire): Attachment | null {
  if (wire.msgtype === 'image' && wire.image)
    return { type: 'image', mediaId: wire.image.media_id, picUrl: wire.image.pic_url };
  if (wire.msgtype === 'link' && wire.link) return { type: 'link', ...linkFromWire(wire.link) };
  if (wire.msgtype === 'miniprogram' && wire.miniprogram)
    return { type: 'miniprogram', ...miniProgramFromWire(wire.miniprogram) };
  if (wire.msgtype === 'video' && wire.video)
    return { type: 'video', mediaId: wire.video.media_id };
  if (wire.msgtype === 'file' && wire.file) return { type: 'file', mediaId: wire.file.media_id };
  return null;
}

export function attachmentsToWire(
  attachments: readonly Attachment[] | undefined,
): AttachmentWire[] | undefined {
  return attachments && attachments.length > 0 ? attachments.map(attachmentToWire) : undefined;
}

export function attachmentsFromWire(wire: readonly AttachmentWire[] | undefined): Attachment[] {
  return (wire ?? []).map(attachmentFromWire).filter((a): a is Attachment => a !== null);
}

/** `{ content }` or nothing, as the text part of a message. */
export function textToWire(text: string | undefined): { content: string } | undefined {
  return text === undefined ? undefined : { content: text };
}
