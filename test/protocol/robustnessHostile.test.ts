// Nothing outside the workspace is ever read. A canary folder sits beside the workspace (real files,
// real symbolic links, a FIFO) and every way a workspace can point at it is tried: include paths with
// `..`, `~`, encoded dots, NUL, backslashes, absolute paths and URLs; symbolic links to files and
// folders (includes, pages, templates, data files, static files); Hugo config whose folders or mounts
// lead out; links that climb out; a link to /proc/self/environ (the server's environment holds the
// canary too). The canary's text must never appear in anything the shipped server or the shipped
// checker says, and no location they give may point outside the workspace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { initialize, spawnServer, stopServer, until, type RawServer, exitWhenDone } from '../support/rawServer';
import { CheckSiteRequest } from '../../server/src/protocol';

exitWhenDone();

/** A hang fails the test instead of blocking the run (longer in the long campaign). */
const TIMEOUT = 120_000 * Math.max(1, Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1'));

const FIXTURE = path.resolve(__dirname, '../fixtures/protocol-site');
const CLI = path.resolve(__dirname, '../../dist/cli.js');
// Unique per run; its text is only ever written outside the workspace (and into the server's env).
const TOKEN = `CANARY${process.pid}x${Date.now().toString(36)}`;
// Names of the canary's files, for directory listings.
const NAME = `canaryname${process.pid}`;
// Names that only the canary's folders hold (the workspace never writes them): they must not be listed.
const HIDDEN = `hiddenname${process.pid}`;

let tmp: string;
let ws: string;
let outside: string;
let server: RawServer;
const said: string[] = [];

/** Include paths that try to leave, each with what the server must say about it. */
const HOSTILE_INCLUDES = (abs: string): [string, 'include-outside-site' | 'include-not-found'][] => [
  ['../../outside/canary.md', 'include-outside-site'],
  ['includes/../../../outside/canary.md', 'include-outside-site'],
  [`includes/../../../../../../../../../../${abs.slice(1)}/canary.md`, 'include-outside-site'],
  // A leading "/" is the assets root, as Hugo's resources.Get reads it: assets/tmp/…, which is not there.
  [`${abs}/canary.md`, 'include-not-found'],
  ['~/canary.md', 'include-outside-site'],
  [`~${abs}/canary.md`, 'include-outside-site'],
  // Hugo does not decode percent escapes in a resource path: a folder named "%2e%2e", not there.
  ['includes/%2e%2e/%2e%2e/%2e%2e/outside/canary.md', 'include-not-found'],
  ['includes/%2E%2E%2F%2E%2E%2Foutside%2Fcanary.md', 'include-not-found'],
  ['includes\\\\..\\\\..\\\\..\\\\outside\\\\canary.md', 'include-outside-site'],
  // One backslash escapes the next character inside a quoted argument: "......outsidecanary.md", not there.
  ['..\\..\\..\\outside\\canary.md', 'include-not-found'],
  ['C:\\outside\\canary.md', 'include-outside-site'],
  [`file://${abs}/canary.md`, 'include-outside-site'],
  ['includes/leak.md', 'include-outside-site'],
  [`includes/leakdir/${NAME}.md`, 'include-outside-site'],
  ['includes/leakdir/', 'include-outside-site'],
  ['includes/environ.md', 'include-outside-site'],
  ['includes/loop/includes/leak.md', 'include-outside-site'],
  ['includes/pipe.md', 'include-not-found'],
  ['includes/', 'include-not-found'],
];

const HOSTILE_PAGE = (abs: string) => `---
title: Hostile
---
# Hostile

${HOSTILE_INCLUDES(abs).map(([p]) => `{{% include "${p}" %}}`).join('\n')}

[up](../../outside/canary.md) [way up](../../../../../../../../../..${abs}/canary.md)
[root up](/../../../outside/canary.md) [abs](${abs}/canary.md) [file](file://${abs}/canary.md)
[encoded](%2e%2e/%2e%2e/%2e%2e/outside/canary.md) [page link](/leak/) [dir page](/leakdir/${NAME}/)
[static](/leak.pdf) [environ](environ.md) [environ page](/environ/) [pipe](pipe.md)
[anchor](/leak/#canary-heading) [self](#hostile)

{{< leak >}} {{< leak-dir >}} {{< shadow >}}

ZZQ is an acronym and zebra crossing is a phrase.
`;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-hostile-')));
  ws = path.join(tmp, 'ws');
  outside = path.join(tmp, 'outside');
  const canaryPage = `---\ntitle: ${TOKEN} title\ndescription: ${TOKEN} description\n---\n# ${TOKEN} heading {#canary-heading}\n\n${TOKEN} body\n\n* **${TOKEN}a**: term\n* **${TOKEN}b**: term\n`;
  write(path.join(outside, 'canary.md'), canaryPage);
  write(path.join(outside, 'canary-dir', `${NAME}.md`), canaryPage);
  write(path.join(outside, 'canary-dir', `${NAME}`, 'index.md'), canaryPage);
  write(path.join(outside, 'content', '_index.md'), canaryPage);
  write(path.join(outside, 'content', `${NAME}.md`), canaryPage);
  for (const d of ['canary-dir', 'content', 'layouts/shortcodes', 'shortcodes', 'data']) write(path.join(outside, d, `${HIDDEN}.md`), canaryPage);
  const template = `{{/* ${TOKEN} template description */}}\n{{ .Get "${HIDDEN}" }}{{ .Inner }}\n`;
  write(path.join(outside, 'layouts', 'shortcodes', 'leak.html'), template);
  write(path.join(outside, 'layouts', 'shortcodes', 'shadow.html'), template);
  write(path.join(outside, 'shortcodes', 'leak-dir.html'), template);
  write(path.join(outside, 'data', 'support_glossary.yml'), `- acronym: ZZQ\n  term: ${TOKEN} term\n  info: ${TOKEN} info\n`);
  write(path.join(outside, 'data', 'misused_terms.yml'), `- avoid: zebra crossing\n  use_instead: [${TOKEN}]\n  reason: ${TOKEN} reason\n`);
  write(path.join(outside, 'hugo.toml'), `title = "${TOKEN}"\n`);

  // The workspace: the fixture site with links out, and sites whose config leads out.
  const main = path.join(ws, 'main');
  fs.cpSync(FIXTURE, main, { recursive: true });
  const rel = (from: string, to: string) => path.relative(path.dirname(from), to) || '.';
  const link = (at: string, target: string, relative = true) => {
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(relative ? rel(at, target) : target, at);
  };
  link(path.join(main, 'assets/includes/leak.md'), path.join(outside, 'canary.md'));
  link(path.join(main, 'assets/includes/leakdir'), path.join(outside, 'canary-dir'), false);
  link(path.join(main, 'assets/includes/environ.md'), '/proc/self/environ', false);
  link(path.join(main, 'content/leak.md'), path.join(outside, 'canary.md'));
  link(path.join(main, 'content/leakdir'), path.join(outside, 'canary-dir'), false);
  link(path.join(main, 'content/environ.md'), '/proc/self/environ', false);
  link(path.join(main, 'content/loop'), path.join(main, 'content'));
  link(path.join(main, 'content/loop2/down'), path.join(main, 'content/loop2'));
  link(path.join(main, 'assets/includes/loop'), path.join(main, 'assets'));
  link(path.join(main, 'layouts/shortcodes/leak.html'), path.join(outside, 'layouts/shortcodes/leak.html'));
  link(path.join(main, 'layouts/_shortcodes'), path.join(outside, 'shortcodes'), false);
  link(path.join(main, 'data/support_glossary.yml'), path.join(outside, 'data/support_glossary.yml'));
  link(path.join(main, 'data/misused_terms.yml'), path.join(outside, 'data/misused_terms.yml'));
  link(path.join(main, 'static/leak.pdf'), path.join(outside, 'canary.md'));
  // FIFOs: opening one for reading blocks until a writer comes; the server must never hang on them.
  for (const p of ['content/pipe.md', 'assets/includes/pipe.md']) {
    const r = spawnSync('mkfifo', [path.join(main, p)]);
    assert.equal(r.status, 0, String(r.stderr));
  }
  write(path.join(main, 'content/hostile.md'), HOSTILE_PAGE(outside));
  // A NUL in the first 8 KiB makes a file binary (skipped whole); past that, it is an include path's.
  write(path.join(main, 'content/nul.md'), `---\ntitle: NUL\n---\n${'Plain prose. '.repeat(700)}\n\n{{% include "includes/leak.md\u0000" %}}\n{{% include "includes/leak.md\u0000../../../outside/canary.md" %}}\n`);

  // A site whose own config is a link out of the workspace.
  link(path.join(ws, 'linked-config/hugo.toml'), path.join(outside, 'hugo.toml'));
  write(path.join(ws, 'linked-config/content/page.md'), HOSTILE_PAGE(outside));

  // Sites whose Hugo config points folders and mounts out of the workspace.
  write(path.join(ws, 'dirs-out/hugo.yaml'), `title: dirs\nassetDir: ${outside}\ndataDir: ../../outside/data\nlayoutDir: ${outside}/layouts\nstaticDir: [${outside}]\n`);
  write(path.join(ws, 'dirs-out/content/page.md'), `---\ntitle: Dirs\n---\n{{% include "canary.md" %}}\n{{% include "canary-dir/${NAME}.md" %}}\n{{< leak >}}\n\nZZQ and zebra crossing.\n\n[x](/canary.md)\n`);
  write(
    path.join(ws, 'mounts-out/hugo.toml'),
    `title = "mounts"\n[[module.mounts]]\nsource = "../../outside"\ntarget = "assets"\n[[module.mounts]]\nsource = "${outside}/content"\ntarget = "content"\n[[module.mounts]]\nsource = "${outside}/data"\ntarget = "data"\n[[module.mounts]]\nsource = "../../outside/layouts"\ntarget = "layouts"\n[[module.mounts]]\nsource = "content"\ntarget = "content"\n`,
  );
  write(path.join(ws, 'mounts-out/content/page.md'), `---\ntitle: Mounts\n---\n{{% include "canary.md" %}}\n{{< leak >}}\n\nZZQ and zebra crossing. [x](/${NAME}/) [y](/)\n`);
  write(
    path.join(ws, 'content-out/hugo.yaml'),
    `title: content\ncontentDir: ${outside}/content\n`,
  );

  server = spawnServer({ env: { ...process.env, HANDBOOK_CANARY: TOKEN } });
  server.conn.onNotification('textDocument/publishDiagnostics', (p: unknown) => {
    said.push(JSON.stringify(p));
  });
  await initialize(server, ws, undefined, { settings: { diagnostics: { severity: { 'term-missing': 'information', 'term-misused-context': 'information' } } } });
  await until(() => server.logs.some((l) => l.startsWith('Index ready')), 'index ready', 30000);
});

