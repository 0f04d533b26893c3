// Responsibility terms: career-framework tables whose first column names terms defined on a team page.
// A table is bound to the section that the nearest preceding link of its own section points to; when
// that anchor is gone or defines nothing, the terms come from elsewhere on the linked page and the link
// is reported as out of step. Explicit bindings (a setting) serve sites that write no such sentence.
import * as path from '../util/path';
import { relativePosix } from '../util/paths';
import picomatch from 'picomatch';
import type { SiteView } from './view';
import { resolveLink } from '../index/resolveLink';
import type { ParsedDocument } from '../parse/document';
import type { Link } from '../parse/links';
import type { Table, TableCell } from '../parse/tables';
import { termSectionsOf, termTablesOf, type TermSection } from '../parse/termSources';
import { termKey, type TermDefinition } from '../parse/terms';
import { closest } from '../util/fuzzy';
import type { Edit, Fix, Location, Problem } from './types';

export type { TermBindingSetting } from './settings';

export interface BoundTable {
  file: string;
  table: Table;
  link: Link | undefined;
  sourceFile: string;
  /** The section the link names, when it exists and defines terms. */
  section: TermSection | undefined;
  terms: TermDefinition[];
  /** Set when the link's anchor is missing or names a section without terms. */
  outOfStep: { anchor: string; anchorExists: boolean; suggestion: TermSection } | undefined;
}

const TERM_HEADER = /^(responsibilit(y|ies)|terms?|principles?)$/i;

/** The tables of a page that are bound to term definitions. */
export function boundTables(index: SiteView, file: string, parsed: ParsedDocument): BoundTable[] {
  const out: BoundTable[] = [];
  for (const { table, link } of termTablesOf(parsed)) {
    const b = (link && bindByLink(index, file, table, link)) ?? bindBySetting(index, file, table);
    if (b) out.push(b);
  }
  return out;
}

/**
^ * A table uses terms when its first column says so (Responsibility, Term, Principle), or when
 * most of its first-column cells (at least two) are terms of the linked page. One shared word is not
 * enough: on the real handbook that bound ordinary tables to unrelated pages.
 */
function looksLikeTermTable(table: Table, terms: readonly TermDefinition[]): boolean {
  if (TERM_HEADER.test(table.header.cells[0]?.text ?? '')) return true;
  const keys = new Set(terms.map((t) => termKey(t.term)));
  const cells = table.rows.map((r) => r.cells[0]?.text ?? '').filter((t) => t !== '');
  const known = cells.filter((t) => keys.has(termKey(t))).length;
  return known >= 2 && known * 2 > cells.length;
}

function bindByLink(index: SiteView, file: string, table: Table, link: Link): BoundTable | undefined {
  const target = resolveLink(index, file, link.destination);
  // Terms are defined on another page; a link within the page is a cross-reference, not a source.
  if (target.kind !== 'page' || target.file === file) return undefined;
  return bindTo(index, file, table, link, target.file, target.fragment);
}

function bindBySetting(index: SiteView, file: string, table: Table): BoundTable | undefined {
  const site = index.siteOf(file);
  if (!site) return undefined;
  const rel = relativePosix(site.root, file);
  for (const b of index.settings.termBindings ?? []) {
    if (!picomatch.isMatch(rel, b.files, { dot: true })) continue;
    const target = b.source.startsWith('/') ? resolveLink(index, file, b.source) : { kind: 'page' as const, file: path.resolve(site.root, b.source), fragment: undefined };
    if (target.kind !== 'page') continue;
    const bound = bindTo(index, file, table, undefined, target.file, b.section);
    if (bound) return bound;
  }
  return undefined;
}

function bindTo(index: SiteView, file: string, table: Table, link: Link | undefined, sourceFile: string, anchor: string | undefined): BoundTable | undefined {
  // The source page's parse: the editor's text when it is open, else the disk's (cached per version).
  const source = index.parsed(sourceFile);
  const sections = source ? termSectionsOf(source) : [];
  if (sections.length === 0) return undefined;
  const all = dedupe(sections.flatMap((s) => s.terms));
  if (!looksLikeTermTable(table, all)) return undefined;
  if (!anchor) return { file, table, link, sourceFile, section: undefined, terms: all, outOfStep: undefined };
  const section = sections.find((s) => s.id === anchor);
  if (section) return { file, table, link, sourceFile, section, terms: section.terms, outOfStep: undefined };
  // The section that holds the terms: the one with the most, and of those the innermost (a "## Mission"
  // around "### What we own" contains the same list, but it is not where the terms are).
  const suggestion = [...sections].sort((a, b) => b.terms.length - a.terms.length || a.end - a.start - (b.end - b.start))[0]!;
  const anchorExists = source ? source.headings.some((h) => h.id === anchor) : false;
  return { file, table, link, sourceFile, section: undefined, terms: all, outOfStep: { anchor, anchorExists, suggestion } };
}

