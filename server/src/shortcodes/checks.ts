// Checks of shortcode calls against what the site can call. Pure functions of the scanner's calls
// (`scanShortcodes`) and a catalogue (`shortcodeCatalogue`): offsets in, problems out, no LSP types.
//
// Hugo is the measure of every rule here:
// - a template that reads .Inner must be closed or self-closed, or the build fails;
// - a template that does not read .Inner must not be closed, or the build fails;
// - positional and named arguments cannot be mixed in one call, or the build fails;
// - a named argument the template never reads is silently ignored (so it is a warning, not an error);
// - `key = "value"` with spaces round the `=` is a named argument to Hugo, as `key="value"` is;
// - the comment form {{</* x */>}} is inert and never checked.
// Calls that are not terminated are left to the scanner's own diagnostics (shortcode-unterminated).
import { distance } from 'fastest-levenshtein';
import type { ShortcodeCall } from '../parse/shortcodes';
import { closestNames } from '../util/fuzzy';
import type { ShortcodeCatalogue, ShortcodeInfo } from './types';

export type ShortcodeProblemCode =
  | 'shortcode-unknown'
  | 'shortcode-unclosed'
  | 'shortcode-unopened'
  | 'shortcode-param-unknown'
  | 'shortcode-delimiter'
  | 'shortcode-mixed-args';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export type ShortcodeProblemData =
  | { kind: 'shortcode-unknown'; name: string; candidates: string[] }
  | { kind: 'shortcode-unclosed'; name: string; closingTag: string }
  | { kind: 'shortcode-unopened'; name: string; reason: 'no-opening-tag' | 'takes-no-content' }
  | { kind: 'shortcode-param-unknown'; name: string; param: string; candidates: string[] }
  | { kind: 'shortcode-delimiter'; name: string; edits: TextEdit[] }
  | { kind: 'shortcode-mixed-args'; name: string; positional: number; named: number };

export interface ShortcodeProblem {
  start: number;
  end: number;
  code: ShortcodeProblemCode;
  severity: 'error' | 'warning';
  message: string;
  data: ShortcodeProblemData;
}

/** One argument as Hugo sees it: `key = "v"` (spaces round `=`) folded into a named argument. */
export interface EffectiveArg {
  name?: string;
  value: string;
  start: number;
  end: number;
  /** The name's range, for named arguments. */
  nameStart?: number;
  nameEnd?: number;
}

/** How the calls of one text pair up, by index into the calls array. */
export interface ShortcodePairing {
  /** [opening, closing] */
  pairs: [number, number][];
  /** Openings that need a closing tag and have none. */
  unclosed: number[];
  /** Closing tags with no opening, or for a shortcode that takes no content. */
  unopened: number[];
}

