// Where Hugo 0.111 (Debian's, the oracle) and the Hugo the handbook builds with (>= 0.123: its config
// and themes need it) are known to answer differently, the engine follows the handbook's Hugo. Each entry
// names cases of the differential test: what 0.111 says there and what current Hugo (and the engine)
// says. A listed case that stops happening fails the test, so the list cannot go stale.
import type { Category } from './oracle';

export interface KnownDifference {
  /** A short name, quoted in the README. */
  name: string;
  site: string;
  category: Category;
  key: string;
  hugo0111: string;
  current: string;
  /** Why current Hugo answers otherwise: the release and what changed. */
  why: string;
}

const PLAIN_TEXT_IDS =
  'Hugo 0.144 makes heading ids from the heading\'s rendered plain text (goldmark\'s Text is deprecated): emphasis marks, link destinations, HTML tags and entities are gone before the slug is made; 0.111 slugs the source text.';

/** A heading whose id 0.111 makes from its source text: two cases, its id there and the current id here. */
function sourceTextId(site: string, url: string, id0111: string, idCurrent: string): KnownDifference[] {
  const name = `heading ids from rendered text: ${idCurrent}`;
  return [
    { name, site, category: 'heading ids', key: `${url}#${id0111}`, hugo0111: 'id', current: 'absent', why: PLAIN_TEXT_IDS },
    { name, site, category: 'heading ids', key: `${url}#${idCurrent}`, hugo0111: 'absent', current: 'id', why: PLAIN_TEXT_IDS },
  ];
}

const INDEX_PATHS =
  'Hugo 0.123\'s GetPage adds .md to a path written without an extension and drops the _index identifier, so the link render hook finds the section for `_index`; 0.111\'s GetPage does not, and leaves the link as written.';

/** A link spelled with a bare `_index`: dead in 0.111, the section page in the handbook's Hugo. */
function bareIndex(site: string, page: string, dest: string): KnownDifference {
  return { name: `_index without .md: ${dest}`, site, category: 'links', key: `${page} -> ${dest} #1`, hugo0111: 'link-not-found', current: 'ok', why: INDEX_PATHS };
}

const GOCCY =
  'Hugo 0.152 reads YAML with goccy/go-yaml, which reports an unterminated quoted string at its opening quote; 0.111 (go-yaml) reports the end of the stream, past the last line of the front matter.';

/** A front matter error 0.111 reports at `line0111` (after the correction below) and current Hugo at `line`. */
function movedError(site: string, file: string, line0111: number, line: number, why: string, name: string): KnownDifference[] {
  return [
    { name, site, category: 'build errors', key: `${file}:${line0111} front matter`, hugo0111: 'error', current: 'no error', why },
    { name, site, category: 'build errors', key: `${file}:${line} front matter`, hugo0111: 'no error', current: 'error', why },
  ];
}

const PAGE_PATHS =
  'Hugo 0.123\'s GetPage (which the link render hook calls) parses the path it is given as a content path: its base, with the extension (any: .md, .html) and the index/_index identifiers dropped and the case lowered; so /a.md, /a/index.md, /a.html and /A/B/ name the pages /a and /a/b. 0.111 matches file names, and leaves these links as written, dead in a browser.';

/** A spelling of a page path that 0.111's GetPage does not find and current Hugo\'s does. */
function pagePath(site: string, page: string, dest: string): KnownDifference {
  return { name: `page path spellings: ${dest}`, site, category: 'links', key: `${page} -> ${dest} #1`, hugo0111: 'link-not-found', current: 'ok', why: PAGE_PATHS };
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  ...['/a.md', '/a/index.md', '/a.html', '/a.md#h', '/A/B/', '/A/C/'].map((d) => pagePath('generated-links', '/a/from/', d)),
  ...movedError('front-matter-yaml-unterminated-double', 'content/p.md', 5, 2, GOCCY, 'unterminated YAML string: at its opening quote'),
  ...movedError('front-matter-yaml-unterminated-single', 'content/p.md', 5, 3, GOCCY, 'unterminated YAML string: at its opening quote'),
  ...movedError(
    'front-matter-json-missing-colon',
    'content/p.md',
    1,
    3,
    '0.111 gives this JSON syntax error no position (line 1, column 1); the engine reports the line where the parser stopped, where the colon is missing.',
    'JSON error without a position in 0.111',
  ),
  ...['_index', './_index', '../_index', '/docs/_index', '_index#docs-heading'].map((d) => bareIndex('attributes', '/docs/page/', d)),
  ...sourceTextId('generated-headings', '/', '_emphasised_-and-bold-and-it', 'emphasised-and-bold-and-it'),
  ...sourceTextId('generated-headings', '/', 'link-textx-inside', 'link-text-inside'),
  ...sourceTextId('generated-headings', '/', 'ampersand--and-amp-entity', 'ampersand--and--entity'),
  ...sourceTextId('generated-headings', '/', 'html-spaninlinespan-tag', 'html-inline-tag'),
  ...sourceTextId('generated-headings', '/', 'a-nameinline-anchoraanchor-before-text', 'anchor-before-text'),
  ...sourceTextId('edge-cases', '/', 'entity-copy-2024-and-169', 'entity--2024-and-'),
  { name: 'heading ids from rendered text: a link to one', site: 'edge-cases', category: 'links', key: '/ -> #entity--2024-and- #1', hugo0111: 'anchor-not-found', current: 'ok', why: PLAIN_TEXT_IDS },
];

/**
 * Hugo 0.111's arithmetic of front matter error lines, corrected before comparing: it gives YAML
 * errors the line within the front matter (one less than the file's line, the `---` line not counted),
 * and JSON errors one line below (it adds a delimiter line that JSON front matter does not have).
 * Current Hugo reports the line in the file (and for YAML the column too); so does the engine.
 */
export const POSITION_CORRECTIONS: { name: string; applies: (message: string) => boolean; lines: number }[] = [
  { name: '0.111 numbers YAML error lines within the front matter', applies: (m) => m.includes('failed to unmarshal YAML'), lines: 1 },
  { name: '0.111 puts JSON errors one line below', applies: (m) => /:([2-9]|\d\d+):\d+": unmarshal failed: (invalid character|unexpected)/i.test(m), lines: -1 },
];
