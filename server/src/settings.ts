// Settings shared by the VS Code client's contributed configuration (package.json) and the server.
import type { FeatureSettings, TermBindingSetting } from './features/settings';
import type { IndexOptions } from './index/options';
import type { Severity } from './features/types';

export interface HandbookSettings {
  includeRoots: string[];
  diagnostics: { severity: Record<string, Severity | 'off'> };
  maxFileSize: number;
  terms: { bindings: TermBindingSetting[] };
  shortcodeDirs: string[];
  links: { exclude: string[] };
}

export const DEFAULT_SETTINGS: HandbookSettings = {
  includeRoots: [],
  diagnostics: { severity: {} },
  maxFileSize: 4_000_000,
  terms: { bindings: [] },
  shortcodeDirs: [],
  links: { exclude: [] },
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads untrusted settings into a complete, valid object; anything malformed falls back to defaults. */
export function normalizeSettings(raw: unknown): HandbookSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const includeRoots = Array.isArray(r['includeRoots']) ? r['includeRoots'].filter((x): x is string => typeof x === 'string') : [];
  const sevRaw = (r['diagnostics'] as Record<string, unknown> | undefined)?.['severity'];
  const severity: Record<string, Severity | 'off'> = {};
  if (sevRaw && typeof sevRaw === 'object') {
    for (const [k, v] of Object.entries(sevRaw)) if (typeof v === 'string' && SEVERITIES.has(v)) severity[k] = v as Severity | 'off';
  }
  const maxFileSize = typeof r['maxFileSize'] === 'number' && r['maxFileSize'] > 0 ? r['maxFileSize'] : DEFAULT_SETTINGS.maxFileSize;
  const bindingsRaw = (r['terms'] as Record<string, unknown> | undefined)?.['bindings'];
  const bindings: TermBindingSetting[] = Array.isArray(bindingsRaw)
    ? bindingsRaw.flatMap((b: unknown) => {
        const x = (b ?? {}) as Record<string, unknown>;
        return typeof x['files'] === 'string' && typeof x['source'] === 'string'
          ? [{ files: x['files'], source: x['source'], ...(typeof x['section'] === 'string' ? { section: x['section'] } : {}) }]
          : [];
      })
    : [];
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const shortcodeDirs = strings(r['shortcodeDirs']);
  const exclude = strings((r['links'] as Record<string, unknown> | undefined)?.['exclude']);
  return { includeRoots, diagnostics: { severity }, maxFileSize, terms: { bindings }, shortcodeDirs, links: { exclude } };
}

/** The `handbook.*` settings that exist (package.json `contributes.configuration`), without the prefix. */
export const SETTING_NAMES: readonly string[] = ['includeRoots', 'diagnostics.severity', 'maxFileSize', 'trace.server', 'terms.bindings', 'shortcodeDirs', 'links.exclude'];

/**
 * The `handbook` section of a settings.json object, as workspace/configuration hands it to the server:
 * VS Code writes dotted keys ("handbook.diagnostics.severity": {...}); a "handbook" object is read too.
 * `unknown` gets the names of `handbook.*` keys that are no setting.
 */
export function handbookSection(settings: Record<string, unknown>, unknown: string[] = []): Record<string, unknown> {
  const section: Record<string, unknown> = Object.create(null);
  const put = (name: string, value: unknown): void => {
    if (!SETTING_NAMES.includes(name)) {
      // A parent of settings ("diagnostics", "links") written as an object.
      const children = SETTING_NAMES.filter((n) => n.startsWith(name + '.'));
      if (children.length && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) put(`${name}.${k}`, v);
      } else unknown.push(`handbook.${name}`);
      return;
    }
    const keys = name.split('.');
    let at = section;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= Object.create(null)) as Record<string, unknown>;
    at[keys.at(-1)!] = value;
  };
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'handbook' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) put(k, v);
    } else if (key.startsWith('handbook.')) put(key.slice('handbook.'.length), value);
  }
  return section;
}

/** What the index is told of the settings (the front end adds how it indexes: passes, sites above). */
export function indexOptionsOf(s: HandbookSettings): IndexOptions {
  return {
    maxFileSize: s.maxFileSize,
    extraIncludeRoots: s.includeRoots,
    shortcodeDirs: s.shortcodeDirs,
    linkExcludes: s.links.exclude,
    // A table bound by a setting reads its source page without a link the index can see.
    unseenDependencies: s.terms.bindings.length > 0,
  };
}

/** What the features are told of the settings. */
export function featureSettingsOf(s: HandbookSettings): FeatureSettings {
  return {
    termBindings: s.terms.bindings,
    checkContextWords: (s.diagnostics.severity['term-misused-context'] ?? 'off') !== 'off',
  };
}

// Applying the severity settings is the diagnostics feature's: kept importable from here for the front ends.
export { applySeverities } from './features/diagnostics';