/** Every problem with the calls of one text, in text order. */
export function checkShortcodes(calls: readonly ShortcodeCall[], catalogue: ShortcodeCatalogue): ShortcodeProblem[] {
  const problems = [
    ...checkUnknownShortcodes(calls, catalogue),
    ...checkPairing(calls, catalogue),
    ...checkParams(calls, catalogue),
    ...checkDelimiters(calls, catalogue),
    ...checkMixedArgs(calls),
  ];
  return problems.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

function checked(call: ShortcodeCall): boolean {
  return !call.inert && call.terminated && call.name !== '';
}

/** Inline shortcodes (`{{< x.inline >}}`) are defined where they are called. */
function isInline(name: string): boolean {
  return name.endsWith('.inline');
}

// --- shortcode-unknown -----------------------------------------------------------------------------

export function checkUnknownShortcodes(calls: readonly ShortcodeCall[], catalogue: ShortcodeCatalogue): ShortcodeProblem[] {
  const out: ShortcodeProblem[] = [];
  for (const call of calls) {
    // A closing tag of an unknown name is reported through its opening (or as unopened).
    if (!checked(call) || call.closing || catalogue.has(call.name) || isInline(call.name)) continue;
    const candidates = closestNames(call.name, catalogue.keys());
    const hint = candidates.length ? ` — did you mean "${candidates[0]}"?` : ': no site template in layouts/_shortcodes defines it, and it is not one of Hugo\'s, Docsy\'s or docsy-gitlab\'s.';
    out.push({
      start: call.nameStart,
      end: call.nameEnd,
      code: 'shortcode-unknown',
      severity: 'warning',
      message: `Unknown shortcode "${call.name}"${hint}`,
      data: { kind: 'shortcode-unknown', name: call.name, candidates },
    });
  }
  return out;
}

// --- shortcode-unclosed / shortcode-unopened ---------------------------------------------------------

/**
 * Pairs opening and closing tags the way Hugo nests them: innermost first, by name. An opening tag
 * that needs content (`always`) and is never closed is unclosed; one that may stand alone
 * (`optional`, or unknown) is fine either way; a self-closed call stands alone.
 */
export function pairShortcodes(calls: readonly ShortcodeCall[], catalogue: ShortcodeCatalogue): ShortcodePairing {
  const result: ShortcodePairing = { pairs: [], unclosed: [], unopened: [] };
  const stack: { index: number; name: string; needsClose: boolean }[] = [];
  calls.forEach((call, index) => {
    if (call.inert || call.name === '') return;
    if (!call.closing) {
      if (call.selfClosing) return;
      const paired = catalogue.get(call.name)?.paired ?? 'optional';
      if (paired === 'never') return;
      // A half-typed opening tag (reported as unterminated already) may still be closed, but is never
      // reported as unclosed.
      stack.push({ index, name: call.name, needsClose: paired === 'always' && call.terminated });
      return;
    }
    let k = stack.length - 1;
    while (k >= 0 && stack[k]!.name !== call.name) k--;
    if (k < 0) {
      if (call.terminated) result.unopened.push(index);
      return;
    }
    for (const open of stack.splice(k + 1)) if (open.needsClose) result.unclosed.push(open.index);
    result.pairs.push([stack.pop()!.index, index]);
  });
  for (const open of stack) if (open.needsClose) result.unclosed.push(open.index);
  result.unclosed.sort((a, b) => a - b);
  return result;
}

export function checkPairing(calls: readonly ShortcodeCall[], catalogue: ShortcodeCatalogue): ShortcodeProblem[] {
  const out: ShortcodeProblem[] = [];
  const { unclosed, unopened } = pairShortcodes(calls, catalogue);
  for (const i of unclosed) {
    const call = calls[i]!;
    const tag = `{{${call.delimiter} /${call.name} ${closer(call.delimiter)}}}`;
    out.push({
      start: call.start,
      end: call.end,
      code: 'shortcode-unclosed',
      severity: 'error',
      message: `"${call.name}" is never closed: its template reads the content, so Hugo wants a closing ${tag} (or a self-closing ${selfClosed(call)}).`,
      data: { kind: 'shortcode-unclosed', name: call.name, closingTag: tag },
    });
  }
  for (const i of unopened) {
    const call = calls[i]!;
    const info = catalogue.get(call.name);
    const noContent = info?.paired === 'never';
    out.push({
      start: call.start,
      end: call.end,
      code: 'shortcode-unopened',
      severity: 'error',
      message: noContent
        ? `"${call.name}" takes no content (its template never reads .Inner), so Hugo rejects this closing tag.`
        : `This closing tag has no opening {{${call.delimiter} ${call.name} ${closer(call.delimiter)}}} before it.`,
      data: { kind: 'shortcode-unopened', name: call.name, reason: noContent ? 'takes-no-content' : 'no-opening-tag' },
    });
  }
  return out;
}

function closer(d: '<' | '%'): string {
  return d === '<' ? '>' : '%';
}

function selfClosed(call: ShortcodeCall): string {
  return `{{${call.delimiter} ${call.name} /${closer(call.delimiter)}}}`;
}

// --- shortcode-param-unknown -------------------------------------------------------------------------

/** The arguments of a call as Hugo reads them: `key = "value"` is one named argument. */
export function effectiveArgs(call: ShortcodeCall): EffectiveArg[] {
  const out: EffectiveArg[] = [];
  const args = call.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.name !== undefined) {
      const nameStart = a.nameStart ?? a.start;
      const next = args[i + 1];
      // `role= "x"`: the scanner sees an empty value and then a positional "x"; Hugo skips the space.
      if (a.quote === null && a.value === '' && a.end === a.valueStart && next && next.name === undefined) {
        out.push({ name: a.name, value: next.value, start: a.start, end: next.end, nameStart, nameEnd: nameStart + a.name.length });
        i += 1;
        continue;
      }
      out.push({ name: a.name, value: a.value, start: a.start, end: a.end, nameStart, nameEnd: nameStart + a.name.length });
      continue;
    }
    const eq = args[i + 1];
    const val = args[i + 2];
    // `role = "x"`: a bare word, a lone `=`, then the value (`role ="x"` and `role= "x"` too).
    if (a.quote === null && /^[A-Za-z_][\w-]*$/.test(a.value) && eq && eq.quote === null && eq.name === undefined) {
      if (eq.value === '=' && val && val.name === undefined) {
        out.push({ name: a.value, value: val.value, start: a.start, end: val.end, nameStart: a.start, nameEnd: a.end });
        i += 2;
        continue;
      }
      if (eq.value.startsWith('=') && eq.value.length > 1) {
        out.push({ name: a.value, value: unquote(eq.value.slice(1)), start: a.start, end: eq.end, nameStart: a.start, nameEnd: a.end });
        i += 1;
        continue;
      }
    }
    out.push({ value: a.value, start: a.start, end: a.end });
  }
  return out;
}

