import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { scanXml } from './xml-scan.js';

/**
 * Hardened parsing of WeChat callback XML. Every value stays a string (ids such as MsgId or
 * ExternalUserID must never become numbers), DTDs, entity declarations and processing
 * instructions are refused before the parser sees them, and size, depth and shape are bounded.
 */

export type XmlNode = string | XmlElement;

export interface XmlElement {
  readonly name: string;
  /** Child elements by name, in document order; repeated names keep every occurrence. */
  readonly children: ReadonlyMap<string, readonly XmlNode[]>;
}

export type XmlRejectionCode =
  | 'too_large'
  | 'dtd'
  | 'processing_instruction'
  | 'malformed'
  | 'unexpected_root'
  | 'too_deep'
  | 'shape';

export class XmlRejectedError extends Error {
  constructor(
    readonly code: XmlRejectionCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'XmlRejectedError';
  }
}

export interface XmlLimits {
  /** UTF-8 bytes; default 64 KiB. */
  readonly maxBytes?: number;
  /** Element nesting, the root counting as 1; default 10. */
  readonly maxDepth?: number;
  /** The required root element name; default `xml`. */
  readonly rootName?: string;
}

export const DEFAULT_XML_MAX_BYTES = 64 * 1024;
const DEFAULT_MAX_DEPTH = 10;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Ordered = Record<string, unknown>;

export function parseXml(input: string, limits: XmlLimits = {}): XmlElement {
  const maxBytes = limits.maxBytes ?? DEFAULT_XML_MAX_BYTES;
  if (input.length > maxBytes || Buffer.byteLength(input, 'utf8') > maxBytes) {
    throw new XmlRejectedError('too_large', `XML exceeds ${maxBytes} bytes`);
  }
  const rootName = limits.rootName ?? 'xml';
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Plain WeChat XML takes one pass; anything else (and every refusal) the general path.
  return scanXml(input, rootName, maxDepth) ?? parseXmlGeneral(input, rootName, maxDepth);
}

/**
 * The general path: screens declarations, validates, parses with fast-xml-parser and
 * converts its output. Exported for the tests that hold the fast path to it.
 */
export function parseXmlGeneral(input: string, expected: string, maxDepth: number): XmlElement {
  const xml = input.replace(/^\s+/, ''); // \s covers a leading BOM too
  screenMarkup(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new XmlRejectedError('malformed', `malformed XML: ${valid.err.msg}`);
  }
  let ordered: Ordered[];
  try {
    ordered = parser.parse(xml) as Ordered[];
  } catch (cause) {
    throw new XmlRejectedError('malformed', 'malformed XML', { cause });
  }
  const roots = ordered.filter((node) => !isWhitespaceText(node));
  if (!endsWithMarkup(xml)) {
    throw new XmlRejectedError('unexpected_root', 'text after the document root');
  }
  const root = roots[0];
  const rootKey = root === undefined ? undefined : nodeKey(root);
  if (roots.length !== 1 || rootKey !== expected) {
    throw new XmlRejectedError(
      'unexpected_root',
      `the document root must be a single <${expected}>`,
    );
  }
  const tree = toNode(expected, root![expected] as Ordered[], 1, maxDepth);
  return typeof tree === 'string' ? { name: expected, children: new Map() } : tree;
}

/** Refuses `<!DOCTYPE`, `<!ENTITY` (any `<!` declaration) and processing instructions, outside CDATA and comments. */
function screenMarkup(xml: string): void {
  let i = xml.indexOf('<');
  while (i !== -1) {
    if (xml.startsWith('<![CDATA[', i)) {
      i = skipPast(xml, ']]>', i + 9);
    } else if (xml.startsWith('<!--', i)) {
      i = skipPast(xml, '-->', i + 4);
    } else if (xml.startsWith('<!', i)) {
      throw new XmlRejectedError('dtd', 'DOCTYPE and entity declarations are not accepted');
    } else if (xml.startsWith('<?', i)) {
      if (i !== 0 || !/^<\?xml[\s?]/.test(xml)) {
        throw new XmlRejectedError(
          'processing_instruction',
          'processing instructions are not accepted',
        );
      }
      i = skipPast(xml, '?>', i + 2);
    } else {
      i += 1;
    }
    i = xml.indexOf('<', i);
  }
}

