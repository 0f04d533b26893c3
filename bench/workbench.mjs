#!/usr/bin/env node
// The benchmark in the real workbench: VS Code's server and web workbench in headless Chromium (the
// end-to-end launcher, test/e2e/launcher), the packaged extension, a copy of the real handbook from
// ../shared/corpus. Each run is a fresh workbench; it prints the medians of the runs as one table.
// It measures, it asserts nothing (bench/workbench/suite.ts says what and how).
//
//   node bench/workbench.mjs                  3 runs (about 1.5 minutes each on 2 cores)
//   node bench/workbench.mjs --runs=1 --keys=300 --no-package
//   node bench/workbench.mjs --runs=1 --snapshot=host.heapsnapshot   the extension host's heap after typing
//   node bench/workbench.mjs --out=runs.json   also writes every run's figures
//   node bench/workbench.mjs --without-extension   the baseline: no extension of ours, the same typing
//   node bench/workbench.mjs --vsix=other.vsix   another build's package (for an A/B in one machine state)
//
// Needs what the end-to-end suite needs (scripts/e2e-setup.sh installs it; E2E_ROOT to share one).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpack, walk, isPage } from './lib/corpus.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const runs = Number(arg('runs', '3'));
const keys = arg('keys', '600');
const snapshot = arg('snapshot', undefined);
// --without-extension: the baseline, the same workbench and typing with an empty extension in ours' place.
const without = process.argv.includes('--without-extension'); // write the extension host's heap after typing here
const tarball = path.resolve(arg('corpus', path.join(repoRoot, '..', 'shared', 'corpus', 'gitlab-handbook.tar.gz')));

