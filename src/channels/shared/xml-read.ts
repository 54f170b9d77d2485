import { XmlRejectedError, type XmlElement, type XmlNode } from './xml.js';

/** Typed reads of a parsed callback: a field expected once must appear at most once. */

function single(parent: XmlElement, name: string): XmlNode | undefined {
  const nodes = parent.children.get(name);
  if (nodes === undefined) return undefined;
  if (nodes.length > 1) {
    throw new XmlRejectedError('shape', `<${name}> appears ${nodes.length} times`);
  }
  return nodes[0];
}

/** The text of a child element, or undefined when absent. */
export function textOf(parent: XmlElement, name: string): string | undefined {
  const node = single(parent, name);
  if (node === undefined || typeof node === 'string') return node;
  throw new XmlRejectedError('shape', `<${name}> holds elements where text was expected`);
}

/** The text of a child element, or undefined when absent or empty. */
export function nonEmptyTextOf(parent: XmlElement, name: string): string | undefined {
  const text = textOf(parent, name);
  return text === '' ? undefined : text;
}

/** A child element, or undefined when absent or empty (`<X/>`). */
export function elementOf(parent: XmlElement, name: string): XmlElement | undefined {
  const node = single(parent, name);
  if (node === undefined || node === '') return undefined;
  if (typeof node === 'string') {
    throw new XmlRejectedError('shape', `<${name}> holds text where elements were expected`);
  }
  return node;
}

/** The texts of every repeated `<itemName>` inside `<listName>` (e.g. MemChangeList/Item). */
export function textListOf(parent: XmlElement, listName: string, itemName = 'Item'): string[] {
  const list = elementOf(parent, listName);
  if (list === undefined) return [];
  return (list.children.get(itemName) ?? []).map((node) => {
    if (typeof node !== 'string') {
      throw new XmlRejectedError('shape', `<${listName}><${itemName}> must hold text`);
    }
    return node;
  });
}
