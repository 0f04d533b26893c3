#!/usr/bin/env node
// npm run bench: the checker and the server against the floor and the peers on the real handbook.
// Prints one markdown table (progress goes to stderr). A full run also writes bench/results/latest.md,
// latest.json and scale.svg. See bench/README.md.
//
//   node bench/run.mjs [--quick] [--only=floor,checker,since,peers,server,scale] [--runs=5] [--limit=180]
//                      [--corpus=PATH] [--no-build] [--no-write] [--server-prof=DIR]
//   node bench/run.mjs --render=bench/results/latest.json [--write]
// --server-prof=DIR runs every server under node --cpu-prof (profiles in DIR; timings then include the
// profiler's overhead): summarise them with node bench/profile.mjs DIR/*.cpuprofile.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countFiles, scaledSite, unpack } from './lib/corpus.mjs';
import { fmt, median, repeat, runMeasured } from './lib/measure.mjs';
import { scaleSvg } from './lib/plot.mjs';
import { benchServer } from './server.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(BENCH);
const RESULTS = path.join(BENCH, 'results');
/** The page the --since row changes (any page would do: it is one of the largest). */
const SINCE_PAGE = 'content/handbook/values/_index.md';
const SECTIONS = ['floor', 'checker', 'since', 'peers', 'server', 'scale'];

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const quick = !!args.quick;
const only = args.only ? String(args.only).split(',') : SECTIONS;
const RUNS = Number(args.runs ?? (quick ? 1 : 5));
const LIMIT_MS = Number(args.limit ?? 180) * 1000;
const SCALE_LIMIT_MS = Math.max(LIMIT_MS, 300_000);
const corpus = path.resolve(REPO, String(args.corpus ?? '../shared/corpus/gitlab-handbook.tar.gz'));
const write = !args['no-write'] && !quick && !args.only;
const log = (s) => process.stderr.write(s + '\n');
const began = performance.now();
const load0 = os.loadavg()[0];
const bin = (p) => path.join(REPO, 'node_modules', p);
const version = (pkg) => {
  try {
    return JSON.parse(fs.readFileSync(bin(`${pkg}/package.json`), 'utf8')).version;
  } catch {
    return '?';
  }
};

// --render=FILE: print the table of a saved latest.json again (after a change to the table's layout);
// with --write, also rewrite results/latest.md and scale.svg from it.
let saved;
if (args.render) {
  saved = JSON.parse(fs.readFileSync(String(args.render), 'utf8'));
  process.stdout.write(render(saved) + '\n');
  if (args.write) writeResults(saved);
  process.exit(0);
}

// ---- build, unpack ---------------------------------------------------------------------------------
if (!args['no-build']) {
  log('building (npm run build)…');
  const b = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) throw new Error('npm run build failed');
}
if (!fs.existsSync(corpus)) throw new Error(`no corpus at ${corpus} (pass --corpus=PATH)`);
log('unpacking the corpus into a temp dir…');
const { dir: tmp, site } = unpack(corpus);
const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
const files = countFiles(site);
log(`  ${files.pages} pages, ${files.includes} include files`);

// The bundles are copied out of dist/ right after the build, so a rebuild by someone else during the
// run (dist/ is shared by everyone working in this tree) cannot change what is measured.
const DIST = path.join(tmp, 'dist');
fs.mkdirSync(DIST);
for (const f of ['cli.js', 'cli.js.map', 'server.js', 'server.js.map']) {
  if (fs.existsSync(path.join(REPO, 'dist', f))) fs.copyFileSync(path.join(REPO, 'dist', f), path.join(DIST, f));
}
const node = process.execPath;
const CLI = path.join(DIST, 'cli.js');

