// Suppression comments applied to a file's problems, the same way for the editor and the checker:
// `<!-- handbook-disable CODE… -->` / `enable` / `disable-line` / `disable-next-line` / `disable-file`
// silence any of our codes (no code: all of them), and markdownlint's own comments for MD051 (its
// link-fragment rule, alias `link-fragments`) silence the problems that rule would report: in-page
// `#fragment`s that name no heading. A comment counts in the file that holds it (an include's comments
// apply to the include, not to the pages that include it), never inside code.
import type { ParsedDocument } from '../parse/document';
import { codeSpans } from '../parse/links';
import { scanSuppressions, type SuppressionComment } from '../parse/suppressions';
import { LineMap } from '../util/positions';
import type { Fix, Problem } from './types';

export const UNUSED_CODE = 'suppression-unused';

/** What a markdownlint rule name covers of ours. */
const MARKDOWNLINT_RULES: Record<string, (p: Problem) => boolean> = {
  MD051: (p) => p.code === 'anchor-not-found' && p.data?.kind === 'anchor' && p.data.target === p.file,
};
const MARKDOWNLINT_ALIASES: Record<string, string> = { 'LINK-FRAGMENTS': 'MD051' };

/** Disabled or not, and by which comment (its index), for one code or for "all". */
interface Rule {
  disabled: boolean;
  by: number | undefined;
}

/** The range state of one tool's comments: a default for every code and the codes set apart from it. */
interface State {
  base: Rule;
  codes: ReadonlyMap<string, Rule>;
}

const ENABLED: State = { base: { disabled: false, by: undefined }, codes: new Map() };

function apply(state: State, disable: boolean, codes: readonly string[], by: number): State {
  const rule: Rule = { disabled: disable, by: disable ? by : undefined };
  if (codes.length === 0) return { base: rule, codes: new Map() };
  const next = new Map(state.codes);
  for (const c of codes) next.set(c, rule);
  return { base: state.base, codes: next };
}

const ruleFor = (state: State, code: string): Rule => state.codes.get(code) ?? state.base;

/** Normalises the codes a comment names: our codes in lower case, markdownlint rules as `MD051`. */
function keysOf(c: SuppressionComment): string[] {
  if (c.tool === 'handbook') return c.codes.map((x) => x.toLowerCase());
  return c.codes.map((x) => {
    const u = x.toUpperCase();
    return MARKDOWNLINT_ALIASES[u] ?? u;
  });
}

export interface SuppressionOptions {
  /** Every code the engine can report; a comment naming another is reported as silencing nothing. */
  knownCodes: ReadonlySet<string>;
  /** Codes the user's settings turn off: a suppression of only those is not reported as unused. */
  isOff: (code: string) => boolean;
  /** False while the problems are not final (the index not ready): unused ones are not reported then. */
  complete: boolean;
}

export interface SuppressionResult {
  problems: Problem[];
  /** How many problems the comments silenced. */
  suppressed: number;
}

/** The suppression comments of a parsed file, outside front matter and code. */
export function suppressionsOf(parsed: ParsedDocument): SuppressionComment[] {
  return scanSuppressions(parsed.text, parsed.bodyStart, parsed.fences, () => codeSpans(parsed.text, parsed.bodyStart));
}

/**
 * The problems of `file` that no comment silences, with a `suppression-unused` information problem
 * for each of our own comments that silences nothing (markdownlint's are left alone: they are there
 * for markdownlint).
 */
