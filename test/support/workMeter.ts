// A count of the work the string and regular-expression built-ins do, as a proxy for how long a parser
// takes that does not depend on the machine or its load: the characters a search passes over (a failed
// search from p in a string of n: n - p), the characters a copy makes (slice), and one per call.
// A parser that scans from every position to the end is quadratic here as it is in time; a test can
// then assert that doubling the input at most doubles the work, instead of timing it.
// (Indexing a string with [] is not seen; the parsers' scanners use the metered built-ins.)

type Method = (this: unknown, ...args: unknown[]) => unknown;

let work = 0;

function meter<T extends object>(proto: T, name: keyof T & string, cost: (self: never, args: unknown[], result: unknown) => number): () => void {
  const original = proto[name] as unknown as Method;
  const metered = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    work += 1 + Math.max(0, cost(this as never, args, result));
    return result;
  };
  Object.defineProperty(proto, name, { value: metered, writable: true, configurable: true });
  return () => Object.defineProperty(proto, name, { value: original, writable: true, configurable: true });
}

/** exec (which test, match, matchAll, replace and split with a regular expression call): the span searched. */
function meterExec(): () => void {
  const proto = RegExp.prototype;
  const original = proto.exec;
  const metered = function (this: RegExp, s: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = original.call(this, s);
    const text = String(s).length;
    work += 1 + (m === null ? (this.sticky ? 1 : Math.max(0, text - from)) : Math.max(0, m.index + m[0].length - from));
    return m;
  };
  Object.defineProperty(proto, 'exec', { value: metered, writable: true, configurable: true });
  return () => Object.defineProperty(proto, 'exec', { value: original, writable: true, configurable: true });
}

const len = (s: unknown): number => String(s).length;
const num = (v: unknown, d: number): number => (v === undefined ? d : Math.trunc(Number(v)) || 0);

function install(): () => void {
  const S = String.prototype;
  const restore = [
    meterExec(),
    meter(S, 'indexOf', (s: string, [q, from], r) => ((r as number) === -1 ? s.length - num(from, 0) : (r as number) - num(from, 0) + len(q))),
    meter(S, 'lastIndexOf', (s: string, [, from], r) => num(from, s.length) - ((r as number) === -1 ? 0 : (r as number))),
    meter(S, 'includes', (s: string, [, from]) => s.length - num(from, 0)),
    meter(S, 'startsWith', (_s: string, [q]) => len(q)),
    meter(S, 'endsWith', (_s: string, [q]) => len(q)),
    meter(S, 'slice', (_s: string, _a, r) => len(r)),
    meter(S, 'substring', (_s: string, _a, r) => len(r)),
    meter(S, 'trim', (s: string) => s.length),
    meter(S, 'toLowerCase', (s: string) => s.length),
    meter(S, 'charCodeAt', () => 0),
    meter(S, 'codePointAt', () => 0),
  ];
  return () => restore.reverse().forEach((r) => r());
}

/** Runs `f` and returns its result with the work the metered built-ins did meanwhile. */
export function measureWork<T>(f: () => T): { result: T; work: number } {
  const restore = install();
  work = 0;
  try {
    const result = f();
    return { result, work };
  } finally {
    restore();
  }
}
