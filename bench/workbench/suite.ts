// The workbench benchmark's extension test module (bench/workbench.mjs runs it): VS Code's server and
// web workbench, the packaged extension, a copy of the real handbook. It measures what a user waits for
// and prints one JSON line of figures; it asserts nothing.
//
// - start: from the extension host's start (the workbench is up and connects it) to the extension's
//   status item showing the site (not "indexing"), and to the cross-file diagnostics (links, anchors)
//   of the largest page, opened at once;
// - typing: keystrokes at ~30 a second at the end of the largest page (VS Code's `type` command, the
//   path a key press takes, with auto-closing brackets off so that a link is complete at its `)`);
//   every 40 keystrokes a link to a page that does not exist. For each, the time from its `)` to its
//   link-not-found diagnostic in the editor; and each keystroke's round trip (the editor's echo);
// - memory of the extension host before and after typing (live heap after a full collection).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { EXTENSION_ID, report, seeInWorkbench, waitFor } from '../../test/e2e/suite/helpers';

const hostStart = Date.now() - process.uptime() * 1000;

function liveHeapMb(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

interface LogLine {
  at: number;
  text: string;
}

/** The lines of the extension host's log files whose name matches, with their wall-clock times. */
function hostLogLines(name: RegExp): LogLine[] {
  const dir = process.env.E2E_HOST_LOGS;
  const files: string[] = [];
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (name.test(e.name)) files.push(p);
    }
  };
  try {
    if (dir) visit(dir);
  } catch {
    return [];
  }
  const out: LogLine[] = [];
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      // "2026-12-01 22:54:17.806 [info] …", local time.
      const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[\w+\] (.*)$/.exec(line);
      if (m) out.push({ at: new Date(`${m[1]}T${m[2]}`).getTime(), text: m[3]! });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The workbench's start-up marks (the launcher writes them to E2E_WORKBENCH_MARKS), as wall-clock times. */
function workbenchMarks(): Record<string, number> {
  const file = process.env.E2E_WORKBENCH_MARKS;
  if (!file || !fs.existsSync(file)) return {};
  const { marks } = JSON.parse(fs.readFileSync(file, 'utf8')) as { marks: { name: string; at: number }[] };
  return Object.fromEntries(marks.map((m) => [m.name, m.at]));
}

/**
 * Where the start goes, on one clock (wall-clock ms after the workbench's own `code/didStartWorkbench`
 * mark: its parts are drawn and its editors restored, what a user sees as "the workbench is up"):
 * the extension host process launched, its first log line, the first extension it activates, our
 * activation, our language server started and its index ready (our output channel's log), and VS
 * Code's built-in Markdown extension's activation begun and finished in the same run.
 */
function startTimeline(hostStartedAt: number, markdownActiveAt: number | undefined): Record<string, number | undefined> {
  const host = hostLogLines(/exthost\.log$/);
  const ours = hostLogLines(/^Hugo Handbook\.log$/);
  const marks = workbenchMarks();
  const activation = (id: string) => host.find((l) => l.text.startsWith(`ExtensionService#_doActivateExtension ${id},`))?.at;
  const up = marks['code/didStartWorkbench'];
  const rel = (at: number | undefined) => (at === undefined || up === undefined ? undefined : Math.round(at - up));
  return {
    workbenchUpAt: up,
    hostLaunched: rel(hostStartedAt),
    hostFirstLog: rel(host[0]?.at),
    firstActivation: rel(host.find((l) => l.text.startsWith('ExtensionService#_doActivateExtension'))?.at),
    eagerActivated: rel(host.find((l) => l.text === 'Eager extensions activated')?.at),
    oursActivation: rel(activation(EXTENSION_ID)),
    oursServerStarted: rel(ours.find((l) => l.text.startsWith('Language server started'))?.at),
    oursIndexReady: rel(ours.find((l) => l.text.startsWith('Index ready'))?.at),
    markdownActivation: rel(activation('vscode.markdown-language-features')),
    markdownActive: rel(markdownActiveAt),
  };
}

