import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfinedFileSystem } from '../../server/src/util/confinedFileSystem';
import { MemoryFileSystem } from '../support/memoryFs';

function workspace(): MemoryFileSystem {
  const fs = new MemoryFileSystem({
    '/ws/content/a.md': 'a',
    '/ws/content/deep/b.md': 'b',
    '/outside/secret.md': 'secret',
    '/outside/deep/more.md': 'more',
  });
  fs.symlink('/ws/content/dir-out', '/outside');
  fs.symlink('/ws/content/file-out.md', '/outside/secret.md');
  fs.symlink('/ws/content/alias.md', '/ws/content/a.md');
  fs.symlink('/ws/content/deep-alias', '/ws/content/deep');
  return fs;
}

const PATHS = [
  '/ws/content/a.md',
  '/ws/content/deep/b.md',
  '/ws/content/missing.md',
  '/ws/content/dir-out/secret.md',
  '/ws/content/dir-out/deep/more.md',
  '/ws/content/file-out.md',
  '/ws/content/alias.md',
  '/ws/content/deep-alias/b.md',
  '/ws/content/deep/../a.md',
  '/ws/content/deep/../../../outside/secret.md',
  '/outside/secret.md',
  '/ws/content',
  '/ws/content/dir-out',
];

test('a batch answers every read as the unbatched checks do: links out refused, links inside followed', () => {
  const confined = new ConfinedFileSystem(workspace());
  confined.setRoots(['/ws']);
  const plain = PATHS.map((p) => [p, confined.allows(p), confined.readFile(p)]);
  // Twice in one batch: the second round is answered from the folder cache.
  const batched = confined.batch(() => [...PATHS, ...PATHS].map((p) => [p, confined.allows(p), confined.readFile(p)]));
  assert.deepEqual(batched, [...plain, ...plain]);
  assert.deepEqual(
    plain.filter(([, ok]) => ok).map(([p]) => p),
    ['/ws/content/a.md', '/ws/content/deep/b.md', '/ws/content/alias.md', '/ws/content/deep-alias/b.md', '/ws/content/deep/../a.md', '/ws/content', ],
  );
});

test('nothing is remembered after a batch: a folder turned into a link out is refused at once', () => {
  const fs = workspace();
  const confined = new ConfinedFileSystem(fs);
  confined.setRoots(['/ws']);
  assert.equal(confined.batch(() => confined.readFile('/ws/content/deep/b.md')), 'b');
  // The folder is replaced by a link to a folder outside that has a file of the same name.
  fs.delete('/ws/content/deep/b.md');
  fs.write('/outside/deep/b.md', 'leaked');
  fs.symlink('/ws/content/deep', '/outside/deep');
  assert.equal(confined.batch(() => confined.readFile('/ws/content/deep/b.md')), undefined);
  assert.equal(confined.readFile('/ws/content/deep/b.md'), undefined);
});

test('a batch checks each file with one lstat, not a walk of every folder of its path', () => {
  const fs = workspace();
  let realPaths = 0;
  const counting = Object.assign(Object.create(fs) as MemoryFileSystem, {
    realPath: (p: string) => {
      realPaths++;
      return fs.realPath(p);
    },
  });
  const confined = new ConfinedFileSystem(counting);
  confined.setRoots(['/ws']);
  realPaths = 0;
  confined.batch(() => {
    for (let i = 0; i < 10; i++) confined.readFile('/ws/content/deep/b.md');
  });
  assert.equal(realPaths, 1, 'the folder once; the file itself is no link');
});
