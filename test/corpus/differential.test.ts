// The line scanner against remark, on a sample of the real handbook. The index scans every page with a
// purpose-built scanner (remark over the whole handbook takes 35 s here); this keeps the two honest:
// headings and link destinations must agree, outside the places where Hugo itself differs from
// CommonMark (shortcode calls, which Hugo replaces before Markdown is read, are blanked for remark).
import { before, test } from 'node:test';
import { corpusSite } from '../support/corpus';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { parseDocument } from '../../server/src/parse/document';
import GithubSlugger from 'github-slugger';
import { plainText } from '../../server/src/parse/headings';

let dir: string;
let pages: string[];

before(() => {
  dir = path.dirname(corpusSite());
  const all: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) all.push(p);
    }
  };
  walk(path.join(dir, 'gitlab-handbook', 'content'));
  all.sort();
  // Every 12th page: about 345 pages, a few seconds of remark.
  pages = all.filter((_, i) => i % 12 === Number(process.env["DIFF_OFFSET"] ?? 0));
});

const processor = unified().use(remarkParse).use(remarkGfm);

function compare(file: string): { headings: [string[], string[]]; links: [string[], string[]] } {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parseDocument(text);
  // Hugo replaces shortcode calls before Markdown is read: blank them for remark, keeping offsets, with
  // no-break spaces (plain spaces would turn "1. {{% a %}} Text" into an indented code block).
  let body = text;
  for (const c of parsed.shortcodes) body = body.slice(0, c.start) + '\u00a0'.repeat(c.end - c.start) + body.slice(c.end);
  body = body.slice(0, parsed.bodyStart).replace(/[^\n]/g, ' ') + body.slice(parsed.bodyStart);
  const tree = processor.parse(body);
  // Headings compare by level and id, what links rely on (raw HTML in a heading adds no text to its id).
  const remarkSlugger = new GithubSlugger();
  const scannerSlugger = new GithubSlugger();
  const remarkHeadings: string[] = [];
  const remarkLinks: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading') {
      // An attribute list ends a heading's text (`{#id}`, `{.class}`); the scanner takes it out.
      const t = toString(node).replace(/\s*\{[#.][^}]*\}\s*$/, '').replace(/<[^>]*>/g, '').replace(/\u00a0/g, '').trim();
      remarkHeadings.push(`${(node as { depth: number }).depth} ${remarkSlugger.slug(t)}`);
    }
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      const start = node.position?.start.offset ?? 0;
      // Autolinks and bare URLs (GFM) are not [text](dest) links; the scanner does not list them.
      if (node.type === 'link' && text[start] !== '[') return;
      remarkLinks.push((node as { url: string }).url);
    }
  });
  const inShortcode = (o: number) => parsed.shortcodes.some((c) => o >= c.start && o < c.end);
  const scannerHeadings = parsed.headings.filter((h) => !inShortcode(h.start)).map((h) => `${h.level} ${scannerSlugger.slug(plainText(h.text))}`);
  // Raw HTML <a href>s are links to the scanner too; remark keeps them as HTML.
  const scannerLinks = parsed.links.filter((l) => !inShortcode(l.start) && !l.html).map((l) => l.destination);
  return { headings: [scannerHeadings, remarkHeadings], links: [scannerLinks, remarkLinks] };
}

test('headings and link destinations agree with remark on a sample of the real handbook', () => {
  let headings = 0;
  let links = 0;
  const headingDiffs: string[] = [];
  const linkDiffs: string[] = [];
  for (const file of pages) {
    const r = compare(file);
    headings += r.headings[1].length;
    links += r.links[1].length;
    const rel = path.relative(dir, file);
    if (r.headings[0].join('\n') !== r.headings[1].join('\n')) headingDiffs.push(`${rel}\n  scanner: ${JSON.stringify(r.headings[0])}\n  remark:  ${JSON.stringify(r.headings[1])}`);
    const a = [...r.links[0]].map(decodeOnce).sort().join('\n');
    const b = [...r.links[1]].map(decodeOnce).sort().join('\n');
    if (a !== b) linkDiffs.push(`${rel}\n  only scanner: ${JSON.stringify(r.links[0].filter((x) => !r.links[1].includes(x)))}\n  only remark:  ${JSON.stringify(r.links[1].filter((x) => !r.links[0].includes(x)))}`);
  }
  console.log(`${pages.length} pages, ${headings} headings, ${links} links; pages that differ: ${headingDiffs.length} (headings), ${linkDiffs.length} (links)`);
  for (const d of [...headingDiffs, ...linkDiffs].slice(0, 40)) console.log(d);
  assert.ok(headings > 1000 && links > 1000, 'the sample is large enough to mean something');
  assert.deepEqual(headingDiffs, []);
  assert.deepEqual(linkDiffs, []);
});

function decodeOnce(s: string): string {
  // remark decodes character references and backslash escapes in destinations; the scanner keeps the text as written.
  s = s.replace(/&amp;/g, '&').replace(/\\([!-/:-@[-`{-~])/g, '$1');
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
