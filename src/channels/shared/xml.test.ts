import { describe, expect, it } from 'vitest';
import { buildXml, cdata, parseXml, XmlRejectedError, type XmlRejectionCode } from './xml.js';
import { elementOf, textListOf, textOf } from './xml-read.js';

function rejection(xml: string, limits?: Parameters<typeof parseXml>[1]): XmlRejectionCode {
  try {
    parseXml(xml, limits);
  } catch (error) {
    if (error instanceof XmlRejectedError) return error.code;
    throw error;
  }
  throw new Error('expected the XML to be rejected');
}

describe('parseXml', () => {
  it('keeps every value an exact string, ids included', () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
      <xml>
        <MsgId>1234567890123456789012</MsgId>
        <ExternalUserID><![CDATA[0012e5]]></ExternalUserID>
        <Hex>0x1F</Hex>
        <Flag>true</Flag>
        <CreateTime>1403610513</CreateTime>
      </xml>`);
    expect(textOf(root, 'MsgId')).toBe('1234567890123456789012');
    expect(textOf(root, 'ExternalUserID')).toBe('0012e5');
    expect(textOf(root, 'Hex')).toBe('0x1F');
    expect(textOf(root, 'Flag')).toBe('true');
    expect(textOf(root, 'CreateTime')).toBe('1403610513');
  });

  it('keeps CDATA verbatim (markup, whitespace, entities) and decodes entities in plain text', () => {
    const root = parseXml(
      '<xml><Content><![CDATA[  <b>&amp; 你好 👋 </b>\n]]></Content><Plain>  a &lt;b&gt; &amp; &#20320;&#x597D; &quot;&apos;  </Plain><Empty/><Also></Also></xml>',
    );
    expect(textOf(root, 'Content')).toBe('  <b>&amp; 你好 👋 </b>\n');
    expect(textOf(root, 'Plain')).toBe('a <b> & 你好 "\'');
    expect(textOf(root, 'Empty')).toBe('');
    expect(textOf(root, 'Also')).toBe('');
    expect(textOf(root, 'Missing')).toBeUndefined();
  });

  it('joins split CDATA sections, as a builder escapes ]]>', () => {
    const root = parseXml(`<xml><A>${cdata('x]]>y')}</A></xml>`);
    expect(textOf(root, 'A')).toBe('x]]>y');
  });

  it('reads nested lists and ignores attributes, comments and whitespace between elements', () => {
    const root = parseXml(`<xml>
      <!-- a comment with <!DOCTYPE inside is harmless -->
      <MemChangeList kind="x">
        <Item>Jack</Item>
        <Item><![CDATA[Rose]]></Item>
      </MemChangeList>
      <ExtAttr><Item><Text><Value><![CDATA[旅游]]></Value></Text></Item></ExtAttr>
    </xml>`);
    expect(textListOf(root, 'MemChangeList')).toEqual(['Jack', 'Rose']);
    const text = elementOf(elementOf(elementOf(root, 'ExtAttr')!, 'Item')!, 'Text')!;
    expect(textOf(text, 'Value')).toBe('旅游');
  });

  it('accepts DOCTYPE-like text inside CDATA: a customer may type anything', () => {
    const root = parseXml(
      '<xml><Content><![CDATA[<!DOCTYPE x [<!ENTITY a "b">]><?php ?>]]></Content></xml>',
    );
    expect(textOf(root, 'Content')).toBe('<!DOCTYPE x [<!ENTITY a "b">]><?php ?>');
  });

  it('refuses the billion-laughs expansion', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xml><Content>&lol3;</Content></xml>`;
    expect(rejection(lol)).toBe('dtd');
  });

  it('refuses external entities and any DOCTYPE, whatever its case', () => {
    expect(
      rejection(
        '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><A>&xxe;</A></xml>',
      ),
    ).toBe('dtd');
    expect(rejection('<!doctype xml><xml/>')).toBe('dtd');
    expect(rejection('<xml><!ENTITY a "b"><A/></xml>')).toBe('dtd');
  });

  it('refuses an undefined entity reference even without a DTD', () => {
    expect(rejection('<xml><A>&xxe;</A></xml>')).toBe('malformed');
    expect(rejection('<xml><A>&#0;</A></xml>')).toBe('malformed');
    expect(rejection('<xml><A>&#xD800;</A></xml>')).toBe('malformed');
  });

  it('refuses processing instructions other than the leading XML declaration', () => {
    expect(rejection('<?xml-stylesheet href="x"?><xml/>')).toBe('processing_instruction');
    expect(rejection('<xml><?php echo 1 ?></xml>')).toBe('processing_instruction');
    expect(rejection('<xml/><?xml version="1.0"?>')).toBe('processing_instruction');
    expect(textOf(parseXml('\uFEFF <?xml version="1.0"?><xml><A>1</A></xml>'), 'A')).toBe('1');
  });

  it('refuses oversize documents, by UTF-8 bytes, with a configurable cap', () => {
    const big = `<xml><A><![CDATA[${'a'.repeat(64 * 1024)}]]></A></xml>`;
    expect(rejection(big)).toBe('too_large');
    expect(textOf(parseXml(big, { maxBytes: 70_000 }), 'A')).toHaveLength(64 * 1024);
    const multiByte = `<xml><A>${'你'.repeat(300)}</A></xml>`; // 300 chars, 900+ bytes
    expect(rejection(multiByte, { maxBytes: 600 })).toBe('too_large');
  });

  it('refuses deep nesting', () => {
    const deep = `<xml>${'<a>'.repeat(20)}x${'</a>'.repeat(20)}</xml>`;
    expect(rejection(deep)).toBe('too_deep');
    expect(rejection('<xml><a><b>x</b></a></xml>', { maxDepth: 2 })).toBe('too_deep');
  });

  it('refuses malformed XML', () => {
    expect(rejection('<xml><A>1</B></xml>')).toBe('malformed');
    expect(rejection('<xml><A>1</A>')).toBe('malformed');
    expect(rejection('<xml><A><![CDATA[never closed</A></xml>')).toBe('malformed');
    expect(rejection('<xml>a & b</xml>')).toBe('malformed');
    expect(rejection('<xml><__proto__>x</__proto__></xml>')).toBe('malformed');
    expect(rejection('not xml at all')).toBe('malformed');
    expect(rejection('')).toBe('malformed');
  });

  it('refuses a root other than a single <xml>', () => {
    expect(rejection('<root><A>1</A></root>')).toBe('unexpected_root');
    expect(rejection('<xml/><xml/>')).toBe('unexpected_root');
    expect(rejection('<xml/>trailing')).toBe('unexpected_root');
    expect(rejection('<xml/>trailing<!-- c -->')).toBe('unexpected_root');
    expect(parseXml('<xml><A>1</A></xml>\n<!-- c --> \n').name).toBe('xml');
    expect(parseXml('<doc><A>1</A></doc>', { rootName: 'doc' }).name).toBe('doc');
  });

  it('refuses mixed content and ambiguous repeated fields', () => {
    expect(rejection('<xml>text<A>1</A></xml>')).toBe('shape');
    const root = parseXml('<xml><A>1</A><A>2</A><B><C>x</C></B></xml>');
    expect(() => textOf(root, 'A')).toThrow(XmlRejectedError);
    expect(() => textOf(root, 'B')).toThrow(/holds elements/);
  });
});