/** Runs a command `RUNS` times (once when a run takes over a minute) and returns medians. */
async function measure(name, cmd, argv, { cwd = REPO, limitMs = LIMIT_MS, runs = RUNS, check } = {}) {
  log(`${name}…`);
  const samples = await repeat(() => runMeasured(cmd, argv, { cwd, timeoutMs: limitMs, keepStdout: !!check }), {
    runs,
    onRun: (s, i) =>
      log(`  run ${i + 1}: ${s.timedOut ? `> ${limitMs / 1000} s (killed)` : `${fmt.s(s.wallMs)}, CPU ${fmt.s(s.cpuMs)}, ${fmt.mb(s.rssMB)}, exit ${s.code}`}`),
  });
  const ok = samples.filter((s) => !s.timedOut);
  const info = check && ok.length ? check(ok[ok.length - 1]) : undefined;
  return {
    runs: samples.length,
    timedOut: samples.some((s) => s.timedOut),
    limitMs,
    wallMs: median(ok.map((s) => s.wallMs)),
    cpuMs: median(ok.map((s) => s.cpuMs)),
    rssMB: median(ok.map((s) => s.rssMB)),
    walls: samples.map((s) => (s.timedOut ? null : Math.round(s.wallMs))),
    info,
  };
}

const checkerCheck = (s) => {
  if (s.code !== 0 && s.code !== 1) throw new Error(`checker exit ${s.code}: ${s.stderr.slice(0, 2000)}`);
  const out = JSON.parse(s.stdout);
  const byCode = {};
  for (const d of out.diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  return { filesChecked: out.filesChecked, diagnostics: out.diagnostics.length, byCode };
};

const R = { machine: {}, files, runsAsked: RUNS, versions: {} };
for (const p of ['vscode-markdown-languageservice', 'markdownlint-cli2', 'remark-cli', 'remark-validate-links']) R.versions[p] = version(p);
R.machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model.trim() ?? '?',
  memGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  commit: gitState(),
};

/** The commit measured, and whether the engine's sources had uncommitted changes when it was built. */
function gitState() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  if (head.status !== 0) return undefined;
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'server', 'esbuild.js'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  return `${head.stdout.trim()}${dirty ? ' + uncommitted changes in server/' : ''}`;
}

// ---- floor, checker ---------------------------------------------------------------------------------
if (only.includes('floor') || only.includes('checker') || only.includes('since') || only.includes('peers') || only.includes('scale')) {
  R.floor = await measure('floor: read every page and include once + one regex scan', node, [path.join(BENCH, 'floor.mjs'), site]);
}
if (only.includes('checker') || only.includes('since') || only.includes('peers') || only.includes('scale')) {
  R.checker = await measure('handbook-check --format json (whole site)', node, [CLI, '--format', 'json', site], { check: checkerCheck });
}

// ---- --since: a merge request that changes one page -------------------------------------------------
// A hard-linked copy of the site in a git repository with one commit; one page then gets a broken
// link and a new paragraph (written as a new file, so the corpus copy is not changed through the link).
if (only.includes('since')) {
  const repo = path.join(tmp, 'since-site');
  spawnSync('cp', ['-al', site, repo]);
  const git = (...a) => {
    const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...a], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const page = path.join(repo, SINCE_PAGE);
  const text = fs.readFileSync(page, 'utf8');
  fs.rmSync(page);
  fs.writeFileSync(page, text + '\nA new paragraph with a [broken link](/handbook/no-such-page/).\n');
  R.since = await measure('handbook-check --since HEAD --format json (one changed page)', node, [CLI, '--since', 'HEAD', '--format', 'json', repo], {
    // The row prints the count: 1 is the broken link the change made.
    check: checkerCheck,
  });
}

