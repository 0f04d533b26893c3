#!/usr/bin/env node
// Runs every test suite in order and ends with one line that counts them all: "N passed, N failed"
// (and ", N skipped" when a suite skipped a test: a skip is neither a pass nor hidden).
//   node scripts/run-tests.mjs [--fast]     (--fast: unit and protocol tests only)
// Each suite's own output streams through unchanged; a suite that fails to run counts as a failure.
import { spawn } from 'node:child_process';

const fast = process.argv.includes('--fast');

/** Each suite: a command, and how to read its counts from its output. */
const nodeTest = (files) => ({
  cmd: `node --import tsx --test --test-reporter=spec ${files}`,
  count: (out) => ({ passed: last(out, /^ℹ pass (\d+)$/m), failed: last(out, /^ℹ fail (\d+)$/m), skipped: last(out, /^ℹ skipped (\d+)$/m) }),
});
const suites = [
  { name: 'build and type check', cmd: 'npm run build && npm run typecheck', count: () => ({ passed: 0, failed: 0 }) },
  { name: 'unit and protocol', ...nodeTest('test/unit/*.test.ts test/protocol/*.test.ts') },
  ...(fast
    ? []
    : [
        { name: 'real handbook corpus', ...nodeTest('test/corpus/*.test.ts') },
        // npm pack installed offline into an empty folder; the GitLab CI template run by gitlab-ci-local
        // (the test installs it with Node 24, and git and rsync when missing: scripts/ci-job-setup.sh).
        { name: 'package and GitLab CI job', ...nodeTest('test/ci/*.test.ts') },
        {
          name: 'Hugo differential',
          // Debian's Hugo builds the test sites the engine is compared with; install it when missing (as root, as CI runs).
          ...nodeTest('test/hugo/*.test.ts'),
          cmd: `{ command -v hugo >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq --no-install-recommends hugo; } || { echo 'Hugo is missing: install the hugo package'; exit 1; }; } && ${nodeTest('test/hugo/*.test.ts').cmd}`,
        },
        {
          name: 'Neovim',
          // Debian's Neovim is the second real editor; install it when missing (as root, as CI runs).
          ...nodeTest('test/editors/neovim.test.ts'),
          cmd: `{ command -v nvim >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq --no-install-recommends neovim; } || { echo 'Neovim is missing: install the neovim package'; exit 1; }; } && ${nodeTest('test/editors/neovim.test.ts').cmd}`,
        },
        {
          name: 'Emacs',
          // Debian's Emacs 28 with eglot 1.9 and markdown-mode, the third real editor; installed when
          // missing (as root, as CI runs). git makes the checkout that eglot roots the server at.
          ...nodeTest('test/editors/emacs.test.ts'),
          cmd: `{ { command -v emacs >/dev/null && command -v git >/dev/null && [ -d /usr/share/emacs/site-lisp/elpa ] && ls /usr/share/emacs/site-lisp/elpa | grep -q '^eglot-' && ls /usr/share/emacs/site-lisp/elpa | grep -q '^markdown-mode-'; } || { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot elpa-markdown-mode git; } || { echo 'Emacs is missing: install the emacs-nox, elpa-eglot and elpa-markdown-mode packages'; exit 1; }; } && ${nodeTest('test/editors/emacs.test.ts').cmd}`,
        },
        {
          name: 'grammar',
          cmd: 'npx vscode-tmgrammar-test --config test/grammar/grammars.json "test/grammar/*.test.md"',
          count: (out) => ({ passed: (out.match(/^✓/gm) ?? []).length, failed: (out.match(/^✖/gm) ?? []).length }),
        },
        {
          name: 'VS Code end to end',
          cmd: 'npm run test:e2e',
          count: e2eCount,
        },
        {
          // The same .vsix (packaged by the suite above) in the browser's web worker extension host.
          name: 'VS Code for the web end to end',
          cmd: 'node test/e2e/build.js && node out/test/e2e/runTest.js --web',
          count: e2eCount,
        },
      ]),
];

/** The end-to-end suites' own summary line: "N passed, N failed" with ", N skipped" when any was. */
function e2eCount(out) {
  const m = [...out.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].at(-1);
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) } : { passed: 0, failed: 0 };
}

function last(out, re) {
  const all = [...out.matchAll(new RegExp(re.source, 'gm'))];
  return all.length ? Number(all.at(-1)[1]) : 0;
}

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
for (const s of suites) {
  console.log(`\n=== ${s.name}: ${s.cmd}`);
  const started = Date.now();
  const { code, out } = await run(s.cmd);
  const c = s.count(out);
  // A suite that exits non-zero fails even when it printed no count (it may not have run at all).
  const suiteFailed = code !== 0 ? Math.max(1, c.failed) : c.failed;
  passed += c.passed;
  failed += suiteFailed;
  skipped += c.skipped ?? 0;
  const skips = c.skipped ? `, ${c.skipped} skipped` : '';
  summary.push(`${s.name}: ${c.passed} passed, ${suiteFailed} failed${skips} (exit ${code}, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
console.log('\n=== summary');
for (const l of summary) console.log(l);
if (passed === 0) {
  console.log('no test ran');
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