after(async () => {
  if (server) await stopServer(server);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Sends a request and records its answer for the final canary check. */
async function ask<R>(method: string, params: unknown): Promise<R> {
  const r = (await server.conn.sendRequest(method, params)) as R;
  said.push(JSON.stringify(r ?? null));
  return r;
}

/** Every file URI in a JSON answer. */
function urisIn(json: string): string[] {
  return [...json.matchAll(/"(?:uri|target|targetUri)":"(file:[^"]+)"/g)].map((m) => URI.parse(m[1]!).fsPath);
}

const hostileFiles = () => [
  'main/content/hostile.md',
  'main/content/nul.md',
  'linked-config/content/page.md',
  'dirs-out/content/page.md',
  'mounts-out/content/page.md',
];

test('hover, completion, definition, references and links at every offset of the hostile pages: no canary, nothing outside', { timeout: TIMEOUT }, async () => {
  for (const rel of hostileFiles()) {
    const file = path.join(ws, rel);
    const text = fs.readFileSync(file, 'utf8');
    const uri = URI.file(file).toString();
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await ask('textDocument/diagnostic', { textDocument: { uri } });
    await ask('textDocument/documentLink', { textDocument: { uri } });
    await ask('textDocument/documentSymbol', { textDocument: { uri } });
    await ask('textDocument/foldingRange', { textDocument: { uri } });
    const lines = text.split('\n');
    const asks: Promise<unknown>[] = [];
    for (let line = 0; line < lines.length; line++) {
      const step = lines[line]!.length > 300 ? 97 : 1;
      for (let character = 0; character <= lines[line]!.length; character += step) {
        const at = { textDocument: { uri }, position: { line, character } };
        asks.push(ask('textDocument/hover', at), ask('textDocument/completion', at), ask('textDocument/definition', at));
        if (character % 7 === 0) asks.push(ask('textDocument/references', { ...at, context: { includeDeclaration: true } }), ask('textDocument/prepareRename', at));
      }
      // Keep the pipe from filling: a line's requests at a time.
      await Promise.all(asks.splice(0));
    }
    const diags = (await ask<{ items: { code: string; range: unknown; data?: unknown; message: string }[] }>('textDocument/diagnostic', { textDocument: { uri } })).items;
    await ask('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, context: { diagnostics: diags.map((d) => ({ ...d, source: 'handbook' })) } });
  }
  await ask('workspace/symbol', { query: '' });
  await ask('workspace/symbol', { query: 'canary' });
  await ask('workspace/symbol', { query: NAME });
  await ask('workspace/symbol', { query: HIDDEN });
  await ask(CheckSiteRequest.method, {});
  for (const s of said) {
    assert.ok(!s.includes(TOKEN), `the canary leaked: ${s.slice(Math.max(0, s.indexOf(TOKEN) - 300), s.indexOf(TOKEN) + 100)}`);
    assert.ok(!s.includes(HIDDEN), `a name from outside the workspace leaked: ${s.slice(Math.max(0, s.indexOf(HIDDEN) - 300), s.indexOf(HIDDEN) + 100)}`);
    for (const f of urisIn(s)) assert.ok(f === ws || f.startsWith(ws + path.sep), `a location outside the workspace: ${f}`);
  }
});

test('every include that leads out is refused (include-outside-site) or missing, never found', { timeout: TIMEOUT }, async () => {
  const cases: [string, [string, string][]][] = [
    ['main/content/hostile.md', HOSTILE_INCLUDES(outside)],
    ['main/content/nul.md', [['includes/leak.md\u0000', 'include-outside-site'], ['includes/leak.md\u0000../../../outside/canary.md', 'include-outside-site']]],
  ];
  for (const [rel, expected] of cases) {
    const uri = URI.file(path.join(ws, rel)).toString();
    const diags = (await ask<{ items: { code: string; range: { start: { line: number } } }[] }>('textDocument/diagnostic', { textDocument: { uri } })).items;
    const lines = fs.readFileSync(path.join(ws, rel), 'utf8').split('\n');
    const includeLines = lines.map((l, i) => (l.includes('{{% include') ? i : -1)).filter((i) => i >= 0);
    assert.equal(includeLines.length, expected.length);
    includeLines.forEach((line, i) => {
      const codes = diags.filter((d) => d.range.start.line === line).map((d) => d.code);
      assert.deepEqual(codes, [expected[i]![1]], `${rel}:${line + 1} ${JSON.stringify(lines[line])}`);
    });
  }
});

test('FIFOs in the workspace never block the server: indexed past, watched, opened and closed', { timeout: TIMEOUT }, async () => {
  const uri = URI.file(path.join(ws, 'main/content/pipe.md')).toString();
  const inc = URI.file(path.join(ws, 'main/assets/includes/pipe.md')).toString();
  server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }, { uri: inc, type: 1 }, { uri, type: 2 }, { uri: inc, type: 2 }] });
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'typed' } });
  server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const hostile = URI.file(path.join(ws, 'main/content/hostile.md')).toString();
  const answer = ask('textDocument/hover', { textDocument: { uri: hostile }, position: { line: 4, character: 2 } });
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the server stopped answering')), 5000).unref());
  await Promise.race([answer, timeout]);
});

