// From one parsed page: the sections that define terms, and the tables that may use them (each with
// the nearest preceding link in its section, which says where the terms are defined).
import type { ParsedDocument } from './document';
import type { Heading } from './headings';
import type { Link } from './links';
import type { Table } from './tables';
import { headingTerms, listTerms, nextHeadingStarts, tableTerms, type TermDefinition } from './terms';

export interface TermSection {
  /** The heading's id ('' for the text before the first heading). */
  id: string;
  title: string;
  headingStart: number;
  start: number;
  end: number;
  terms: TermDefinition[];
}

export interface TermTable {
  table: Table;
  /** The nearest preceding link in the same section, if any. */
  link: Link | undefined;
}

/** Sections of a page, each heading to the next heading of the same or a higher level. */
export function sectionsOf(parsed: ParsedDocument): { heading: Heading | undefined; start: number; end: number }[] {
  const text = parsed.text;
  const hs = parsed.headings;
  const next = nextHeadingStarts(hs);
  const out: { heading: Heading | undefined; start: number; end: number }[] = [];
  out.push({ heading: undefined, start: parsed.bodyStart, end: hs[0]?.start ?? text.length });
  hs.forEach((h, i) => out.push({ heading: h, start: h.end, end: Math.min(next[i]!, text.length) }));
  return out;
}

/** Term sections per parse: a team page's are found once per version, not once per page that binds to it. */
const sectionsByParse = new WeakMap<ParsedDocument, TermSection[]>();

/**
 * Every section that defines terms, with its terms (bold-lead items or a definition table; else
 * sub-headings). Computed once per parse; the result is shared, so callers copy before changing it.
 */
export function termSectionsOf(parsed: ParsedDocument): readonly TermSection[] {
  let sections = sectionsByParse.get(parsed);
  if (!sections) sectionsByParse.set(parsed, (sections = computeTermSections(parsed)));
  return sections;
}

function computeTermSections(parsed: ParsedDocument): TermSection[] {
  const out: TermSection[] = [];
  const hs = parsed.headings;
  const sections = sectionsOf(parsed);
  // Sections nest: each looks only at the headings and tables inside it, so the work is linear in the
  // page times its heading depth, not quadratic in its headings.
  sections.forEach((s, k) => {
    const tables = parsed.tables.slice(lowerBound(parsed.tables, s.start), lowerBound(parsed.tables, s.end));
    let terms = [...listTerms(parsed.text, s.start, s.end), ...tableTerms(tables, s.start, s.end)];
    // Section k is the k-1th heading's; the headings inside it run up to the one that ends it.
    if (terms.length === 0 && s.heading) terms = headingTerms(parsed.text, s.heading, hs.slice(k - 1, lowerBound(hs, s.end)), s.end);
    if (terms.length < 2) return; // one bold item is emphasis, not a glossary
    out.push({ id: s.heading?.id ?? '', title: s.heading?.text ?? '', headingStart: s.heading?.start ?? s.start, start: s.start, end: s.end, terms });
  });
  return out;
}

/** Tables with at least one body row or a half-typed one, each with the nearest preceding link of its section. */
export function termTablesOf(parsed: ParsedDocument): TermTable[] {
  const out: TermTable[] = [];
  const hs = parsed.headings;
  const links = parsed.links;
  let hi = 0;
  let li = 0;
  let sectionStart = parsed.bodyStart;
  // Tables, headings and links are each in document order: one walk over all three.
  for (const table of parsed.tables) {
    while (hi < hs.length && hs[hi]!.end <= table.start) sectionStart = Math.max(sectionStart, hs[hi++]!.end);
    while (li < links.length && links[li]!.start < table.start) li++;
    let link: Link | undefined;
    for (let k = li - 1; k >= 0 && links[k]!.start >= sectionStart; k--) {
      const l = links[k]!;
      if (l.end <= table.start && !l.image) {
        link = l;
        break;
      }
    }
    out.push({ table, link });
  }
  return out;
}

/** The index of the first item that starts at or after `offset` (items in document order). */
function lowerBound(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
