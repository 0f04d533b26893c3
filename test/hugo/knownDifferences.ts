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
  'Hugo 0.123 rewrote page paths: `_index` is dropped from a page\'s path, so the link render hook\'s GetPage finds the section for `_index` written without `.md`; 0.111\'s GetPage does not, and leaves the link as written.';

/** A link spelled with a bare `_index`: dead in 0.111, the section page in the handbook's Hugo. */
function bareIndex(site: string, page: string, dest: string): KnownDifference {
  return { name: `_index without .md: ${dest}`, site, category: 'links', key: `${page} -> ${dest} #1`, hugo0111: 'link-not-found', current: 'ok', why: INDEX_PATHS };
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  ...['_index', './_index', '../_index', '/docs/_index', '_index#docs-heading'].map((d) => bareIndex('attributes', '/docs/page/', d)),
  ...sourceTextId('generated-headings', '/', '_emphasised_-and-bold-and-it', 'emphasised-and-bold-and-it'),
  ...sourceTextId('generated-headings', '/', 'link-textx-inside', 'link-text-inside'),
  ...sourceTextId('generated-headings', '/', 'ampersand--and-amp-entity', 'ampersand--and--entity'),
  ...sourceTextId('generated-headings', '/', 'html-spaninlinespan-tag', 'html-inline-tag'),
  ...sourceTextId('generated-headings', '/', 'a-nameinline-anchoraanchor-before-text', 'anchor-before-text'),
];
