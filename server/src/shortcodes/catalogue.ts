// Built-in knowledge of the shortcodes a Hugo handbook can call without defining them: Hugo's embedded
// ones, Docsy's and docsy-gitlab's. The data lives in catalogue.json (one entry per shortcode); this file
// reads it once into frozen ShortcodeInfo records and never throws on a bad entry (it is skipped).
import data from './catalogue.json';
import type { NamedParam, Pairing, PositionalParam, ShortcodeInfo, ShortcodeSource } from './types';

export type { NamedParam, Pairing, PositionalParam, ShortcodeCatalogue, ShortcodeInfo, ShortcodeSource } from './types';

const SOURCES: readonly ShortcodeSource[] = ['hugo', 'docsy', 'docsy-gitlab'];
const PAIRINGS: readonly Pairing[] = ['always', 'never', 'optional'];

let entries: readonly ShortcodeInfo[] | undefined;
let builtins: ReadonlyMap<string, ShortcodeInfo> | undefined;

/** Every built-in shortcode by name, in the catalogue's order (Hugo, then Docsy, then docsy-gitlab). */
export function builtinShortcodes(): ReadonlyMap<string, ShortcodeInfo> {
  if (!builtins) builtins = builtinShortcodesFrom(SOURCES);
  return builtins;
}

/**
 * The built-ins that come from the given sources only (a site without Docsy has none of Docsy's). A
 * theme's template replaces Hugo's embedded one of the same name, as Hugo looks the theme's up first.
 */
export function builtinShortcodesFrom(sources: Iterable<ShortcodeSource>): Map<string, ShortcodeInfo> {
  entries ??= load((data as { shortcodes?: unknown }).shortcodes);
  const wanted = new Set(sources);
  const out = new Map<string, ShortcodeInfo>();
  for (const info of entries) {
    if (!wanted.has(info.source)) continue;
    const earlier = out.get(info.name);
    if (!earlier || (earlier.source === 'hugo' && info.source !== 'hugo')) out.set(info.name, info);
  }
  return out;
}

function load(list: unknown): ShortcodeInfo[] {
  const out: ShortcodeInfo[] = [];
  if (!Array.isArray(list)) return out;
  for (const e of list) {
    const info = toInfo(e);
    if (info) out.push(info);
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function params<T extends PositionalParam | NamedParam>(v: unknown): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const p of v) {
    if (!p || typeof p !== 'object') continue;
    const o = p as Record<string, unknown>;
    const name = str(o.name);
    if (!name) continue;
    const param = { name, description: str(o.description) ?? '' } as T;
    if (o.required === true) param.required = true;
    out.push(Object.freeze(param));
  }
  return out;
}

function toInfo(e: unknown): ShortcodeInfo | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const o = e as Record<string, unknown>;
  const name = str(o.name);
  const source = str(o.source) as ShortcodeSource | undefined;
  const paired = str(o.paired) as Pairing | undefined;
  if (!name || !source || !SOURCES.includes(source)) return undefined;
  const info: ShortcodeInfo = {
    name,
    source,
    description: str(o.description) ?? '',
    positional: Object.freeze(params<PositionalParam>(o.positional)) as PositionalParam[],
    named: Object.freeze(params<NamedParam>(o.named)) as NamedParam[],
    paired: paired && PAIRINGS.includes(paired) ? paired : 'optional',
    markdownOnly: o.markdownOnly === true,
  };
  if (o.acceptsAnyNamed === true) info.acceptsAnyNamed = true;
  if (o.paramsIncomplete === true) info.paramsIncomplete = true;
  const deprecated = str(o.deprecated);
  if (deprecated) info.deprecated = deprecated;
  const docs = str(o.docs);
  if (docs) info.docs = docs;
  return Object.freeze(info);
}
