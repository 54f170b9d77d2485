import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildXml, parseXml, parseXmlGeneral, type XmlNode } from './xml.js';
import { scanXml } from './xml-scan.js';

/** A tree with its element order kept, so two trees compare exactly. */
type Plain = string | { name: string; children: [string, Plain[]][] };
const plain = (node: XmlNode): Plain =>
  typeof node === 'string'
    ? node
    : {
        name: node.name,
        children: [...node.children].map(([name, nodes]) => [name, nodes.map(plain)]),
      };

type General = { tree: Plain } | { rejected: string };
function general(xml: string, root = 'xml', depth = 10): General {
  try {
    return { tree: plain(parseXmlGeneral(xml, root, depth)) };
  } catch (error) {
    return { rejected: (error as { code?: string }).code ?? String(error) };
  }
}

/** The fast path either declines or gives exactly the general path's tree. */
function expectSameAsGeneral(xml: string, root = 'xml', depth = 10): boolean {
  const fast = scanXml(xml, root, depth);
  if (fast === undefined) return false;
  expect({ tree: plain(fast) }, JSON.stringify(xml)).toEqual(general(xml, root, depth));
  return true;
}

const fixtureDirs = [
  new URL('../wecom/fixtures/', import.meta.url),
  new URL('../oa/fixtures/', import.meta.url),
  new URL('../../../../shared/docs/wechat-samples/', import.meta.url),
].filter((dir) => existsSync(dir));

const samples = fixtureDirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.xml'))
    .map((file) => ({ file, xml: readFileSync(new URL(file, dir), 'utf8') })),
);

