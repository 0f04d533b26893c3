// The web run: the packaged extension in the browser's web-worker extension host (the one vscode.dev and
// the GitLab Web IDE use), in the same VS Code workbench as the desktop suite, driven by Chromium. VS Code
// loads this module as CommonJS text from the extension's folder and calls run() (it is bundled by
// test/e2e/build.js with mocha's browser build). There is no process, no Node and no disk here: the report
// goes through vscode.workspace.fs to the file the runner named in .vscode/e2e-web.json, and so do the
// screenshot requests (test/e2e/launcher/code-launcher.js answers them).
import 'mocha/mocha';
import * as vscode from 'vscode';
import { ALERT, ATTRIBUTED, checkSeedPreview, TABS } from '../suite/seedPreview';

declare const mocha: BrowserMocha;
interface BrowserMocha {
  setup(options: { ui: string; reporter?: unknown; timeout: number; color?: boolean }): void;
  run(done: (failures: number) => void): unknown;
}
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: (this: { skip(): never }) => Promise<void>): void;
declare function before(body: () => Promise<void>): void;

// Node's assert is not in a browser (nor is a process for its npm port): the three checks used here.
const assert: {
  ok(value: unknown, message?: string): asserts value;
  equal(actual: unknown, expected: unknown, message?: string): void;
  match(text: string, re: RegExp, message?: string): void;
} = {
  ok(value: unknown, message = 'expected a truthy value'): asserts value {
    if (!value) throw new Error(message);
  },
  equal(actual: unknown, expected: unknown, message?: string): void {
    if (actual !== expected) throw new Error(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  },
  match(text: string, re: RegExp, message?: string): void {
    if (!re.test(text)) throw new Error(`${message ? `${message}: ` : ''}${JSON.stringify(text.slice(0, 300))} does not match ${re}`);
  },
};

const EXTENSION_ID = 'handbook-tools.hugo-handbook-tools';
const SEED_PAGE = ['content', 'handbook', 'engineering', 'careers', 'matrix', 'quality', 'engineering-productivity', 'senior.md'];
const MISSING = 'includes/engineering-careers/ep-career-nav.md';

interface RunConfig {
  report: string;
  requests: string;
  /** VS Code's Markdown extension runs in this host too (the runner loaded its browser build). */
  markdownWeb?: boolean;
}

let config: RunConfig | undefined;
const lines: string[] = [];
let writing = Promise.resolve();

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder is open');
  return f.uri;
}

/** A file on the machine that serves the workspace (the runner's), through the editor's file system. */
const onServer = (file: string): vscode.Uri => folder().with({ path: file });

function report(line: string): void {
  lines.push(line);
  if (!config) return;
  const target = onServer(config.report);
  const text = new TextEncoder().encode(lines.join('\n') + '\n');
  writing = writing.then(() => Promise.resolve(vscode.workspace.fs.writeFile(target, text)).then(undefined, () => undefined));
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Asks the launcher for a screenshot once `selector` is visible; its answer. */
async function screenshot(name: string, selector: string, text?: string, frames?: string[]): Promise<string> {
  if (!config) return 'no launcher';
  const request = onServer(`${config.requests}/${name}.request`);
  const done = onServer(`${config.requests}/${name}.done`);
  await vscode.workspace.fs.writeFile(request, new TextEncoder().encode(JSON.stringify({ selector, text, frames })));
  return waitFor(`the launcher to answer ${name}`, async () => {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(done));
    } catch {
      return undefined;
    }
  });
}

const codeOf = (d: vscode.Diagnostic): string | number | undefined => (typeof d.code === 'object' ? d.code.value : d.code);

