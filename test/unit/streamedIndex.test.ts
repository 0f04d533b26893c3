// The web worker's index: files are listed first and their contents arrive over time (a streamed file
// system). A check that needs a file not read yet waits — it never answers "not found" early — and once
// every file has arrived the diagnostics are those of the index over the whole site at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { diagnose } from '../../server/src/features/diagnostics';
import { setUpSites } from '../../server/src/index/streamedSetUp';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { StreamedFileSystem } from '../../server/src/util/streamedFileSystem';
import { MemoryFileSystem } from '../support/memoryFs';
import { siteFilesOf } from '../support/siteFiles';

const ROOT = '/ws';
const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const SEED = `${ROOT}/content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md`;

const key = (p: ReturnType<typeof diagnose>[number]): string => JSON.stringify([p.code, p.start, p.end, p.message, p.data ?? null]);
const keys = (ps: ReturnType<typeof diagnose>): string[] => ps.map(key).sort();

/** The diagnostics of `page` over the whole site read at once (the desktop server's index). */
async function normal(files: Record<string, string>, page: string): Promise<string[]> {
  const index = new WorkspaceIndex(new MemoryFileSystem(files), { ...DEFAULT_OPTIONS, readyFirst: true });
  index.setFolders([ROOT]);
  index.openDocument(page, files[page]!, 1);
  await index.ensureIndexed();
  return keys(diagnose(index, page));
}

/**
 * A streamed index over `files`: listed, the set-up read (what it asks for arrives at once), `page`
 * open, the index ready. `read` logs every file that has arrived, in order; `wanted` what was asked for.
 */
async function streamed(files: Record<string, string>, page: string) {
  const read: string[] = [];
  const wanted: string[] = [];
  let answerWants = true;
  const fs: StreamedFileSystem = new StreamedFileSystem((f) => {
    wanted.push(f);
    if (answerWants) queueMicrotask(() => arrive(f));
  });
  const index = new WorkspaceIndex(fs, { ...DEFAULT_OPTIONS, readyFirst: true });
  const arrive = (f: string): void => {
    if (!fs.isPending(f)) return;
    read.push(f);
    fs.put(f, files[f]!);
  };
  fs.list(Object.keys(files).map((p) => ({ path: p, size: 0, mtimeMs: 0 })));
  index.setFolders([ROOT]);
  await setUpSites(index, fs);
  answerWants = false;
  index.openDocument(page, files[page]!, 1);
  await index.ensureReady();
  /** Delivers a file as the server does (the index takes it in) and returns the page's diagnostics. */
  const deliver = (f: string): string[] => {
    if (fs.isPending(f)) {
      arrive(f);
      index.filesArrived([f]);
    }
    return keys(diagnose(index, page));
  };
  return { fs, index, read, wanted, deliver, check: () => keys(diagnose(index, page)) };
}

test('a listed file not read yet is pending: stat and readDirectory know it, reading it asks for it', async () => {
  const wanted: string[] = [];
  const fs = new StreamedFileSystem((f) => wanted.push(f));
  fs.list([{ path: '/ws/content/a.md', size: 0, mtimeMs: 0 }, { path: '/ws/content/sub/b.md', size: 0, mtimeMs: 0 }]);
  assert.equal(fs.isPending('/ws/content/a.md'), true);
  assert.equal(fs.stat('/ws/content/a.md')?.isFile, true);
  assert.equal(fs.stat('/ws/content/sub')?.isDirectory, true);
  assert.deepEqual(fs.readDirectory('/ws/content').map((e) => `${e.name}${e.isDirectory ? '/' : ''}`).sort(), ['a.md', 'sub/']);
  assert.equal(fs.readFile('/ws/content/a.md'), undefined);
  assert.deepEqual(wanted, ['/ws/content/a.md']);
  assert.equal(fs.stat('/ws/content/nothing.md'), undefined);
  assert.equal(fs.readFile('/ws/content/nothing.md'), undefined);
  assert.deepEqual(wanted, ['/ws/content/a.md'], 'a file that is not listed is not asked for');

  const both = fs.whenRead(['/ws/content/a.md', '/ws/content/sub/b.md']);
  let settled = false;
  void both.then(() => (settled = true));
  fs.put('/ws/content/a.md', '# A');
  await Promise.resolve();
  assert.equal(settled, false, 'whenRead resolved before every file had arrived');
  assert.equal(fs.readFile('/ws/content/a.md'), '# A');
  assert.equal(fs.stat('/ws/content/a.md')?.size, 3);
  fs.put('/ws/content/sub/b.md', null); // the editor could not read it
  await both;
  assert.equal(fs.isPending('/ws/content/sub/b.md'), false);
  assert.equal(fs.readFile('/ws/content/sub/b.md'), undefined);
  await fs.whenAllRead();
  fs.remove('/ws/content/a.md');
  assert.equal(fs.stat('/ws/content/a.md'), undefined);
});

