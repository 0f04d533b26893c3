// The built-in shortcode catalogue from the themes' own templates.
//
//   node --import tsx scripts/shortcode-catalogue.ts extract <theme checkout> <source> <module> <version>
//       reads the checkout's layouts/_shortcodes and layouts/shortcodes and writes what each template
//       reads to server/src/shortcodes/themes/<source>-<version>.json (facts only, no template code)
//   node --import tsx scripts/shortcode-catalogue.ts update
//       brings server/src/shortcodes/catalogue.json in line with every facts file there
//   node --import tsx scripts/shortcode-catalogue.ts check
//       lists where the catalogue and the facts disagree (exit 1 if anywhere)
//
// Example, Docsy at the version the handbook's go.mod names:
//   git clone --depth 1 --branch v0.12.0 <docsy repository> /some/where/docsy
//   node --import tsx scripts/shortcode-catalogue.ts extract /some/where/docsy docsy github.com/google/docsy v0.12.0
//   node --import tsx scripts/shortcode-catalogue.ts update
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverShortcodes } from '../server/src/shortcodes/discovery';
import { applyThemeFacts, disagreements, templateFact, type CatalogueEntry, type ThemeFacts } from '../server/src/shortcodes/themeFacts';
import type { ShortcodeSource } from '../server/src/shortcodes/types';
import { NodeFileSystem } from '../server/src/util/nodeFileSystem';

const ROOT = path.resolve(__dirname, '..');
const THEMES = path.join(ROOT, 'server/src/shortcodes/themes');
const CATALOGUE = path.join(ROOT, 'server/src/shortcodes/catalogue.json');

function allFacts(): ThemeFacts[] {
  if (!fs.existsSync(THEMES)) return [];
  return fs.readdirSync(THEMES).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(THEMES, f), 'utf8')) as ThemeFacts);
}

/**
 * catalogue.json's own layout: two-space indents, each parameter on one line, a blank line between
 * one source's entries and the next's, no newline at the end.
 */
function formatCatalogue(value: { shortcodes: CatalogueEntry[] }): string {
  let text = JSON.stringify(value, null, 2).replace(/\{\n {10}"name": [^{}\[\]]*?\n {8}\}/g, (block) => {
    const obj = JSON.parse(block) as Record<string, unknown>;
    return '{ ' + Object.entries(obj).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ') + ' }';
  });
  const list = value.shortcodes;
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.source === list[i - 1]!.source) continue;
    const at = text.indexOf(`{\n      "name": ${JSON.stringify(list[i]!.name)},\n      "source": ${JSON.stringify(list[i]!.source)}`);
    if (at !== -1) text = text.slice(0, at - 4) + '\n' + text.slice(at - 4);
  }
  return text;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'extract') {
    const [checkout, source, module, version] = rest;
    if (!checkout || !source || !module || !version) {
      console.error('usage: extract <theme checkout> <source> <module> <version>');
      return 2;
    }
    const found = discoverShortcodes(new NodeFileSystem(), [path.resolve(checkout, 'layouts')]);
    if (found.size === 0) {
      console.error(`no shortcode templates under ${path.join(checkout, 'layouts')}`);
      return 2;
    }
    const shortcodes: ThemeFacts['shortcodes'] = {};
    for (const name of [...found.keys()].sort()) shortcodes[name] = templateFact(found.get(name)!);
    const facts: ThemeFacts = { source: source as ShortcodeSource, module, version, shortcodes };
    fs.mkdirSync(THEMES, { recursive: true });
    const out = path.join(THEMES, `${source}-${version}.json`);
    fs.writeFileSync(out, JSON.stringify(facts, null, 2) + '\n');
    console.log(`${path.relative(ROOT, out)}: ${found.size} templates`);
    return 0;
  }
  const catalogue = JSON.parse(fs.readFileSync(CATALOGUE, 'utf8')) as { shortcodes: CatalogueEntry[]; [k: string]: unknown };
  if (command === 'update') {
    let entries = catalogue.shortcodes;
    const versions: Record<string, string> = {};
    for (const facts of allFacts()) {
      entries = applyThemeFacts(entries, facts);
      versions[facts.source] = `${facts.module} ${facts.version}`;
    }
    const { $comment, shortcodes: _old, generatedFrom: _was, ...rest } = catalogue;
    void _old;
    void _was;
    const next = { $comment, generatedFrom: versions, ...rest, shortcodes: entries };
    fs.writeFileSync(CATALOGUE, formatCatalogue(next));
    console.log(`catalogue.json: ${entries.length} shortcodes; from ${Object.values(versions).join(', ')}`);
    return 0;
  }
  if (command === 'check') {
    const problems = allFacts().flatMap((f) => disagreements(catalogue.shortcodes, f));
    for (const p of problems) console.log(p);
    return problems.length ? 1 : 0;
  }
  console.error('usage: shortcode-catalogue.ts extract|update|check …');
  return 2;
}

process.exitCode = main(process.argv.slice(2));