function unquote(v: string): string {
  const q = v[0];
  return (q === '"' || q === '`') && v.length >= 2 && v.endsWith(q) ? v.slice(1, -1) : v;
}

export function checkParams(calls: readonly ShortcodeCall[], catalogue: ShortcodeCatalogue): ShortcodeProblem[] {
  const out: ShortcodeProblem[] = [];
  for (const call of calls) {
    if (!checked(call) || call.closing) continue;
    const info = catalogue.get(call.name);
    if (!info || info.acceptsAnyNamed) continue;
    const known = info.named.map((p) => p.name);
    const knownLower = new Set(known.map((n) => n.toLowerCase()));
    for (const arg of effectiveArgs(call)) {
      if (arg.name === undefined || knownLower.has(arg.name.toLowerCase())) continue;
      const candidates = closestNames(arg.name, known);
      // Where the list is known only in part, only a likely typo of a known name is worth saying.
      if (info.paramsIncomplete && !(candidates[0] !== undefined && distance(arg.name.toLowerCase(), candidates[0].toLowerCase()) <= 2)) continue;
      const message = candidates.length
        ? `"${call.name}" has no parameter "${arg.name}" — did you mean "${candidates[0]}"?`
        : known.length
          ? `"${call.name}" has no parameter "${arg.name}" (it reads ${known.map((n) => `"${n}"`).join(', ')}); Hugo ignores it.`
          : `"${call.name}" takes no named parameters; Hugo ignores "${arg.name}".`;
      out.push({
        start: arg.nameStart ?? arg.start,
        end: arg.nameEnd ?? arg.end,
        code: 'shortcode-param-unknown',
        severity: 'warning',
        message,
        data: { kind: 'shortcode-param-unknown', name: call.name, param: arg.name, candidates },
      });
    }
  }
  return out;
}

// --- shortcode-delimiter -------------------------------------------------------------------------------

export function checkDelimiters(calls: readonly ShortcodeCall[], catalogue: ShortcodeCatalogue): ShortcodeProblem[] {
  const out: ShortcodeProblem[] = [];
  const { pairs } = pairShortcodes(calls, catalogue);
  const closingOf = new Map(pairs);
  calls.forEach((call, index) => {
    if (!checked(call) || call.closing || call.delimiter !== '<') return;
    const info = catalogue.get(call.name);
    if (!info?.markdownOnly) return;
    const edits = delimiterEdits(call);
    const closingIndex = closingOf.get(index);
    const closing = closingIndex === undefined ? undefined : calls[closingIndex];
    if (closing && closing.delimiter === '<') edits.push(...delimiterEdits(closing));
    const file = info.files?.[0];
    const where = file ? ` (${file.slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1)})` : '';
    out.push({
      start: call.start,
      end: call.end,
      code: 'shortcode-delimiter',
      severity: 'warning',
      message: `"${call.name}" is a Markdown template${where}: call it with {{% ${call.name} %}}, not {{< ${call.name} >}}.`,
      data: { kind: 'shortcode-delimiter', name: call.name, edits },
    });
  });
  return out;
}

/** Turns `{{<` … `>}}` of one call into `{{%` … `%}}`. */
function delimiterEdits(call: ShortcodeCall): TextEdit[] {
  const edits: TextEdit[] = [{ start: call.start + 2, end: call.start + 3, newText: '%' }];
  if (call.terminated && !call.mismatchedClose) edits.push({ start: call.end - 3, end: call.end - 2, newText: '%' });
  return edits;
}

// --- shortcode-mixed-args ------------------------------------------------------------------------------

export function checkMixedArgs(calls: readonly ShortcodeCall[]): ShortcodeProblem[] {
  const out: ShortcodeProblem[] = [];
  for (const call of calls) {
    if (!checked(call) || call.closing) continue;
    const args = effectiveArgs(call);
    const named = args.filter((a) => a.name !== undefined).length;
    const positional = args.length - named;
    if (named === 0 || positional === 0) continue;
    // Hugo stops at the first argument of the other kind.
    const firstNamed = args[0]!.name !== undefined;
    const culprit = args.find((a) => (a.name !== undefined) !== firstNamed)!;
    out.push({
      start: culprit.start,
      end: culprit.end,
      code: 'shortcode-mixed-args',
      severity: 'error',
      message: `"${call.name}" is called with both positional and named arguments; Hugo accepts one kind or the other, not both.`,
      data: { kind: 'shortcode-mixed-args', name: call.name, positional, named },
    });
  }
  return out;
}

// The ranking of "did you mean" names is util/fuzzy.ts's.
export { closestNames };

/** The catalogue entry for a call, if any (a convenience for hover and completion). */
export function infoFor(call: ShortcodeCall, catalogue: ShortcodeCatalogue): ShortcodeInfo | undefined {
  return catalogue.get(call.name);
}
