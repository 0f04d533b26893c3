// Suppression comments: `<!-- handbook-disable CODE… -->` and markdownlint's own
// `<!-- markdownlint-disable MD051 -->`, with the same actions and the same line rules as markdownlint
// (a comment is on one line; `disable`/`enable` take effect from their own line on; `disable-line`
// covers its line, `disable-next-line` the next one; no code means every code). Pure and offset-based.
import type { Fence } from './headings';

export type SuppressionTool = 'handbook' | 'markdownlint';

export type SuppressionAction =
  | 'disable'
  | 'enable'
  | 'disable-line'
  | 'disable-next-line'
  | 'disable-file'
  | 'enable-file'
  | 'capture'
  | 'restore';

export interface SuppressionComment {
  tool: SuppressionTool;
  action: SuppressionAction;
  /** The codes (or markdownlint rule names) as written; empty means all of them. */
  codes: string[];
  /** Offsets of the whole comment, `<!--` to `-->`. */
  start: number;
  end: number;
}

// markdownlint's own pattern, per line: `<!--` then optional space, the tool, the action, then
// everything up to `-->` on the same line (found with indexOf, so that a line of unclosed comments
// costs its length once, not once per comment).
const OPENER = /<!--[ \t]*(handbook|markdownlint)-(disable-next-line|disable-line|disable-file|enable-file|disable|enable|capture|restore)(?=[\s-])/gi;

/**
 * The suppression comments of a body (from `from`, after front matter), outside code: not in fenced
 * code, not in an inline code span. A comment block or an HTML block is no code: the comments there
 * count, as they do for markdownlint.
 */
export function scanSuppressions(text: string, from: number, fences: readonly Fence[], codeSpans: () => readonly [number, number][]): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  const code = fences.filter((f) => f.kind === 'code');
  let spans: readonly [number, number][] | undefined;
  OPENER.lastIndex = from;
  for (let m = OPENER.exec(text); m; m = OPENER.exec(text)) {
    const at = m.index;
    const argsStart = at + m[0].length;
    let lineEnd = text.indexOf('\n', argsStart);
    if (lineEnd === -1) lineEnd = text.length;
    const close = text.indexOf('-->', argsStart);
    if (close === -1 || close > lineEnd) {
      // Not closed on its line: nothing else on this line is closed either.
      OPENER.lastIndex = lineEnd;
      continue;
    }
    OPENER.lastIndex = close + 3;
    if (code.some((f) => at >= f.start && at < f.end)) continue;
    spans ??= codeSpans();
    if (spans.some(([s, e]) => at >= s && at < e)) continue;
    const args = text.slice(argsStart, close).trim();
    const codes = args === '' ? [] : args.split(/[\s,]+/).filter(Boolean);
    out.push({ tool: m[1]!.toLowerCase() as SuppressionTool, action: m[2]!.toLowerCase() as SuppressionAction, codes, start: at, end: close + 3 });
  }
  return out;
}
