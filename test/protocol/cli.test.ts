// The shipped checker (dist/cli.js) as CI runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const SAMPLE = path.resolve(__dirname, '../../examples/sample-handbook');
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

test('text output: the seed page\'s broken include with line:column, a summary, exit 1', () => {
  const r = run([SAMPLE]);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines, [
    'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md:8:14: error: Include "includes/engineering-careers/ep-career-nav.md" not found in assets/. [include-not-found]',
    'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md:12:30: warning: No heading or anchor "#leadership-competencies" on this page. [anchor-not-found]',
    'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md:13:29: warning: No heading or anchor "#technical-competencies" on this page. [anchor-not-found]',
    'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md:14:23: warning: No heading or anchor "#values-alignment" on this page. [anchor-not-found]',
    '9 files checked: 1 error, 3 warnings.',
  ]);
});

test('json output: root, files checked, 1-based ranges and the fixes', () => {
  const r = run(['--format', 'json'], SAMPLE);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout) as { root: string; filesChecked: number; diagnostics: Record<string, unknown>[] };
  assert.equal(out.root, SAMPLE);
  assert.equal(out.filesChecked, 9);
  assert.deepEqual(out.diagnostics.filter((d) => d['code'] === 'include-not-found'), [
    {
      file: 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md',
      line: 8,
      column: 14,
      endLine: 8,
      endColumn: 59,
      severity: 'error',
      code: 'include-not-found',
      message: 'Include "includes/engineering-careers/ep-career-nav.md" not found in assets/.',
      fixes: ['Change to "includes/engineering-careers/career-matrix-nav.md"', 'Create "assets/includes/engineering-careers/ep-career-nav.md"'],
    },
  ]);
  // The seed page's dead anchors, each with fixes to the real heading ids.
  assert.deepEqual(out.diagnostics.filter((d) => d['code'] === 'anchor-not-found').map((d) => [d['line'], (d['fixes'] as string[])[0]]), [
    [12, 'Change to "#senior-leadership-competencies"'],
    [13, 'Change to "#senior-technical-competencies"'],
    [14, 'Change to "#senior-values-alignment"'],
  ]);
});

test('exit 0 on a clean site', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-cli-'));
  fs.writeFileSync(path.join(dir, 'hugo.toml'), 'title = "x"\n');
  fs.mkdirSync(path.join(dir, 'content'));
  fs.writeFileSync(path.join(dir, 'content', '_index.md'), '---\ntitle: Home\n---\n# Home\n');
  const r = run([dir]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^1 file checked: no problems\.$/m);
  fs.rmSync(dir, { recursive: true });
});

test('exit 2 with a one-line reason on bad usage or an unreadable site', () => {
  for (const [args, reason] of [
    [['--format', 'xml', SAMPLE], /unknown format "xml"/],
    [['--baseline'], /--baseline needs a value/],
    [['--nope'], /unknown option "--nope"/],
    [['/definitely/not/here'], /is not a readable folder/],
    [[os.tmpdir(), 'extra'], /unexpected argument/],
  ] as const) {
    const r = run([...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr.split('\n')[0]!, reason);
  }
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-cli-empty-'));
  const r = run([empty]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no Hugo site/);
  fs.rmSync(empty, { recursive: true });
});

test('a baseline: only problems a change adds are reported, and the baseline is written atomically', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-cli-base-'));
  fs.cpSync(SAMPLE, dir, { recursive: true });
  const base = path.join(dir, 'baseline.json');
  const w = run(['--write-baseline', base, dir]);
  assert.equal(w.status, 0, w.stderr);
  assert.match(w.stdout, /Wrote a baseline of 4 problems/);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('.tmp')), []);
  // Unchanged site: nothing new, exit 0 even though the known include error remains.
  const same = run(['--baseline', base, dir]);
  assert.equal(same.status, 0, same.stdout);
  assert.match(same.stdout, /checked: no problems \(4 known from the baseline not shown\)\./);
  // A change that moves lines and adds one broken include: only the new one is reported.
  const page = path.join(dir, 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md');
  fs.writeFileSync(page, fs.readFileSync(page, 'utf8').replace('## Senior Backend', 'Intro line.\n\n{{% include "includes/new-typo.md" %}}\n\n## Senior Backend'));
  const added = run(['--baseline', base, '--format', 'json', dir]);
  assert.equal(added.status, 1);
  assert.deepEqual((JSON.parse(added.stdout) as { diagnostics: { code: string; message: string }[] }).diagnostics.map((d) => [d.code, d.message]), [
    ['include-not-found', 'Include "includes/new-typo.md" not found in assets/.'],
  ]);
  const bad = run(['--baseline', path.join(dir, 'nope.json'), dir]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /cannot read the baseline/);
  fs.rmSync(dir, { recursive: true });
});

