// The hand-checked precision sample (test/corpus/precision-sample.json): which of the checker's findings
// on the real handbook belong to it. Membership is a stable hash of the finding, so it does not depend on
// what else the checker reports: every finding whose hash falls in its code's window must have a verdict,
// and a new one in the window fails the test until someone has judged it.
import { createHash } from 'node:crypto';

export interface Finding {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface Verdict {
  code: string;
  file: string;
  line: number;
  column: number;
  /** The link's path, the anchor (with its "#") or the phrase matched, for the reader (a text fragment is cut). */
  target: string;
  verdict: 'real' | 'false';
  /** One line: what the target page or the sentence shows. */
  reason: string;
  /**
   * A category of Hugo's behaviour being taught to the engine elsewhere (raw HTML anchors and links,
   * attribute lists, HTML content pages). On a false finding: its cause, so the number is given with and
   * without it until that work lands (then the finding goes and counts as fixed). On a real one: a
   * finding that only that work reports (a raw HTML link), judged ahead; until it is reported it is
   * waiting, not lost.
   */
  pending?: string;
  /**
   * On a real finding: the suppression comment with which the page silences it on purpose (the
   * handbook's `markdownlint-disable MD051` ranges). The checker does not report it, and it is not lost.
   */
  silenced?: string;
}

/** The share of each code's findings that are sampled, by hash. */
export const WINDOWS: Record<string, number> = {
  'anchor-not-found': 0.07,
  // Outside content/job-families (whose pages the snapshot's importer replaced, so every link into it is dead).
  'link-not-found': 0.25,
  'term-misused': 0.07,
};

/** The first quoted text of a finding's message: the path, "#anchor" or phrase it is about. */
export function targetOf(f: Finding): string {
  const m = /"([^"]*)"/.exec(f.message);
  return m ? m[1]! : '';
}

/** What the window's hash is taken of: no column, so a finding's range can change without moving it. */
function hashKey(f: Finding): string {
  return `${f.code}\t${f.file}\t${f.line}\t${targetOf(f)}`;
}

/** A finding of the sample: the corpus is a fixed snapshot, so a place names one finding. */
function placeOf(f: { code: string; file: string; line: number; column: number }): string {
  return `${f.code} ${f.file}:${f.line}:${f.column}`;
}

/** Whether a finding is in its code's sample window. */
export function inWindow(f: Finding): boolean {
  const rate = WINDOWS[f.code];
  if (rate === undefined) return false;
  if (f.code === 'link-not-found' && /(^|\/)job-families(\/|$)/.test(targetOf(f))) return false;
  const h = parseInt(createHash('sha256').update(hashKey(f)).digest('hex').slice(0, 8), 16);
  return h / 2 ** 32 < rate;
}

export interface CodePrecision {
  code: string;
  /** Sampled findings the checker reports now, and how many of them were judged real. */
  reported: number;
  real: number;
  /** The same without the false findings that wait for work elsewhere (`pending`). */
  reportedBeyondPending: number;
  /** False findings the checker no longer reports. */
  fixed: number;
  /** Real findings it no longer reports: lost, which a precision number alone would hide. */
  lost: Verdict[];
  /** Real findings judged ahead of the work that will report them (`pending`), not reported yet. */
  awaited: number;
  /** Real findings the page silences with a suppression comment (`silenced`). */
  silenced: number;
  pending: Map<string, number>;
}

export interface PrecisionReport {
  perCode: CodePrecision[];
  /** Findings in a window with no verdict: the sample must be extended before the number means anything. */
  unjudged: Finding[];
}

export function measurePrecision(findings: readonly Finding[], sample: readonly Verdict[]): PrecisionReport {
  const byPlace = new Map(sample.map((v) => [placeOf(v), v]));
  const reported = new Set<string>();
  const unjudged: Finding[] = [];
  for (const f of findings) {
    if (!inWindow(f)) continue;
    const place = placeOf(f);
    if (byPlace.has(place)) reported.add(place);
    else unjudged.push(f);
  }
  const perCode = Object.keys(WINDOWS).map((code): CodePrecision => {
    const p: CodePrecision = { code, reported: 0, real: 0, reportedBeyondPending: 0, fixed: 0, lost: [], awaited: 0, silenced: 0, pending: new Map() };
    for (const v of sample) {
      if (v.code !== code) continue;
      const now = reported.has(placeOf(v));
      if (now) {
        p.reported++;
        if (v.verdict === 'real') p.real++;
        if (v.pending && v.verdict === 'false') p.pending.set(v.pending, (p.pending.get(v.pending) ?? 0) + 1);
        else p.reportedBeyondPending++;
      } else if (v.verdict === 'false') p.fixed++;
      else if (v.pending) p.awaited++;
      else if (v.silenced) p.silenced++;
      else p.lost.push(v);
    }
    return p;
  });
  return { perCode, unjudged };
}

export function percent(n: number, of: number): string {
  return of === 0 ? '-' : `${((100 * n) / of).toFixed(1)} %`;
}
