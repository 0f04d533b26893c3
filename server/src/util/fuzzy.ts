import { distance } from 'fastest-levenshtein';
import { detached } from './strings';

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
 * The candidates closest to `wanted`, best first, at most `limit`. A candidate qualifies when it is a
 * plausible typo (a small edit distance) or shares a word of its name (a rename or a sibling); the
 * rank is the edit distance, less a bonus for each shared word.
 */
export function closest(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = wanted.toLowerCase();
  const wantedWords = words(wanted);
  const typoLimit = Math.max(2, Math.floor(wanted.length / 6));
  const scored: { c: string; score: number }[] = [];
  for (const c of candidates) {
    if (c === wanted) continue;
    let shared = 0;
    for (const x of wordsOf(c)) if (wantedWords.has(x)) shared++;
    // The edit distance is at least the difference in length: no need to compute it for a candidate
    // that shares no word and could not be a typo.
    const lower = c.toLowerCase();
    if (shared === 0 && Math.abs(lower.length - w.length) > typoLimit) continue;
    const d = distance(w, lower);
    if (d > typoLimit && shared === 0) continue;
    scored.push({ c, score: d - 4 * shared });
  }
  scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, limit).map((s) => s.c);
}