test('GitLab Code Quality and SARIF reports', () => {
  const cq = JSON.parse(run(['--format', 'codequality', SAMPLE]).stdout) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
  assert.deepEqual(cq.map((c) => [c.check_name, c.severity, c.location.lines.begin]), [
    ['include-not-found', 'major', 8],
    ['anchor-not-found', 'minor', 12],
    ['anchor-not-found', 'minor', 13],
    ['anchor-not-found', 'minor', 14],
  ]);
  assert.equal(new Set(cq.map((c) => c.fingerprint)).size, 4);
  const s = JSON.parse(run(['--format', 'sarif', SAMPLE]).stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
  assert.equal(s.version, '2.1.0');
  assert.deepEqual(s.runs[0]!.tool.driver.rules.map((r) => r.id), ['anchor-not-found', 'include-not-found']);
  assert.deepEqual(s.runs[0]!.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn]), [
    ['include-not-found', 'error', 8, 14],
    ['anchor-not-found', 'warning', 12, 30],
    ['anchor-not-found', 'warning', 13, 29],
    ['anchor-not-found', 'warning', 14, 23],
  ]);
});

test('what the checker could not read is said on stderr: a broken glossary is a warning, not silence', () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-cli-warn-'));
  try {
    fs.cpSync(SAMPLE, site, { recursive: true });
    fs.mkdirSync(path.join(site, 'data'), { recursive: true });
    fs.writeFileSync(path.join(site, 'data', 'misused_terms.yml'), '- avoid: [unclosed\n  use_instead: x\n');
    const r = run(['--format', 'json', site]);
    assert.equal(r.status, 1, 'the exit status is the findings\' (the seed page has an error), not the warning\'s');
    assert.doesNotThrow(() => JSON.parse(r.stdout), 'stdout stays the JSON report');
    assert.match(r.stderr, /^handbook-check: warning: Glossary .*misused_terms\.yml/m);
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
  assert.equal(run([SAMPLE]).stderr, '', 'a healthy site prints nothing on stderr');
});

test('suppression comments: what they silence is left out and counted, an unused one is reported', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-cli-'));
  fs.writeFileSync(path.join(dir, 'hugo.toml'), 'title = "x"\n');
  fs.mkdirSync(path.join(dir, 'content'));
  fs.writeFileSync(
    path.join(dir, 'content', '_index.md'),
    [
      '---',
      'title: Home',
      '---',
      '<!-- markdownlint-disable MD051 -->',
      '[a](#nope-1) [b](#nope-2)',
      '<!-- markdownlint-enable MD051 -->',
      '<!-- handbook-disable-next-line link-not-found -->',
      '[c](/missing/)',
      '<!-- handbook-disable-next-line link-not-found -->',
      '[d](/)',
      '[e](/missing-too/)',
      '',
    ].join('\n'),
  );
  const r = run([dir]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'content/_index.md:11:5: warning: No page or file at "/missing-too/". [link-not-found]',
    'content/_index.md:9:1: information: This suppression silences nothing: no link-not-found problem on the next line to silence. [suppression-unused]',
    '1 file checked: 1 warning, 1 information; 3 silenced by suppression comments.',
  ]);
  const json = JSON.parse(run(['--format', 'json', dir]).stdout) as { suppressed: number; diagnostics: { code: string; fixes: string[] }[] };
  assert.equal(json.suppressed, 3);
  assert.deepEqual(json.diagnostics.map((d) => [d.code, d.fixes]), [['link-not-found', []], ['suppression-unused', ['Remove this suppression']]]);
  fs.rmSync(dir, { recursive: true });
});