export async function run(): Promise<void> {
  const out = process.env.BENCH_WORKBENCH_OUT;
  const page = process.env.BENCH_WORKBENCH_PAGE;
  const keystrokes = Number(process.env.BENCH_WORKBENCH_KEYS ?? '600');
  if (!out || !page) throw new Error('BENCH_WORKBENCH_OUT and BENCH_WORKBENCH_PAGE must be set');
  // The baseline (bench/workbench.mjs --without-extension): the same workbench and typing without our
  // extension, for VS Code's own key echo; it waits for the built-in Markdown extension instead.
  const baseline = process.env.BENCH_WORKBENCH_BASELINE === '1';
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const siteName = path.basename(folder);
  const figures: Record<string, unknown> = { page: path.relative(folder, page) };
  const since = () => Date.now() - hostStart;
  figures.suiteStartMs = since();
  // When each extension became active, ours and VS Code's built-in Markdown support (which activates on
  // the same event, the Markdown page opened below), polled from here on.
  const markdown = vscode.extensions.getExtension('vscode.markdown-language-features');
  const ours = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ours && !baseline) throw new Error(`${EXTENSION_ID} is not installed`);
  if (ours && baseline) throw new Error(`the baseline runs without ${EXTENSION_ID}, but it is installed`);
  const activeAt: Record<string, number | undefined> = { ours: ours?.isActive ? since() : undefined, markdown: markdown?.isActive ? since() : undefined };
  const poll = setInterval(() => {
    if (activeAt.ours === undefined && ours?.isActive) activeAt.ours = since();
    if (activeAt.markdown === undefined && markdown?.isActive) activeAt.markdown = since();
  }, 5);

  // Start: open the largest page at once, as a user opening the workspace on it would.
  const uri = vscode.Uri.file(page);
  const crossFile = () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'handbook' && /^(link|anchor)-not-found$/.test(String(typeof d.code === 'object' ? d.code.value : d.code)));
  let diagnosticsAt: number | undefined;
  const sub = vscode.languages.onDidChangeDiagnostics(() => {
    if (diagnosticsAt === undefined && crossFile()) diagnosticsAt = since();
  });
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  figures.pageOpenMs = since();
  if (baseline) figures.baseline = true;
  if (!baseline) await startFigures();
  async function startFigures(): Promise<void> {
    await waitFor('the extension to activate', () => ours!.isActive, 60_000);
    figures.activatedMs = activeAt.ours ?? since();
    // The status item, as the user sees it: "Handbook: <site>" once the index is ready.
    let readyMs: number | undefined;
    for (let i = 0; i < 12 && readyMs === undefined; i++) {
      try {
        if (await seeInWorkbench('the status item ready', { selector: '.statusbar-item', text: `Handbook: ${siteName}` })) readyMs = since();
        else break; // no launcher
      } catch {
        // not within the launcher's 10 s: ask again
      }
    }
    figures.readyMs = readyMs;
    await waitFor('the cross-file diagnostics of the page', () => diagnosticsAt !== undefined, 120_000);
    figures.pageDiagnosticsMs = diagnosticsAt;
    sub.dispose();
    await waitFor('the built-in Markdown extension to activate', () => !markdown || markdown.isActive, 30_000).catch(() => undefined);
    clearInterval(poll);
    figures.markdownActivatedMs = activeAt.markdown;
    const timeline = startTimeline(hostStart, activeAt.markdown === undefined ? undefined : hostStart + activeAt.markdown);
    const up = timeline.workbenchUpAt;
    Object.assign(timeline, {
      suiteStart: up === undefined ? undefined : Math.round(hostStart + (figures.suiteStartMs as number) - up),
      statusReady: up === undefined || readyMs === undefined ? undefined : Math.round(hostStart + readyMs - up),
      pageDiagnostics: up === undefined || diagnosticsAt === undefined ? undefined : Math.round(hostStart + diagnosticsAt - up),
    });
    delete timeline.workbenchUpAt;
    figures.fromWorkbenchUp = timeline;
    report(`  start, ms after the workbench is up: ${JSON.stringify(timeline)}`);
    report(`  start: activated ${figures.activatedMs} ms, ready ${readyMs} ms, page diagnostics ${diagnosticsAt} ms after the extension host started`);
  }
  if (baseline) {
    await waitFor('the built-in Markdown extension to activate', () => !markdown || markdown.isActive, 60_000);
    clearInterval(poll);
    sub.dispose();
    figures.markdownActivatedMs = activeAt.markdown;
  }

  // Typing at the end of the page.
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(end, end));
  await vscode.commands.executeCommand('type', { text: '\n\n' });
  const heapBefore = liveHeapMb();
  const rssBefore = process.memoryUsage().rss / 1e6;
  const prose = 'Some words typed by a person at a steady pace, ';
  const pending = new Map<string, number>();
  const echoedAt = new Map<string, number>();
  const latencies: number[] = [];
  /** From the link's ")" appearing in the editor (its keystroke echoed) to its squiggle. */
  const fromEcho: number[] = [];
  const missed: string[] = [];
  const watch = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((u) => u.toString() === uri.toString())) return;
    const now = Date.now();
    for (const d of vscode.languages.getDiagnostics(uri)) {
      const text = doc.getText(d.range);
      const at = pending.get(text);
      if (at !== undefined && (typeof d.code === 'object' ? d.code.value : d.code) === 'link-not-found') {
        latencies.push(now - at);
        const echoed = echoedAt.get(text);
        if (echoed !== undefined) fromEcho.push(Math.max(0, now - echoed));
        pending.delete(text);
      }
    }
  });
  const echoes: number[] = [];
  let links = 0;
  const script: { ch: string; link?: string }[] = [];
  while (script.length < keystrokes) {
    if (script.length % 40 === 20) {
      const dest = `/handbook/no-such-page-${++links}/`;
      for (const ch of `[a link](${dest}`) script.push({ ch });
      script.push({ ch: ')', link: dest });
      script.push({ ch: ' ' });
    } else {
      script.push({ ch: prose[script.length % prose.length]! });
    }
  }
  // Keystrokes on a clock, as a keyboard sends them: none waits for the one before to be echoed.
  const started = Date.now();
  const inFlight: Thenable<unknown>[] = [];
  for (let i = 0; i < script.length; i++) {
    const due = started + i * 33;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { ch, link } = script[i]!;
    const t = Date.now();
    if (link) pending.set(link, t);
    inFlight.push(
      vscode.commands.executeCommand('type', { text: ch }).then(() => {
        echoes.push(Date.now() - t);
        if (link) echoedAt.set(link, Date.now());
      }),
    );
  }
  const typedMs = Date.now() - started;
  await Promise.all(inFlight);
  // The last links' diagnostics may still be on their way.
  if (!baseline) await waitFor('the last links\' diagnostics', () => pending.size === 0, 15_000).catch(() => undefined);
  for (const [dest] of pending) missed.push(dest);
  watch.dispose();
  const heapAfter = liveHeapMb();
  const rssAfter = process.memoryUsage().rss / 1e6;
  Object.assign(figures, {
    keystrokes: script.length,
    charsPerSecond: Math.round((script.length / typedMs) * 1000 * 10) / 10,
    links,
    linkToSquiggleMs: { median: pct(latencies, 50), p95: pct(latencies, 95), max: Math.max(...latencies), all: latencies },
    echoToSquiggleMs: { median: pct(fromEcho, 50), p95: pct(fromEcho, 95), all: fromEcho },
    linksWithoutSquiggle: missed,
    keyEchoMs: { median: pct(echoes, 50), p95: pct(echoes, 95) },
    extensionHost: { liveHeapMbBefore: Math.round(heapBefore), liveHeapMbAfter: Math.round(heapAfter), rssMbBefore: Math.round(rssBefore), rssMbAfter: Math.round(rssAfter) },
  });
  report(`  typing: ${figures.charsPerSecond} chars/s, link to squiggle p95 ${pct(latencies, 95)} ms (median ${pct(latencies, 50)}), ${missed.length} missed; key echo p95 ${pct(echoes, 95)} ms`);
  report(`  extension host: live heap ${Math.round(heapBefore)} -> ${Math.round(heapAfter)} MB, RSS ${Math.round(rssBefore)} -> ${Math.round(rssAfter)} MB`);
  // A heap snapshot of the extension host after typing, for finding what it keeps (bench/workbench.mjs --snapshot).
  const snapshot = process.env.BENCH_WORKBENCH_SNAPSHOT;
  if (snapshot) v8.writeHeapSnapshot(snapshot);
  fs.writeFileSync(out, JSON.stringify(figures, null, 2));
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