describe('scanXml (the fast path of parseXml)', () => {
  it('reads every WeChat sample in one pass, exactly as the general path does', () => {
    expect(samples.length).toBeGreaterThanOrEqual(17);
    for (const { file, xml } of samples) {
      expect(expectSameAsGeneral(xml), file).toBe(true);
      // As the platforms send them: compact, and sealed in an envelope.
      const compact = xml.replace(/>\s+</g, '><').trim();
      expect(expectSameAsGeneral(compact), file).toBe(true);
      const envelope = buildXml({ ToUserName: 'ww1', Encrypt: 'a/b+c==', AgentID: '1' });
      expect(expectSameAsGeneral(envelope), file).toBe(true);
    }
  });

  it('declines what it does not read itself, so the general path decides', () => {
    const declined = [
      '<?xml version="1.0"?><xml><A>1</A></xml>',
      '<xml><!-- c --><A>1</A></xml>',
      '<xml><A k="v">1</A></xml>',
      '<xml ><A>1</A></xml>',
      '<xml><A>a &amp; b</A></xml>',
      '<xml><A>a > b</A></xml>',
      '<xml><A>a\r\nb</A></xml>',
      '<xml><A><![CDATA[a\r\nb]]></A></xml>',
      '<xml><A>1</B></xml>',
      '<xml><A>1</A>',
      '<xml><A>1</A></xml>x',
      '<xml><A>1</A></xml><xml/>',
      '<xml>text<A>1</A></xml>',
      '<xml><![CDATA[]]><A>1</A></xml>',
      '<other><A>1</A></other>',
      '<xml><constructor>1</constructor></xml>',
      '<xml><toString>1</toString></xml>',
      '<xml><a:b>1</a:b></xml>',
      '\uFEFF<xml><A>1</A></xml>',
      '<!DOCTYPE xml><xml/>',
      `<xml>${'<A>'.repeat(10)}1${'</A>'.repeat(10)}</xml>`,
    ];
    for (const xml of declined) expect(scanXml(xml, 'xml', 10), xml).toBeUndefined();
    // …and parseXml still answers as before for each of them.
    for (const xml of declined) {
      const viaParseXml = (() => {
        try {
          return { tree: plain(parseXml(xml)) };
        } catch (error) {
          return { rejected: (error as { code: string }).code };
        }
      })();
      expect(viaParseXml, xml).toEqual(general(xml));
    }
  });

  it('takes documents within its reach, to the depth limit and no further', () => {
    const nine = `<xml>${'<A>'.repeat(9)}1${'</A>'.repeat(9)}</xml>`;
    expect(expectSameAsGeneral(nine)).toBe(true);
    expect(expectSameAsGeneral('<xml/>')).toBe(true);
    expect(expectSameAsGeneral('\n\t <xml>hi</xml>\n ')).toBe(true);
    expect(
      expectSameAsGeneral('<xml><A> x <![CDATA[y]]> </A><A/><B>\u3000 b \u3000</B></xml>'),
    ).toBe(true);
    expect(expectSameAsGeneral('<Root><A>1</A></Root>', 'Root')).toBe(true);
  });

  const cleanNames = ['xml', 'A', 'a', 'Item', 'ToUserName', '_x', 'a.b', 'a-b', 'A1', 'name'];
  const oddNames = ['hasOwnProperty', 'constructor', '__proto__', 'a:b', '1a', 'é'];
  const cleanText = [
    'a',
    'Z',
    '0',
    ' ',
    '  ',
    '\t',
    '\n',
    ']',
    '你好',
    '👋',
    '\u3000',
    '\u00a0',
    '"',
  ];
  const oddText = ['\r', '\r\n', '&', '&amp;', '&lt;', '&#20320;', '&bogus;', '>', ']]>', '\u0001'];
  const cleanEnds = { lead: ['', ' ', '\n'], root: ['xml'], trail: ['', '\n'] };
  const oddEnds = {
    lead: ['<?xml version="1.0"?>', '\uFEFF'],
    root: ['other'],
    trail: [' x', '<xml/>', '<!-- c -->'],
  };

  /** Documents from these names, text pieces and document ends. */
  function documents(names: string[], pieces: string[], ends: typeof cleanEnds) {
    const name = fc.constantFrom(...names);
    const text = fc
      .array(fc.constantFrom(...pieces), { maxLength: 6 })
      .map((parts) => parts.join(''));
    const content = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        text.map((t) => `<![CDATA[${t}]]>`),
        fc
          .tuple(name, fc.array(tie('node'), { maxLength: 5 }))
          .map(([n, children]) => `<${n}>${children.join('')}</${n}>`),
        name.map((n) => `<${n}/>`),
      ),
    })).node;
    return fc
      .tuple(
        fc.constantFrom(...ends.lead),
        fc.constantFrom(...ends.root),
        fc.array(content, { maxLength: 8 }),
        fc.constantFrom(...ends.trail),
      )
      .map(
        ([lead, root, children, trail]) => `${lead}<${root}>${children.join('')}</${root}>${trail}`,
      );
  }
  const both = <T>(a: T[], b: T[]) => [...a, ...b];

  it('never differs from the general path on generated documents', () => {
    let taken = 0;
    const check = (xml: string) => {
      if (expectSameAsGeneral(xml)) taken += 1;
    };
    // Plain documents: mostly within the fast path's reach.
    fc.assert(fc.property(documents(cleanNames, cleanText, cleanEnds), check), {
      numRuns: 3000,
      seed: 2026,
    });
    expect(taken).toBeGreaterThan(500);
    // Anything goes: odd names, entities, CR, declarations, text around the root.
    const odd = documents(both(cleanNames, oddNames), both(cleanText, oddText), {
      lead: both(cleanEnds.lead, oddEnds.lead),
      root: both(cleanEnds.root, oddEnds.root),
      trail: both(cleanEnds.trail, oddEnds.trail),
    });
    fc.assert(fc.property(odd, check), { numRuns: 5000, seed: 2026 });
  });

  it('never differs from the general path on mutated samples (truncated, spliced, broken)', () => {
    const sources = samples.map((s) => s.xml.replace(/>\s+</g, '><').trim());
    const mutated = fc
      .tuple(
        fc.constantFrom(...sources),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat({ max: 3 }),
            fc.constantFrom('<', '>', '/', '!', '[', ']', ' ', 'x', '&', '\r', '<A>', '</A>', ''),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      )
      .map(([source, edits]) =>
        edits.reduce((xml, [at, remove, insert]) => {
          const i = at % (xml.length + 1);
          return xml.slice(0, i) + insert + xml.slice(i + remove);
        }, source),
      );
    fc.assert(
      fc.property(mutated, (xml) => {
        expectSameAsGeneral(xml);
      }),
      { numRuns: 5000, seed: 2026 },
    );
  });
});
