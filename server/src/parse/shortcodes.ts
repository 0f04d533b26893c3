// A small tolerant scanner for Hugo shortcode calls in raw page text. Hugo processes shortcodes
// everywhere in the content (inside code fences and inline code too), so this scans the text itself,
// not a Markdown tree. It never throws and always terminates: half-typed calls come back with
// `terminated: false` so the editor can still complete and diagnose them.

export type Delimiter = '<' | '%';

export interface ShortcodeArg {
  /** The parameter name for `key=value` arguments. */
  name?: string;
  /** The value with quotes removed and `\"` escapes resolved. */
  value: string;
  /** The whole argument, `key=` and quotes included. */
  start: number;
  end: number;
  /** The value's text between its quotes (or the bare word). */
  valueStart: number;
  valueEnd: number;
  nameStart?: number;
  quote: '"' | '`' | null;
  /** False when a quoted value runs to the end of the call or the text without its closing quote. */
  closedQuote: boolean;
}

export interface ShortcodeCall {
  delimiter: Delimiter;
  name: string;
  nameStart: number;
  nameEnd: number;
  /** `{{< /name >}}` */
  closing: boolean;
  /** `{{< name />}}` */
  selfClosing: boolean;
  // The comment form, {{</* name */>}}: rendered as the literal call, never executed.
  inert: boolean;
  args: ShortcodeArg[];
  start: number;
  end: number;
  /** False when the closing `>}}` / `%}}` is missing. */
  terminated: boolean;
  /** The call was closed with the other delimiter (`{{< x %}}`), which Hugo rejects. */
  mismatchedClose: boolean;
}

const NAME_CHAR = /[A-Za-z0-9_\-./]/;

/** Finds every shortcode call in `text` between `from` and `to` (offsets), in order. */
export function scanShortcodes(text: string, from = 0, to = text.length): ShortcodeCall[] {
  const calls: ShortcodeCall[] = [];
  let i = from;
  while (i < to) {
    const open = text.indexOf('{{', i);
    if (open === -1 || open + 2 >= to) break;
    const d = text[open + 2];
    if (d !== '<' && d !== '%') {
      i = open + 2;
      continue;
    }
    const call = scanCall(text, open, d, to);
    calls.push(call);
    i = Math.max(call.end, open + 3);
  }
  return calls;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function closesAt(text: string, j: number): Delimiter | undefined {
  const c = text[j];
  if ((c === '>' || c === '%') && text[j + 1] === '}' && text[j + 2] === '}') return c === '>' ? '<' : '%';
  return undefined;
}

/** True at a blank line or at the start of another call: where a half-typed call is taken to end. */
function stopsHere(text: string, j: number): boolean {
  if (text[j] === '{' && text[j + 1] === '{' && (text[j + 2] === '<' || text[j + 2] === '%')) return true;
  if (text[j] === '\n') {
    let k = j + 1;
    while (text[k] === ' ' || text[k] === '\t' || text[k] === '\r') k++;
    return text[k] === '\n' || k >= text.length;
  }
  return false;
}

function scanCall(text: string, start: number, delimiter: Delimiter, to: number): ShortcodeCall {
  const call: ShortcodeCall = {
    delimiter,
    name: '',
    nameStart: start + 3,
    nameEnd: start + 3,
    closing: false,
    selfClosing: false,
    inert: false,
    args: [],
    start,
    end: start + 3,
    terminated: false,
    mismatchedClose: false,
  };
  let j = start + 3;
  while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] === '/' && text[j + 1] === '*') {
    call.inert = true;
    const close = text.indexOf('*/', j + 2);
    const limit = close === -1 || close >= to ? to : close;
    // Still read the name inside, for outlines and colouring; nothing else looks at an inert call.
    let k = j + 2;
    while (k < limit && isSpace(text[k])) k++;
    if (text[k] === '/') {
      call.closing = true;
      k++;
    }
    const ns = k;
    while (k < limit && NAME_CHAR.test(text[k]!)) k++;
    call.name = text.slice(ns, k);
    call.nameStart = ns;
    call.nameEnd = k;
    if (close === -1 || close >= to) {
      call.end = lineEnd(text, start, to);
      return call;
    }
    let e = close + 2;
    while (e < to && (text[e] === ' ' || text[e] === '\t')) e++;
    const d = closesAt(text, e);
    if (d) {
      call.terminated = true;
      call.mismatchedClose = d !== delimiter;
      call.end = e + 3;
    } else {
      call.end = close + 2;
    }
    return call;
  }
  if (text[j] === '/') {
    call.closing = true;
    j++;
    while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
  }
  call.nameStart = j;
  while (j < to && NAME_CHAR.test(text[j]!)) {
    // A trailing `/` before `>}}` is the self-closing mark, not part of the name.
    if (text[j] === '/' && closesAt(text, j + 1)) break;
    j++;
  }
  call.nameEnd = j;
  call.name = text.slice(call.nameStart, j);
  call.end = j;

  while (j < to) {
    const c = text[j]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (stopsHere(text, j)) break;
      j++;
      continue;
    }
    const d = closesAt(text, j);
    if (d) {
      call.terminated = true;
      call.mismatchedClose = d !== delimiter;
      call.end = j + 3;
      return call;
    }
    if (c === '/' && closesAt(text, j + 1)) {
      call.selfClosing = true;
      j++;
      continue;
    }
    if (stopsHere(text, j)) break;
    const arg = scanArg(text, j, to);
    call.args.push(arg);
    call.end = arg.end;
    if (arg.end <= j) break; // defensive: never loop without progress
    j = arg.end;
    // An unclosed string ends the call, unless the closing delimiter follows right away.
    if (!arg.closedQuote && !closesAt(text, arg.end)) break;
  }
  // Unterminated: the call ends after its last token (for diagnostics and completion ranges).
  call.end = Math.max(call.end, Math.min(j, to));
  while (call.end > call.nameEnd && isSpace(text[call.end - 1])) call.end--;
  return call;
}