function dedupe(terms: TermDefinition[]): TermDefinition[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const k = termKey(t.term);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The term cells (first column of body rows) of a bound table. */
function termCells(b: BoundTable): TableCell[] {
  return b.table.rows.map((r) => r.cells[0]).filter((c): c is TableCell => c !== undefined);
}

function sourceTitle(index: SiteView, b: BoundTable): string {
  return index.factsOf(b.sourceFile)?.title ?? path.basename(b.sourceFile);
}

// ---- diagnostics -------------------------------------------------------------------------------

export function termProblems(index: SiteView, file: string, parsed: ParsedDocument): Problem[] {
  const out: Problem[] = [];
  for (const b of boundTables(index, file, parsed)) {
    const byKey = new Map(b.terms.map((t) => [termKey(t.term), t]));
    const seen = new Map<string, TableCell>();
    for (const cell of termCells(b)) {
      if (cell.text === '') continue;
      const key = termKey(cell.text);
      if (!byKey.has(key)) {
        out.push({
          file,
          start: cell.start,
          end: cell.end,
          severity: 'warning',
          code: 'term-unknown',
          message: `"${cell.text}" is not a term defined on ${sourceTitle(index, b)}${b.section ? ` (#${b.section.id})` : ''}.`,
          data: { kind: 'term', term: cell.text, candidates: closest(cell.text, b.terms.map((t) => t.term), 3) },
        });
      } else if (seen.has(key)) {
        out.push({ file, start: cell.start, end: cell.end, severity: 'warning', code: 'term-duplicate', message: `"${cell.text}" is listed twice in this table.`, data: { kind: 'none' } });
      }
      seen.set(key, cell);
    }
    const missing = b.terms.filter((t) => !seen.has(termKey(t.term)));
    const head = b.table.header.cells[0];
    if (missing.length > 0 && head) {
      out.push({
        file,
        start: head.start,
        end: head.end,
        severity: 'information',
        code: 'term-missing',
        message: `This table leaves out ${missing.length} defined ${missing.length === 1 ? 'term' : 'terms'}: ${missing.map((t) => `"${t.term}"`).join(', ')}.`,
        data: { kind: 'none' },
      });
    }
    if (b.outOfStep && b.link) {
      const { anchor, anchorExists, suggestion } = b.outOfStep;
      const hashAt = b.link.destination.indexOf('#');
      const start = b.link.destStart + hashAt + 1;
      out.push({
        file,
        start: hashAt === -1 ? b.link.destStart : start,
        end: b.link.destEnd,
        severity: 'warning',
        code: 'term-source-missing',
        message: anchorExists
          ? `The section "#${anchor}" of ${sourceTitle(index, b)} defines no terms; they are under "${suggestion.title}" (#${suggestion.id}).`
          : `${sourceTitle(index, b)} has no section "#${anchor}"; its terms are under "${suggestion.title}" (#${suggestion.id}).`,
        data: { kind: 'term-source', anchor: suggestion.id },
      });
    }
  }
  return out;
}

/**
 * The section a term table's link should name, when the link at `offset` names one that holds no
 * terms: the anchor fix of the same link offers it first, so that one link never gets two targets.
 */
export function termSectionForLink(index: SiteView, file: string, offset: number): string | undefined {
  const parsed = index.parsed(file);
  if (!parsed) return undefined;
  for (const b of boundTables(index, file, parsed)) {
    if (b.link && b.outOfStep && offset >= b.link.destStart && offset <= b.link.destEnd) return b.outOfStep.suggestion.id;
  }
  return undefined;
}

export function termFixes(problem: Problem): Fix[] {
  const data = problem.data;
  if (problem.code === 'term-unknown' && data?.kind === 'term') {
    return (data.candidates ?? []).map((c, i) => ({
      title: `Change to "${c}"`,
      fixes: problem.code,
      isPreferred: i === 0,
      edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: c }] },
    }));
  }
  if (problem.code === 'term-source-missing' && data?.kind === 'term-source') {
    return [{ title: `Point the link at #${data.anchor}`, fixes: problem.code, isPreferred: true, edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: data.anchor }] } }];
  }
  return [];
}

// ---- what is under the cursor --------------------------------------------------------------------

export type TermAt =
  | { kind: 'use'; bound: BoundTable; cell: TableCell; definition: TermDefinition | undefined }
  | { kind: 'definition'; file: string; definition: TermDefinition; section: TermSection };

export function termAt(index: SiteView, file: string, offset: number): TermAt | undefined {
  const parsed = index.parsed(file);
  if (!parsed) return undefined;
  for (const b of boundTables(index, file, parsed)) {
    if (offset < b.table.start || offset > b.table.end) continue;
    const cell = termCells(b).find((c) => offset >= c.start && offset <= c.end);
    if (!cell) continue;
    const def = b.terms.find((t) => termKey(t.term) === termKey(cell.text));
    return { kind: 'use', bound: b, cell, definition: def };
  }
  for (const section of termSectionsOf(parsed)) {
    const def = section.terms.find((t) => offset >= t.termStart && offset <= t.termEnd);
    if (def) return { kind: 'definition', file, definition: def, section };
  }
  return undefined;
}

