// Term definitions inside a page section: bold-lead list items (`* **Term**: definition`, nested
// bullets belong to it), two-column definition tables (`| Term | Definition |`), or sub-headings.
import type { Heading } from './headings';
import type { Table } from './tables';

export interface TermDefinition {
  term: string;
  /** Offsets of the term's text inside the bold marks (or the heading/cell text). */
  termStart: number;
  termEnd: number;
  /** The whole definition: the list item with its nested lines, the table row, or the sub-section. */
  start: number;
  end: number;
  /** The definition's Markdown (the text after the term, and its nested bullets, dedented). */
  markdown: string;
  form: 'list' | 'table' | 'heading';
}

const BOLD_ITEM = /^([ \t]*)([-*+]|\d+[.)])[ \t]+(\*\*|__)(.+?)\3[ \t]*(?:[:\u2014\u2013]|-(?=\s)|)[ \t]*(.*)$/;

/** Normalised form used to compare terms: case, spacing and inline marks do not matter. */
export function termKey(term: string): string {
  return term.replace(/[*_`]/g, '').replace(/[:\s]+$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Bold-lead list items in [from, to). Only items at the outermost list level of the range count. */
export function listTerms(text: string, from: number, to: number): TermDefinition[] {
  const out: TermDefinition[] = [];
  const lines: { start: number; end: number; text: string }[] = [];
  let pos = from;
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > to) nl = to;
    const end = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    lines.push({ start: pos, end, text: text.slice(pos, end) });
    pos = nl + 1;
  }
  let outerIndent: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    // A bold-lead item has bold marks: most lines are ruled out without the regex.
    if (!l.text.includes('**') && !l.text.includes('__')) continue;
    const m = BOLD_ITEM.exec(l.text);
    if (!m) continue;
    const indent = m[1]!.replace(/\t/g, '    ').length;
    if (outerIndent !== undefined && indent > outerIndent) continue; // a bold sub-bullet, part of a definition
    outerIndent ??= indent;
    const rawTerm = m[4]!;
    const term = rawTerm.replace(/[:\s]+$/, '').trim();
    const termStart = l.start + l.text.indexOf(m[3]! + rawTerm) + m[3]!.length;
    const body: string[] = [m[5]!.trim()];
    let end = l.end;
    for (let j = i + 1; j < lines.length; j++) {
      const n = lines[j]!;
      if (n.text.trim() === '') {
        // A blank line continues the item only when the next line is indented under it.
        const next = lines[j + 1];
        if (next && /^\s/.test(next.text) && next.text.trim() !== '' && leadingWidth(next.text) > indent) continue;
        break;
      }
      if (leadingWidth(n.text) <= indent) break;
      body.push(n.text);
      end = n.end;
      i = j;
    }
    out.push({ term, termStart, termEnd: termStart + term.length, start: l.start, end, markdown: dedent(body).trim(), form: 'list' });
  }
  return out;
}

/** Definitions from two-column tables whose header names them (`Term | Definition`, `Name | Description`, …). */
export function tableTerms(tables: readonly Table[], from: number, to: number): TermDefinition[] {
  const out: TermDefinition[] = [];
  for (const t of tables) {
    if (t.start < from || t.start >= to || t.header.cells.length < 2) continue;
    const h0 = termKey(t.header.cells[0]!.text);
    const h1 = termKey(t.header.cells[1]!.text);
    if (!/^(term|name|responsibility|area|principle)s?$/.test(h0) || !/^(definition|description|meaning|details?)$/.test(h1)) continue;
    for (const r of t.rows) {
      const c0 = r.cells[0];
      if (!c0 || c0.text === '') continue;
      const term = c0.text.replace(/^\*\*(.*)\*\*$/, '$1').trim();
      const termStart = c0.start + c0.text.indexOf(term);
      out.push({ term, termStart, termEnd: termStart + term.length, start: r.start, end: r.end, markdown: r.cells.slice(1).map((c) => c.text).join(' '), form: 'table' });
    }
  }
  return out;
}

/** Sub-headings one level below a section heading, each defined by the text under it. */
export function headingTerms(text: string, section: Heading, headings: readonly Heading[], to: number): TermDefinition[] {
  // Linear in the headings given: where each one's section ends comes from one backward pass.
  const next = nextHeadingStarts(headings);
  const subs: number[] = [];
  headings.forEach((h, i) => {
    if (h.start > section.start && h.start < to && h.level === section.level + 1) subs.push(i);
  });
  return subs.map((hi, i) => {
    const h = headings[hi]!;
    const nextSub = subs[i + 1];
    const end = Math.min(next[hi]!, nextSub !== undefined ? headings[nextSub]!.start : to, to);
    return { term: h.text.trim(), termStart: h.textStart, termEnd: h.textEnd, start: h.start, end, markdown: text.slice(h.end, end).trim(), form: 'heading' as const };
  });
}

/** For each heading, where the next heading of the same or a higher level starts (Infinity: none). */
export function nextHeadingStarts(headings: readonly Heading[]): number[] {
  const next = new Array<number>(headings.length);
  const nearest = new Array<number>(8).fill(Infinity);
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i]!;
    let m = Infinity;
    for (let l = 1; l <= h.level; l++) m = Math.min(m, nearest[l]!);
    next[i] = m;
    nearest[h.level] = h.start;
  }
  return next;
}

function leadingWidth(line: string): number {
  const m = /^[ \t]*/.exec(line)!;
  return m[0].replace(/\t/g, '    ').length;
}

function dedent(lines: string[]): string {
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const min = rest.length ? Math.min(...rest.map(leadingWidth)) : 0;
  return [lines[0]!, ...lines.slice(1).map((l) => l.slice(Math.min(min, leadingWidth(l))))].join('\n');
}
