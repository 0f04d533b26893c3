// `handbook-check --since REF` (the shipped dist/cli.js) on a small handbook in a real git repository:
// only what the change breaks is reported — in the pages it touched and in those it did not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_FILES, git, makeMergeRequest, NEW_PROBLEMS, write } from '../support/gitSite';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const run = (args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
// The counts that are not zero, by name.
const SUMMARY = (n: { errors: number; warnings: number; known: number }, ref: string) =>
  `6 files checked: ${[n.errors ? `${n.errors} ${n.errors === 1 ? 'error' : 'errors'}` : '', n.warnings ? `${n.warnings} ${n.warnings === 1 ? 'warning' : 'warnings'}` : ''].filter(Boolean).join(', ') || 'no problems'} new since ${ref} (${n.known} already there not shown).`;

function repo(t: { after(fn: () => void): void }, extra?: Record<string, string>): { dir: string; base: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-since-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, base: makeMergeRequest(dir, extra) };
}

/** Every file's path, size and modification time: what "not touching the working tree" must keep. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        out.push(`${path.relative(dir, p)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

test('a merge request that breaks a link, moves a linked page and fixes an old problem: exactly the new problems, in touched and untouched pages', (t) => {
  const { dir, base } = repo(t);
  const before = snapshot(dir);
  const r = run(['--since', base, dir]);
  assert.equal(r.stderr, '');
  // home and team were not edited: the move broke their links. The moved page's own dead anchor and
  // team's include error were there before; tools.md's fixed link is gone.
  assert.deepEqual(r.stdout.trim().split('\n'), [...NEW_PROBLEMS, SUMMARY({ errors: 0, warnings: 3, known: 2 }, base)]);
  assert.equal(r.status, 0, 'only warnings are new: the old include error does not fail the merge request');
  assert.deepEqual(snapshot(dir), before, 'nothing in the repository was written, not even git\'s index');
  assert.equal(git(dir, 'status', '--porcelain'), '');

  const strict = run(['--since', 'main', '--fail-on', 'warning', dir]);
  assert.equal(strict.status, 1, '--fail-on warning fails on the new warnings');
  assert.deepEqual(strict.stdout.trim().split('\n'), [...NEW_PROBLEMS, SUMMARY({ errors: 0, warnings: 3, known: 2 }, 'main')]);

  // The plain check for comparison: the old problems are all there.
  const plain = run([dir]);
  assert.match(plain.stdout, /6 files checked: 1 error, 4 warnings\./);
});

test('a new error fails the check; JSON and Code Quality hold the new problems only', (t) => {
  const { dir, base } = repo(t, { 'content/handbook/hiring.md': BASE_FILES['content/handbook/hiring.md']! + '\n{{% include "includes/interview-plan.md" %}}\n' });
  const r = run(['--since', base, '--format', 'json', dir]);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout) as { diagnostics: { file: string; code: string; severity: string }[] };
  assert.deepEqual(json.diagnostics.map((d) => [d.file, d.code, d.severity]), [
    ['content/_index.md', 'link-not-found', 'warning'],
    ['content/handbook/hiring.md', 'include-not-found', 'error'],
    // The branch rewrote hiring.md without the typo, so its link to the moved page is broken too.
    ['content/handbook/hiring.md', 'link-not-found', 'warning'],
    ['content/handbook/team.md', 'link-not-found', 'warning'],
  ]);
  // The report to a file, the text on stdout (as the CI job runs it).
  const report = path.join(os.tmpdir(), `handbook-since-cq-${process.pid}.json`);
  t.after(() => fs.rmSync(report, { force: true }));
  const cq = run(['--since', base, '--format', 'codequality', '--output', report, dir]);
  assert.equal(cq.status, 1);
  assert.match(cq.stdout, /^content\/handbook\/hiring\.md:8:14: error: Include "includes\/interview-plan\.md" not found in assets\/\. \[include-not-found\]$/m);
  assert.equal(cq.stdout.trim().split('\n').at(-1), SUMMARY({ errors: 1, warnings: 3, known: 2 }, base));
  const issues = JSON.parse(fs.readFileSync(report, 'utf8')) as { check_name: string; location: { path: string } }[];
  assert.deepEqual(issues.map((i) => [i.location.path, i.check_name]), json.diagnostics.map((d) => [d.file, d.code]));
});

test('JSON with --since gives the new problems the same fixes as the plain check', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-since-fixes-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.resolve(__dirname, '../../examples/sample-handbook'), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'sample');
  const seed = path.join(dir, 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md');
  fs.appendFileSync(seed, '\n{{% include "includes/engineering-careers/career-matrx-nav.md" %}}\n\nSee [values](#values-alignmnt).\n');
  type D = { line: number; code: string; fixes: string[] };
  const plain = (JSON.parse(run(['--format', 'json', dir]).stdout) as { diagnostics: D[] }).diagnostics;
  const since = (JSON.parse(run(['--since', 'HEAD', '--format', 'json', dir]).stdout) as { diagnostics: D[] }).diagnostics;
  assert.deepEqual(since.map((d) => d.code), ['include-not-found', 'anchor-not-found']);
  assert.deepEqual(since, plain.filter((d) => d.line > 30));
  assert.ok(since.every((d) => d.fixes.length > 0), JSON.stringify(since));
});

test('pre-commit: --since HEAD sees uncommitted edits and a staged move, and follows the move', (t) => {
  const { dir } = repo(t);
  assert.deepEqual(run(['--since', 'HEAD', dir]).stdout.trim().split('\n'), [SUMMARY({ errors: 0, warnings: 0, known: 5 }, 'HEAD')]);
  // An unstaged edit that breaks an anchor, and a staged move of the page with the old dead anchor.
  write(dir, 'content/handbook/hiring.md', '---\ntitle: Hiring\n---\n# Hiring\n\nSee [how we hire](#how-we-hire).\n');
  fs.mkdirSync(path.join(dir, 'content/about'));
  git(dir, 'mv', 'content/handbook/company/values.md', 'content/about/values.md');
  const r = run(['--since', 'HEAD', dir]);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'content/handbook/hiring.md:6:20: warning: No heading or anchor "#how-we-hire" on this page. [anchor-not-found]',
    SUMMARY({ errors: 0, warnings: 1, known: 4 }, 'HEAD'),
  ]);
});

test('a new page that nothing is committed for yet, and a generated page git ignores', (t) => {
  const { dir } = repo(t);
  write(dir, '.gitignore', 'content/generated/\n');
  git(dir, 'add', '.gitignore');
  git(dir, 'commit', '-q', '-m', 'ignore generated pages');
  // Generated by the pipeline (never committed): its problems are no part of the change.
  write(dir, 'content/generated/list.md', '---\ntitle: Generated\n---\n[x](/nowhere/)\n');
  // Written by the author, not yet added: its problems are new.
  write(dir, 'content/handbook/new.md', '---\ntitle: New\n---\n[y](/also/nowhere/)\n');
  const r = run(['--since', 'HEAD', dir]);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'content/handbook/new.md:4:5: warning: No page or file at "/also/nowhere/". [link-not-found]',
    '8 files checked: 1 warning new since HEAD (6 already there not shown).',
  ]);
});

test('a site in a subfolder of the repository', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-since-sub-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const site = path.join(dir, 'docs site');
  fs.mkdirSync(site);
  write(dir, 'README.md', 'outside the site\n');
  const base = makeMergeRequest(site);
  assert.equal(git(site, 'rev-parse', '--show-toplevel'), fs.realpathSync(site), 'the repository is the site folder here');
  // Make the repository one level up, holding the site as a subfolder.
  fs.renameSync(path.join(site, '.git'), path.join(dir, '.git'));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'site in a subfolder');
  assert.notEqual(git(dir, 'rev-parse', 'HEAD'), base);
  write(site, 'content/handbook/hiring.md', '---\ntitle: Hiring\n---\n[z](/zzz/)\n');
  const r = run(['--since', 'HEAD', '.'], site);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'content/handbook/hiring.md:4:5: warning: No page or file at "/zzz/". [link-not-found]',
    // hiring.md's old problem (the typo) went with the rewrite: 4 of HEAD's 5 are still there.
    SUMMARY({ errors: 0, warnings: 1, known: 4 }, 'HEAD'),
  ]);
  // Run from the repository root, as a CI job is: the Code Quality report names files from there.
  const cq = run(['--since', 'HEAD', '--format', 'codequality', 'docs site'], dir);
  assert.deepEqual((JSON.parse(cq.stdout) as { location: { path: string } }[]).map((i) => i.location.path), ['docs site/content/handbook/hiring.md']);
});

test('clear errors, and nothing on stdout, when git, the repository or the revision is missing', (t) => {
  const { dir } = repo(t);
  const cases: [string[], RegExp, NodeJS.ProcessEnv?][] = [
    [['--since', 'no-such-branch', dir], /^handbook-check: "no-such-branch" is not a commit in this repository/],
    [['--since', '', dir], /^handbook-check: --since needs a revision, and it was given an empty one/],
    [['--since', '--help', dir], /^handbook-check: "--help" is not a git revision/],
    [['--since', 'HEAD', '--baseline', 'b.json', dir], /^handbook-check: --since compares with a git revision: use it without --baseline/],
    [['--since', 'HEAD', '--fail-on', 'info', dir], /^handbook-check: --fail-on takes error or warning, not "info"/],
    [['--since', 'HEAD', dir], /^handbook-check: git is not installed \(or not on PATH\)/, { ...process.env, PATH: path.join(dir, 'no-bin') }],
  ];
  for (const [args, reason, env] of cases) {
    const r = run(args, process.cwd(), env);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', 'never a partial answer');
    assert.match(r.stderr, reason);
  }
  const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-since-nogit-'));
  t.after(() => fs.rmSync(plain, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(BASE_FILES)) write(plain, rel, text);
  const r = run(['--since', 'main', plain], plain, { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(plain) });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /is not in a git repository; --since compares with a git revision/);

  // A shallow clone (GitLab's default) that lacks the base: the message says to fetch it.
  const shallow = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-since-shallow-'));
  t.after(() => fs.rmSync(shallow, { recursive: true, force: true }));
  git(shallow, 'clone', '-q', '--depth=1', '--branch', 'mr', `file://${dir}`, 'clone');
  const s = run(['--since', git(dir, 'rev-parse', 'main'), path.join(shallow, 'clone')]);
  assert.equal(s.status, 2);
  assert.match(s.stderr, /is not a commit in this repository \(it is a shallow clone: fetch the revision first, e\.g\. git fetch --depth=1 origin [0-9a-f]{40}\)/);
});
