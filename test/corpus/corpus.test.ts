// The checker over the real GitLab handbook (../shared/corpus), unpacked at test time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { NodeFileSystem } from '../../server/src/util/fileSystem';

const TARBALL = path.resolve(__dirname, '../../../shared/corpus/gitlab-handbook.tar.gz');
const CLI = path.resolve(__dirname, '../../dist/cli.js');
let dir: string;
let site: string;

before(() => {
  assert.ok(fs.existsSync(TARBALL), `the corpus must be beside the repository at ${TARBALL}`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-corpus-'));
  const r = spawnSync('tar', ['-C', dir, '-xzf', TARBALL]);
  assert.equal(r.status, 0, String(r.stderr));
  site = path.join(dir, 'gitlab-handbook');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every one of the 296 include calls resolves (79 targets), through the index', async () => {
  const index = new WorkspaceIndex(new NodeFileSystem(), DEFAULT_OPTIONS);
  index.setFolders([dir]);
  assert.deepEqual(index.sites.map((s) => s.root), [site]);
  await index.ensureIndexed();
  let calls = 0;
  let unresolved = 0;
  const targets = new Set<string>();
  const files = new Set<string>();
  for (const f of index.allFacts()) {
    for (const inc of f.includes) {
      calls++;
      files.add(f.file);
      if (inc.target) targets.add(inc.target);
      else unresolved++;
    }
  }
  assert.equal(calls, 296);
  assert.equal(files.size, 110);
  assert.equal(targets.size, 79);
  assert.equal(unresolved, 0);
});

test('the checker finishes over the whole handbook with no include-not-found', () => {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', site], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { filesChecked: number; diagnostics: { code: string; file: string }[] };
  assert.equal(out.filesChecked, 4136 + 94);
  assert.deepEqual(out.diagnostics.filter((d) => d.code.startsWith('include-')), []);
  // The real handbook builds with Hugo, so its front matter must all read as valid.
  assert.deepEqual(out.diagnostics.filter((d) => d.code === 'frontmatter-invalid'), []);
});