describe('buildXml', () => {
  it('builds reply XML with CDATA strings, bare numbers and repeated elements', () => {
    expect(
      buildXml({
        ToUserName: 'oUser',
        CreateTime: 1700000000,
        MsgType: 'news',
        ArticleCount: 2,
        Articles: { item: [{ Title: 'a' }, { Title: 'b]]>c' }] },
        Skipped: undefined,
      }),
    ).toBe(
      '<xml><ToUserName><![CDATA[oUser]]></ToUserName><CreateTime>1700000000</CreateTime>' +
        '<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount>' +
        '<Articles><item><Title><![CDATA[a]]></Title></item><item><Title><![CDATA[b]]]]><![CDATA[>c]]></Title></item></Articles></xml>',
    );
  });

  it('round-trips any text through CDATA escaping, dropping only characters XML cannot carry', () => {
    const texts = [
      '',
      ']]>',
      ']]]]>>',
      'a]]>b]]>c',
      '<![CDATA[x]]>',
      '你好 👋🏽 & <tag>',
      'bell\u0007!',
    ];
    for (const text of texts) {
      const root = parseXml(buildXml({ Content: text }));
      expect(textOf(root, 'Content')).toBe(text.replace('\u0007', ''));
    }
  });

  it('refuses element names that are not XML names', () => {
    expect(() => buildXml({ 'bad name': 'x' })).toThrow(/invalid XML element name/);
    expect(() => buildXml({ A: Number.NaN })).toThrow(/non-finite/);
  });
});
