// The Markdown preview, end to end in the real VS Code: the seed page rendered through the preview's
// own engine (`markdown.api.render`, which runs every contributed markdown-it plugin) while the page is
// the active editor — handed text alone, as the preview does while the author types — and, under the
// launcher, the preview webview itself.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openSeedPage, positionOf, report, revert, screenshot, seeInWorkbench, siteUri, waitFor } from './helpers';
import { ALERT, ATTRIBUTED, checkSeedPreview, TABS } from './seedPreview';

const MISSING = 'includes/engineering-careers/ep-career-nav.md';

describe('Markdown preview', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = (await openSeedPage()).document;
  });

  /** The page's HTML from the preview's engine, once the includes have arrived from the server. */
  const render = (text: string): Promise<string> =>
    waitFor('the preview to draw the included competencies', async () => {
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
      return typeof html === 'string' && html.includes('Writes maintainable, well-tested code') && !html.includes('Loading include') && html;
    });

  it('draws the seed page as the handbook will: included competencies, the broken include as an error, an alert as an alert', async () => {
    const html = await render(doc.getText() + ALERT + TABS + ATTRIBUTED);
    const diagnostic = await waitFor('the include-not-found diagnostic', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'include-not-found' && doc.getText(d.range) === MISSING),
    );
    checkSeedPreview(assert, html, diagnostic.message);
    // The team page link opens the team page; terms explained.
    assert.match(html, /data-href="\.\.\/\.\.\/\.\.\/\.\.\/infrastructure\/engineering-productivity\/_index.md#areas-of-responsibility"/);
    assert.match(html, /<td[^>]*class="[^"]*handbook-term[^"]*"[^>]*title="Use the product's own features for the engineering workflows/);
  });

  it('gives the headings the ids the diagnostics and anchor completion know, included headings too', async () => {
    const html = await render(doc.getText());
    const ids = [...html.matchAll(/<h[1-6][^>]* id="([^"]*)"/g)].map((m) => m[1]!);
    report(`  heading ids: ${ids.join(' ')}`);
    // The anchors the language server offers after "](#" on this page, in page order.
    const position = positionOf(doc, '[Leadership Competencies](#');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '#');
    // VS Code's own Markdown completions (labels "#…") are in the list too; the server's are the ids.
    const anchors = [...list.items]
      .filter((i) => !(typeof i.label === 'string' ? i.label : i.label.label).startsWith('#'))
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(ids, anchors);
    assert.ok(ids.includes('engineering') && ids.includes('engineering-1') && ids.includes('gitlab'), 'included headings lack their Hugo ids');
    // Each broken in-page link's "Change to" fix names an id the preview has; the broken ones it has not.
    const broken = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'anchor-not-found');
    assert.equal(broken.length, 3);
    for (const d of broken) {
      assert.ok(!ids.includes(doc.getText(d.range)), `${doc.getText(d.range)} is flagged but the preview has it`);
      const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const target = /^Change to "#(.*)"$/.exec(fixes[0]?.title ?? '')?.[1];
      assert.ok(target && ids.includes(target), `the fix ${fixes[0]?.title} names no heading of the preview`);
    }
  });

  it('draws an included file as its editor has it, unsaved, and follows its changes', async () => {
    const include = await vscode.workspace.openTextDocument(siteUri('assets', 'includes', 'engineering-careers', 'senior-technical-competency.md'));
    const editor = await vscode.window.showTextDocument(include, { preview: false });
    try {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(2, 0), '* Keeps the preview in step with its includes.\n')));
      await vscode.window.showTextDocument(doc, { preview: false });
      await waitFor('the edited include in the preview', async () => (await vscode.commands.executeCommand<string>('markdown.api.render', doc.getText())).includes('Keeps the preview in step'));
    } finally {
      await revert(include);
      await vscode.window.showTextDocument(include, { preview: false });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor('the reverted include in the preview', async () => {
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', doc.getText());
      return !html.includes('Keeps the preview in step') && html.includes('Writes maintainable, well-tested code');
    });
  });

  it('shows the preview beside the page (a picture for the README)', async function () {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
    // Under the launcher: the preview's webview shows the included text and the error box.
    const frames = ['iframe.webview.ready', 'iframe#active-frame'];
    const seen = await seeInWorkbench('the included competencies in the preview webview', { selector: '.handbook-include', text: 'Writes maintainable', frames });
    if (!seen) {
      report('  (no launcher: the webview itself is not inspected)');
      this.skip();
    }
    await seeInWorkbench('the error box in the preview webview', { selector: '.handbook-preview-error', text: 'ep-career-nav.md', frames });
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await screenshot('preview-seed-page', '.handbook-preview-error', 'ep-career-nav.md', frames);
    // Scrolling the page scrolls the preview with it: the included competencies and the term table.
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    const heading = positionOf(doc, '### Senior Technical Competencies', 0);
    editor.revealRange(new vscode.Range(heading, heading), vscode.TextEditorRevealType.AtTop);
    await screenshot('preview-includes', 'td.handbook-term', 'Dogfood use', frames);
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('switches tabs in the preview webview: the first tab\'s text shows, a click on the second shows its text instead', async function () {
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    try {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), TABS)));
      const end = new vscode.Position(doc.lineCount - 1, 0);
      editor.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
      const frames = ['iframe.webview.ready', 'iframe#active-frame'];
      const first = { selector: '.handbook-tab-1', text: 'Run the checker on your machine', frames };
      const second = { selector: '.handbook-tab-2', text: 'The pipeline runs it on every merge request', frames };
      if (!(await seeInWorkbench('the first tab in the preview webview', first))) {
        report('  (no launcher: the webview itself is not inspected)');
        this.skip();
      }
      await seeInWorkbench('the second tab hidden', { ...second, absent: true });
      await seeInWorkbench('the second tab after a click on its label', { ...second, click: { selector: 'label.handbook-tab-label-2', text: 'In CI', frames } });
      await seeInWorkbench('the first tab hidden after the click', { ...first, absent: true });
      await screenshot('preview-tabs', '.handbook-tab-2', 'The pipeline runs it', frames);
    } finally {
      await revert(doc);
      await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    }
  });
});