function scanArg(text: string, start: number, to: number): ShortcodeArg {
  let j = start;
  let name: string | undefined;
  let nameStart: number | undefined;
  // key=value ?
  const keyMatch = /^[A-Za-z_][A-Za-z0-9_\-]*=/.exec(text.slice(start, Math.min(to, start + 200)));
  if (keyMatch) {
    name = keyMatch[0].slice(0, -1);
    nameStart = start;
    j = start + keyMatch[0].length;
  }
  const q = text[j];
  if (q === '"' || q === '`') {
    const valueStart = j + 1;
    let k = valueStart;
    let value = '';
    let closedQuote = false;
    while (k < to) {
      const c = text[k]!;
      if (q === '"' && c === '\\' && k + 1 < to) {
        value += text[k + 1];
        k += 2;
        continue;
      }
      if (c === q) {
        closedQuote = true;
        break;
      }
      // A `"` string does not run past the end of a line in a half-typed call.
      if (q === '"' && c === '\n') break;
      if (closesAt(text, k) && q === '"') break;
      value += c;
      k++;
    }
    const valueEnd = k;
    const end = closedQuote ? k + 1 : k;
    return { name, nameStart, value, start, end, valueStart, valueEnd, quote: q, closedQuote };
  }
  // A bare word: up to white space or the closing delimiter.
  let k = j;
  while (k < to && !isSpace(text[k]) && !closesAt(text, k) && !(text[k] === '/' && closesAt(text, k + 1))) k++;
  if (k === j && !name) k = j + 1; // a stray character: consume it so scanning moves on
  return { name, nameStart, value: text.slice(j, k), start, end: k, valueStart: j, valueEnd: k, quote: null, closedQuote: true };
}

function lineEnd(text: string, from: number, to: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 || nl > to ? to : nl;
}

/** The positional arguments of a call (Hugo forbids mixing them with named ones). */
export function positionalArgs(call: ShortcodeCall): ShortcodeArg[] {
  return call.args.filter((a) => a.name === undefined);
}
