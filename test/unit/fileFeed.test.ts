// The web client's reader (client/src/fileFeed.ts) against a slow file system double: bounded reads in
// flight, what the worker asks for before the rest, batched deliveries, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileFeed } from '../../client/src/fileFeed';
import { SlowFileSystem } from '../support/slowFs';

const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`/f${i}.md`, `# ${i}`]));

test('at most 8 reads in flight; every file delivered once, in batches', async () => {
  const slow = new SlowFileSystem(files, 5);
  const delivered: string[] = [];
  let batches = 0;
  const feed = new FileFeed({ concurrency: 8, read: (f) => slow.read(f), deliver: (b) => (batches++, delivered.push(...b.map((x) => x.file))) });
  feed.enqueue(Object.keys(files));
  await feed.whenIdle();
  assert.equal(slow.peakInFlight, 8);
  assert.equal(feed.peakInFlight, 8);
  assert.deepEqual([...delivered].sort(), Object.keys(files).sort());
  assert.ok(batches < delivered.length, `${batches} batches for ${delivered.length} files: nothing was batched`);
});

test('files the worker asks for are read before the rest not yet started', async () => {
  const slow = new SlowFileSystem(files, 5);
  const feed = new FileFeed({ concurrency: 2, read: (f) => slow.read(f), deliver: () => {} });
  feed.enqueue(Object.keys(files));
  feed.prioritize(['/f39.md', '/f30.md']);
  await feed.whenIdle();
  // Two reads had started before the ask; the two asked for come next.
  assert.deepEqual(slow.log.slice(2, 4), ['/f39.md', '/f30.md']);
  assert.equal(slow.log.length, 40, 'a file was read twice');
});

test('cancel: nothing more is started or delivered', async () => {
  const slow = new SlowFileSystem(files, 5);
  const delivered: string[] = [];
  const feed = new FileFeed({ concurrency: 4, read: (f) => slow.read(f), deliver: (b) => delivered.push(...b.map((x) => x.file)) });
  feed.enqueue(Object.keys(files));
  feed.cancel();
  await feed.whenIdle();
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(slow.log.length, 4, 'reads started after cancel');
  assert.deepEqual(delivered, []);
});

test('a read that fails is delivered as unreadable (null), not retried forever', async () => {
  const slow = new SlowFileSystem({ '/a.md': 'A' }, 1);
  const got: { file: string; text: string | null }[] = [];
  const feed = new FileFeed({ concurrency: 8, read: (f) => slow.read(f), deliver: (b) => got.push(...b) });
  feed.enqueue(['/a.md', '/gone.md']);
  await feed.whenIdle();
  assert.deepEqual(got.sort((x, y) => x.file.localeCompare(y.file)), [{ file: '/a.md', text: 'A' }, { file: '/gone.md', text: null }]);
});
