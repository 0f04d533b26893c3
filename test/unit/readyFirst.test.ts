// The server's two-pass index (readyFirst): after the first pass (URLs, titles, includes of every file)
// the index is ready and every check of every page answers as it does over the complete index, with
// the outlines of the pages it links to read on demand; the second pass then completes the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { diagnose } from '../../server/src/features/diagnostics';
import { references } from '../../server/src/features/navigation';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { MemoryFileSystem } from '../support/memoryFs';
import { siteFilesOf } from '../support/siteFiles';
import { markdown, mutated, params, seedPages } from '../support/fuzz';

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const ROOT = '/ws';

function siteFiles(): Record<string, string> {
  const files = siteFilesOf(FIXTURE, ROOT);
  return files;
}

const SEED = `${ROOT}/content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md`;
const TEAM = `${ROOT}/content/handbook/engineering/infrastructure/engineering-productivity/_index.md`;
const INCLUDE = `${ROOT}/assets/includes/engineering-careers/senior-technical-competency.md`;

function indexes(files: Record<string, string>): { eager: WorkspaceIndex; lazy: WorkspaceIndex; lazyFs: MemoryFileSystem } {
  const eager = new WorkspaceIndex(new MemoryFileSystem(files), DEFAULT_OPTIONS);
  eager.setFolders([ROOT]);
  const lazyFs = new MemoryFileSystem(files);
  const lazy = new WorkspaceIndex(lazyFs, { ...DEFAULT_OPTIONS, readyFirst: true });
  lazy.setFolders([ROOT]);
  return { eager, lazy, lazyFs };
}

const pages = (index: WorkspaceIndex) => [...index.allFacts()].map((f) => f.file).sort();
const strip = (ps: ReturnType<typeof diagnose>) => ps.map((p) => ({ ...p, data: JSON.stringify(p.data) }));

test('ready after the first pass: the seed page is checked as over the complete index, before the second pass has run', async () => {
  const { eager, lazy, lazyFs } = indexes(siteFiles());
  await eager.ensureIndexed();
  await lazy.ensureReady();
  assert.equal(lazy.isReady, true);
  assert.equal(lazy.isIndexed, false, 'the second pass waits for a turn of the event loop');
  assert.equal(lazy.factsOf(TEAM)?.complete, false);
  const before = lazyFs.reads.length;
  assert.deepEqual(strip(diagnose(lazy, SEED)), strip(diagnose(eager, SEED)));
  // The seed page's links need the team page's headings (and the competency includes'): read on demand.
  assert.ok(lazyFs.reads.slice(before).includes(TEAM));
  assert.equal(lazy.factsOf(TEAM)?.complete, true);
  assert.equal(lazy.factsOf(INCLUDE)?.complete, true);
  await lazy.ensureIndexed();
  assert.equal(lazy.isIndexed, true);
  for (const f of lazy.allFacts()) assert.equal(f.complete, true, f.file);
  assert.deepEqual(pages(lazy), pages(eager));
});

test('generated sites: every file checked after the first pass alone answers as over the complete index; the completed index is the same', async () => {
  const seeds = seedPages();
  const text = fc.oneof(markdown, mutated(seeds), mutated([...Object.values(siteFiles())].filter((t) => t.length < 20_000)));
  const targets = [SEED, TEAM, INCLUDE, `${ROOT}/content/new-page.md`, `${ROOT}/assets/includes/new-include.md`];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...targets), text), { minLength: 1, maxLength: 4 }), async (writes) => {
      const files = siteFiles();
      for (const [file, t] of writes) files[file] = t;
      const { eager, lazy } = indexes(files);
      await eager.ensureIndexed();
      await lazy.ensureReady();
      for (const f of pages(eager)) assert.deepEqual(strip(diagnose(lazy, f)), strip(diagnose(eager, f)), f);
      await lazy.ensureIndexed();
      assert.deepEqual(pages(lazy), pages(eager));
      for (const f of pages(eager)) {
        const { complete: _a, ...l } = lazy.factsOf(f)!;
        const { complete: _b, ...e } = eager.factsOf(f)!;
        assert.deepEqual(l, e, f);
      }
      assert.deepEqual(references(lazy, TEAM, 0, true), references(eager, TEAM, 0, true));
    }),
    params(60),
  );
});
