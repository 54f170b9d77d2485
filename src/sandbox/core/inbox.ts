import type { MessageSender, ReceivedChannel, ReceivedMessage } from '../state/inbox.js';
import type { SandboxContext } from './context.js';

const LINK_KEYS = new Set(['url', 'pagepath', 'page']);
const IMAGE_KEYS = new Set(['picurl', 'pic_url', 'avatar', 'thumb_url', 'headimgurl']);

/** URLs a message carries: links, template urls, mini program pages, URLs inside text. */
export function linksIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (IMAGE_KEYS.has(key)) return;
      if (LINK_KEYS.has(key)) found.add(v);
      else for (const match of v.matchAll(/https?:\/\/[^\s"'<>]+/g)) found.add(match[0]);
    } else if (Array.isArray(v)) {
      for (const item of v) visit(item, key);
    } else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) visit(inner, k);
    }
  };
  visit(value, '');
  return [...found];
}

/** Records that a person received a message (what tests assert on: what the person saw). */
export function deliverToPerson(
  ctx: SandboxContext,
  personId: string,
  message: {
    channel: ReceivedChannel;
    from: MessageSender;
    msgtype: string;
    text: string;
    payload: Record<string, unknown>;
    ref: string;
  },
): ReceivedMessage {
  const received: ReceivedMessage = {
    id: ctx.ids.chars('rcv_', 20),
    at: ctx.now(),
    links: linksIn(message.payload),
    ...message,
  };
  (ctx.state.inbox[personId] ??= []).push(received);
  ctx.changed();
  return received;
}

/** The first readable line of a WeCom message: its text, else the first attachment's title. */
export function summaryOf(content: {
  text?: { content?: string };
  attachments?: Record<string, unknown>[];
}): string {
  if (content.text?.content) return content.text.content;
  for (const attachment of content.attachments ?? []) {
    const type = String(attachment.msgtype ?? '');
    const inner = attachment[type] as Record<string, unknown> | undefined;
    if (inner && typeof inner.title === 'string') return inner.title;
    if (type) return `[${type}]`;
  }
  return '';
}

/** Delivers a WeCom message body (text + attachments: welcome, mass send, moment) to a person. */
export function deliverWecomContent(
  ctx: SandboxContext,
  personId: string,
  message: {
    channel: ReceivedChannel;
    from: MessageSender;
    content: { text?: { content: string }; attachments?: Record<string, unknown>[] };
    ref: string;
    msgtype?: string;
  },
): ReceivedMessage {
  const { content } = message;
  return deliverToPerson(ctx, personId, {
    channel: message.channel,
    from: message.from,
    msgtype:
      message.msgtype ??
      (content.text ? 'text' : String(content.attachments?.[0]?.msgtype ?? 'text')),
    text: summaryOf(content),
    payload: {
      ...(content.text ? { text: content.text } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
    },
    ref: message.ref,
  });
}
