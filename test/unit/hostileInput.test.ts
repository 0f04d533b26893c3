// Hostile and broken input on in-memory sites, each with a stated outcome: files that cannot be read,
// that vanish while the index walks, symbolic-link loops, binary and huge files, shortcodes nested
// 10,000 deep or never closed, YAML alias bombs (billion laughs) in front matter, data files and Hugo
// config, config nested 100,000 deep, invalid UTF-8. Nothing throws, work and memory stay bounded.
// (Real symbolic links out of a real workspace, FIFOs and /proc are in test/protocol/robustnessHostile.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/features/completion';
import { diagnose } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { documentSymbols } from '../../server/src/features/links';
import { definition, references } from '../../server/src/features/navigation';
import { shortcodeFolds, shortcodeSymbols } from '../../server/src/features/shortcodes';
import { WorkspaceIndex, DEFAULT_OPTIONS, type IndexOptions } from '../../server/src/index/workspace';
import { parseDocument } from '../../server/src/parse/document';
import { hasNestedQuantifier, loadSite } from '../../server/src/site/site';
import type { Logger } from '../../server/src/util/logger';
import { MemoryFileSystem } from '../support/memoryFs';
import { measureWork } from '../support/workMeter';

/** A hang fails the test instead of blocking the run (longer in the long campaign). */
const TIMEOUT = 60_000 * Math.max(1, Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1'));

const CONFIG = { '/ws/hugo.toml': 'title = "x"\n' };
const PAGE = '/ws/content/page.md';
const INCLUDE = '/ws/assets/includes/x.md';

async function site(files: Record<string, string | Uint8Array>, fsys = new MemoryFileSystem({ ...CONFIG, ...files }), options: Partial<IndexOptions> = {}) {
  const logs: string[] = [];
  const logger: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const index = new WorkspaceIndex(fsys, { ...DEFAULT_OPTIONS, ...options }, logger);
  index.setFolders(['/ws']);
  await index.ensureIndexed();
  return { index, fs: fsys, logs };
}

/** Every feature at a spread of offsets: none may throw. */
function everything(index: WorkspaceIndex, file: string): void {
  diagnose(index, file);
  documentSymbols(index, file, shortcodeSymbols(index, file));
  shortcodeFolds(index, file);
  const length = index.textOf(file)?.length ?? 0;
  for (let i = 0; i <= 20; i++) {
    const o = Math.floor((length * i) / 20);
    complete(index, file, o);
    hover(index, file, o);
    definition(index, file, o);
    references(index, file, o, true);
  }
}

/**
 * Runs `f`, failing when it does more than `work` units of work (counted by the string and regex
 * built-ins, test/support/workMeter.ts: the same on any machine under any load, unlike a clock) or
 * grows the heap by more than `mb`. The bounds are about ten times what the engine does today, far
 * below what a quadratic walk of these inputs would do. A hang is caught by the test's timeout.
 */
function bounded<T>(what: string, f: () => T, work = 1_000_000, mb = 150): T {
  const heap = process.memoryUsage().heapUsed;
  const { result, work: done } = measureWork(f);
  const grew = (process.memoryUsage().heapUsed - heap) / 1e6;
  assert.ok(done < work, `${what} did ${done} units of work (the bound is ${work})`);
  assert.ok(grew < mb, `${what} grew the heap by ${grew.toFixed(0)} MB`);
  return result;
}

// ---- files that cannot be read or vanish --------------------------------------------------------

/** An in-memory file system where some files exist but cannot be read (chmod 000, as root cannot test). */
class UnreadableFs extends MemoryFileSystem {
  readonly unreadable = new Set<string>();
  override readBytes(p: string): Uint8Array | undefined {
    return this.unreadable.has(p) ? undefined : super.readBytes(p);
  }
}

test('an unreadable page is skipped with a log line and one file-skipped diagnostic; an unreadable include is previewed as such', { timeout: TIMEOUT }, async () => {
  const fsys = new UnreadableFs({ ...CONFIG, [PAGE]: '# Page\n{{% include "includes/x.md" %}}\n', '/ws/content/locked.md': '# Locked\n', [INCLUDE]: '# X\n' });
  fsys.unreadable.add('/ws/content/locked.md');
  const { index, logs } = await site({}, fsys);
  assert.ok(logs.some((l) => /Skipped \/ws\/content\/locked\.md: the file could not be read/.test(l)), logs.join('\n'));
  assert.deepEqual(diagnose(index, '/ws/content/locked.md').map((p) => p.code), ['file-skipped']);
  everything(index, '/ws/content/locked.md');
  // The include became unreadable after indexing: found, and the hover says it cannot be read.
  fsys.unreadable.add(INCLUDE);
  const at = index.textOf(PAGE)!.indexOf('includes/x.md') + 2;
  assert.match(hover(index, PAGE, at)!.contents, /could not be read/);
  everything(index, PAGE);
});

/** A file system where files vanish the moment the index lists them (deleted during indexing). */
class VanishingFs extends MemoryFileSystem {
  readonly vanishOnList = new Set<string>();
  override readDirectory(p: string) {
    const entries = super.readDirectory(p);
    for (const e of entries) {
      const full = `${p === '/' ? '' : p}/${e.name}`;
      if (this.vanishOnList.has(full)) {
        for (const f of [...this.files.keys()]) if (f === full || f.startsWith(full + '/')) this.delete(f);
      }
    }
    return entries;
  }
}

test('files and folders that disappear while the index walks are left out, quietly', { timeout: TIMEOUT }, async () => {
  const fsys = new VanishingFs({ ...CONFIG, [PAGE]: '[gone](/gone/)\n', '/ws/content/gone.md': '# Gone\n', '/ws/content/dir/a.md': '# A\n', '/ws/content/dir/b.md': '# B\n' });
  fsys.vanishOnList.add('/ws/content/gone.md');
  fsys.vanishOnList.add('/ws/content/dir');
  const { index } = await site({}, fsys);
  assert.deepEqual([...index.allFacts()].map((f) => f.file), [PAGE]);
  assert.deepEqual(diagnose(index, PAGE).map((p) => p.code), ['frontmatter-missing-title', 'link-not-found']);
  everything(index, PAGE);
  // A watcher event for a file that is already gone again.
  assert.doesNotThrow(() => index.fileChanged('/ws/content/gone.md', 'created'));
  assert.doesNotThrow(() => index.fileChanged('/ws/content/never.md', 'changed'));
});

test('symbolic-link loops in the workspace end: folders that contain themselves, links to links to links', { timeout: TIMEOUT }, async () => {
  const fsys = new MemoryFileSystem({ ...CONFIG, [PAGE]: '{{% include "includes/loop/loop/loop/x.md" %}}\n{{% include "includes/a.md" %}}\n', [INCLUDE]: 'x\n' });
  fsys.symlink('/ws/content/self', '/ws/content');
  fsys.symlink('/ws/assets/includes/loop', '/ws/assets/includes');
  fsys.symlink('/ws/assets/includes/a.md', '/ws/assets/includes/b.md');
  fsys.symlink('/ws/assets/includes/b.md', '/ws/assets/includes/a.md');
  fsys.symlink('/ws/layouts/shortcodes/loop', '/ws/layouts');
  const index = new WorkspaceIndex(fsys, DEFAULT_OPTIONS);
  bounded('finding sites in a workspace of link loops', () => index.setFolders(['/ws']));
  await index.ensureIndexed();
  assert.deepEqual([...index.allFacts()].map((f) => f.file).sort(), [INCLUDE, PAGE]);
  // Through the loop the include is the same file; a link cycle is not there at all.
  assert.deepEqual(diagnose(index, PAGE).map((p) => p.code).filter((c) => c.startsWith('include')), ['include-not-found']);
  everything(index, PAGE);
  assert.ok(complete(index, PAGE, index.textOf(PAGE)!.indexOf('loop/') + 5).items.length > 0);
});

// ---- binary, huge, invalid UTF-8 ----------------------------------------------------------------

test('binary and huge files are skipped with the reason logged; requests on them answer nothing', { timeout: TIMEOUT }, async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  const { index, logs } = await site({ '/ws/content/image.md': png, '/ws/content/huge.md': `# Huge\n${'x'.repeat(2000)}`, [PAGE]: '# Page\n' }, undefined, { maxFileSize: 1000 });
  assert.ok(logs.some((l) => /image\.md: the file is binary/.test(l)));
  assert.ok(logs.some((l) => /huge\.md: the file is 2007 bytes, over the limit of 1000/.test(l)));
  for (const f of ['/ws/content/image.md', '/ws/content/huge.md']) {
    assert.deepEqual(diagnose(index, f).map((p) => p.code), ['file-skipped']);
    everything(index, f);
  }
  // The same guards hold for editor text.
  index.openDocument(PAGE, 'y'.repeat(1001), 2);
  assert.deepEqual(diagnose(index, PAGE).map((p) => p.code), ['file-skipped']);
  index.changeDocument(PAGE, 'text\0binary', 3);
  assert.deepEqual(diagnose(index, PAGE).map((p) => p.code), ['file-skipped']);
  index.changeDocument(PAGE, '# Page\n', 4);
  assert.deepEqual(diagnose(index, PAGE).map((p) => p.code), ['frontmatter-missing-title']);
});

