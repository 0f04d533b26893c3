// Clients that root the workspace low (eglot in a folder without version control roots it at the
// opened file's folder) or at no folder at all: the server finds the Hugo site above, and reads no
// further than that site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_OPTIONS, WorkspaceIndex } from '../../server/src/index/workspace';
import { findSiteAbove } from '../../server/src/site/site';
import type { Logger } from '../../server/src/util/logger';
import { checkDiagnostics, parseFixture } from '../support/fixture';
import { MemoryFileSystem } from '../support/memoryFs';

const HOME = parseFixture(`//- /home/me/notes/config.json
{}
//- /home/me/notes/handbook/hugo.yaml
title: Handbook
//- /home/me/notes/handbook/content/_index.md
---
title: Home
---
//- /home/me/notes/handbook/content/team/_index.md
---
title: Team
---
## Mission
//- /home/me/notes/handbook/content/careers/senior.md
---
title: Senior
---
[team](/team/#mission) [gone](/team/#vision) [nowhere](/nowhere/)
                                     ^^^^^^ warning: anchor-not-found
                                                       ^^^^^^^^^ warning: link-not-found
//- /home/me/notes/secret.md
secret
//- /home/me/elsewhere/page.md
# not a site
`);
const files = () => new MemoryFileSystem(HOME.files);
/** Holds an index built on `fs` to the annotations of `expected`. */
const check = (fs: MemoryFileSystem, index: WorkspaceIndex, expected = HOME.expected) => checkDiagnostics({ fs, index, cursor: undefined, files: HOME.files, expected });

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
  const fs = files();
  const index = new WorkspaceIndex(fs, options, logger);
  index.setFolders(['/home/me/notes/handbook/content/careers']);
  assert.deepEqual(index.sites.map((s) => s.root), ['/home/me/notes/handbook']);
  assert.ok(logs.some((l) => l.includes('using the site above it, /home/me/notes/handbook')), logs.join('\n'));
  await index.ensureIndexed();
  // Cross-page checks see the pages outside the folder: only the real problems are reported.
  await check(fs, index);
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
  const fs = files();
  const index = new WorkspaceIndex(fs, options);
  index.setFolders([]);
  const opened = parseFixture(`//- ${SENIOR}
---
title: Senior
---
[gone](/team/#vision)
              ^^^^^^ warning: anchor-not-found
`);
  index.openDocument(SENIOR, opened.files[SENIOR]!, 1);
  assert.equal(index.adoptSiteAbove(SENIOR), true);
  assert.equal(index.adoptSiteAbove(SENIOR), false);
  await index.ensureReady();
  await check(fs, index, opened.expected);
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
