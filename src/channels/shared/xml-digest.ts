import { createHash } from 'node:crypto';
import type { XmlElement, XmlNode } from './xml.js';

/**
 * A stable digest of a parsed callback: element names sorted, repeated elements in document
 * order, whitespace and CDATA-vs-text formatting irrelevant. A re-delivery of the same
 * callback yields the same digest; two different changes differ in at least one field.
 */
export function xmlDigest(root: XmlElement): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(root)))
    .digest('hex');
}

type Canonical = string | [string, Canonical[]][];

function canonical(node: XmlNode): Canonical {
  if (typeof node === 'string') return node;
  return [...node.children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, nodes]) => [name, nodes.map(canonical)]);
}