// ---- peers ------------------------------------------------------------------------------------------
if (only.includes('peers')) {
  R.peers = {};
  R.peers.mdls = await measure(`vscode-markdown-languageservice ${R.versions['vscode-markdown-languageservice']}`, node, [path.join(BENCH, 'peers', 'mdls.mjs'), site], {
    check: (s) => JSON.parse(s.stdout),
  });
  R.peers.markdownlint = await measure(
    `markdownlint-cli2 ${R.versions['markdownlint-cli2']} (MD051 only)`,
    node,
    [bin('markdownlint-cli2/markdownlint-cli2-bin.mjs'), '**/*.{md,markdown}', '--config', path.join(BENCH, 'peers', 'markdownlint-md051.jsonc')],
    // Run inside content/ so the site's own .markdownlint-cli2.jsonc (all rules) is not picked up.
    { cwd: path.join(site, 'content'), check: (s) => ({ summary: /Summary: .*/.exec(s.stdout + s.stderr)?.[0] }) },
  );
  R.peers.remark = await measure(
    `remark-cli ${R.versions['remark-cli']} + remark-validate-links ${R.versions['remark-validate-links']}`,
    node,
    [bin('remark-cli/cli.js'), 'content', '--no-stdout', '--no-color', '--quiet', '--rc-path', path.join(BENCH, 'peers', 'remarkrc.json')],
    { cwd: site, check: (s) => ({ summary: /⚠ .*/.exec(s.stderr.slice(-500))?.[0] }) },
  );
}

// ---- server -----------------------------------------------------------------------------------------
if (only.includes('server')) {
  log('server: node dist/server.js --stdio');
  R.server = await benchServer({
    site,
    serverJs: path.join(DIST, 'server.js'),
    startups: Math.max(RUNS, quick ? 1 : 5),
    positions: quick ? 100 : 500,
    typingEdits: quick ? 40 : 200,
    soakEdits: quick ? 500 : 5000,
    soakBudgetMs: 300_000,
    includeEdits: quick ? 6 : 30,
    nodeArgs: args['server-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(String(args['server-prof']))}`] : undefined,
    log,
  });
}

// ---- scale ------------------------------------------------------------------------------------------
if (only.includes('scale')) {
  R.scale = [];
  const copies = quick ? [1, 2] : [1, 2, 5, 10];
  for (const n of copies) {
    const s = n === 1 ? site : scaledSite(site, n, tmp);
    const counted = countFiles(s);
    const floor = n === 1 ? R.floor : await measure(`floor ×${n}`, node, [path.join(BENCH, 'floor.mjs'), s], { runs: Math.min(RUNS, 3) });
    const checker = n === 1 ? R.checker : await measure(`handbook-check ×${n} (${counted.pages} pages)`, node, [CLI, '--format', 'json', s], { limitMs: SCALE_LIMIT_MS, check: checkerCheck });
    R.scale.push({ copies: n, pages: counted.pages, includes: counted.includes, floor, checker });
    if (n !== 1) fs.rmSync(s, { recursive: true, force: true });
  }
}

// ---- the table --------------------------------------------------------------------------------------
R.elapsedMs = performance.now() - began;
R.load = [load0, os.loadavg()[0]];
const table = render(R);
process.stdout.write(table + '\n');
if (write) writeResults(R);

function writeResults(r) {
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), render(r) + '\n');
  if (r !== saved) fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(strip(r), null, 1) + '\n');
  if (r.scale?.length) {
    const m = r.machine;
    const caption = `${m.cores} cores, ${m.cpu}, Node ${m.node}; median of handbook-check --format json on N copies of the GitLab handbook (load average ${r.load[0].toFixed(1)} at the start)`;
    fs.writeFileSync(
      path.join(RESULTS, 'scale.svg'),
      scaleSvg(r.scale.map((p) => ({ pages: p.pages, wallMs: p.checker.wallMs, cpuMs: p.checker.cpuMs, rssMB: p.checker.rssMB, floorMs: p.floor?.wallMs })), caption),
    );
  }
  log(`wrote ${path.relative(REPO, RESULTS)}/latest.md, latest.json${r.scale?.length ? ', scale.svg' : ''}`);
}

/** Drops per-run stdout and absolute paths before saving. */
function strip(r) {
  return JSON.parse(JSON.stringify(r, (k, v) => (k === 'stdout' || k === 'stderr' ? undefined : v)).split(tmp).join('<tmp>'));
}

/**
 * The soak's verdict. RSS right after the typing phase is low (the garbage of the last edits not yet
 * collected), so "growth" is judged on the trend: growing means the end is above the median of the
 * samples taken every 500 edits, and above the start by more than 10%.
 */
