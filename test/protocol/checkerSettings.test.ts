// The two front ends on one site with a team's settings (not the defaults): the shipped server over
// stdio, given them as VS Code gives them (workspace/configuration, section `handbook`), and the shipped
// checker given the same settings as a settings.json — with --settings, and found in the site's
// .vscode/settings.json. Their diagnostics (file, range, severity, code, message) must be the same list,
// and the settings must have had their effect on it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CheckSiteRequest, type CheckSiteResult } from '../../server/src/protocol';
import { TestClient } from '../support/lspClient';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

/** The `handbook` section as VS Code hands it to the server. */
const SECTION = {
  diagnostics: { severity: { 'link-not-found': 'error', 'anchor-not-found': 'hint', 'frontmatter-missing-title': 'off', 'include-not-found': 'warning' } },
  links: { exclude: ['^/legacy/'] },
  includeRoots: ['shared'],
  maxFileSize: 2000,
};

/** The same settings as a team's settings.json holds them: dotted keys, comments, a trailing comma. */
const SETTINGS_JSON = `{
  // Broken links fail the pipeline; anchors are only hints.
  "handbook.diagnostics.severity": ${JSON.stringify(SECTION.diagnostics.severity)},
  "handbook.links.exclude": ${JSON.stringify(SECTION.links.exclude)}, /* the old site, served elsewhere */
  "handbook.includeRoots": ${JSON.stringify(SECTION.includeRoots)},
  "handbook.maxFileSize": ${SECTION.maxFileSize},
  "editor.wordWrap": "on",
}
`;

const SITE: Record<string, string> = {
  'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Handbook"\n',
  'content/_index.md': [
    '---',
    'title: Home',
    '---',
    '',
    '## Overview',
    '',
    'See [a missing page](/nowhere/) and [the old site](/legacy/page/) and [a missing anchor](#nope) and [overview](#overview).',
    '',
    '{{% include "shared-note.md" %}}',
    '',
    '{{% include "missing-note.md" %}}',
    '',
  ].join('\n'),
  'content/untitled.md': 'No front matter title here. A link to [home](/) and to [nothing](/gone/).\n',
  'content/big.md': `---\ntitle: Big\n---\n\n${'A long page with a [broken link](/gone/). '.repeat(60)}\n`,
  'shared/shared-note.md': 'A note shared between pages.\n',
};

let root: string;
let client: TestClient;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-settings-'));
  for (const [rel, text] of Object.entries(SITE)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  client = await TestClient.start(root, { pull: true, settings: SECTION });
  await client.waitFor(() => client.configurationAnswers > 0, 'the settings asked for');
});

after(async () => {
  await client?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
type Row = string;
const row = (file: string, line: number, column: number, endLine: number, endColumn: number, severity: string, code: string, message: string): Row =>
  `${file}:${line}:${column}-${endLine}:${endColumn} ${severity} ${code} ${message}`;

async function serverRows(): Promise<Row[]> {
  const r = await client.request<CheckSiteResult>(CheckSiteRequest.method, {});
  assert.equal(r.cancelled, false);
  return r.files
    .flatMap((f) => {
      const file = path.relative(root, URI.parse(f.uri).fsPath).split(path.sep).join('/');
      return f.diagnostics.map((d) => row(file, d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1, SEVERITY[d.severity ?? 0]!, String(d.code), typeof d.message === 'string' ? d.message : d.message.value));
    })
    .sort();
}

function checkerRows(args: string[]): Row[] {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args, root], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[] };
  return out.diagnostics.map((d) => row(d.file, d.line, d.column, d.endLine, d.endColumn, d.severity, d.code, d.message)).sort();
}

test('the settings change what is reported: severities, off codes, excluded links, include roots, the size limit', async () => {
  const rows = await serverRows();
  const codes = (code: string) => rows.filter((r) => r.includes(` ${code} `));
  assert.ok(codes('link-not-found').length >= 2 && codes('link-not-found').every((r) => r.includes(' error link-not-found ')), rows.join('\n'));
  assert.ok(!rows.some((r) => r.includes('/legacy/')), 'the excluded link is not checked');
  assert.deepEqual(codes('anchor-not-found').map((r) => r.split(' ')[1]), ['hint']);
  assert.deepEqual(codes('frontmatter-missing-title'), []);
  assert.deepEqual(codes('include-not-found').map((r) => `${r.split(' ')[1]} ${r.includes('missing-note.md')}`), ['warning true'], 'shared-note.md resolves through the include root');
  // Over handbook.maxFileSize: skipped, so its broken link is not reported (it is with the default limit).
  assert.deepEqual(rows.filter((r) => r.startsWith('content/big.md:')), []);
});

test('the checker with --settings FILE gives the same diagnostics as the server with those settings', async () => {
  const file = path.join(root, '..', `${path.basename(root)}-settings.json`);
  fs.writeFileSync(file, SETTINGS_JSON);
  try {
    assert.deepEqual(checkerRows(['--settings', file]), await serverRows());
  } finally {
    fs.rmSync(file, { force: true });
  }
});

test("the checker reads the site's .vscode/settings.json when no --settings is given", async () => {
  fs.mkdirSync(path.join(root, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(root, '.vscode', 'settings.json'), SETTINGS_JSON);
  try {
    assert.deepEqual(checkerRows([]), await serverRows());
  } finally {
    fs.rmSync(path.join(root, '.vscode'), { recursive: true, force: true });
  }
  // Without them, the defaults: not the same list (big.md's broken link, for one, is reported).
  const defaults = checkerRows([]);
  assert.notDeepEqual(defaults, await serverRows());
  assert.ok(defaults.some((r) => r.startsWith('content/big.md:') && r.includes(' link-not-found ')), defaults.join('\n'));
});

test('a settings file that cannot be used is a one-line error and exit 2, never a stack trace', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-bad-settings-'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  try {
    const cases: [string, RegExp][] = [
      [write('truncated.json', '{\n  // the team\'s settings\n  "handbook.maxFileSize": 10,\n'), /truncated\.json:4:1: the settings file is not valid JSON \(/],
      [write('list.json', '["handbook.maxFileSize"]'), /list\.json: the settings file must hold a JSON object/],
      [path.join(dir, 'absent.json'), /cannot read the settings file .*absent\.json \(no such file\)/],
      [dir, /cannot read the settings file .* \(it is a folder\)/],
    ];
    for (const [file, message] of cases) {
      const r = spawnSync(process.execPath, [CLI, '--settings', file, root], { encoding: 'utf8' });
      assert.equal(r.status, 2, file);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    }
    // A site's broken .vscode/settings.json is the same error, naming that file.
    fs.mkdirSync(path.join(root, '.vscode'));
    fs.writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "handbook.maxFileSize": }');
    const r = spawnSync(process.execPath, [CLI, root], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.vscode[/\\]settings\.json:1:27: the settings file is not valid JSON \(ValueExpected\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(root, '.vscode'), { recursive: true, force: true });
  }
});

test('a handbook.* key that is no setting is a warning on stderr; a "handbook" object is read as well as dotted keys', () => {
  const file = path.join(os.tmpdir(), `handbook-settings-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify({ handbook: { diagnostics: { severity: { 'link-not-found': 'off' } } }, 'handbook.links.exlude': ['^/'] }));
  try {
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--settings', file, root], { encoding: 'utf8' });
    assert.match(r.stderr, /handbook\.links\.exlude is not a setting of this checker \(ignored\)/);
    const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    assert.ok(codes.length > 0 && !codes.includes('link-not-found'), codes.join(' '));
  } finally {
    fs.rmSync(file, { force: true });
  }
});
