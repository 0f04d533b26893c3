// Runs the end-to-end suite in a real VS Code against the PACKAGED extension.
//
//   npm run test:e2e                  package, compile, run (screenshots go to .e2e/screenshots/)
//   npm run test:e2e -- --screenshots  ... and write them to docs/images/ for the README
//   npm run test:e2e:web               the web run: the same packaged extension in the browser's web
//                                      worker extension host of the same workbench (test/e2e/web/)
//
// Which VS Code: $VSCODE_PATH when set (a desktop `code` binary, e.g. on a laptop or a CI image with
// VS Code), otherwise test/e2e/launcher/code-launcher.js, which runs VS Code's own server (from npm
// code-server) with its web workbench in headless Chromium; scripts/e2e-setup.sh prepares that and
// is run first (it is quick once .e2e/ is there).
//
// The .vsix is unpacked to a temporary folder and loaded with --extensionDevelopmentPath, and the
// fixture site is copied to a temporary folder, so the tests can edit it freely.
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { unzip } from './unzip';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function die(message: string): never {
  console.error(`\n[e2e] ERROR: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const started = Date.now();
  const argv = process.argv.slice(2);
  const web = argv.includes('--web');
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; publisher: string };
  const vsix = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  if (!fs.existsSync(vsix)) die(`${path.basename(vsix)} not found: run \`npm run package\` first (npm run test:e2e does).`);

  let vscodeExecutablePath = process.env.VSCODE_PATH;
  if (!vscodeExecutablePath) {
    vscodeExecutablePath = path.join(repoRoot, 'test', 'e2e', 'launcher', 'code-launcher.js');
    const setup = cp.spawnSync('bash', [path.join(repoRoot, 'scripts', 'e2e-setup.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) die('scripts/e2e-setup.sh failed; the VS Code end-to-end tests did not run.');
  }
  const setupDone = Date.now();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-e2e-run-'));
  try {
    // The packaged extension, as a user would install it.
    const unpacked = path.join(tmp, 'vsix');
    const files = unzip(vsix, unpacked);
    const extensionDevelopmentPath = path.join(unpacked, 'extension');
    // The web run's test module: VS Code runs a test in the host of the extension whose folder holds it.
    const webTests = path.join(extensionDevelopmentPath, 'e2e-web', 'suite.js');
    if (web) {
      fs.mkdirSync(path.dirname(webTests));
      fs.copyFileSync(path.join(__dirname, 'web', 'suite.js'), webTests);
    }
    console.log(`[e2e] testing ${path.basename(vsix)} (${files.length} files) unpacked in ${extensionDevelopmentPath}`);
    // The web run: VS Code's own Markdown extension runs in the web worker host too, as in the Web IDE,
    // where the workbench has its browser build (scripts/e2e-setup.sh makes it from the workbench's
    // copy: test/e2e/setup/markdown-web/build.js), so `markdown.api.render` and the preview exist there.
    const markdownWeb = path.join(
      path.resolve(process.env.E2E_ROOT || path.join(repoRoot, '.e2e')),
      ...'vscode/node_modules/code-server/lib/vscode/extensions/markdown-language-features/dist/browser/extension.js'.split('/'),
    );
    const withMarkdownWeb = web && !process.env.VSCODE_PATH;
    if (withMarkdownWeb && !fs.existsSync(markdownWeb)) die(`${markdownWeb} is missing: scripts/e2e-setup.sh makes it.`);

    // The fixture site, copied so that edits made by the tests never touch the repository.
    const workspace = path.join(tmp, 'e2e-site');
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'e2e-site'), workspace, { recursive: true });
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          // Quiet, offline, and nothing in the way of the screenshots.
          'git.enabled': false,
          'extensions.ignoreRecommendations': true,
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'chat.disableAIFeatures': true,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'editor.hover.delay': 100,
          'editor.stickyScroll.enabled': false,
          // The web workbench saves after a delay by default (desktop VS Code does not): a test's edits
          // would reach the disk copy and outlive the test's revert.
          'files.autoSave': 'off',
          // The web run: an extension with both `main` and `browser` runs in the Node extension host
          // unless the workspace asks for the web worker host.
          ...(web
            ? {
                'remote.extensionKind': {
                  [`${manifest.publisher}.${manifest.name}`]: ['web'],
                  ...(withMarkdownWeb ? { 'vscode.markdown-language-features': ['web'] } : {}),
                },
              }
            : {}),
        },
        null,
        2,
      ),
    );

    const extensionTestsEnv: Record<string, string> = {};
    if (argv.includes('--screenshots')) extensionTestsEnv.E2E_SCREENSHOT_DIR = path.join(repoRoot, 'docs', 'images');
    // A test in the web worker has no environment: it reads where to report and ask for screenshots
    // from a file in the workspace, and writes its report through vscode.workspace.fs.
    const webReport = path.join(tmp, 'web-report.log');
    if (web) {
      const requests = path.join(tmp, 'requests');
      fs.mkdirSync(requests);
      process.env.E2E_REQUESTS_DIR = requests;
      fs.writeFileSync(path.join(workspace, '.vscode', 'e2e-web.json'), JSON.stringify({ report: webReport, requests, markdownWeb: withMarkdownWeb }));
    }
    const grep = argv.find((a) => a.startsWith('--grep='));
    if (grep) extensionTestsEnv.E2E_GREP = grep.slice('--grep='.length);

    let code = 0;
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath,
        extensionTestsPath: web ? webTests : path.join(__dirname, 'suite', 'index.js'),
        launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
        extensionTestsEnv,
      });
    } catch (err) {
      console.error(`[e2e] ${err instanceof Error ? err.message : String(err)}`);
      code = 1;
    }
    if (web) process.stdout.write(fs.existsSync(webReport) ? fs.readFileSync(webReport, 'utf8') : '[e2e] the web test module wrote no report\n');
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    console.log(`[e2e] setup ${seconds(setupDone - started)}, suite ${seconds(Date.now() - setupDone)}`);
    process.exitCode = code;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => die(err instanceof Error ? (err.stack ?? err.message) : String(err)));
