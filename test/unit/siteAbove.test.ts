// Clients that root the workspace low (eglot in a folder without version control roots it at the
// opened file's folder) or at no folder at all: the server finds the Hugo site above, and reads no
// further than that site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../server/src/features/diagnostics';
import { DEFAULT_OPTIONS, WorkspaceIndex } from '../../server/src/index/workspace';
import { findSiteAbove } from '../../server/src/site/site';
import type { Logger } from '../../server/src/util/logger';
import { MemoryFileSystem } from '../support/memoryFs';

const files = () =>
  new MemoryFileSystem({
    '/home/me/notes/config.json': '{}',
    '/home/me/notes/handbook/hugo.yaml': 'title: Handbook\n',
    '/home/me/notes/handbook/content/_index.md': '---\ntitle: Home\n---\n',
    '/home/me/notes/handbook/content/team/_index.md': '---\ntitle: Team\n---\n## Mission\n',
    '/home/me/notes/handbook/content/careers/senior.md': '---\ntitle: Senior\n---\n[team](/team/#mission) [gone](/team/#vision) [nowhere](/nowhere/)\n',
    '/home/me/notes/secret.md': 'secret',
    '/home/me/elsewhere/page.md': '# not a site\n',
  });

const SENIOR = '/home/me/notes/handbook/content/careers/senior.md';
const options = { ...DEFAULT_OPTIONS, findSiteAbove: true };

test('findSiteAbove: the nearest folder with a Hugo config, at or above; not the file system root', () => {
  const fs = files();
  assert.equal(findSiteAbove(fs, '/home/me/notes/handbook/content/careers'), '/home/me/notes/handbook');
  assert.equal(findSiteAbove(fs, '/home/me/notes/handbook'), '/home/me/notes/handbook');
  assert.equal(findSiteAbove(fs, '/home/me/elsewhere'), undefined);
  fs.write('/config.toml', '');
  assert.equal(findSiteAbove(fs, '/home/me/elsewhere'), undefined);
});

test('a workspace rooted inside the site (eglot without version control) indexes the whole site above it', async () => {
  const logs: string[] = [];
  const logger: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const index = new WorkspaceIndex(files(), options, logger);
  index.setFolders(['/home/me/notes/handbook/content/careers']);
  assert.deepEqual(index.sites.map((s) => s.root), ['/home/me/notes/handbook']);
  assert.ok(logs.some((l) => l.includes('using the site above it, /home/me/notes/handbook')), logs.join('\n'));
  await index.ensureIndexed();
  // Cross-page checks see the pages outside the folder: only the real problems are reported.
  assert.deepEqual(diagnose(index, SENIOR).map((p) => p.code), ['anchor-not-found', 'link-not-found']);
  // The site root is the boundary: the folder above it (which has a config.json of its own) is not read.
  assert.equal(index.fs.readFile('/home/me/notes/handbook/content/team/_index.md')?.startsWith('---'), true);
  assert.equal(index.fs.readFile('/home/me/notes/secret.md'), undefined);
});

test('the checker\'s index (no findSiteAbove) keeps its folder as the place of the site', () => {
  const index = new WorkspaceIndex(files(), DEFAULT_OPTIONS);
  index.setFolders(['/home/me/notes/handbook/content/careers']);
  assert.deepEqual(index.sites, []);
});

test('no workspace folder (a single-file client): the opened file\'s site is adopted', async () => {
  const index = new WorkspaceIndex(files(), options);
  index.setFolders([]);
  index.openDocument(SENIOR, '---\ntitle: Senior\n---\n[gone](/team/#vision)\n', 1);
  assert.equal(index.adoptSiteAbove(SENIOR), true);
  assert.equal(index.adoptSiteAbove(SENIOR), false);
  await index.ensureReady();
  assert.deepEqual(diagnose(index, SENIOR).map((p) => p.code), ['anchor-not-found']);
  assert.equal(index.fs.readFile('/home/me/notes/secret.md'), undefined);
});

test('nothing found anywhere: it says so, and nothing is adopted', () => {
  const logs: string[] = [];
  const logger: Logger = { info: () => {}, warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const index = new WorkspaceIndex(files(), options, logger);
  index.setFolders(['/home/me/elsewhere']);
  assert.deepEqual(index.sites, []);
  assert.deepEqual(logs, ['No Hugo site in /home/me/elsewhere or above (looked for hugo.*, config.* and config/_default/): nothing is checked.']);
  assert.equal(index.adoptSiteAbove('/home/me/elsewhere/page.md'), false);
});
