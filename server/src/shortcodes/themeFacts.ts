// What a theme's shortcode templates read, as facts extracted from the theme's own templates at one
// version (scripts/shortcode-catalogue.ts writes them to themes/<source>-<version>.json), and how the
// built-in catalogue is held to them: every template the theme ships is in the catalogue with exactly
// the parameters the template reads (`.Get "name"`, `.Get N`) and its pairing (`.Inner`). The facts are
// committed, the themes' code is not: the test that compares them needs no network.
import type { ShortcodeInfo, ShortcodeSource } from './types';

export interface TemplateFact {
  /** Named parameters the template reads, sorted. */
  named: string[];
  /** How many positions it reads (`.Get 0` … `.Get N-1`). */
  positional: number;
  /** It reads `.Inner`: every call must be closed; else a closing tag fails the build. */
  paired: 'always' | 'never';
  /** It reads `.Params` as a whole. */
  acceptsAnyNamed?: boolean;
  /** A Markdown template: called with {{% %}}. */
  markdownOnly?: boolean;
}

export interface ThemeFacts {
  source: ShortcodeSource;
  /** The Go module the site's go.mod names: "github.com/google/docsy". */
  module: string;
  version: string;
  shortcodes: Record<string, TemplateFact>;
}

/** The fact of one template, from what discovery read of it. */
export function templateFact(info: ShortcodeInfo): TemplateFact {
  const fact: TemplateFact = {
    named: info.named.map((n) => n.name).sort(),
    positional: info.positional.length,
    paired: info.paired === 'always' ? 'always' : 'never',
  };
  if (info.acceptsAnyNamed) fact.acceptsAnyNamed = true;
  if (info.markdownOnly) fact.markdownOnly = true;
  return fact;
}

/** Catalogue entries as catalogue.json holds them (only the fields the facts speak of). */
export interface CatalogueEntry {
  name: string;
  source: string;
  paired?: string;
  positional?: { name: string; description?: string }[];
  named?: { name: string; description?: string }[];
  acceptsAnyNamed?: boolean;
  markdownOnly?: boolean;
  [key: string]: unknown;
}

/** Where the catalogue and a theme's templates disagree, one line each (empty: they agree). */
export function disagreements(entries: readonly CatalogueEntry[], facts: ThemeFacts): string[] {
  const out: string[] = [];
  const mine = new Map(entries.filter((e) => e.source === facts.source).map((e) => [e.name, e]));
  const where = `${facts.source} ${facts.version}`;
  for (const [name, fact] of Object.entries(facts.shortcodes)) {
    const e = mine.get(name);
    if (!e) {
      out.push(`${name}: a template of ${where} that the catalogue lacks`);
      continue;
    }
    const named = (e.named ?? []).map((p) => p.name).sort();
    const missing = fact.named.filter((n) => !named.includes(n));
    const extra = named.filter((n) => !fact.named.includes(n));
    if (missing.length) out.push(`${name}: reads ${missing.map((n) => `"${n}"`).join(', ')}, which the catalogue lacks`);
    if (extra.length) out.push(`${name}: the catalogue has ${extra.map((n) => `"${n}"`).join(', ')}, which the template of ${where} never reads`);
    if ((e.positional ?? []).length !== fact.positional) out.push(`${name}: reads ${fact.positional} positional argument(s); the catalogue has ${(e.positional ?? []).length}`);
    if ((e.paired ?? 'optional') !== fact.paired) out.push(`${name}: paired is "${fact.paired}" in the template; the catalogue says "${e.paired ?? 'optional'}"`);
    if ((e.acceptsAnyNamed ?? false) !== (fact.acceptsAnyNamed ?? false)) out.push(`${name}: acceptsAnyNamed should be ${fact.acceptsAnyNamed ?? false}`);
    if ((e.markdownOnly ?? false) !== (fact.markdownOnly ?? false)) out.push(`${name}: markdownOnly should be ${fact.markdownOnly ?? false}`);
  }
  for (const name of mine.keys()) if (!(name in facts.shortcodes)) out.push(`${name}: in the catalogue as ${facts.source}'s, but ${where} has no such template`);
  return out;
}

/**
 * The catalogue brought in line with a theme's facts: parameters and pairing from the templates,
 * descriptions kept where a parameter stays (new ones get an empty description to write by hand);
 * entries for new templates added, entries for templates the theme no longer has removed.
 */
export function applyThemeFacts(entries: readonly CatalogueEntry[], facts: ThemeFacts): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  const seen = new Set<string>();
  let last = -1;
  for (const e of entries) {
    if (e.source !== facts.source) {
      out.push(e);
      continue;
    }
    const fact = facts.shortcodes[e.name];
    if (!fact) continue;
    seen.add(e.name);
    out.push(merged(e, fact));
    last = out.length;
  }
  // New templates go after the theme's other entries.
  const added = Object.entries(facts.shortcodes).filter(([name]) => !seen.has(name)).map(([name, fact]) => merged({ name, source: facts.source, description: '' }, fact));
  out.splice(last === -1 ? out.length : last, 0, ...added);
  return out;
}

function merged(e: CatalogueEntry, fact: TemplateFact): CatalogueEntry {
  const describe = (list: CatalogueEntry['named'], name: string) => list?.find((p) => p.name === name)?.description ?? '';
  const named = [...(e.named ?? []).filter((p) => fact.named.includes(p.name)), ...fact.named.filter((n) => !(e.named ?? []).some((p) => p.name === n)).map((n) => ({ name: n, description: describe(e.named, n) }))];
  const positional = Array.from({ length: fact.positional }, (_, i) => e.positional?.[i] ?? { name: String(i), description: '' });
  const next: CatalogueEntry = { ...e, paired: fact.paired };
  delete next.positional;
  delete next.named;
  delete next.acceptsAnyNamed;
  delete next.markdownOnly;
  const docs = next.docs;
  delete next.docs;
  if (positional.length) next.positional = positional;
  if (named.length) next.named = named;
  if (fact.acceptsAnyNamed) next.acceptsAnyNamed = true;
  if (fact.markdownOnly) next.markdownOnly = true;
  if (docs !== undefined) next.docs = docs;
  return next;
}