function soakVerdict(so, grow) {
  const later = so.series.slice(1).map((x) => x.rss);
  const mid = median(later);
  // With the live heap measured (after a full collection) before and after, growth is judged on it:
  // what the server holds, not what the collector has not yet given back.
  if (so.liveBefore !== undefined && so.liveAfter !== undefined) {
    const liveGrowth = so.liveAfter - so.liveBefore;
    const end = `≤ 300 MB at the end ${mark(so.after <= 300)}${Math.max(...later) > 300 ? ` (not on the way: ${fmt.mb(Math.max(...later))})` : ''}`;
    return `${end}; no growth ${mark(liveGrowth <= 0.1 * so.liveBefore)} (live heap ${fmt.mb(so.liveBefore)} → ${fmt.mb(so.liveAfter)} after a full collection)`;
  }
  const growing = grow > 0.1 * so.before && (mid === undefined || so.after > mid);
  const end = `≤ 300 MB at the end ${mark(so.after <= 300)}${Math.max(...later) > 300 ? ` (not on the way: ${fmt.mb(Math.max(...later))})` : ''}`;
  const trend = `${grow >= 0 ? '+' : '−'}${fmt.mb(Math.abs(grow))} on the start${mid !== undefined ? `, ${so.after <= mid ? 'below' : 'above'} the median of the samples (${fmt.mb(mid)})` : ''}`;
  return `${end}; no growth ${mark(!growing)} (${trend})`;
  function mark(ok) {
    return ok ? '✓' : '✗';
  }
}

