import { parseXml, type XmlElement } from '../../channels/shared/xml.js';
import { elementOf, textOf } from '../../channels/shared/xml-read.js';
import type { SandboxContext } from '../core/context.js';
import { deliverToPerson } from '../core/inbox.js';
import type { OfficialAccount } from '../state/oa.js';

function fieldsOf(element: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, nodes] of element.children) {
    const values = nodes.map((n) => (typeof n === 'string' ? n : fieldsOf(n)));
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function replyText(root: XmlElement, msgType: string): string {
  if (msgType === 'text') return textOf(root, 'Content') ?? '';
  const articles = elementOf(root, 'Articles');
  const first = articles?.children.get('item')?.[0];
  if (first && typeof first !== 'string') return textOf(first, 'Title') ?? '[news]';
  return `[${msgType}]`;
}

/** Returns a reply handler that records an Official Account passive reply as received by the person. */
export function recordPassiveReply(ctx: SandboxContext, oa: OfficialAccount, personId: string) {
  return (replyXml: string): void => {
    let root: XmlElement;
    try {
      root = parseXml(replyXml);
    } catch {
      return;
    }
    const msgType = textOf(root, 'MsgType') ?? 'text';
    deliverToPerson(ctx, personId, {
      channel: 'oa_passive_reply',
      from: { kind: 'oa', appid: oa.appid },
      msgtype: msgType,
      text: replyText(root, msgType),
      payload: fieldsOf(root),
      ref: '',
    });
  };
}