/** The parser drops text after the root element; refuse it (comments and whitespace may follow). */
function endsWithMarkup(xml: string): boolean {
  let rest = xml.trimEnd();
  while (rest.endsWith('-->')) {
    const start = rest.lastIndexOf('<!--');
    if (start === -1) return false;
    rest = rest.slice(0, start).trimEnd();
  }
  return rest.endsWith('>');
}

function skipPast(xml: string, terminator: string, from: number): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1)
    throw new XmlRejectedError('malformed', `unterminated markup, missing ${terminator}`);
  return end + terminator.length;
}

function nodeKey(node: Ordered): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

function isWhitespaceText(node: Ordered): boolean {
  return nodeKey(node) === '#text' && String(node['#text']).trim() === '';
}

interface TextPart {
  readonly cdata: boolean;
  readonly text: string;
}

function toNode(name: string, content: Ordered[], depth: number, maxDepth: number): XmlNode {
  if (depth > maxDepth) throw new XmlRejectedError('too_deep', `XML nests deeper than ${maxDepth}`);
  const children = new Map<string, XmlNode[]>();
  const parts: TextPart[] = [];
  for (const node of content) {
    const key = nodeKey(node);
    if (key === undefined) continue;
    if (key === '#text') {
      parts.push({ cdata: false, text: decodeEntities(String(node[key])) });
    } else if (key === '#cdata') {
      const inner = node[key] as Ordered[];
      parts.push({ cdata: true, text: inner.map((n) => String(n['#text'] ?? '')).join('') });
    } else {
      const list = children.get(key) ?? [];
      list.push(toNode(key, node[key] as Ordered[], depth + 1, maxDepth));
      children.set(key, list);
    }
  }
  const meaningful = parts.filter((part) => part.cdata || part.text.trim() !== '');
  if (children.size > 0) {
    if (meaningful.length > 0) {
      throw new XmlRejectedError('shape', `<${name}> mixes text and child elements`);
    }
    return { name, children };
  }
  if (parts.some((part) => part.cdata)) return meaningful.map((part) => part.text).join('');
  return parts
    .map((part) => part.text)
    .join('')
    .trim();
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Only XML's five predefined entities and character references; anything else is refused. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]*);/g, (_match, ref: string) => {
    const named = NAMED_ENTITIES[ref];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    const codePoint = numeric ? parseInt(numeric[1] ?? numeric[2]!, numeric[1] ? 16 : 10) : NaN;
    if (!isXmlChar(codePoint)) {
      throw new XmlRejectedError('malformed', `undefined entity or character reference &${ref};`);
    }
    return String.fromCodePoint(codePoint);
  });
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** A value for {@link buildXml}: strings become CDATA, numbers stay bare, arrays repeat the element. */
export type XmlBuildValue = string | number | XmlBuildFields;
export interface XmlBuildFields {
  readonly [name: string]: XmlBuildValue | readonly XmlBuildValue[] | undefined;
}

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 cannot carry at all, not even in CDATA.
const NON_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Builds reply XML such as `<xml><ToUserName><![CDATA[..]]></ToUserName>…</xml>`. */
export function buildXml(fields: XmlBuildFields, rootName = 'xml'): string {
  return element(rootName, fields);
}

/** Wraps text in CDATA; `]]>` is split across two sections and non-XML characters are dropped. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NON_XML_CHARS, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function element(name: string, value: XmlBuildValue): string {
  if (!ELEMENT_NAME.test(name)) throw new Error(`invalid XML element name: ${name}`);
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`non-finite number for <${name}>`);
    return `<${name}>${value}</${name}>`;
  }
  let inner = '';
  for (const [childName, childValue] of Object.entries(value)) {
    if (childValue === undefined) continue;
    const values: readonly XmlBuildValue[] = Array.isArray(childValue)
      ? childValue
      : [childValue as XmlBuildValue];
    for (const item of values) inner += element(childName, item);
  }
  return `<${name}>${inner}</${name}>`;
}
