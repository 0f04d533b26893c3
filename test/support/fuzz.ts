// Shared pieces of the property-based tests: how many cases to run (scaled by HANDBOOK_FUZZ_SCALE for
// the long campaign in scripts/fuzz-long.mjs), a fixed seed when HANDBOOK_FUZZ_SEED is set (a failure
// prints the seed and path to replay it), Markdown made of the tokens the parsers care about, and seed
// pages: the fixtures plus a few real pages from ../shared/corpus, unpacked at test time.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';

const SCALE = Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1') || 1;
const SEED = process.env['HANDBOOK_FUZZ_SEED'];

/** fast-check parameters for a property that runs `runs` cases in CI (times the scale). */
export function params(runs: number): fc.Parameters<unknown> {
  return { numRuns: Math.max(1, Math.round(runs * SCALE)), ...(SEED !== undefined ? { seed: Number(SEED) } : {}) };
}

/** The number of cases a property runs, for tests that loop themselves. */
export function scaled(runs: number): number {
  return Math.max(1, Math.round(runs * SCALE));
}

/** What Hugo Markdown is made of, as far as the scanners are concerned, plus the awkward characters. */
export const TOKENS = [
  '{{<', '{{%', '>}}', '%}}', '/>}}', '{{</*', '*/>}}', '{{%/*', '*/%}}', '{{', '}}', '{{< /', '{{% /',
  'include', 'alert', 'details', 'a', ' ', '  ', '\t', '"', '`', '\\', '\\"', '=', 'summary=', '/',
  '"includes/', 'includes/engineering-careers/values-competency.md', '"includes/x.md"', '..', '../', '~',
  '\n', '\n\n', '\r\n', '\r', '---', '---\n', '+++', '+++\n', '{', '}', '{"title": "x"}', 'title: x\n', 'title = "x"\n',
  '# ', '## ', '### ', '#', '=====', '-----', '{#custom-id}', '```', '```md\n', '~~~', '    ',
  '|', '| ', ' |', '|---|---|', '| --- | --- |', ':', '-', '*', '**', '__', '* **Term**: ', '- ', '1. ', '> ',
  '[', ']', '(', ')', '[x](', '](', '<', '>', '<a id="x">', '<a name="y"></a>', '[id]: ', '/handbook/', '#anchor',
  '<!-- handbook-disable -->', '<!-- handbook-disable-next-line link-not-found -->', '<!-- handbook-enable', '-->', '<!-- markdownlint-disable MD051 -->', '<!-- handbook-disable-line anchor-not-found -->',
  'https://x.test/', '"title"', '[id]: /x "t"\n', '[id]: <a b>  ', '%2e%2e', '\u0000', '\ufeff', '😀', '👩‍👩‍👧', 'e\u0301', '\u200d', '\ud800', '\udc00', 'ß', '\u2028', '€',
];

export const token = fc.constantFrom(...TOKENS);

/** Random Markdown: a run of tokens and arbitrary short strings. */
export const markdown = fc
  .array(fc.oneof({ weight: 6, arbitrary: token }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 120 })
  .map((parts) => parts.join(''));

export interface Mutation {
  at: number;
  remove: number;
  insert: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(60)),
  insert: fc.oneof(token, fc.string({ maxLength: 6 }), fc.constant('')),
});

export function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = m.at % (t.length + 1);
    t = t.slice(0, at) + m.insert + t.slice(Math.min(t.length, at + m.remove));
  }
  return t;
}

/** A seed page with a few random edits. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 8 })).map(([s, ms]) => mutate(s, ms));
}

// ---- seed pages ---------------------------------------------------------------------------------

export const TARBALL = path.resolve(__dirname, '../../../shared/corpus/gitlab-handbook.tar.gz');

/** A few real pages of the handbook: a career page with includes and anchors, shortcodes, tables, long prose. */
export const CORPUS_PAGES = [
  'content/handbook/engineering/careers/matrix/quality/software-engineer-in-test/senior.md',
  'content/handbook/product-development/how-we-work/product-development-flow/feature-flag-lifecycle/_index.md',
  'content/handbook/sales/field-operations/customer-success-operations/gainsight/gainsight-user-management.md',
  'content/handbook/hiring/talent-acquisition-framework/coordinator.md',
  'content/handbook/company/culture/all-remote/remote-work-starter-guide.md',
  'content/handbook/engineering/infrastructure/engineering-productivity/_index.md',
  'assets/includes/engineering-careers/quality-career-nav.md',
  'data/misused_terms.yml',
  'data/support_glossary.yml',
];

let corpusCache: Map<string, string> | undefined;

/**
 * The given files of the real handbook (paths inside it), unpacked once per process into a temporary
 * folder that is removed at exit. An empty map when the corpus is not beside the repository.
 */
export function corpusFiles(files: readonly string[] = CORPUS_PAGES): Map<string, string> {
  if (corpusCache && files.every((f) => corpusCache!.has(f))) return new Map(files.map((f) => [f, corpusCache!.get(f)!]));
  corpusCache ??= new Map();
  if (!fs.existsSync(TARBALL)) return new Map();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-fuzz-corpus-'));
  try {
    const r = spawnSync('tar', ['-C', dir, '-xzf', TARBALL, ...files.map((f) => `gitlab-handbook/${f}`)]);
    if (r.status !== 0) throw new Error(`tar failed: ${String(r.stderr)}`);
    for (const f of files) corpusCache.set(f, fs.readFileSync(path.join(dir, 'gitlab-handbook', f), 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return new Map(files.map((f) => [f, corpusCache!.get(f)!]));
}

/** Every Markdown file of the repository's own fixtures. */
export function fixturePages(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.md$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.resolve(__dirname, '../fixtures'));
  return out;
}

/** Markdown seeds for mutation: fixtures and corpus pages (CRLF variants too). */
export function seedPages(): string[] {
  const corpus = [...corpusFiles().entries()].filter(([f]) => f.endsWith('.md')).map(([, t]) => t);
  const seeds = [...fixturePages(), ...corpus];
  return [...seeds, ...seeds.slice(0, 4).map((s) => s.replace(/\n/g, '\r\n'))];
}