test('invalid UTF-8 reads as U+FFFD; offsets and features stay sound', { timeout: TIMEOUT }, async () => {
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('---\ntitle: "caf'),
    0xe9, // Latin-1 é: invalid in UTF-8
    ...new TextEncoder().encode('"\n---\n# H\xe9ading '),
    0xf0, 0x9f, 0x98, // a truncated emoji
    ...new TextEncoder().encode('\n{{% include "includes/'),
    0xc0, 0xae, 0xc0, 0xae, // overlong dots: must not become ".."
    ...new TextEncoder().encode('/x.md" %}}\n[l](/'),
    0xff, 0xfe,
    ...new TextEncoder().encode(')\n'),
  ]);
  const { index } = await site({ [PAGE]: bytes, [INCLUDE]: new Uint8Array([0xef, 0xbb, 0xbf, 0x23, 0x20, 0xed, 0xa0, 0x80, 0x0a]) });
  const text = index.textOf(PAGE)!;
  assert.ok(text.includes('\ufffd'));
  assert.ok(!text.includes('..'));
  assert.deepEqual(diagnose(index, PAGE).map((p) => p.code), ['include-not-found', 'link-not-found']);
  everything(index, PAGE);
  everything(index, INCLUDE);
});

// ---- shortcodes ---------------------------------------------------------------------------------

