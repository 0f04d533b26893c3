// Glossaries from data files: hover definitions for acronyms (support_glossary.yml) and `term-misused`
// warnings for the words the handbook asks authors to avoid (misused_terms.yml).
import type { SiteView } from './view';
import type { ParsedDocument } from '../parse/document';
import { codeRanges } from '../parse/links';
import { misusedEntry, startsWord, type MisusedTerm } from '../site/glossary';
import { normalizeUrlPath, splitDestination } from '../site/urls';
import type { Site } from '../site/site';
import type { Fix, Problem } from './types';

/** Ranges of a page that are not prose: front matter, code, link URLs, shortcode calls, HTML tags, bare URLs. */
export function nonProseRanges(parsed: ParsedDocument): [number, number][] {
  const r: [number, number][] = [[0, parsed.bodyStart]];
  r.push(...codeRanges(parsed.text, parsed.bodyStart, parsed.fences));
  for (const l of parsed.links) r.push([l.destStart, l.destEnd]);
  for (const c of parsed.shortcodes) r.push([c.start, c.end]);
  const other = /<[^>\n]*>|\bhttps?:\/\/\S+/g;
  other.lastIndex = parsed.bodyStart;
  for (let m = other.exec(parsed.text); m; m = other.exec(parsed.text)) r.push([m.index, m.index + m[0].length]);
  return r.sort((a, b) => a[0] - b[0]);
}

function inRanges(ranges: readonly [number, number][], start: number, end: number): boolean {
  // Ranges are sorted by start; a linear scan is fine for the few hundred a page has.
  for (const [s, e] of ranges) {
    if (s > end) break;
    if (start < e && end > s) return true;
  }
  return false;
}

export function misusedProblems(index: SiteView, file: string, parsed: ParsedDocument): Problem[] {
  const site = index.siteOf(file);
  if (!site) return [];
  const g = index.glossaryOf(site);
  const withContext = !!index.settings.checkContextWords;
  const regexes = [g.misusedAnyCase, g.misusedExactCase, withContext ? g.misusedContext : undefined].filter((r): r is RegExp => r !== undefined);
  const union = withContext ? g.misusedAnyOf.all : g.misusedAnyOf.distinctive;
  if (regexes.length === 0 || !union) return [];
  const text = parsed.text;
  // What is not prose, found only on a page where some phrase turns up (most pages have none).
  let skip: [number, number][] | undefined;
  let mentions: Mentions | undefined;
  const found: Problem[][] = regexes.map(() => []);
  // One pass with the union finds every position where one of the regexes may match (it matches the
  // same phrases in any case); each regex is tried there only, as its own scan would have (a match,
  // kept or not, is skipped over), so the findings are those of scanning the page once per regex.
  const sticky = regexes.map(stickyOf);
  const free = regexes.map(() => parsed.bodyStart);
  union.lastIndex = parsed.bodyStart;
  for (let u = union.exec(text); u; u = union.exec(text)) {
    const at = u.index;
    union.lastIndex = at + 1;
    for (let k = 0; k < sticky.length; k++) {
      if (at < free[k]!) continue;
      const re = sticky[k]!;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) continue;
      const end = at + m[0].length;
      free[k] = end;
      if (!startsWord(text, at) || inRanges((skip ??= nonProseRanges(parsed)), at, end)) continue;
      const entry = misusedEntry(g, m[0]);
      if (!entry || isMention((mentions ??= new Mentions(index, site, parsed)), entry, at, end, m[0])) continue;
      const instead = entry.useInstead.length ? ` Use ${entry.useInstead.map((x) => `"${x}"`).join(' or ')} instead.` : '';
      found[k]!.push({
        file,
        start: at,
        end,
        severity: entry.distinctive ? 'warning' : 'information',
        code: entry.distinctive ? 'term-misused' : 'term-misused-context',
        message: `Avoid "${m[0]}".${instead}${entry.reason ? ` ${entry.reason}` : ''}`,
        data: { kind: 'misused', replacements: entry.useInstead.filter((x) => x.split(/\s+/).length <= 6 && !/[()]/.test(x)) },
      });
    }
  }
  return found.flat().sort((a, b) => a.start - b.start);
}

