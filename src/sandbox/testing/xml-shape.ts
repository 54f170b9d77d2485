import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseXml } from '../../channels/shared/xml.js';
import { textOf } from '../../channels/shared/xml-read.js';

/** The child element names of `<xml>`, in document order (what "same shape" means for callbacks). */
export function fieldNames(xml: string): string[] {
  const inner = xml.replace(/^\s*<xml>/, '').replace(/<\/xml>\s*$/, '');
  const names: string[] = [];
  let depth = 0;
  for (const match of inner.matchAll(
    /<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g,
  )) {
    if (match[2] === undefined) continue;
    if (match[1] === '/') depth -= 1;
    else {
      if (depth === 0) names.push(match[2]);
      if (match[3] !== '/') depth += 1;
    }
  }
  return names;
}

export function field(xml: string, name: string): string | undefined {
  return textOf(parseXml(xml), name);
}

/** A documented sample payload kept beside the channel parsers. */
export function sample(platform: 'wecom' | 'oa', file: string): string {
  return fs.readFileSync(
    fileURLToPath(new URL(`../../channels/${platform}/fixtures/${file}`, import.meta.url)),
    'utf8',
  );
}