test('the server logs say nothing of the canary either, and it is still alive', { timeout: TIMEOUT }, async () => {
  const logs = server.logs.join('\n') + server.stderr();
  assert.ok(!logs.includes(TOKEN), logs.slice(Math.max(0, logs.indexOf(TOKEN) - 300), logs.indexOf(TOKEN) + 100));
  assert.equal(server.proc.exitCode, null);
});

test('the checker (dist/cli.js) on the same workspace: no canary in its output, and it does not hang', { timeout: TIMEOUT }, () => {
  for (const dir of [ws, path.join(ws, 'main'), path.join(ws, 'dirs-out'), path.join(ws, 'mounts-out')]) {
    for (const format of ['json', 'text']) {
      const r = spawnSync(process.execPath, [CLI, '--format', format, dir], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HANDBOOK_CANARY: TOKEN } });
      assert.equal(r.error, undefined, `${dir}: ${String(r.error)}`);
      assert.ok(r.status === 0 || r.status === 1, `${dir} ${format}: exit ${r.status}: ${r.stderr}`);
      const out = r.stdout + r.stderr;
      assert.ok(!out.includes(TOKEN), `${dir} ${format}: ${out.slice(Math.max(0, out.indexOf(TOKEN) - 300), out.indexOf(TOKEN) + 100)}`);
      assert.ok(!out.includes(HIDDEN), `${dir} ${format}: ${out.slice(Math.max(0, out.indexOf(HIDDEN) - 300), out.indexOf(HIDDEN) + 100)}`);
    }
  }
});
