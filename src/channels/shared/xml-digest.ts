import { hash } from 'node:crypto';
import type { XmlElement, XmlNode } from './xml.js';

/**
 * A stable digest of a parsed callback: element names sorted, repeated elements in document
 * order, whitespace and CDATA-vs-text formatting irrelevant. A re-delivery of the same
 * callback yields the same digest; two different changes differ in at least one field.
 *
 * The digested text is the JSON of the canonical form `[[name, [node, …]], …]` (a text node
 * is its JSON string), written directly rather than built as arrays and stringified; stored
 * dedup keys depend on it, so it must never change.
 */
export function xmlDigest(root: XmlElement): string {
  return hash('sha256', canonical(root), 'hex');
}

function canonical(node: XmlNode): string {
  if (typeof node === 'string') return JSON.stringify(node);
  const names = [...node.children.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '[';
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (i > 0) out += ',';
    out += `[${JSON.stringify(name)},[`;
    const nodes = node.children.get(name)!;
    for (let j = 0; j < nodes.length; j++) {
      if (j > 0) out += ',';
      out += canonical(nodes[j]!);
    }
    out += ']]';
  }
  return `${out}]`;
}