export function applySuppressions(file: string, parsed: ParsedDocument, problems: Problem[], options: SuppressionOptions): SuppressionResult {
  const comments = suppressionsOf(parsed);
  if (comments.length === 0) return { problems, suppressed: 0 };
  const lines = LineMap.of(parsed.text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const keys = comments.map(keysOf);

  // File-wide comments first (as markdownlint does), then the ranges in order, per tool.
  const states: Record<SuppressionComment['tool'], { line: number; state: State }[]> = { handbook: [], markdownlint: [] };
  for (const tool of ['handbook', 'markdownlint'] as const) {
    let state = ENABLED;
    comments.forEach((c, i) => {
      if (c.tool === tool && (c.action === 'disable-file' || c.action === 'enable-file')) state = apply(state, c.action === 'disable-file', keys[i]!, i);
    });
    states[tool].push({ line: -1, state });
    let captured = state;
    comments.forEach((c, i) => {
      if (c.tool !== tool) return;
      if (c.action === 'capture') captured = state;
      else if (c.action === 'restore') state = captured;
      else if (c.action === 'disable' || c.action === 'enable') state = apply(state, c.action === 'disable', keys[i]!, i);
      else return;
      states[tool].push({ line: lineOf(c.start), state });
    });
  }
  const stateAt = (tool: SuppressionComment['tool'], line: number): State => {
    const list = states[tool];
    let s = list[0]!.state;
    for (const e of list) if (e.line <= line) s = e.state;
    return s;
  };
  // disable-line and disable-next-line: the line each one covers.
  const lineComments = new Map<number, number[]>();
  comments.forEach((c, i) => {
    if (c.action !== 'disable-line' && c.action !== 'disable-next-line') return;
    const line = lineOf(c.start) + (c.action === 'disable-next-line' ? 1 : 0);
    lineComments.set(line, [...(lineComments.get(line) ?? []), i]);
  });

  /** The keys a comment's tool uses for a problem: our code, or the markdownlint rules that cover it. */
  const keysFor = (tool: SuppressionComment['tool'], p: Problem): string[] =>
    tool === 'handbook' ? [p.code] : Object.keys(MARKDOWNLINT_RULES).filter((r) => MARKDOWNLINT_RULES[r]!(p));

  const used = comments.map(() => new Set<string>());
  const kept: Problem[] = [];
  let suppressed = 0;
  for (const p of problems) {
    if (p.file !== file) {
      kept.push(p);
      continue;
    }
    const line = lineOf(p.start);
    let silenced = false;
    for (const tool of ['handbook', 'markdownlint'] as const) {
      const state = stateAt(tool, line);
      for (const k of keysFor(tool, p)) {
        const rule = ruleFor(state, k);
        if (rule.disabled && rule.by !== undefined) {
          silenced = true;
          used[rule.by]!.add(keys[rule.by]!.length ? k : '');
        }
      }
    }
    for (const i of lineComments.get(line) ?? []) {
      const c = comments[i]!;
      for (const k of keysFor(c.tool, p)) {
        if (keys[i]!.length === 0 || keys[i]!.includes(k)) {
          silenced = true;
          used[i]!.add(keys[i]!.length ? k : '');
        }
      }
    }
    if (silenced) suppressed++;
    else kept.push(p);
  }

  if (options.complete) {
    comments.forEach((c, i) => {
      if (c.tool !== 'handbook' || !c.action.startsWith('disable')) return;
      const named = keys[i]!;
      if (named.includes(UNUSED_CODE)) return;
      const unknown = named.filter((k) => !options.knownCodes.has(k));
      const idle = named.length === 0 ? (used[i]!.size ? [] : ['']) : named.filter((k) => options.knownCodes.has(k) && !used[i]!.has(k) && !options.isOff(k));
      if (unknown.length === 0 && idle.length === 0) return;
      const where = { 'disable-next-line': 'on the next line', 'disable-line': 'on this line', 'disable-file': 'in this file', disable: 'after it' }[c.action as 'disable'];
      const parts: string[] = [];
      if (unknown.length) parts.push(`${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a handbook diagnostic code`);
      if (idle.length) parts.push(`no ${idle[0] === '' ? '' : idle.join(', ') + ' '}problem ${where} to silence`);
      kept.push({
        file,
        start: c.start,
        end: c.end,
        severity: 'information',
        code: UNUSED_CODE,
        message: `This suppression silences nothing: ${parts.join('; ')}.`,
        data: { kind: 'none' },
      });
    });
  }
  return { problems: kept, suppressed };
}

/**
 * "Ignore this problem here": one edit that adds `<!-- handbook-disable-next-line CODE -->` above the
 * problem's line, indented like it (for a list item, at its text, so that the list stays one list).
 * Where a line of its own would change the page — a row of a table, a line inside a paragraph — the
 * comment goes at the end of the line instead, as `handbook-disable-line` (in a table, inside the last
 * cell). A comment already there gets the code added.
 */
export function ignoreFix(parsed: ParsedDocument, problem: Problem): Fix | undefined {
  if (problem.code === UNUSED_CODE || problem.code === 'file-skipped') return undefined;
  const text = parsed.text;
  const code = problem.code;
  const lines = LineMap.of(text);
  const line = lines.positionAt(problem.start).line;
  const lineStart = lines.offsetAt({ line, character: 0 });
  const lineEnd = lines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  const lineText = text.slice(lineStart, lineEnd);
  const fix = (change: { start: number; end: number; newText: string }): Fix => ({
    title: 'Ignore this problem here',
    fixes: code,
    edit: { creates: [], changes: [{ file: problem.file, ...change }] },
  });

  // A comment of ours already covering this line for other codes: add this one to it.
  const comments = suppressionsOf(parsed);
  for (const c of comments) {
    if (c.tool !== 'handbook' || c.codes.length === 0) continue;
    const cLine = lines.positionAt(c.start).line;
    if ((c.action === 'disable-next-line' && cLine === line - 1) || (c.action === 'disable-line' && cLine === line)) {
      const close = text.lastIndexOf('-->', c.end);
      const before = text.slice(c.start, close).replace(/\s+$/, '');
      return fix({ start: c.start, end: c.end, newText: `${before} ${code} -->` });
    }
  }

  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  // A problem of the front matter (no comment can stand there) or of the whole page (a missing title
  // is reported at its first line): the comment goes right after the front matter, for the file.
  if (problem.start < parsed.bodyStart || code.startsWith('frontmatter-')) {
    const at = parsed.bodyStart;
    const before = at > 0 && text[at - 1] !== '\n' ? eol : '';
    return fix({ start: at, end: at, newText: `${before}<!-- handbook-disable-file ${code} -->${eol}` });
  }
  const inTableBody = parsed.tables.some((t) => t.rows.some((r) => problem.start >= r.start && problem.start <= r.end));
  const prevBlank = line === 0 || lineStart <= parsed.bodyStart || text.slice(lines.offsetAt({ line: line - 1, character: 0 }), lineStart).trim() === '';
  const list = /^(\s*)([-*+]|\d{1,9}[.)])([ \t]+)/.exec(lineText);
  const startsBlock = !!list || /^\s{0,3}(#{1,6}(\s|$)|```|~~~|>|\||<|\{\{[<%]|[-*_](\s*[-*_]){2,}\s*$)/.test(lineText);
  const inShortcode = parsed.shortcodes.some((s) => s.start < lineStart && s.end > lineStart);
  if (inTableBody || (!prevBlank && !startsBlock && !inShortcode)) {
    const comment = `<!-- handbook-disable-line ${code} -->`;
    const trimmedEnd = lineStart + lineText.replace(/\s+$/, '').length;
    // In a table row that ends with its pipe, the comment goes inside the last cell: a cell more would
    // change the row's column count.
    if (inTableBody && text[trimmedEnd - 1] === '|') return fix({ start: trimmedEnd - 1, end: trimmedEnd - 1, newText: `${comment} ` });
    return fix({ start: trimmedEnd, end: trimmedEnd, newText: ` ${comment}` });
  }
  const indent = list ? ' '.repeat(list[1]!.replace(/\t/g, '    ').length + list[2]!.length + list[3]!.length) : /^\s*/.exec(lineText)![0];
  return fix({ start: lineStart, end: lineStart, newText: `${indent}<!-- handbook-disable-next-line ${code} -->${eol}` });
}

/** The fix for `suppression-unused`: remove the comment (with its line, when it stands alone there). */
export function removeUnusedFix(parsed: ParsedDocument, problem: Problem): Fix | undefined {
  if (problem.code !== UNUSED_CODE) return undefined;
  const text = parsed.text;
  let start = problem.start;
  let end = problem.end;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    start = lineStart;
    end = lineEnd < text.length ? lineEnd + 1 : lineEnd;
  } else if (text[start - 1] === ' ') {
    start--;
  }
  return { title: 'Remove this suppression', fixes: UNUSED_CODE, isPreferred: true, edit: { creates: [], changes: [{ file: problem.file, start, end, newText: '' }] } };
}
