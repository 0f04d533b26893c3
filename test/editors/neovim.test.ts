// The shipped server in a real Neovim: runs test/editors/neovim/handbook_spec.lua in headless Neovim
// (0.7, Debian's `neovim`) on a copy of the protocol fixture site, and checks that each of the script's
// four checks passed: pushed diagnostic, hover, completion, quick fix. Needs `npm run build` first.
// A missing nvim is a failure, not a skip: CI installs it, so its absence means the CI set-up broke.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const SERVER = path.resolve(__dirname, '../../dist/server.js');
const SPEC_DIR = path.resolve(__dirname, 'neovim');
const CHECKS = ['diagnostics', 'hover', 'completion', 'codeAction'];
/** The script's own deadline; the process timeout below is the backstop if Neovim itself wedges. */
const SCRIPT_TIMEOUT_MS = 45_000;

interface CheckRecord {
  check: string;
  ok: boolean;
  error?: string;
  detail?: unknown;
}

let tmp: string;

before(() => {
  // realpath: Neovim names buffers by the path it is given and the server answers with URIs of the
  // same path, so a symlinked temp folder must not make the two disagree.
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-neovim-')));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Copies the fixture site, writable like a user's checkout (the quick fix edits the page). */
function copySite(): string {
  const site = path.join(tmp, 'site');
  fs.cpSync(FIXTURE, site, { recursive: true });
  const makeWritable = (p: string): void => {
    const st = fs.statSync(p);
    fs.chmodSync(p, st.mode | 0o200);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) makeWritable(path.join(p, e));
  };
  makeWritable(site);
  return site;
}

function nvimVersion(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    assert.fail('nvim is not on PATH. This test drives a real Neovim (0.7+): install it with `apt-get install -y neovim` (CI does this in .ci/run).');
  }
  assert.equal(r.status, 0, `nvim --version failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout.split('\n')[0] ?? '';
}

test('Neovim 0.7 as a push-diagnostics client: the seed page\'s broken include, hover, completion and the quick fix', { timeout: SCRIPT_TIMEOUT_MS + 30_000 }, (t) => {
  const version = nvimVersion();
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
  const site = copySite();
  // Neovim's own files (lsp.log, swap, shada) go to the temp folder, not the user's home.
  const xdg = { XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_DATA_HOME: path.join(tmp, 'data'), XDG_STATE_HOME: path.join(tmp, 'state'), XDG_CONFIG_HOME: path.join(tmp, 'config') };

  const started = Date.now();
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', 'luafile handbook_spec.lua'], {
    cwd: SPEC_DIR,
    encoding: 'utf8',
    timeout: SCRIPT_TIMEOUT_MS + 15_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...xdg, HANDBOOK_SITE: site, HANDBOOK_SERVER: SERVER, HANDBOOK_NODE: process.execPath, HANDBOOK_TIMEOUT_MS: String(SCRIPT_TIMEOUT_MS) },
  });
  const ms = Date.now() - started;

  const records: CheckRecord[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      records.push(JSON.parse(line) as CheckRecord);
    } catch {
      // not one of the script's lines
    }
  }
  const lspLog = path.join(xdg.XDG_CACHE_HOME, 'nvim', 'lsp.log');
  const context = [
    `${version}, ${ms} ms, exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}${r.error ? ` (${r.error.message})` : ''}`,
    `stdout:\n${r.stdout}`,
    `stderr:\n${r.stderr}`,
    `lsp.log (tail):\n${fs.existsSync(lspLog) ? fs.readFileSync(lspLog, 'utf8').slice(-4000) : '(none)'}`,
  ].join('\n');
  t.diagnostic(`${version}: ${ms} ms`);

  for (const name of CHECKS) {
    const rec = records.find((x) => x.check === name);
    assert.ok(rec, `the script reported no "${name}" check\n${context}`);
    assert.equal(rec.ok, true, `"${name}" failed: ${rec.error}\n${context}`);
  }
  assert.equal(r.status, 0, `nvim did not exit 0\n${context}`);
});