test('the seed page: include-not-found at once from the file list; anchor checks wait for the include files, which are asked for', async () => {
  const files = siteFilesOf(FIXTURE, ROOT);
  const s = await streamed(files, SEED);
  const first = diagnose(s.index, SEED);
  // The include whose path names no listed file is final as soon as the list is known.
  assert.ok(first.some((p) => p.code === 'include-not-found' && p.message.includes('ep-career-nav.md')), 'no include-not-found from the file list');
  // The page's own anchors come partly from its include files: not read yet, so no verdict yet...
  assert.deepEqual(first.filter((p) => p.code === 'anchor-not-found'), [], 'an anchor verdict before the include files were read');
  // ...and they were asked for.
  for (const inc of ['senior-leadership-competency.md', 'senior-technical-competency.md', 'values-competency.md']) {
    assert.ok(s.wanted.includes(`${ROOT}/assets/includes/engineering-careers/${inc}`), `${inc} was not asked for`);
  }
  // Deliver what is asked for, and what that asks for in turn, until nothing new is asked.
  for (let delivered = 0; delivered < s.wanted.length; ) s.deliver(s.wanted[delivered++]!);
  const settled = s.check();
  assert.ok(settled.some((k) => k.includes('anchor-not-found')), 'the anchor checks did not settle once their files arrived');
  assert.ok(s.fs.pending > 0, 'the test should check before the whole site has arrived');
});

test('a link the file list does not resolve waits for every front matter: it may be an alias in the last page read', async () => {
  const files: Record<string, string> = {
    [`${ROOT}/hugo.toml`]: 'baseURL = "/"\n',
    [`${ROOT}/content/a.md`]: '---\ntitle: A\n---\nSee [the old page](/old-place/) and [nowhere](/nowhere/).\n',
    [`${ROOT}/content/b.md`]: '---\ntitle: B\n---\n# B\n',
    [`${ROOT}/content/moved.md`]: '---\ntitle: Moved\naliases: [/old-place/]\n---\n# Moved\n',
  };
  const page = `${ROOT}/content/a.md`;
  const s = await streamed(files, page);
  assert.deepEqual(s.check().filter((k) => k.includes('link-not-found')), [], 'a link verdict before every front matter was in');
  s.deliver(`${ROOT}/content/b.md`);
  assert.deepEqual(s.check().filter((k) => k.includes('link-not-found')), [], 'a link verdict while moved.md is still unread');
  const last = s.deliver(`${ROOT}/content/moved.md`);
  const notFound = last.filter((k) => k.includes('link-not-found'));
  assert.equal(notFound.length, 1, `expected only /nowhere/ not found, got ${notFound.join(' ')}`);
  assert.match(notFound[0]!, /nowhere/);
  assert.deepEqual(last, await normal(files, page));
});

test('property: in any arrival order no early diagnostic is one the whole site would not give, and the last are the whole site\'s', async () => {
  const files = siteFilesOf(FIXTURE, ROOT);
  const pages = Object.keys(files).filter((f) => f.endsWith('.md') && f.includes('/content/'));
  const expected = new Map<string, string[]>();
  for (const p of pages) expected.set(p, await normal(files, p));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...pages), fc.infiniteStream(fc.nat()), async (page, picks) => {
      const s = await streamed(files, page);
      const want = expected.get(page)!;
      const early = (got: string[]): void => {
        for (const k of got) assert.ok(want.includes(k), `an early diagnostic the whole site does not give: ${k}`);
      };
      early(s.check());
      const rest = s.fs.pendingFiles();
      const order = picks.take(rest.length * 2);
      while (rest.length) {
        const f = rest.splice(order.next().value % rest.length, 1)[0]!;
        early(s.deliver(f));
      }
      await s.index.ensureIndexed();
      assert.equal(s.index.isIndexed, true);
      assert.deepEqual(s.check(), want);
    }),
    { numRuns: 40 },
  );
});