const sh = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
};

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
// --vsix=FILE measures that package instead of packaging this checkout (an A/B of two builds).
const vsix = path.resolve(arg('vsix', path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`)));
if (!without && !arg('vsix') && (!process.argv.includes('--no-package') || !fs.existsSync(vsix))) sh('npm', ['run', 'package']);
sh('node', ['test/e2e/build.js']);
const outSuite = path.join(repoRoot, 'out', 'bench', 'workbench', 'suite.js');
await (await import('esbuild')).build({
  entryPoints: [path.join(repoRoot, 'bench', 'workbench', 'suite.ts')],
  outfile: outSuite,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
});
sh('bash', [path.join(repoRoot, 'scripts', 'e2e-setup.sh')]);
const { unzip } = require(path.join(repoRoot, 'out', 'test', 'e2e', 'unzip.js'));
const { runTests } = require('@vscode/test-electron');

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : undefined;
};

const results = [];
for (let run = 1; run <= runs; run++) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-bench-workbench-'));
  try {
    if (without) {
      fs.mkdirSync(path.join(tmp, 'vsix', 'extension'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'vsix', 'extension', 'package.json'), JSON.stringify({ name: 'bench-baseline', publisher: 'bench', version: '0.0.0', engines: { vscode: '*' } }));
    } else {
      unzip(vsix, path.join(tmp, 'vsix'));
    }
    const { dir, site } = unpack(tarball);
    const pages = walk(path.join(site, 'content'), isPage).map((f) => ({ f, size: fs.statSync(f).size }));
    const largest = pages.sort((a, b) => b.size - a.size)[0].f;
    fs.mkdirSync(path.join(site, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(site, '.vscode', 'settings.json'),
      JSON.stringify({
        'git.enabled': false,
        'extensions.ignoreRecommendations': true,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'files.autoSave': 'off',
        // A link is complete at its ")" as the user types it, not at its "(".
        'editor.autoClosingBrackets': 'never',
        'editor.autoClosingQuotes': 'never',
        'editor.autoSurround': 'never',
      }),
    );
    const out = path.join(tmp, 'figures.json');
    const marksFile = path.join(tmp, 'workbench-marks.json');
    const load = os.loadavg()[0];
    process.env.E2E_TIMEOUT_MS ??= '600000';
    // The launcher writes the workbench's start-up marks and when each status bar text first showed here.
    process.env.E2E_WORKBENCH_MARKS = marksFile;
    await runTests({
      vscodeExecutablePath: path.join(repoRoot, 'test', 'e2e', 'launcher', 'code-launcher.js'),
      extensionDevelopmentPath: path.join(tmp, 'vsix', 'extension'),
      extensionTestsPath: outSuite,
      launchArgs: [site, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: {
        BENCH_WORKBENCH_OUT: out,
        BENCH_WORKBENCH_PAGE: largest,
        BENCH_WORKBENCH_KEYS: keys,
        ...(without ? { BENCH_WORKBENCH_BASELINE: '1' } : {}),
        ...(snapshot ? { BENCH_WORKBENCH_SNAPSHOT: path.resolve(snapshot) } : {}),
      },
    });
    const figures = JSON.parse(fs.readFileSync(out, 'utf8'));
    figures.loadBefore = load;
    // The status item as drawn: the first time "Handbook: <site>" showed in the status bar (the
    // workbench's own clock, a MutationObserver), after the workbench's didStartWorkbench mark.
    const shown = fs.existsSync(marksFile) ? JSON.parse(fs.readFileSync(marksFile, 'utf8')) : undefined;
    const up = shown?.marks.find((m) => m.name === 'code/didStartWorkbench')?.at;
    const ready = shown?.statusTexts?.find((t) => t.text.includes(`Handbook: ${path.basename(site)}`))?.at;
    if (figures.fromWorkbenchUp && up !== undefined && ready !== undefined) figures.fromWorkbenchUp.statusShown = Math.round(ready - up);
    figures.statusTexts = shown?.statusTexts?.map((t) => ({ text: t.text, ms: up === undefined ? undefined : Math.round(t.at - up) }));
    results.push(figures);
    fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// --out=FILE keeps every run's figures (JSON).
if (arg('out')) fs.writeFileSync(path.resolve(arg('out')), JSON.stringify(results, null, 2));
const m = (get) => median(results.map(get));
const ms = (x) => (x === undefined ? '—' : `${Math.round(x)} ms`);
const first = results[0];
console.log(`\nWorkbench benchmark: ${results.length} run(s) of ${without ? 'no extension (the baseline)' : path.basename(vsix)}, the largest page ${first.page}; load average ${results.map((r) => r.loadBefore.toFixed(1)).join(', ')}\n`);
console.log('| measure (medians of the runs) | result | target |');
console.log('|---|---|---|');
// The start on one clock: ms after the workbench's code/didStartWorkbench mark (suite.ts, startTimeline).
const t = (key) => ms(m((r) => r.fromWorkbenchUp?.[key]));
console.log(`| start, after the workbench is up (its didStartWorkbench mark): the extension host process launched | ${t('hostLaunched')} | — |`);
console.log(`| … the extension host's first log line | ${t('hostFirstLog')} | — |`);
console.log(`| … the first extension activated (VS Code's own, at startup) | ${t('firstActivation')} | — |`);
console.log(`| … our activation begins (workspaceContains) | ${t('oursActivation')} | — |`);
console.log(`| … every startup activation done (activate returned) | ${t('eagerActivated')} | — |`);
console.log(`| … our language server started (initialize answered) | ${t('oursServerStarted')} | — |`);
console.log(`| … our index ready (the server's log line) | ${t('oursIndexReady')} | — |`);
console.log(`| … the status item "Handbook: <site>" drawn in the status bar | ${t('statusShown')} | ≤ 2 s |`);
console.log(`| … the same, seen by the test module through the launcher (polled) | ${t('statusReady')} | — |`);
console.log(`| … the opened page's cross-file diagnostics | ${t('pageDiagnostics')} | ≤ 0.5 s after ready |`);
console.log(`| built-in Markdown: activation begins → active (it activates when the page opens) | ${t('markdownActivation')} → ${t('markdownActive')} | — |`);
console.log(`| our activation begins → status item drawn / index ready, same run (medians of the differences) | ${ms(m((r) => r.fromWorkbenchUp?.statusShown - r.fromWorkbenchUp?.oursActivation))} / ${ms(m((r) => r.fromWorkbenchUp?.oursIndexReady - r.fromWorkbenchUp?.oursActivation))} | — |`);
console.log(`| built-in Markdown's activation, begins → active (median of the differences) | ${ms(m((r) => r.fromWorkbenchUp?.markdownActive - r.fromWorkbenchUp?.markdownActivation))} | — |`);
console.log(`| extension host start → status item ready (the earlier measure) | ${ms(m((r) => r.readyMs))} | — |`);
console.log(`| typing (${m((r) => r.charsPerSecond)} chars/s): link's ")" → its squiggle, p95 (median) | ${ms(m((r) => r.linkToSquiggleMs.p95))} (${ms(m((r) => r.linkToSquiggleMs.median))}) | ≤ 500 ms |`);
console.log(`| the same from the ")" shown in the editor (its echo) → its squiggle, p95 (median) | ${ms(m((r) => r.echoToSquiggleMs.p95))} (${ms(m((r) => r.echoToSquiggleMs.median))}) | — |`);
console.log(`| links typed without a squiggle within 15 s | ${results.map((r) => r.linksWithoutSquiggle.length).join(', ')} of ${first.links} | 0 |`);
console.log(`| key echo (the type command's round trip), p95 (median) | ${ms(m((r) => r.keyEchoMs.p95))} (${ms(m((r) => r.keyEchoMs.median))}) | — |`);
console.log(`| extension host live heap before → after typing | ${m((r) => r.extensionHost.liveHeapMbBefore)} → ${m((r) => r.extensionHost.liveHeapMbAfter)} MB | no growth |`);
console.log(`| extension host RSS before → after typing | ${m((r) => r.extensionHost.rssMbBefore)} → ${m((r) => r.extensionHost.rssMbAfter)} MB | — |`);
