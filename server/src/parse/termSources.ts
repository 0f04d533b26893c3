// From one parsed page: the sections that define terms, and the tables that may use them (each with
// the nearest preceding link in its section, which says where the terms are defined).
import type { ParsedDocument } from './document';
import type { Heading } from './headings';
import type { Link } from './links';
import type { Table } from './tables';
import { headingTerms, listTerms, tableTerms, type TermDefinition } from './terms';

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
  const out: { heading: Heading | undefined; start: number; end: number }[] = [];
  const hs = parsed.headings;
  out.push({ heading: undefined, start: parsed.bodyStart, end: hs[0]?.start ?? text.length });
  hs.forEach((h, i) => {
    const next = hs.slice(i + 1).find((x) => x.level <= h.level);
    out.push({ heading: h, start: h.end, end: next ? next.start : text.length });
  });
  return out;
}

/** Every section that defines terms, with its terms (bold-lead items or a definition table; else sub-headings). */
export function termSectionsOf(parsed: ParsedDocument): TermSection[] {
  const out: TermSection[] = [];
  for (const s of sectionsOf(parsed)) {
    let terms = [...listTerms(parsed.text, s.start, s.end), ...tableTerms(parsed.tables, s.start, s.end)];
    if (terms.length === 0 && s.heading) terms = headingTerms(parsed.text, s.heading, parsed.headings, s.end);
    if (terms.length < 2) continue; // one bold item is emphasis, not a glossary
    out.push({ id: s.heading?.id ?? '', title: s.heading?.text ?? '', headingStart: s.heading?.start ?? s.start, start: s.start, end: s.end, terms });
  }
  return out;
}

/** Tables with at least one body row or a half-typed one, each with the nearest preceding link of its section. */
export function termTablesOf(parsed: ParsedDocument): TermTable[] {
  const out: TermTable[] = [];
  for (const table of parsed.tables) {
    const sectionStart = Math.max(parsed.bodyStart, ...parsed.headings.filter((h) => h.end <= table.start).map((h) => h.end));
    let link: Link | undefined;
    for (const l of parsed.links) {
      if (l.start >= sectionStart && l.end <= table.start && !l.image) link = l;
    }
    out.push({ table, link });
  }
  return out;
}
