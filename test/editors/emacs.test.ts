// The shipped server in a real Emacs: runs test/editors/emacs/handbook-test.el in batch-mode Emacs 28
// with eglot 1.9 (Debian's `emacs-nox`, `elpa-eglot`, `elpa-markdown-mode`), configured by the README's
// own eglot snippet, on a copy of the protocol fixture site — once in a git checkout (eglot roots the
// server at the checkout) and once in a plain folder (eglot roots it at the opened file's folder, and
// the server finds the site above). Checks: pushed diagnostics, hover, a quick fix applied, a change
// on the team page reaching the open pages bound to its terms. Needs `npm run build` first.
// A missing Emacs is a failure, not a skip: CI installs it (scripts/run-tests.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const SERVER = path.resolve(__dirname, '../../dist/server.js');
const SCRIPT = path.resolve(__dirname, 'emacs/handbook-test.el');
const README = path.resolve(__dirname, '../../README.md');
const CHECKS = ['diagnostics', 'hover', 'codeAction', 'crossPage'];
const SCRIPT_TIMEOUT_MS = 60_000;

let tmp: string;
before(() => {
  // realpath: eglot names files by the path it is given and the server answers with URIs of the same
  // path, so a symlinked temp folder must not make the two disagree.
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-emacs-')));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The README's eglot configuration (its first `elisp` block), with the server's real path. */
function readmeSnippet(): string {
  const m = /```elisp\n([\s\S]*?)```/.exec(fs.readFileSync(README, 'utf8'));
  assert.ok(m, 'the README has no ```elisp block for eglot');
  assert.match(m[1]!, /\/path\/to\/hugo-handbook-tools\/dist\/server\.js/);
  return m[1]!.replace('/path/to/hugo-handbook-tools/dist/server.js', SERVER);
}

function emacsVersion(): string {
  const r = spawnSync('emacs', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    assert.fail('emacs is not on PATH. This test drives a real Emacs with eglot: apt-get install -y emacs-nox elpa-eglot elpa-markdown-mode (scripts/run-tests.mjs does this).');
  }
  assert.equal(r.status, 0, `emacs --version failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout.split('\n')[0] ?? '';
}

function runIn(kind: 'git checkout' | 'plain folder', t: { diagnostic(m: string): void }): void {
  const version = emacsVersion();
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
  const dir = path.join(tmp, kind.replace(' ', '-'));
  const site = path.join(dir, 'site');
  fs.cpSync(FIXTURE, site, { recursive: true });
  const makeWritable = (p: string): void => {
    const st = fs.statSync(p);
    fs.chmodSync(p, st.mode | 0o200);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) makeWritable(path.join(p, e));
  };
  makeWritable(site);
  if (kind === 'git checkout') {
    const g = spawnSync('git', ['init', '-q'], { cwd: site, encoding: 'utf8' });
    assert.equal(g.status, 0, `git init: ${g.stderr}`);
  }
  const config = path.join(dir, 'eglot-handbook.el');
  fs.writeFileSync(config, readmeSnippet());
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);

  const started = Date.now();
  const r = spawnSync('emacs', ['--batch', '-Q', '-l', SCRIPT], {
    cwd: dir,
    encoding: 'utf8',
    timeout: SCRIPT_TIMEOUT_MS + 15_000,
    killSignal: 'SIGKILL',
    env: {
      ...process.env,
      // Emacs's own files go to the temp folder; `node` in the snippet is this Node.
      HOME: home,
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`,
      HANDBOOK_SITE: site,
      HANDBOOK_EGLOT_CONFIG: config,
      HANDBOOK_SAME_SERVER: kind === 'git checkout' ? '1' : '0',
      HANDBOOK_TIMEOUT_MS: String(SCRIPT_TIMEOUT_MS),
    },
  });
  const ms = Date.now() - started;
  const records: { check: string; ok: boolean; error?: string; detail?: string }[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      records.push(JSON.parse(line) as (typeof records)[number]);
    } catch {
      // not one of the script's lines
    }
  }
  const context = `${version}, ${kind}, ${ms} ms, exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}\nstdout:\n${r.stdout}\nstderr (tail):\n${r.stderr.slice(-4000)}`;
  t.diagnostic(`${version}, ${kind}: ${ms} ms; ${records.map((x) => `${x.check}: ${x.detail ?? x.error}`).join('; ')}`);
  for (const name of CHECKS) {
    const rec = records.find((x) => x.check === name);
    assert.ok(rec, `the script reported no "${name}" check\n${context}`);
    assert.equal(rec.ok, true, `"${name}" failed: ${rec.error}\n${context}`);
  }
  assert.equal(r.status, 0, `emacs did not exit 0\n${context}`);
}

for (const kind of ['git checkout', 'plain folder'] as const) {
  test(`Emacs 28 + eglot 1.9 in a ${kind}: diagnostics, hover, a quick fix, a cross-page update`, { timeout: SCRIPT_TIMEOUT_MS + 30_000 }, (t) => runIn(kind, t));
}