// Words that say a term is to be avoided: a heading or sentence with them discusses the term.
const GUIDANCE = /\b(?:avoid\w*|instead of|rather than|discourag\w*|misused|(?:don['’]t|do not|never)\s+(?:use|say|write)|no longer used)\b/i;
// The same, governing the term right after it: "instead of using FAQs", "avoid the term".
const GUIDANCE_BEFORE = /\b(?:instead of|rather than|avoid(?:s|ed|ing)?|discourag\w*|(?:don['’]t|do not|never)\s+(?:use|say|write))\s+(?:(?:using|writing|saying)\s+)?(?:the\s+(?:terms?|words?|phrases?)\s+)?(?:an?\s+)?["“]?$/i;
// The term named as a term: "the term **Functional Group** is no longer used", "the word FAQ".
const NAMED_AS_TERM = /\b(?:the|this|that)\s+(?:terms?|words?|phrases?|acronyms?|abbreviations?|expressions?)\s+[*_"“'‘]*$/i;
// A link to guidance about terms (a "…-instead-of-…" section, the misused-terms page).
const GUIDANCE_LINK = /misused|avoid|instead-of|discourag|rather-than/i;

/** What a page says about terms rather than with them, worked out once for a page where a phrase turns up. */
class Mentions {
  private links: { start: number; end: number; destination: string }[];
  private sections: { start: number; end: number; heading: string }[] = [];

  constructor(
    private index: SiteView,
    private site: Site,
    private parsed: ParsedDocument,
  ) {
    this.links = parsed.links
      .filter((l) => !l.definition)
      .map((l) => {
        const start = l.start + (l.image ? 2 : 1);
        return { start, end: start + l.text.length, destination: l.destination };
      });
    const hs = parsed.headings;
    hs.forEach((h, i) => {
      if (!GUIDANCE.test(h.text)) return;
      let end = parsed.text.length;
      for (let j = i + 1; j < hs.length; j++) {
        if (hs[j]!.level <= h.level) {
          end = hs[j]!.start;
          break;
        }
      }
      this.sections.push({ start: h.start, end, heading: fold(h.text) });
    });
  }

  /** The link whose text holds [start, end). */
  linkAround(start: number, end: number): { destination: string } | undefined {
    return this.links.find((l) => l.start <= start && end <= l.end);
  }

  /** Inside a section whose heading discusses this phrase ("Structure content instead of using FAQs"). */
  inGuidanceSection(entry: MisusedTerm, at: number): boolean {
    const phrase = fold(entry.avoid);
    return this.sections.some((s) => s.start <= at && at < s.end && s.heading.includes(phrase));
  }

  /**
   * A page outside the site: an absolute address whose path is no page of the site (a link to the
   * site's own page by its full address is the author's wording). Until every URL of the site is known,
   * nothing counts as outside, so nothing is hidden early.
   */
  isOutside(destination: string): boolean {
    const d = splitDestination(destination);
    if (!d.external || !/^(?:https?:)?\/\//i.test(d.path)) return false;
    if (!this.index.isReady) return false;
    let pathname: string;
    try {
      pathname = new URL(d.path, 'https://site.invalid/').pathname;
    } catch {
      return true;
    }
    return this.index.pageAt(this.site, normalizeUrlPath(pathname)) === undefined;
  }

  get text(): string {
    return this.parsed.text;
  }
}

/** Lower case, hyphens and runs of white space as one space. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[\s-]+/g, ' ').trim();
}

/** The mention test of one page, for the code that checks this scan against a simpler one. */
export function mentionTest(index: SiteView, site: Site, parsed: ParsedDocument): (entry: MisusedTerm, at: number, end: number, matched: string) => boolean {
  const m = new Mentions(index, site, parsed);
  return (entry, at, end, matched) => isMention(m, entry, at, end, matched);
}

/**
 * True when the match is a mention of the term rather than a use: in the text of a link to an outside
 * page (its title) or to guidance about terms; quoted; named as a term ("the term X"); in a section or
 * sentence that advises against it;
 * spelled out beside it as the entry asks; a plural the entry's reason allows; a third party's (Acme's
 * FAQ) or the label of an outside address (`Partner FAQ: https://…`).
 */
function isMention(m: Mentions, entry: MisusedTerm, at: number, end: number, matched: string): boolean {
  const text = m.text;
  if (entry.pluralAllowed && fold(matched) !== fold(entry.avoid) && /s$/i.test(matched)) return true;
  const link = m.linkAround(at, end);
  if (link && (GUIDANCE_LINK.test(link.destination) || m.isOutside(link.destination))) return true;
  if (m.inGuidanceSection(entry, at)) return true;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(Math.max(lineStart, at - 200), at);
  const after = text.slice(end, Math.min(lineEnd, end + 200));
  // Quoted: an opening quote before it (at a word's start) and a closing one after, on the line.
  if (/(?:^|[\s(\[*_])["“][^"“”]{0,60}$/.test(before) && /^[^"“”]{0,60}["”]/.test(after)) return true;
  // The sentence so far advises against it.
  const sentence = before.slice(Math.max(0, before.search(/[.!?]\s+[^.!?]*$/) + 1));
  if (GUIDANCE_BEFORE.test(sentence) || NAMED_AS_TERM.test(before)) return true;
  // Spelled out beside it: "proof-of-concept (POC)", "POC (proof of concept)".
  const spelled = entry.useInstead.map(fold).filter((u) => u !== '' && u.split(' ').length <= 6);
  const opened = /\(\s*$/.exec(before);
  if (opened && /^\s*\)/.test(after)) {
    const lead = fold(before.slice(0, opened.index));
    if (spelled.some((u) => lead.endsWith(u))) return true;
  }
  const paren = /^\s*\(([^)]{1,80})\)/.exec(after);
  if (paren && spelled.some((u) => fold(paren[1]!) === u)) return true;
  // A third party's (a name other than GitLab's, possessive), or the label of an outside address.
  const owner = /\b([A-Z][\w&.-]*)['’]s\s+$/.exec(before);
  if (owner && !/^gitlab/i.test(owner[1]!)) return true;
  if (/^\s*(?:[-*+]\s+|\d+\.\s+)?[^:\n]{0,60}$/.test(text.slice(lineStart, at)) && /^[^:\n]{0,60}:\s+<?https?:\/\//.test(after)) return true;
  return false;
}

const stickies = new WeakMap<RegExp, RegExp>();

/** The same regex, matching only where it is told to start. */
function stickyOf(re: RegExp): RegExp {
  let s = stickies.get(re);
  if (!s) stickies.set(re, (s = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
  return s;
}

export function misusedFixes(index: SiteView, problem: Problem): Fix[] {
  if (problem.data?.kind !== 'misused') return [];
  const written = index.textOf(problem.file)?.slice(problem.start, problem.end) ?? '';
  const capital = /^[A-Z]/.test(written);
  return problem.data.replacements.map((r, i) => {
    const text = capital ? r[0]!.toUpperCase() + r.slice(1) : r;
    return { title: `Replace with "${text}"`, fixes: problem.code, isPreferred: i === 0, edit: { creates: [], changes: [{ file: problem.file, start: problem.start, end: problem.end, newText: text }] } };
  });
}

export function acronymHover(index: SiteView, file: string, offset: number): { contents: string; start: number; end: number } | undefined {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site || offset < parsed.bodyStart) return undefined;
  const text = parsed.text;
  let s = offset;
  let e = offset;
  while (s > 0 && /[A-Za-z0-9&]/.test(text[s - 1]!)) s--;
  while (e < text.length && /[A-Za-z0-9&]/.test(text[e]!)) e++;
  if (s === e) return undefined;
  const word = text.slice(s, e);
  const a = index.glossaryOf(site).acronyms.get(word);
  if (!a || inRanges(nonProseRanges(parsed), s, e)) return undefined;
  return { start: s, end: e, contents: `**${a.acronym}** — ${a.terms.join('; ')}${a.info ? `\n\n${a.info}` : ''}\n\n*Support glossary*` };
}
