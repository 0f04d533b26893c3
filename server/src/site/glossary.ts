// The handbook's glossaries in data files: data/support_glossary.yml (acronym, term, info) gives hover
// definitions; data/misused_terms.yml (avoid, use_instead, reason) lists words to avoid. Both optional.
import * as path from 'node:path';
import { load as yamlLoad } from 'js-yaml';
import type { FileSystem } from '../util/fileSystem';
import type { Site } from './site';

export interface Acronym {
  acronym: string;
  terms: string[];
  info: string;
}

export interface MisusedTerm {
  avoid: string;
  useInstead: string[];
  reason: string;
  /**
   * False for a single ordinary word ("Resources", "Community"): whether it is misused depends on what
   * it means in the sentence ("resources" for people), which no matcher can tell. Phrases and words with
   * inner capitals (GitLabber, "GitLab SaaS", FAQ) are distinctive.
   */
  distinctive: boolean;
  /**
   * The reason says a group may be called this ("It is okay to describe a team or any collection of
   * people as "diverse""): only the singular is flagged.
   */
  pluralAllowed: boolean;
}

export interface Glossary {
  acronyms: Map<string, Acronym>;
  misused: MisusedTerm[];
  /** Entries by their lower-cased phrase (white space folded), to find the one a match stands for. */
  misusedByKey: Map<string, MisusedTerm>;
  /** Distinctive phrases: those written in lower case match in any case ... */
  misusedAnyCase: RegExp | undefined;
  /** ... and those with capitals inside (GitLabber) match as written, but for the first letter. */
  misusedExactCase: RegExp | undefined;
  /** The single ordinary words, matched only when their (off by default) check is on. */
  misusedContext: RegExp | undefined;
  /**
   * All of the above in any case, as one regex: where it matches is where one of them may. A page is
   * scanned once with it, and the others are tried only there.
   */
  misusedAnyOf: { distinctive: RegExp | undefined; all: RegExp | undefined };
  /** The data files read (to know when to reload). */
  files: string[];
  problems: string[];
}

/** An avoid entry longer than this many words describes a situation; it is not a literal phrase. */
const MAX_PHRASE_WORDS = 4;

export function loadGlossary(fs: FileSystem, site: Site): Glossary {
  const g: Glossary = {
    acronyms: new Map(),
    misused: [],
    misusedByKey: new Map(),
    misusedAnyCase: undefined,
    misusedExactCase: undefined,
    misusedContext: undefined,
    misusedAnyOf: { distinctive: undefined, all: undefined },
    files: [],
    problems: [],
  };
  const read = (name: string): unknown[] => {
    for (const m of site.mounts.data) {
      const file = path.join(m.source, name);
      const text = fs.stat(file)?.isFile ? fs.readFile(file) : undefined;
      if (text === undefined) continue;
      g.files.push(file);
      try {
        const v = yamlLoad(text);
        return Array.isArray(v) ? v : [];
      } catch (err) {
        g.problems.push(`${file}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    }
    return [];
  };
  for (const e of read('support_glossary.yml')) {
    if (!e || typeof e !== 'object') continue;
    const { acronym, term, info } = e as Record<string, unknown>;
    if (typeof acronym !== 'string' || acronym.trim() === '') continue;
    const terms = (Array.isArray(term) ? term : [term]).filter((t): t is string => typeof t === 'string');
    g.acronyms.set(acronym.trim(), { acronym: acronym.trim(), terms, info: typeof info === 'string' ? info.trim() : '' });
  }
  for (const e of read('misused_terms.yml')) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    // The handbook marks entries that are "not literal or too common" as excluded from exports.
    if (r['exclude_from_exports'] === true) continue;
    const avoid = (Array.isArray(r['avoid']) ? r['avoid'] : [r['avoid']]).filter((a): a is string => typeof a === 'string');
    const useInstead = (Array.isArray(r['use_instead']) ? r['use_instead'] : [r['use_instead']]).filter((a): a is string => typeof a === 'string');
    const reason = typeof r['reason'] === 'string' ? r['reason'].replace(/^\\/, '').replace(/\s+/g, ' ').trim() : '';
    for (const a of avoid) {
      const phrase = a.trim();
      if (phrase === '' || phrase.split(/\s+/).length > MAX_PHRASE_WORDS || /[()"“”]/.test(phrase)) continue;
      const distinctive = /\s/.test(phrase) || /[A-Z]/.test(phrase.slice(1));
      g.misused.push({ avoid: phrase, useInstead, reason, distinctive, pluralAllowed: allowsPlural(reason) });
    }
  }
  for (const m of g.misused) if (!g.misusedByKey.has(keyOf(m.avoid))) g.misusedByKey.set(keyOf(m.avoid), m);
  const anyCase = g.misused.filter((m) => m.distinctive && !/[A-Z]/.test(m.avoid.slice(1)));
  const exact = g.misused.filter((m) => m.distinctive && /[A-Z]/.test(m.avoid.slice(1)));
  const context = g.misused.filter((m) => !m.distinctive);
  g.misusedAnyCase = anyCase.length ? phraseRegex(anyCase.map((m) => escape(m.avoid)), 'gi') : undefined;
  g.misusedExactCase = exact.length ? phraseRegex(exact.map((m) => `[${m.avoid[0]!.toUpperCase()}${m.avoid[0]!.toLowerCase()}]${escape(m.avoid.slice(1))}`), 'g') : undefined;
  g.misusedContext = context.length ? phraseRegex(context.map((m) => escape(m.avoid)), 'gi') : undefined;
  const distinctive = g.misused.filter((m) => m.distinctive).map((m) => escape(m.avoid));
  g.misusedAnyOf = {
    distinctive: distinctive.length ? phraseRegex(distinctive, 'gi') : undefined,
    all: g.misused.length ? phraseRegex(g.misused.map((m) => escape(m.avoid)), 'gi') : undefined,
  };
  return g;
}

/** A sentence of the reason that says a collection of people may be called so. */
function allowsPlural(reason: string): boolean {
  return reason.split(/(?<=[.!?])\s+/).some((sentence) => /\b(?:okay|ok|fine|acceptable|can)\b/i.test(sentence) && /\b(?:collection|group)s?\s+of\b/i.test(sentence));
}

function phraseRegex(alternatives: string[], flags: string): RegExp {
  // Spaces in a phrase match any run of white space, an optional plural "s", no word character after.
  // The word start is checked by the caller (`startsWord`): a lookbehind here would be tried at every
  // position of every page, which cost most of the scan.
  const alts = alternatives.map((a) => a.replace(/\\? +/g, '\\s+')).sort((x, y) => y.length - x.length);
  return new RegExp(`(?:${alts.join('|')})s?(?![\\p{L}\\p{N}_])`, `${flags}u`);
}

/** True when a match at `at` starts a word (no letter, digit, `_` or `-` right before it). */
export function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const code = text.codePointAt(at - 1)!;
  // A low surrogate before: look at the whole character.
  const ch = code >= 0xdc00 && code <= 0xdfff && at >= 2 ? String.fromCodePoint(text.codePointAt(at - 2)!) : text[at - 1]!;
  return !/[\p{L}\p{N}_-]/u.test(ch);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The entry a matched text stands for. */
export function misusedEntry(g: Glossary, matched: string): MisusedTerm | undefined {
  const k = keyOf(matched);
  return g.misusedByKey.get(k) ?? (k.endsWith('s') ? g.misusedByKey.get(k.slice(0, -1)) : undefined);
}

function keyOf(s: string): string {
  return s.replace(/\s+/g, ' ').toLowerCase();
}