function positionOf(doc: vscode.TextDocument, needle: string, at = needle.length): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${doc.uri.toString()}`);
  return doc.positionAt(offset + at);
}

const hoverText = (hovers: vscode.Hover[]): string =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');

function tests(): void {
  describe('in the browser\'s web worker extension host', () => {
    let doc: vscode.TextDocument;

    before(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
      doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), ...SEED_PAGE));
      await vscode.window.showTextDocument(doc, { preview: false });
    });

    it('runs in the web worker: no process global, UI kind Web, extension kind UI', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed`);
      await extension.activate();
      assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'a process global exists: this is a Node host');
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
      assert.equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension runs in the workspace (Node) host');
      assert.equal(extension.packageJSON.browser, './dist/web/client.js');
      report(`  workspace: ${folder().scheme}://${folder().authority}, extension kind ${extension.extensionKind}, ui kind ${vscode.env.uiKind}`);
    });

    it('underlines the broken include of the seed page, and its other problems settle', async () => {
      const diagnostic = await waitFor('include-not-found on the seed page', () =>
        vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'include-not-found' && doc.getText(d.range).includes(MISSING)),
      );
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic.range.start.line, positionOf(doc, MISSING).line);
      // The in-page anchors that the page's headings and its included files' headings do not offer: they
      // come once the include files have arrived, never before (a pending file gives no verdict).
      const anchors = await waitFor('the anchor-not-found diagnostics', () => {
        const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'anchor-not-found');
        return found.length >= 3 && found;
      });
      report(`  diagnostics: ${vscode.languages.getDiagnostics(doc.uri).map((d) => codeOf(d)).join(', ')}`);
      assert.ok(anchors.some((d) => doc.getText(d.range).includes('leadership-competencies')));
      // The existing includes resolve.
      assert.equal(vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'include-not-found').length, 1);
    });

    it('offers the include\'s quick fixes, and "Change to" removes the diagnostic', async () => {
      const missing = (): vscode.Diagnostic | undefined =>
        vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'include-not-found' && doc.getText(d.range).includes(MISSING));
      const diagnostic = await waitFor('include-not-found', missing);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
      report(`  quick fixes: ${fixes.map((a) => a.title).join(' | ')}`);
      const change = fixes.find((a) => a.title === 'Change to "includes/engineering-careers/career-matrix-nav.md"');
      assert.ok(change?.edit, 'no "Change to" fix with an edit');
      assert.ok(fixes.some((a) => a.title === 'Create "assets/includes/engineering-careers/ep-career-nav.md"'), 'no "Create" fix');

      // The picture for the README: the squiggle and its problem hover, which offers the quick fixes.
      const inside = positionOf(doc, MISSING, 10);
      const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(inside, inside), preview: false });
      editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('editor.action.showHover');
      const shot = await screenshot('web-include-not-found', '.monaco-hover', 'not found');
      report(`  screenshot: ${shot.startsWith('/') ? shot.split('/').pop() : shot}`);
      await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);

      assert.ok(await vscode.workspace.applyEdit(change.edit), 'applyEdit failed');
      await waitFor('the diagnostic to go away after the fix', () => missing() === undefined);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor('the diagnostic back after the revert', missing);
    });

    it('hovering "Dogfood use" shows the team page\'s definition', async () => {
      const position = positionOf(doc, '| Dogfood use', 4);
      const text = await waitFor('a term hover', async () => {
        const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position));
        return /Dogfood use/.test(t) && t;
      });
      report(`  term hover: ${text.split('\n').filter(Boolean).slice(0, 2).join(' / ')}`);
      assert.match(text, /Engineering Productivity/);
    });

    it('hovering an include shows the included file\'s first lines', async () => {
      const position = positionOf(doc, 'includes/engineering-careers/senior-technical-competency.md', 10);
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position));
      assert.match(text, /##### Engineering/);
    });

    it('goes to the include file, and finds the pages that include it', async () => {
      const position = positionOf(doc, 'includes/engineering-careers/senior-technical-competency.md', 10);
      const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, position);
      const target = targets.map((t) => ('targetUri' in t ? t.targetUri : t.uri))[0];
      assert.equal(target?.toString(), vscode.Uri.joinPath(folder(), 'assets', 'includes', 'engineering-careers', 'senior-technical-competency.md').toString());
      // From a line of the include file that is no heading: the pages that include it.
      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, new vscode.Position(2, 4));
      const pages = [...new Set(refs.map((r) => r.uri.path.split('/').pop()))].sort();
      report(`  pages including it: ${pages.join(', ')}`);
      assert.ok(pages.includes('senior.md'), 'the seed page is not among the pages that include it');
    });

    it('completes include paths after includes/engineering-careers/', async () => {
      const position = positionOf(doc, '{{% include "includes/engineering-careers/');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '/');
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      report(`  include completion: ${labels.join(', ')}`);
      for (const file of ['senior-leadership-competency.md', 'senior-technical-competency.md', 'values-competency.md']) {
        assert.ok(labels.some((l) => l.includes(file)), `completion lacks ${file}`);
      }
    });
  });

  describe('the Markdown preview in the web worker host', () => {
    let doc: vscode.TextDocument;

    before(async () => {
      doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), ...SEED_PAGE));
      await vscode.window.showTextDocument(doc, { preview: false });
    });

    /** The page's HTML from the preview's engine, once the includes have arrived from the server. */
    const render = (text: string): Promise<string> =>
      waitFor('the preview to draw the included competencies', async () => {
        const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
        return typeof html === 'string' && html.includes('Writes maintainable, well-tested code') && !html.includes('Loading include') && html;
      });

    it('VS Code\'s Markdown extension runs here, in the web worker, beside ours', async function () {
      if (!config?.markdownWeb) {
        report('  (VS Code\'s Markdown extension has no browser build in this workbench: the preview is not driven)');
        this.skip();
      }
      const markdown = vscode.extensions.getExtension('vscode.markdown-language-features');
      assert.ok(markdown, 'VS Code\'s Markdown extension is not installed');
      report(`  VS Code's Markdown extension: ${markdown.extensionUri.toString()} (${String(markdown.packageJSON.browser)})`);
      await markdown.activate();
      assert.equal(markdown.extensionKind, vscode.ExtensionKind.UI, 'VS Code\'s Markdown extension runs in the workspace (Node) host');
      assert.ok((await vscode.commands.getCommands(true)).includes('markdown.api.render'), 'no markdown.api.render command');
    });

    it('draws the seed page: included competencies, the broken include as an error, an alert as an alert', async function () {
      if (!config?.markdownWeb) this.skip();
      const html = await render(doc.getText() + ALERT + TABS + ATTRIBUTED);
      const diagnostic = await waitFor('the include-not-found diagnostic', () =>
        vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'include-not-found' && doc.getText(d.range) === MISSING),
      );
      const box = checkSeedPreview(assert, html, diagnostic.message);
      report(`  preview: ${html.length} characters of HTML, error box: ${box.slice(0, 80)}`);
    });

    it('gives the headings the ids the anchor completion offers, included headings too', async function () {
      if (!config?.markdownWeb) this.skip();
      const html = await render(doc.getText());
      const ids = [...html.matchAll(/<h[1-6][^>]* id="([^"]*)"/g)].map((m) => m[1]!);
      report(`  heading ids: ${ids.join(' ')}`);
      const position = positionOf(doc, '[Leadership Competencies](#');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '#');
      const anchors = [...list.items]
        .filter((i) => !(typeof i.label === 'string' ? i.label : i.label.label).startsWith('#'))
        .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.equal(ids.join(' '), anchors.join(' '), 'the preview\'s heading ids and the offered anchors differ');
      assert.ok(ids.includes('engineering') && ids.includes('engineering-1') && ids.includes('gitlab'), 'included headings lack their Hugo ids');
      for (const d of vscode.languages.getDiagnostics(doc.uri).filter((x) => codeOf(x) === 'anchor-not-found')) {
        assert.ok(!ids.includes(doc.getText(d.range)), `${doc.getText(d.range)} is flagged but the preview has it`);
      }
    });

    it('shows the preview webview beside the page, with the included competencies and the error box', async function () {
      if (!config?.markdownWeb) this.skip();
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
      const frames = ['iframe.webview.ready', 'iframe#active-frame'];
      const included = await screenshot('web-preview-seed-page', '.handbook-include', 'Writes maintainable', frames);
      report(`  preview webview: ${included.startsWith('/') ? included.split('/').pop() : included}`);
      assert.ok(!/^(error|warning)/.test(included), `the preview webview: ${included}`);
      const box = await screenshot('web-preview-error-box', '.handbook-preview-error', 'ep-career-nav.md', frames);
      assert.ok(!/^(error|warning)/.test(box), `the preview webview: ${box}`);
      await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
}

export async function run(): Promise<void> {
  try {
    const raw = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), '.vscode', 'e2e-web.json'));
    config = JSON.parse(new TextDecoder().decode(raw)) as RunConfig;
  } catch {
    config = undefined; // not under the runner: the report stays in memory
  }
  mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 60_000 });
  tests();
  const results: { title: string; error?: string }[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve) as { on(event: string, cb: (test: { fullTitle(): string }, err?: Error) => void): void };
    runner.on('pass', (t) => {
      results.push({ title: t.fullTitle() });
      report(`  ✔ ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err) => {
      results.push({ title: t.fullTitle(), error: err?.message });
      report(`  ✖ ${t.fullTitle()}: ${err?.stack ?? err?.message}`);
    });
  });
  const passed = results.filter((r) => !r.error).length;
  report(`${passed} passed, ${failures} failed`);
  await writing;
  if (failures > 0) throw new Error(`${failures} web end-to-end test(s) failed`);
  if (passed === 0) throw new Error('no web end-to-end test ran');
}
