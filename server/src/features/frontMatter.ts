// Front matter: completion of the keys a handbook page uses, and a warning when a page has no title.
import type { SiteView } from './view';
import type { ParsedDocument } from '../parse/document';
import type { Problem } from './types';

/** Keys Hugo, Docsy and the handbook read from a page's front matter, with what each does. */
export const FRONT_MATTER_KEYS: { key: string; description: string; snippet: string }[] = [
  { key: 'title', description: 'The page title: the heading, the browser tab, search and every link preview.', snippet: 'title: "$1"' },
  { key: 'description', description: 'One sentence that says what the page is for (search results, link previews, section lists).', snippet: 'description: "$1"' },
  { key: 'aliases', description: 'Old URLs of this page that should redirect here after a move.', snippet: 'aliases:\n  - $1' },
  { key: 'weight', description: 'Order among sibling pages in menus and lists (lower comes first).', snippet: 'weight: ${1:10}' },
  { key: 'linkTitle', description: 'A shorter title for the navigation and section lists.', snippet: 'linkTitle: "$1"' },
  { key: 'url', description: 'Serve the page at this URL instead of the one its path gives.', snippet: 'url: /$1/' },
  { key: 'slug', description: 'Replace the last segment of the page URL.', snippet: 'slug: $1' },
  { key: 'draft', description: 'Leave the page out of the published site.', snippet: 'draft: ${1:true}' },
  { key: 'date', description: 'The publication date.', snippet: 'date: $1' },
  { key: 'lastmod', description: 'When the page last changed.', snippet: 'lastmod: $1' },
  { key: 'toc_hide', description: 'Docsy: hide the page from the section navigation.', snippet: 'toc_hide: ${1:true}' },
  { key: 'no_list', description: 'Docsy: do not list the section\'s child pages at the end of this page.', snippet: 'no_list: ${1:true}' },
  { key: 'hide_summary', description: 'Docsy: leave this page\'s summary out of its section\'s list.', snippet: 'hide_summary: ${1:true}' },
  { key: 'canonical_path', description: 'The handbook\'s canonical path for a page shown under several URLs.', snippet: 'canonical_path: "/$1/"' },
  { key: 'controlled_document', description: 'The handbook marks controlled documents (policies under change control).', snippet: 'controlled_document: ${1:true}' },
  { key: 'tags', description: 'Taxonomy terms.', snippet: 'tags:\n  - $1' },
  { key: 'categories', description: 'Taxonomy categories.', snippet: 'categories:\n  - $1' },
  { key: 'type', description: 'The content type that picks the page\'s layout.', snippet: 'type: $1' },
  { key: 'layout', description: 'The layout template to render the page with.', snippet: 'layout: $1' },
  { key: 'outputs', description: 'The output formats to render (HTML, RSS, …).', snippet: 'outputs:\n  - $1' },
];

export function frontMatterProblems(index: SiteView, file: string, parsed: ParsedDocument): Problem[] {
  const fm = parsed.frontMatter;
  if (index.kindOf(file) !== 'page' || (fm && fm.errors.length > 0)) return [];
  if (fm && typeof fm.data['title'] === 'string' && fm.data['title'].trim() !== '') return [];
  const at = fm ? { start: 0, end: Math.min(3, fm.end) } : { start: 0, end: 0 };
  return [{ file, ...at, severity: 'warning', code: 'frontmatter-missing-title', message: fm ? 'The page has no title in its front matter.' : 'The page has no front matter, so no title.' }];
}

export interface KeyCompletion {
  label: string;
  documentation: string;
  start: number;
  end: number;
  snippet: string;
}

/** Keys not yet used, at the start of a line inside the front matter. */
export function frontMatterCompletions(index: SiteView, file: string, offset: number): KeyCompletion[] | undefined {
  const parsed = index.parsed(file);
  const fm = parsed?.frontMatter;
  if (!parsed || !fm || fm.language !== 'yaml' || offset < fm.contentStart || offset > fm.contentEnd) return undefined;
  const lineStart = parsed.text.lastIndexOf('\n', offset - 1) + 1;
  const typed = parsed.text.slice(lineStart, offset);
  if (!/^[A-Za-z_]*$/.test(typed)) return undefined;
  const used = new Set(Object.keys(fm.data));
  for (const m of parsed.text.slice(fm.contentStart, fm.contentEnd).matchAll(/^([A-Za-z_][\w-]*)\s*:/gm)) used.add(m[1]!);
  return FRONT_MATTER_KEYS.filter((k) => !used.has(k.key)).map((k) => ({ label: k.key, documentation: k.description, start: lineStart, end: offset, snippet: k.snippet }));
}