test('10,000 nested shortcodes, 10,000 unterminated ones, 10,000 unopened closings: every feature answers in bounded time', { timeout: TIMEOUT }, async () => {
  const depth = 10_000;
  const pages = {
    '/ws/content/nested.md': `---\ntitle: x\n---\n${'{{< details summary="s" >}}\n'.repeat(depth)}text\n${'{{< /details >}}\n'.repeat(depth)}`,
    '/ws/content/nested-mixed.md': `---\ntitle: x\n---\n${'{{% alert %}}{{< panel title="t" >}}'.repeat(depth / 2)}${'{{< /panel >}}{{% /alert %}}'.repeat(depth / 2)}`,
    '/ws/content/unterminated.md': `---\ntitle: x\n---\n${'{{< details summary="'.repeat(depth)}`,
    '/ws/content/unterminated-include.md': `---\ntitle: x\n---\n${'{{% include "includes/'.repeat(depth)}`,
    '/ws/content/unopened.md': `---\ntitle: x\n---\n${'{{< /details >}}'.repeat(depth)}`,
    '/ws/content/inert.md': `---\ntitle: x\n---\n${'{{</* details */>}}'.repeat(depth)}{{</* never closed`,
  };
  const { index } = await site(pages);
  for (const file of Object.keys(pages)) {
    const problems = bounded(`diagnose ${file}`, () => diagnose(index, file), 100_000_000);
    assert.ok(problems.length <= 2 * depth + 10);
    bounded(`every feature on ${file}`, () => everything(index, file), 300_000_000);
  }
  assert.equal(diagnose(index, '/ws/content/nested.md').filter((p) => p.code.startsWith('shortcode')).length, 0);
  assert.equal(diagnose(index, '/ws/content/unopened.md').filter((p) => p.code === 'shortcode-unopened').length, depth);
});

// ---- YAML bombs ---------------------------------------------------------------------------------

