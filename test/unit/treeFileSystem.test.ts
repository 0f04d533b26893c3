// The base revision's file system (`--since`): a git tree listing read as folders and files at the site
// folder's path, its symbolic links followed inside the tree only, ignored paths read through from disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TreeFileSystem, type TreeEntry } from '../../server/src/util/treeFileSystem';
import { ConfinedFileSystem } from '../../server/src/util/confinedFileSystem';
import { MemoryFileSystem } from '../support/memoryFs';

const enc = (s: string) => new TextEncoder().encode(s);
const blobs = new Map<string, Uint8Array>([
  ['a1', enc('# Page\n')],
  ['b2', enc('title = "x"\n')],
  ['l1', enc('../assets/includes')], // a link to a folder inside the tree
  ['l2', enc('../../../etc/passwd')], // a link out of the tree
  ['l3', enc('/etc/passwd')],
]);
const entries = new Map<string, TreeEntry>([
  ['hugo.toml', { mode: '100644', id: 'b2', size: 12 }],
  ['content/page.md', { mode: '100644', id: 'a1', size: 7 }],
  ['assets/includes/nav.md', { mode: '100755', id: 'a1', size: 7 }],
  ['content/inc', { mode: '120000', id: 'l1', size: 18 }],
  ['content/out', { mode: '120000', id: 'l2', size: 19 }],
  ['content/abs', { mode: '120000', id: 'l3', size: 11 }],
]);
const reads: string[] = [];
const blob = (id: string) => {
  reads.push(id);
  return blobs.get(id)!;
};

test('files, folders and sizes of the tree, at the mount path; nothing outside it', () => {
  const fs = new TreeFileSystem('/site', entries, blob);
  assert.equal(fs.readFile('/site/content/page.md'), '# Page\n');
  assert.deepEqual(fs.stat('/site/content/page.md'), { isFile: true, isDirectory: false, size: 7, mtimeMs: 0 });
  assert.equal(fs.stat('/site/content')?.isDirectory, true);
  assert.equal(fs.stat('/site')?.isDirectory, true);
  assert.equal(fs.stat('/site/content/missing.md'), undefined);
  assert.equal(fs.readFile('/elsewhere/content/page.md'), undefined);
  assert.equal(fs.readFile('/site/../site2/x'), undefined);
  assert.deepEqual(fs.readDirectory('/site').map((e) => [e.name, e.isFile, e.isDirectory]).sort(), [
    ['assets', false, true],
    ['content', false, true],
    ['hugo.toml', true, false],
  ]);
  assert.equal(fs.realPath('/site/content/page.md'), '/site/content/page.md');
  assert.equal(fs.realPath('/site/nope'), undefined);
  assert.equal(fs.isSymbolicLink('/site/content/page.md'), false);
  assert.equal(fs.isSymbolicLink('/site/nope'), undefined);
});

test('symbolic links: followed inside the tree, nothing read through one that leads out', () => {
  const fs = new TreeFileSystem('/site', entries, blob);
  assert.equal(fs.isSymbolicLink('/site/content/inc'), true);
  assert.equal(fs.realPath('/site/content/inc/nav.md'), '/site/assets/includes/nav.md');
  assert.equal(fs.readFile('/site/content/inc/nav.md'), '# Page\n');
  const listing = fs.readDirectory('/site/content').map((e) => [e.name, e.isFile, e.isDirectory]).sort();
  assert.deepEqual(listing, [
    ['abs', false, false],
    ['inc', false, true],
    ['out', false, false],
    ['page.md', true, false],
  ]);
  for (const p of ['/site/content/out', '/site/content/abs']) {
    assert.equal(fs.readFile(p), undefined, p);
    assert.equal(fs.realPath(p), undefined, p);
  }
  // Through the engine's confinement, the link into the tree reads; those out of it do not.
  const confined = new ConfinedFileSystem(fs);
  confined.setRoots(['/site']);
  assert.equal(confined.readFile('/site/content/inc/nav.md'), '# Page\n');
  assert.equal(confined.readFile('/site/content/out'), undefined);
});

test('ignored paths and submodules are read through from the disk folder; blobs only when read', () => {
  reads.length = 0;
  const disk = new MemoryFileSystem({ '/real/site/content/generated/list.md': 'generated\n', '/real/site/content/page.md': 'disk copy, not the tree\n' });
  const fs = new TreeFileSystem('/site', entries, blob, { fs: disk, root: '/real/site', paths: ['content/generated'] });
  assert.deepEqual(reads, [], 'nothing read up front');
  assert.equal(fs.readFile('/site/content/generated/list.md'), 'generated\n');
  assert.equal(fs.readFile('/site/content/page.md'), '# Page\n', 'tracked files come from the tree');
  assert.ok(fs.readDirectory('/site/content').some((e) => e.name === 'generated' && e.isDirectory));
  assert.deepEqual(fs.readDirectory('/site/content/generated').map((e) => e.name), ['list.md']);
  assert.equal(fs.realPath('/site/content/generated/list.md'), '/site/content/generated/list.md', 'mapped back under the mount');
  // The page, and the links' targets (listing a folder tells what each link leads to); never hugo.toml.
  assert.deepEqual(reads, ['a1', 'l1', 'l2', 'l3']);
});
