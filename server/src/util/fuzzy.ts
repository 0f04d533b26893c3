// "Did you mean": the one ranker of the engine's suggestions, with the two ways it scores a candidate:
// as a path or URL (`closest`: typos and shared words of the last segment) and as a name
// (`closestNames`: typos, the same name in another folder, a word more or less).
import { distance } from 'fastest-levenshtein';
import { detached } from './strings';

/**
 * The candidates closest to `wanted`, best first (lowest score, then by name), at most `limit`.
 * `scoreOf` gives a candidate's score, or undefined when it does not qualify; `wanted` itself never does.
 */
export function rankClosest(wanted: string, candidates: Iterable<string>, scoreOf: (candidate: string) => number | undefined, limit: number): string[] {
  const scored: { c: string; score: number }[] = [];
  for (const c of candidates) {
    if (c === wanted) continue;
    const score = scoreOf(c);
    if (score !== undefined) scored.push({ c, score });
  }
  scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, limit).map((s) => s.c);
}

/** The words of a path's last segment, without its extension: "ep-career-nav.md" -> ep, career, nav. */
function words(p: string): Set<string> {
  const base = p.slice(p.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '').toLowerCase();
  return new Set(base.split(/[-_.\s]+/).filter((w) => w.length > 1));
}

/** Words of the candidates seen lately: a site's URLs are candidates again and again. */
const wordsMemo = new Map<string, Set<string>>();

function wordsOf(p: string): Set<string> {
  let w = wordsMemo.get(p);
  if (!w) {
    if (wordsMemo.size >= 20_000) wordsMemo.clear();
    w = words(p);
    wordsMemo.set(detached(p), w);
  }
  return w;
}

/**
 * The paths or URLs closest to `wanted`, best first, at most `limit`. A candidate qualifies when it
 * is a plausible typo (a small edit distance) or shares a word of its name (a rename or a sibling);
 * the score is the edit distance, less a bonus for each shared word.
 */
export function closest(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = wanted.toLowerCase();
  const wantedWords = words(wanted);
  const typoLimit = Math.max(2, Math.floor(wanted.length / 6));
  return rankClosest(
    wanted,
    candidates,
    (c) => {
      let shared = 0;
      for (const x of wordsOf(c)) if (wantedWords.has(x)) shared++;
      // The edit distance is at least the difference in length: no need to compute it for a candidate
      // that shares no word and could not be a typo.
      const lower = c.toLowerCase();
      if (shared === 0 && Math.abs(lower.length - w.length) > typoLimit) return undefined;
      const d = distance(w, lower);
      if (d > typoLimit && shared === 0) return undefined;
      return d - 4 * shared;
    },
    limit,
  );
}

/**
 * The names closest to `wanted` (shortcodes, parameters), best first, at most `limit`: a plausible
 * typo (small edit distance, case ignored), the same last segment in another folder
 * (`stable-counterparts` for `engineering/stable-counterparts`), or the name with a word more or less
 * (`group` for `group-label`).
 */
export function closestNames(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = wanted.toLowerCase();
  const wLast = w.slice(w.lastIndexOf('/') + 1);
  const typoLimit = Math.max(2, Math.floor(w.length / 4));
  return rankClosest(
    wanted,
    candidates,
    (c) => {
      const l = c.toLowerCase();
      const lLast = l.slice(l.lastIndexOf('/') + 1);
      let score = distance(w, l);
      if (score > typoLimit) score = Infinity;
      // The same name in another folder, or a folder added or left out.
      const lastDistance = distance(wLast, lLast);
      if (wLast.length > 2 && lastDistance <= Math.max(1, Math.floor(wLast.length / 6))) score = Math.min(score, 0.5 + lastDistance);
      // One is the other with a word more: `group` for `group-label`.
      if (w.length > 2 && l.length > 2 && (startsWord(l, w) || startsWord(w, l))) score = Math.min(score, 2.5);
      return score === Infinity ? undefined : score;
    },
    limit,
  );
}

function startsWord(long: string, short: string): boolean {
  return long.length > short.length && long.startsWith(short) && /[-_/.]/.test(long[short.length]!);
}