function render(r) {
  const rows = [];
  const row = (...cells) => rows.push(`| ${cells.map((c) => String(c ?? '').replace(/\|/g, '\\|')).join(' | ')} |`);
  const v = (p) => r.versions?.[p] ?? version(p);
  const asked = r.runsAsked ?? 5;
  const floor = r.floor;
  const ours = r.checker;
  const runs = (m) => (m.timedOut && m.runs === 1 ? '1 (killed)' : m.runs < asked ? `${m.runs} (> 1 min)` : m.runs);
  const wall = (m) => (m.wallMs === undefined && m.timedOut ? `> ${m.limitMs / 1000} s` : fmt.s(m.wallMs));
  // "wall ratio (CPU ratio)": on a loaded machine the CPU ratio is the steadier of the two.
  const ratio = (m, base) => {
    if (!m || !base) return '';
    if (m.wallMs === undefined) return m.timedOut ? `> ${fmt.ratio(m.limitMs / base.wallMs)}` : '–';
    const cpu = m.cpuMs !== undefined && base.cpuMs ? ` (CPU ${fmt.ratio(m.cpuMs / base.cpuMs)})` : '';
    return `${fmt.ratio(m.wallMs / base.wallMs)}${cpu}`;
  };
  const pct = (s) => `${fmt.ms(s.p50)} / ${fmt.ms(s.p95)} / ${fmt.ms(s.p99)}`;
  const mark = (ok) => (ok ? '✓' : '✗');

  const m = r.machine;
  rows.push('| measure | runs | wall (median) or p50 / p95 / p99 | CPU user+sys | peak RSS | × floor, wall (CPU) | × ours, wall (CPU) | target |');
  rows.push('|---|---|---|---|---|---|---|---|');
  row(
    `**machine**: ${m.cores} cores (${m.cpu}), ${m.memGB} GB, Node ${m.node}; commit ${m.commit ?? '?'}; load average ${r.load[0].toFixed(1)} at start, ${r.load[1].toFixed(1)} at end; ${r.files.pages} pages + ${r.files.includes} include files; bench took ${(r.elapsedMs / 60000).toFixed(1)} min`,
    '', '', '', '', '', '', '',
  );
  if (floor) row('floor: read every page and include once + one regex scan', runs(floor), wall(floor), fmt.s(floor.cpuMs), fmt.mb(floor.rssMB), '1.0×', '', '');
  let fastest;
  for (const p of Object.values(r.peers ?? {})) {
    const ms = p.wallMs ?? (p.timedOut ? p.limitMs : undefined);
    if (ms !== undefined && (fastest === undefined || ms < fastest.ms)) fastest = { ms, cpuMs: p.cpuMs };
  }
  if (ours) {
    const vsFloor = ours.wallMs / floor.wallMs;
    const targets = [`≤ 2× floor ${mark(vsFloor <= 2)}`, `RSS ≤ 300 MB ${mark(ours.rssMB <= 300)}`];
    if (fastest) {
      const speedup = fastest.ms / ours.wallMs;
      const cpu = fastest.cpuMs && ours.cpuMs ? ` (CPU ${fmt.ratio(fastest.cpuMs / ours.cpuMs)})` : '';
      targets.push(`≥ 20× faster than the fastest peer: ${fmt.ratio(speedup)}${cpu} ${mark(speedup >= 20)}`);
    }
    row(`**handbook-check --format json**, whole site (${ours.info?.filesChecked} files, ${ours.info?.diagnostics} diagnostics)`, runs(ours), wall(ours), fmt.s(ours.cpuMs), fmt.mb(ours.rssMB), ratio(ours, floor), '1.0×', targets.join('; '));
  }
  if (r.since && ours) {
    const x = r.since;
    const vsChecker = x.wallMs / ours.wallMs;
    row(
      `handbook-check --since HEAD --format json, one changed page (${x.info?.diagnostics} new problem; the base read from git and checked too)`,
      runs(x),
      wall(x),
      fmt.s(x.cpuMs),
      fmt.mb(x.rssMB),
      ratio(x, floor),
      ratio(x, ours),
      `≤ 2× the plain check: ${fmt.ratio(vsChecker)} ${mark(vsChecker <= 2)}`,
    );
  }
  if (r.peers) {
    const p = r.peers;
    const peerRow = (label, x) => row(label, runs(x), wall(x), fmt.s(x.cpuMs), fmt.mb(x.rssMB), ratio(x, floor), ratio(x, ours), '');
    const mdlsCount = p.mdls.info ? Object.values(p.mdls.info.byCode).reduce((a, b) => a + b, 0) : undefined;
    peerRow(`peer: vscode-markdown-languageservice ${v('vscode-markdown-languageservice')}, link + fragment diagnostics for every page (${mdlsCount ?? '?'} diagnostics)`, p.mdls);
    peerRow(`peer: markdownlint-cli2 ${v('markdownlint-cli2')}, MD051 link-fragments only, same-page anchors (${p.markdownlint.info?.summary ?? (p.markdownlint.timedOut ? 'killed at the limit' : 'no summary')})`, p.markdownlint);
    peerRow(`peer: remark-cli ${v('remark-cli')} + remark-validate-links ${v('remark-validate-links')} (${p.remark.info?.summary ?? (p.remark.timedOut ? 'killed at the limit' : 'no summary')})`, p.remark);
  }
  if (r.server) {
    const s = r.server;
    const ready = median(s.startup.map((x) => x.clientMs));
    const serverSays = median(s.startup.map((x) => x.serverMs));
    const cpu = median(s.startup.map((x) => x.cpuMs));
    const rss = median(s.startup.map((x) => x.rssMB));
    row(`server: initialize → "Index ready": every file's URLs, titles and includes, all checks of open pages answer (the server's own figure: ${fmt.s(serverSays)})`, s.startup.length, fmt.s(ready), fmt.s(cpu), '', floor ? ratio({ wallMs: ready, cpuMs: cpu }, floor) : '', '', `≤ 1 s ${mark(ready <= 1000)}`);
    const complete = median(s.startup.map((x) => x.completeMs));
    if (complete !== undefined) {
      const completeCpu = median(s.startup.map((x) => x.completeCpuMs));
      row(`server: initialize → index complete: outlines and links of every page too (references, renames, moves, workspace symbols wait for it)`, s.startup.length, fmt.s(complete), fmt.s(completeCpu), fmt.mb(rss), floor ? ratio({ wallMs: complete, cpuMs: completeCpu }, floor) : '', '', '');
    }
    const q = s.requests;
    for (const k of ['hover', 'completion', 'definition']) {
      row(`server: ${k} at seeded random positions (${q.nonEmpty[k]} non-empty)`, q[k].n, pct(q[k]), '', '', '', '', `p95 ≤ 10 ms ${mark(q[k].p95 <= 10)}`);
    }
    row(`server: code actions, same positions, the line's diagnostics as context (${q.nonEmpty.codeAction} non-empty)`, q.codeAction.n, pct(q.codeAction), '', '', '', '', '');
    row(`server: didOpen → pulled diagnostics (${q.pagesOpened} random pages)`, q.open.n, pct(q.open), '', '', '', '', '');
    row(`server: didChange → pulled diagnostics, largest page (${s.typing.file}, ${Math.round(s.typing.bytes / 1024)} KB)`, s.typing.n, pct(s.typing), '', '', '', '', `p95 ≤ 30 ms ${mark(s.typing.p95 <= 30)}`);
    if (s.typingPaced) {
      row(`server: typing at 30 keys a second on the same page, pulled as VS Code pulls (a change cancels the pull in flight) → an answer that includes the keystroke`, s.typingPaced.n, pct(s.typingPaced), '', '', '', '', `p95 ≤ 500 ms ${mark(s.typingPaced.p95 <= 500)}`);
    }
    const ie = s.includeEdit;
    row(
      `server, push mode: edit of ${ie.file} → publishDiagnostics of all ${ie.open} open dependents${ie.timeouts ? ` (${ie.timeouts} timed out at 10 s)` : ''}`,
      ie.n, pct(ie), '', '', '', '', `p95 ≤ 30 ms ${mark(ie.p95 <= 30)}`,
    );
    const heap = median(s.startup.map((x) => x.heapMB));
    row(`server: RSS after indexing, the whole index in (${heap === undefined ? 'heap: not exposed by the server' : `heap used ${fmt.mb(heap)}, from handbook/stats`})`, s.startup.length, '', '', fmt.mb(rss), '', '', `≤ 300 MB ${mark(rss <= 300)}`);
    const so = s.soak;
    const grow = so.after - so.before;
    const maxSeries = Math.max(...so.series.map((x) => x.rss ?? 0));
    row(
      `server: RSS after ${so.edits.toLocaleString('en-US')} edits of the largest page (diagnostics pulled every ${so.pullEvery}th edit; ${fmt.mb(so.before)} before, at most ${fmt.mb(maxSeries)} on the way${so.heapAfter !== undefined ? `; heap used ${fmt.mb(so.heapBefore)} before, ${fmt.mb(so.heapAfter)} after` : ''}; ${fmt.s(so.ms)})`,
      1, '', '', fmt.mb(so.after), '', '',
      soakVerdict(so, grow),
    );
  }
  if (r.scale) {
    const base = r.scale[0];
    for (const p of r.scale) {
      const c = p.checker;
      const k = p.pages / base.pages;
      const t = c.wallMs === undefined ? undefined : c.wallMs / base.checker.wallMs;
      const tc = c.cpuMs === undefined ? undefined : c.cpuMs / base.checker.cpuMs;
      const mem = c.rssMB === undefined ? undefined : c.rssMB / base.checker.rssMB;
      row(
        `scale ×${p.copies}: handbook-check on ${p.pages.toLocaleString('en-US')} pages; vs ×1: time ${fmt.ratio(t)} (CPU ${fmt.ratio(tc)}), memory ${fmt.ratio(mem)}, for ${fmt.ratio(k)} the pages`,
        runs(c), wall(c), fmt.s(c.cpuMs), fmt.mb(c.rssMB),
        p.floor ? `${ratio(c, p.floor)}; floor ${fmt.s(p.floor.wallMs)}` : '',
        '',
        p.copies === 1 ? '' : `linear: time ${mark(tc !== undefined && tc <= k * 1.25)} (CPU), memory ${mark(mem !== undefined && mem <= k * 1.25)}`,
      );
    }
  }
  return rows.join('\n');
}