/** A billion laughs: 9 levels of 9 aliases each, 387 million leaves if expanded. */
function laughs(indent = ''): string {
  const lines = [`${indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i <= 9; i++) lines.push(`${indent}l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** The same with mappings, so that anything merging two of them walks both trees. */
function mapLaughs(): string {
  const keys = 'abcdefghi'.split('');
  const lines = [`m0: &m0 {${keys.map((k) => `${k}: lol`).join(', ')}}`];
  for (let i = 1; i <= 9; i++) lines.push(`m${i}: &m${i} {${keys.map((k) => `${k}: *m${i - 1}`).join(', ')}}`);
  return lines.join('\n') + '\n';
}

test('YAML alias bombs in front matter: parsed in bounded time and memory, every feature answers', { timeout: TIMEOUT }, async () => {
  const { index } = await site({
    [PAGE]: `---\ntitle: *l9\n${laughs()}${mapLaughs()}aliases: *l9\ndescription: *m9\nurl: *l9\nslug: *m9\n---\n# Page\n`,
    '/ws/content/b.md': `---\ntitle: Bomb\n${laughs()}tags: *l9\n---\n[x](/page/)\n`,
  });
  bounded('every feature on a page with bombs in its front matter', () => {
    everything(index, PAGE);
    everything(index, '/ws/content/b.md');
  });
  bounded('parsing a bomb', () => parseDocument(`---\n${laughs()}${mapLaughs()}---\n`));
});

test('YAML alias bombs in the glossaries (data/misused_terms.yml, data/support_glossary.yml): bounded', { timeout: TIMEOUT }, async () => {
  // The first entry defines the bomb (aliases must follow their anchors); the others use it.
  const misused = `- avoid: GitLabber\n  use_instead: [team member]\n  reason: r\n${laughs('  ')}- avoid: *l9\n  use_instead: *l9\n  reason: *l9\n- &e {avoid: [Hi guys], use_instead: *l9, reason: r}\n${Array(50).fill('- *e').join('\n')}\n`;
  const glossary = `- acronym: MR\n  term: Merge request\n${laughs('  ')}- {acronym: *l9, term: *l9, info: *l9}\n- &g {acronym: FRT, term: *l9, info: *l9}\n${Array(50).fill('- *g').join('\n')}\n`;
  const { index } = await site({ '/ws/data/misused_terms.yml': misused, '/ws/data/support_glossary.yml': glossary, [PAGE]: '---\ntitle: x\n---\nA GitLabber said MR and FRT. Hi guys.\n' });
  const problems = bounded('diagnose with bombed glossaries', () => diagnose(index, PAGE));
  assert.deepEqual(problems.map((p) => p.code), ['term-misused', 'term-misused']);
  bounded('every feature with bombed glossaries', () => everything(index, PAGE));
});

test('YAML alias bombs in Hugo config (two files whose trees merge) and in .hugolint.yaml: the site loads, bounded', { timeout: TIMEOUT }, () => {
  const fsys = new MemoryFileSystem({
    '/ws/hugo.yaml': `title: a\n${laughs()}${mapLaughs()}params: *m9\nmodule: {mounts: *l9, imports: *l9}\nstaticDir: *l9\n`,
    '/ws/config.yaml': `title: b\n${laughs()}${mapLaughs()}params: *m9\n`,
    '/ws/config/_default/params.yaml': mapLaughs(),
    '/ws/config/_default/hugo.yaml': `${mapLaughs()}params: *m9\n`,
    '/ws/.hugolint.yaml': `${laughs()}exclude: *l9\n`,
    [PAGE]: '# Page\n',
  });
  const s = bounded('loading a site whose config is a bomb', () => loadSite(fsys, '/ws'));
  assert.ok(s.mounts.content.length >= 1);
});

test('config nested 100,000 levels deep in two files that merge: no stack overflow, the site loads', { timeout: TIMEOUT }, async () => {
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const fsys = new MemoryFileSystem({ '/ws/hugo.json': deep(100_000), '/ws/config.json': deep(100_000), '/ws/config/_default/params.yaml': `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, [PAGE]: '# Page\n' });
  const { index, logs } = bounded('loading deeply nested config', () => {
    const logs: string[] = [];
    const index = new WorkspaceIndex(fsys, DEFAULT_OPTIONS, { info: () => {}, warn: (m) => logs.push(m), error: (m) => logs.push(m) });
    index.setFolders(['/ws']);
    return { index, logs };
  });
  await index.ensureIndexed();
  assert.equal(index.sites.length, 1);
  void logs;
  everything(index, PAGE);
});

// ---- patterns from the workspace ------------------------------------------------------------------

test('link exclude patterns from .hugolint.yaml that could backtrack exponentially are refused with a reason, not run', { timeout: TIMEOUT }, async () => {
  for (const p of ['(a+)+$', '^(a*)*b', '(x{2,}y?)+', '((ab)*c)*', '(?:a|b+)*$']) assert.equal(hasNestedQuantifier(p), true, p);
  for (const p of ['^/pdfs/', '^/handbook/engineering/?#', '(ab)+', 'a+b*', '[(a+)]+', '\\(a+\\)+', '^/x/(y|z)?#']) assert.equal(hasNestedQuantifier(p), false, p);
  const { index, logs } = await site({
    '/ws/.hugolint.yaml': 'exclude:\n  - pattern: "^(a+)+$"\n  - pattern: "^/pdfs/"\n',
    [PAGE]: `---\ntitle: x\n---\n[x](${'a'.repeat(40)}!) [y](/pdfs/x.pdf)\n`,
  });
  assert.ok(logs.some((l) => /exclude pattern "\^\(a\+\)\+\$" is not used/.test(l)), logs.join('\n'));
  const problems = bounded('diagnose with a catastrophic exclude pattern in the workspace', () => diagnose(index, PAGE));
  assert.deepEqual(problems.map((p) => p.code), ['link-not-found']);
});
