// The npm package as a team installs it: `npm pack`, the tarball installed into an empty folder with
// no network (the bundles are self-contained, so the package has no dependency to fetch), and both bins
// run through npx from there — the checker on a site, the language server over stdio with a real client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../support/lspClient';

const REPO = path.resolve(__dirname, '../..');
const SAMPLE = path.join(REPO, 'examples/sample-handbook');
const SEED = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';

/** npm with a clean environment: the outer `npm test`'s npm_* settings would leak into it. */
function npm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
}

/** What both the npm package and the .vsix hold: the bundles (Node and web), grammar, icon, preview style, README, licence. */
const PACKED = [
  'LICENSE',
  'README.md',
  'dist/cli.js',
  'dist/client.js',
  'dist/server.js',
  'dist/web/client.js',
  'dist/web/server.js',
  'images/icon.png',
  'media/preview.css',
  'package.json',
  'syntaxes/hugo-shortcodes.tmLanguage.json',
];

test('npm pack: the tarball holds the bundles (Node and web), the grammar, the icon, the preview style, README, licence and nothing else', () => {
  // --ignore-scripts: the prepack production build would rewrite dist/ under the other test files
  // that run the bundles at the same time; the files packed are the same.
  const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], REPO);
  assert.equal(r.status, 0, r.stderr);
  const [info] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  assert.deepEqual(info!.files.map((f) => f.path).sort(), PACKED);
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest['private'], undefined, 'a private package cannot be published');
  assert.deepEqual(manifest['dependencies'] ?? {}, {}, 'the bundles are self-contained: nothing to install at run time');
});

test('the .vsix holds the same files: the files list is what vsce packs too (it refuses a .vscodeignore beside it)', () => {
  const r = spawnSync(path.join(REPO, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').sort(), PACKED);
});

test('installed from the tarball into an empty folder, offline: handbook-check and handbook-language-server run through npx', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-pack-'));
  try {
    const packed = npm(['pack', '--ignore-scripts', '--pack-destination', tmp], REPO);
    assert.equal(packed.status, 0, packed.stderr);
    const tgz = path.join(tmp, packed.stdout.trim().split('\n').at(-1)!);
    assert.ok(fs.existsSync(tgz), tgz);
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{"name": "team-handbook", "private": true}\n');
    // --offline: nothing may be fetched; an install that needed a dependency would fail here.
    const inst = npm(['install', '--offline', '--no-audit', '--no-fund', tgz], app);
    assert.equal(inst.status, 0, inst.stdout + inst.stderr);
    assert.deepEqual(fs.readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.')), ['hugo-handbook-tools']);

    const site = path.join(tmp, 'site');
    fs.cpSync(SAMPLE, site, { recursive: true });
    const check = npm(['exec', '--offline', '--no', '--', 'handbook-check', site], app);
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, new RegExp(`^${SEED.replace(/[./]/g, '\\$&')}:8:14: error: Include "includes/engineering-careers/ep-career-nav\\.md" not found in assets/\\. \\[include-not-found\\]$`, 'm'));
    assert.match(check.stdout, /^9 files checked: 1 error, 3 warnings\.$/m);
    const help = npm(['exec', '--offline', '--no', '--', 'handbook-check', '--help'], app);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--since REF/);

    // The language server from the same install, through npx, to a real client.
    const bin = path.join(app, 'node_modules/.bin/handbook-language-server');
    assert.ok(fs.existsSync(bin), 'npm links the bin');
    const client = await TestClient.start(site, { pull: true, command: { cmd: 'npx', args: ['--no-install', 'handbook-language-server', '--stdio'], cwd: app } });
    try {
      const uri = client.open(SEED, fs.readFileSync(path.join(site, SEED), 'utf8'));
      const diags = await client.diagnostics(uri);
      assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]).sort(), [
        ['anchor-not-found', 11],
        ['anchor-not-found', 12],
        ['anchor-not-found', 13],
        ['include-not-found', 7],
      ]);
    } finally {
      await client.stop();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
