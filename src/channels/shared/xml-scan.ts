import type { XmlElement, XmlNode } from './xml.js';

/**
 * The fast path of `parseXml`: one pass over the plain XML WeChat actually sends (elements
 * without attributes, text, CDATA, `<X/>`), building the same tree as the general path.
 *
 * It never rejects anything itself: on the first thing outside that subset — a comment, a
 * declaration or processing instruction, an attribute or space inside a tag, an entity
 * reference, a carriage return, a mismatched or unclosed tag, text mixed with elements, a
 * name the general parser treats specially, too much depth, another root, text after the
 * root — it returns `undefined` and the caller runs the general (validating) parser, which
 * accepts or refuses the document with its precise reason. So the fast path can only ever
 * take documents the general path accepts, and gives them the same tree (tested against it
 * on every fixture and on generated documents).
 */
export function scanXml(xml: string, rootName: string, maxDepth: number): XmlElement | undefined {
  let i = skipBlanks(xml, 0);
  const stack: Frame[] = [];
  let root: XmlNode | undefined;
  while (i < xml.length) {
    if (xml.charCodeAt(i) !== LT) {
      // Text inside an element (outside any element, only blanks are skipped below).
      const frame = stack[stack.length - 1];
      if (frame === undefined) return undefined;
      let end = xml.indexOf('<', i);
      if (end === -1) end = xml.length;
      if (!plainText(xml, i, end)) return undefined;
      frame.text(xml.slice(i, end));
      i = end;
      continue;
    }
    const next = xml.charCodeAt(i + 1);
    if (next === SLASH) {
      const frame = stack.pop();
      if (frame === undefined) return undefined;
      const end = i + 2 + frame.name.length;
      if (xml.charCodeAt(end) !== GT || !xml.startsWith(frame.name, i + 2)) return undefined;
      const node = frame.close();
      if (node === undefined) return undefined;
      i = end + 1;
      if (!attach(stack, frame.name, node)) {
        root = node;
        break;
      }
      continue;
    }
    if (next === BANG) {
      const frame = stack[stack.length - 1];
      if (frame === undefined || !xml.startsWith('<![CDATA[', i)) return undefined;
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) return undefined;
      const text = xml.slice(i + 9, end);
      if (text.includes('\r')) return undefined; // the general path normalises line ends
      frame.cdata(text);
      i = end + 3;
      continue;
    }
    const nameEnd = scanName(xml, i + 1);
    if (nameEnd === i + 1) return undefined;
    const name = xml.slice(i + 1, nameEnd);
    if (reservedName(name)) return undefined;
    if (stack.length === 0 && name !== rootName) return undefined;
    if (stack.length >= maxDepth) return undefined;
    const close = xml.charCodeAt(nameEnd);
    if (close === GT) {
      stack.push(new Frame(name));
      i = nameEnd + 1;
    } else if (close === SLASH && xml.charCodeAt(nameEnd + 1) === GT) {
      i = nameEnd + 2;
      if (!attach(stack, name, '')) {
        root = '';
        break;
      }
    } else {
      return undefined;
    }
  }
  if (root === undefined || skipBlanks(xml, i) !== xml.length) return undefined;
  return typeof root === 'string' ? { name: rootName, children: new Map() } : root;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;

/** An element being read: its children, or its text as the general path would join it. */
class Frame {
  private children: Map<string, XmlNode[]> | undefined;
  /** Every text run and CDATA section, in order (the value without CDATA, then trimmed). */
  private all = '';
  /** CDATA sections and non-blank text runs (the value when there is CDATA, untrimmed). */
  private meaningful = '';
  private hasCdata = false;
  private hasMeaningful = false;

  constructor(readonly name: string) {}

  text(run: string): void {
    this.all += run;
    if (run.trim() !== '') {
      this.meaningful += run;
      this.hasMeaningful = true;
    }
  }

  cdata(text: string): void {
    this.all += text;
    this.meaningful += text;
    this.hasCdata = true;
    this.hasMeaningful = true;
  }

  child(name: string, node: XmlNode): void {
    this.children ??= new Map();
    const list = this.children.get(name);
    if (list === undefined) this.children.set(name, [node]);
    else list.push(node);
  }

  /** The node, or undefined for text mixed with elements (the general path refuses it). */
  close(): XmlNode | undefined {
    if (this.children !== undefined) {
      return this.hasMeaningful ? undefined : { name: this.name, children: this.children };
    }
    return this.hasCdata ? this.meaningful : this.all.trim();
  }
}

/** Adds a closed element to its parent; false when it was the root. */
function attach(stack: Frame[], name: string, node: XmlNode): boolean {
  const parent = stack[stack.length - 1];
  if (parent === undefined) return false;
  parent.child(name, node);
  return true;
}

function skipBlanks(xml: string, from: number): number {
  let i = from;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09) break;
  }
  return i;
}

/** The end of an element name `[A-Za-z_][A-Za-z0-9_.-]*` starting at `from`. */
function scanName(xml: string, from: number): number {
  let i = from;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
    const other = (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;
    if (!letter && !(other && i > from)) break;
  }
  return i;
}

/** Names the general parser renames or refuses (JavaScript object properties). */
const reservedNames: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);
const reservedName = (name: string) => reservedNames.has(name);

/** Text with no entity reference, `>` or carriage return (the general path rewrites those). */
function plainText(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x26 || c === GT || c === 0x0d) return false;
  }
  return true;
}
