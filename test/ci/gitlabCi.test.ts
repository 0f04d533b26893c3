// The GitLab CI template (ci/handbook-check.gitlab-ci.yml) run for real by gitlab-ci-local, in a
// temporary repository holding a small handbook and a merge request's branch, with the package
// installed from this repository's `npm pack` tarball (offline: it has no dependency to fetch).
// Set up by scripts/ci-job-setup.sh (gitlab-ci-local needs Node 22 or later: it runs on the Node 24
// the end-to-end set-up uses). The job names an image; gitlab-ci-local runs it in a shell here.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_FILES, git, makeMergeRequest, NEW_PROBLEMS, write } from '../support/gitSite';

const REPO = path.resolve(__dirname, '../..');
const TEMPLATE = path.join(REPO, 'ci/handbook-check.gitlab-ci.yml');
const REPORT = '.gitlab-ci-local/artifacts/handbook-check/gl-code-quality-report.json';

let gitlabCiLocal: string[] = [];
let tarball = '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-gcl-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const cleanEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|CI_|GITLAB_)/i.test(k)));

before(() => {
  const setup = spawnSync('bash', [path.join(REPO, 'scripts/ci-job-setup.sh')], { encoding: 'utf8', env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  assert.equal(setup.status, 0, 'scripts/ci-job-setup.sh failed (its reason is above)');
  gitlabCiLocal = setup.stdout.trim().split('\n').at(-1)!.split(' ');
  // --ignore-scripts: the prepack production build would rewrite dist/ under test files running it.
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], { cwd: REPO, encoding: 'utf8', env: cleanEnv() });
  assert.equal(packed.status, 0, packed.stderr);
  tarball = path.join(tmp, packed.stdout.trim().split('\n').at(-1)!);
});

/** A repository whose .gitlab-ci.yml includes the template, with the merge request's branch checked out. */
function project(name: string, extra?: Record<string, string>): { dir: string; base: string } {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  write(dir, 'ci/handbook-check.gitlab-ci.yml', fs.readFileSync(TEMPLATE, 'utf8'));
  write(dir, '.gitlab-ci.yml', 'stages: [test]\n\ninclude:\n  - local: ci/handbook-check.gitlab-ci.yml\n');
  write(dir, '.gitignore', '.gitlab-ci-local/\ngl-code-quality-report.json\n');
  const base = makeMergeRequest(dir, extra);
  return { dir, base };
}

interface JobRun {
  status: number | null;
  /** The job's own output lines (gitlab-ci-local prefixes them with "handbook-check > "). */
  lines: string[];
  all: string;
  report: { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[] | undefined;
}

/** Runs the pipeline (the jobs whose rules match), or one job by name (whatever its rules say). */
function runJob(dir: string, variables: Record<string, string>, job?: string): JobRun {
  const vars = Object.entries({ HANDBOOK_CHECK_PACKAGE: tarball, npm_config_offline: 'true', ...variables }).flatMap(([k, v]) => ['--variable', `${k}=${v}`]);
  const r = spawnSync(gitlabCiLocal[0]!, [...gitlabCiLocal.slice(1), '--force-shell-executor', '--ignore-predefined-vars', 'CI_PIPELINE_SOURCE', ...vars, ...(job ? [job] : [])], {
    cwd: dir,
    encoding: 'utf8',
    // Its own npm cache: the tarball is installed into it offline, as a fresh runner would.
    env: { ...cleanEnv(), npm_config_cache: path.join(tmp, 'npm-cache'), NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const all = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '');
  const lines = all
    .split('\n')
    .filter((l) => l.startsWith('handbook-check > '))
    .map((l) => l.slice('handbook-check > '.length));
  const file = path.join(dir, REPORT);
  return { status: r.status, lines, all, report: fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined };
}

const mr = (base: string) => ({ CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
const summary = (errors: number, warnings: number, known: number, base: string) =>
  `6 files checked: ${errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}, ` : ''}${warnings} warnings new since ${base} (${known} already there not shown).`;

test('the job in a merge request that breaks a link, moves a linked page and fixes an old problem: exactly the new problems, a report, and it passes on warnings', () => {
  const { dir, base } = project('warnings');
  const r = runJob(dir, mr(base));
  assert.equal(r.status, 0, r.all);
  assert.match(r.all, /PASS\s+handbook-check/);
  assert.deepEqual(r.lines, [...NEW_PROBLEMS, summary(0, 3, 2, base)], r.all);
  assert.ok(r.report, `the Code Quality report is written and exported: ${r.all}`);
  assert.deepEqual(
    r.report.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.severity, i.description]),
    [
      ['content/_index.md', 6, 'link-not-found', 'minor', 'No page or file at "/handbook/values/".'],
      ['content/handbook/hiring.md', 6, 'link-not-found', 'minor', 'No page or file at "/handbook/valeus/".'],
      ['content/handbook/team.md', 6, 'link-not-found', 'minor', 'No page or file at "/handbook/values/".'],
    ],
  );
  assert.equal(new Set(r.report.map((i) => i.fingerprint)).size, 3);

  // The same merge request with --fail-on warning: the job fails, and the report is still there.
  fs.rmSync(path.join(dir, '.gitlab-ci-local'), { recursive: true, force: true });
  const strict = runJob(dir, { ...mr(base), HANDBOOK_CHECK_ARGS: '--fail-on warning' });
  assert.notEqual(strict.status, 0, strict.all);
  assert.match(strict.all, /FAIL\s+handbook-check/);
  assert.deepEqual(strict.lines, [...NEW_PROBLEMS, summary(0, 3, 2, base)]);
  assert.equal(strict.report?.length, 3, 'the report is uploaded when the job fails (artifacts: when: always)');

  // The pipeline of a push to a branch does not run the job.
  const push = runJob(dir, { CI_PIPELINE_SOURCE: 'push' });
  assert.deepEqual(push.lines, [], push.all);
  assert.doesNotMatch(push.all, /PASS\s+handbook-check|FAIL\s+handbook-check/);
  // Run by hand outside a merge request, the job says what is missing.
  const byHand = runJob(dir, { CI_PIPELINE_SOURCE: 'push' }, 'handbook-check');
  assert.notEqual(byHand.status, 0);
  assert.match(byHand.all, /--since needs a revision, and it was given an empty one/);
});

test('the job fails when the merge request adds an error, though the old error never failed it', () => {
  const { dir, base } = project('error', { 'content/handbook/hiring.md': BASE_FILES['content/handbook/hiring.md']!.replace('/handbook/values/', '/handbook/company/values/') + '\n{{% include "includes/interview-plan.md" %}}\n' });
  const r = runJob(dir, mr(base));
  assert.notEqual(r.status, 0, r.all);
  assert.match(r.all, /FAIL\s+handbook-check/);
  assert.deepEqual(r.lines, [
    NEW_PROBLEMS[0],
    'content/handbook/hiring.md:8:14: error: Include "includes/interview-plan.md" not found in assets/. [include-not-found]',
    NEW_PROBLEMS[2],
    '6 files checked: 1 error, 2 warnings new since ' + base + ' (2 already there not shown).',
  ]);
  assert.deepEqual(r.report?.map((i) => [i.check_name, i.severity]), [
    ['link-not-found', 'minor'],
    ['include-not-found', 'major'],
    ['link-not-found', 'minor'],
  ]);
  assert.equal(git(dir, 'status', '--porcelain'), '', 'the job left the working tree as it was');
});
