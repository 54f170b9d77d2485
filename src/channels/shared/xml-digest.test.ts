import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement, type XmlNode } from './xml.js';
import { xmlDigest } from './xml-digest.js';

/** The digest as first defined (stored dedup keys depend on it): JSON of the sorted tree. */
function referenceDigest(root: XmlElement): string {
  type Canonical = string | [string, Canonical[]][];
  const canonical = (node: XmlNode): Canonical =>
    typeof node === 'string'
      ? node
      : [...node.children.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, nodes]) => [name, nodes.map(canonical)]);
  return createHash('sha256')
    .update(JSON.stringify(canonical(root)))
    .digest('hex');
}

const samples = ['../wecom/fixtures/', '../oa/fixtures/'].flatMap((dir) => {
  const url = new URL(dir, import.meta.url);
  return readdirSync(url)
    .filter((file) => file.endsWith('.xml'))
    .map((file) => readFileSync(new URL(file, url), 'utf8'));
});

describe('xmlDigest', () => {
  it('is the digest stored keys were made with, on every sample', () => {
    expect(samples.length).toBeGreaterThan(10);
    for (const xml of samples) {
      const root = parseXml(xml);
      expect(xmlDigest(root)).toBe(referenceDigest(root));
    }
  });

  it('is the same digest on generated trees (odd names and texts, repeats, nesting)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const name = fc.oneof(fc.constantFrom('A', 'B', 'Item', 'a', '"', '\\', 'é', ''), text);
    const tree = fc.letrec<{ node: XmlNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc
          .array(fc.tuple(name, fc.array(tie('node'), { minLength: 1, maxLength: 3 })), {
            maxLength: 5,
          })
          .map((entries): XmlElement => ({ name: 'x', children: new Map(entries) })),
      ),
    })).node;
    const root = fc
      .array(fc.tuple(name, fc.array(tree, { minLength: 1, maxLength: 3 })), { maxLength: 8 })
      .map((entries): XmlElement => ({ name: 'xml', children: new Map(entries) }));
    fc.assert(
      fc.property(root, (r) => {
        expect(xmlDigest(r)).toBe(referenceDigest(r));
      }),
      { numRuns: 1000, seed: 2026 },
    );
  });
});
