// `handbook-check --since` on the real handbook, in a git repository made in the test: a page that 44
// pages link to, with old problems of its own, is moved (git mv, the way an author moves it), and --since must report exactly what
// the move broke — the difference between two plain whole-site checks of the two trees, with the moved
// page's own old problems matched to it — in the pages that link to it, none of which was touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusSite } from '../support/corpus';
import { git } from '../support/gitSite';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FROM = 'content/handbook/product/product-principles.md';
const TO = 'content/handbook/product/product-management/product-principles.md';
/** A message about the page's old place: a site-root or relative link to it. */
const OLD_PLACE = /product-principles/;

interface Diag {
  file: string;
  code: string;
  message: string;
  severity: string;
}

function check(dir: string, extra: string[] = []): { status: number | null; diagnostics: Diag[] } {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...extra, dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return { status: r.status, diagnostics: (JSON.parse(r.stdout) as { diagnostics: Diag[] }).diagnostics };
}

const key = (d: Diag) => `${d.file}\u0000${d.code}\u0000${d.message}`;

test('a real page moved: --since gives exactly the problems the move added, all in pages the change did not touch', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-since-corpus-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const site = path.join(dir, 'handbook');
  fs.cpSync(corpusSite(), site, { recursive: true });
  git(site, 'init', '-q');
  git(site, 'add', '-A');
  git(site, 'commit', '-q', '-m', 'the handbook');
  const before = check(site).diagnostics;

  git(site, 'mv', FROM, TO);
  const after = check(site).diagnostics;
  // The oracle: the plain check after the move, less the plain check before it (the moved page's
  // problems named by its new path), counted as the baseline counts them.
  const left = new Map<string, number>();
  for (const d of before) {
    const k = key({ ...d, file: d.file === FROM ? TO : d.file });
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  const expected = after.filter((d) => {
    const n = left.get(key(d)) ?? 0;
    if (n > 0) left.set(key(d), n - 1);
    return n === 0;
  });

  const since = check(site, ['--since', 'HEAD']);
  assert.deepEqual(since.diagnostics.map(key), expected.map(key));
  // What a reviewer should see: many pages' links to the old URL broken, none of those pages edited.
  assert.ok(expected.length >= 30, `the move breaks the links of the pages that point at it (${expected.length})`);
  // Each new problem is a link to the page's old place, or in the moved page itself.
  for (const d of since.diagnostics) assert.ok(d.file === TO || OLD_PLACE.test(d.message), `${d.file}: ${d.message}`);
  assert.ok(since.diagnostics.filter((d) => d.file !== TO).length >= 30, 'most are in pages the change did not touch');
  // The moved page's own old problems that the move left as they were are not new.
  const kept = before.filter((d) => d.file === FROM && after.some((a) => key(a) === key({ ...d, file: TO })));
  assert.ok(kept.length >= 5, `the moved page keeps old problems of its own (${kept.length})`);
  const reported = new Set(since.diagnostics.map(key));
  for (const d of kept) assert.ok(!reported.has(key({ ...d, file: TO })), `an old problem of the moved page reported as new: ${d.message}`);
  assert.equal(since.status, 0, 'broken links are warnings: the merge request is not failed by default');
  assert.equal(git(site, 'status', '--porcelain'), `R  ${FROM} -> ${TO}`);
});