export function termHover(index: SiteView, file: string, offset: number): { contents: string; start: number; end: number } | undefined {
  const at = termAt(index, file, offset);
  if (!at || at.kind !== 'use' || !at.definition) return undefined;
  const d = at.definition;
  const where = `${sourceTitle(index, at.bound)}${at.bound.section ? ` › ${at.bound.section.title}` : ''}`;
  return { start: at.cell.start, end: at.cell.end, contents: `**${d.term}** — ${where}\n\n${d.markdown || '*(no definition text)*'}` };
}

export function termDefinitionLocation(index: SiteView, file: string, offset: number): Location[] {
  const at = termAt(index, file, offset);
  if (!at || at.kind !== 'use' || !at.definition) return [];
  return [{ file: at.bound.sourceFile, start: at.definition.termStart, end: at.definition.termEnd }];
}

// ---- completion -------------------------------------------------------------------------------

export interface TermCompletion {
  label: string;
  documentation: string;
  start: number;
  end: number;
  sortText: string;
  used: boolean;
}

export function termCompletions(index: SiteView, file: string, offset: number): TermCompletion[] {
  const parsed = index.parsed(file);
  if (!parsed) return [];
  for (const b of boundTables(index, file, parsed)) {
    const row = b.table.rows.find((r) => offset >= r.start && offset <= r.end);
    if (!row) continue;
    const cell = row.cells[0];
    // Only in the first column: before the row's second pipe.
    const secondPipe = parsed.text.indexOf('|', parsed.text.indexOf('|', row.start) + 1);
    if (!cell || (secondPipe !== -1 && secondPipe < row.end && offset > secondPipe)) return [];
    const used = new Set(termCells(b).filter((c) => c !== cell).map((c) => termKey(c.text)));
    return b.terms.map((t, i) => {
      const isUsed = used.has(termKey(t.term));
      return {
        label: t.term,
        documentation: t.markdown,
        start: cell.start,
        end: cell.end,
        sortText: `${isUsed ? 1 : 0}${String(i).padStart(3, '0')}`,
        used: isUsed,
      };
    });
  }
  return [];
}

// ---- references and rename --------------------------------------------------------------------

/** Every table cell across the site that uses the term defined at (sourceFile, definition). */
export function termUses(index: SiteView, sourceFile: string, definition: TermDefinition): Location[] {
  const key = termKey(definition.term);
  const out: Location[] = [];
  const bindings = index.settings.termBindings ?? [];
  for (const f of index.allFacts()) {
    // Only pages with a table after a link to the source page (or any page, when bindings are set) are parsed.
    const linked = f.tableLinks.some((l) => {
      const t = resolveLink(index, f.file, l);
      return t.kind === 'page' && t.file === sourceFile;
    });
    if (!linked && bindings.length === 0) continue;
    const parsed = index.parsed(f.file);
    if (!parsed) continue;
    for (const b of boundTables(index, f.file, parsed)) {
      if (b.sourceFile !== sourceFile) continue;
      for (const c of termCells(b)) if (termKey(c.text) === key) out.push({ file: f.file, start: c.start, end: c.end });
    }
  }
  return out;
}

export function termReferences(index: SiteView, file: string, offset: number, includeDeclaration: boolean): Location[] | undefined {
  const at = termAt(index, file, offset);
  if (!at) return undefined;
  const sourceFile = at.kind === 'use' ? at.bound.sourceFile : at.file;
  const def = at.definition;
  if (!def) return [];
  const uses = termUses(index, sourceFile, def);
  return includeDeclaration ? [{ file: sourceFile, start: def.termStart, end: def.termEnd }, ...uses] : uses;
}

export function termRenameRange(index: SiteView, file: string, offset: number): { start: number; end: number; placeholder: string } | undefined {
  const at = termAt(index, file, offset);
  if (!at || !at.definition) return undefined;
  return at.kind === 'use'
    ? { start: at.cell.start, end: at.cell.end, placeholder: at.cell.text }
    : { start: at.definition.termStart, end: at.definition.termEnd, placeholder: at.definition.term };
}

/** One edit: the definition and every use across the site. */
export function termRename(index: SiteView, file: string, offset: number, newName: string): Edit | undefined {
  const at = termAt(index, file, offset);
  if (!at || !at.definition) return undefined;
  const sourceFile = at.kind === 'use' ? at.bound.sourceFile : at.file;
  const def = at.definition;
  const changes = [{ file: sourceFile, start: def.termStart, end: def.termEnd, newText: newName }];
  for (const use of termUses(index, sourceFile, def)) {
    const text = index.textOf(use.file) ?? '';
    const cellText = text.slice(use.start, use.end);
    // Keep a cell's own emphasis: **Term** stays bold.
    const m = /^(\*\*|__|\*|_)(.*)\1$/.exec(cellText);
    changes.push(m ? { file: use.file, start: use.start + m[1]!.length, end: use.end - m[1]!.length, newText: newName } : { ...use, newText: newName });
  }
  return { creates: [], changes };
}
