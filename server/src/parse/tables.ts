// GFM tables from a line scan: header, delimiter row, body rows; each cell with its offsets.
import type { Fence } from './headings';

export interface TableCell {
  /** The cell's text, trimmed. */
  text: string;
  /** Offsets of the trimmed text (start === end for an empty cell: the cursor position inside it). */
  start: number;
  end: number;
}

export interface TableRow {
  start: number;
  end: number;
  cells: TableCell[];
}

export interface Table {
  start: number;
  end: number;
  header: TableRow;
  rows: TableRow[];
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export function scanTables(text: string, from: number, fences: readonly Fence[]): Table[] {
  const tables: Table[] = [];
  const lines: { start: number; end: number }[] = [];
  let pos = from;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    lines.push({ start: pos, end: nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl });
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  const inFence = (o: number): boolean => fences.some((f) => o >= f.start && o <= f.end);
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i]!;
    const delim = lines[i + 1]!;
    const headText = text.slice(head.start, head.end);
    const delimText = text.slice(delim.start, delim.end);
    if (!headText.includes('|') || !DELIMITER_ROW.test(delimText) || !delimText.includes('-') || inFence(head.start)) continue;
    if (!delimText.includes('|') && !headText.trim().startsWith('|')) continue;
    const header = row(text, head.start, head.end);
    const rows: TableRow[] = [];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const t = text.slice(l.start, l.end);
      if (t.trim() === '' || !t.includes('|')) break;
      rows.push(row(text, l.start, l.end));
    }
    const last = rows.length ? rows[rows.length - 1]! : { end: delim.end };
    tables.push({ start: head.start, end: last.end, header, rows });
    i = j - 1;
  }
  return tables;
}

/** Splits a row into cells at unescaped pipes outside inline code. */
export function row(text: string, start: number, end: number): TableRow {
  const cells: TableCell[] = [];
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '|') i++;
  let cellStart = i;
  let inCode = false;
  const push = (s: number, e: number): void => {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    // An empty cell's position is just after the pipe and a space, where a user would type.
    if (a === b) a = b = Math.min(s + (text[s] === ' ' ? 1 : 0), e);
    cells.push({ text: text.slice(a, b), start: a, end: b });
  };
  for (; i < end; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    if (c === '|' && !inCode) {
      push(cellStart, i);
      cellStart = i + 1;
    }
  }
  if (text.slice(cellStart, end).trim() !== '' || cells.length === 0) push(cellStart, end);
  return { start, end, cells };
}
