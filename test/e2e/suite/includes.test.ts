// The include shortcode, end to end through the real VS Code API: diagnostics, quick fixes,
// completion, hover and go to definition on the seed career page of the fixture site.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openSeedPage, positionOf, rangeOf, report, revert, screenshot, seeInWorkbench, siteRoot, waitFor } from './helpers';

const MISSING = 'includes/engineering-careers/ep-career-nav.md';
const EXISTING = 'includes/engineering-careers/senior-technical-competency.md';

describe('include shortcode', () => {
  let editor: vscode.TextEditor;
  let doc: vscode.TextDocument;

  before(async () => {
    // Room for the editor in the screenshots: the secondary side bar (chat) starts open.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
    editor = await openSeedPage();
    doc = editor.document;
  });

  after(async () => {
    // Undo what the quick fix changed, so every test sees the page as on disk.
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  const missingIncludeDiagnostic = (): vscode.Diagnostic | undefined =>
    vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'include-not-found' && doc.getText(d.range).includes(MISSING));

  it('reports the missing include as include-not-found', async () => {
    const diagnostic = await waitFor('an include-not-found diagnostic on the seed page', missingIncludeDiagnostic);
    assert.equal(diagnostic.range.start.line, rangeOf(doc, MISSING).start.line);
    // Only the broken include is reported; the three existing ones resolve.
    const others = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'include-not-found' && d !== diagnostic);
    assert.deepEqual(others.map((d) => doc.getText(d.range)), []);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems-include-not-found', '.markers-panel .monaco-list-row');
  });

  it('offers quick fixes, and "Change to" removes the diagnostic', async () => {
    const diagnostic = await waitFor('the include-not-found diagnostic', missingIncludeDiagnostic);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // The provider answers CodeActions, or bare Commands (whose `command` is a string).
    const fixes = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
    report(`  quick fixes: ${fixes.map((a) => a.title).join(' | ')}`);
    assert.ok(fixes.some((a) => a.title.startsWith('Create')), 'no "Create ..." quick fix');
    const change = fixes.find((a) => a.title.startsWith('Change to'));
    assert.ok(change, 'no "Change to ..." quick fix');
    assert.ok(change.edit, 'the "Change to" fix has no edit');

    editor = await vscode.window.showTextDocument(doc, { selection: diagnostic.range, preview: false });
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quick-fix-include', '.action-widget .monaco-list-row', 'Change to');
    await vscode.commands.executeCommand('hideCodeActionWidget');

    assert.ok(await vscode.workspace.applyEdit(change.edit), 'applyEdit failed');
    await waitFor('the diagnostic to go away after the fix', () => missingIncludeDiagnostic() === undefined);
  });

  it('completes include paths after includes/engineering-careers/', async () => {
    const position = positionOf(doc, '{{% include "includes/engineering-careers/');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '/');
    const texts = list.items.map((i) => {
      const label = typeof i.label === 'string' ? i.label : i.label.label;
      const insert = typeof i.insertText === 'string' ? i.insertText : i.insertText?.value ?? '';
      return `${label} ${insert} ${i.filterText ?? ''}`;
    });
    for (const file of ['senior-leadership-competency.md', 'senior-technical-competency.md', 'values-competency.md']) {
      assert.ok(texts.some((t) => t.includes(file)), `completion lacks ${file}; got: ${texts.join(', ')}`);
    }

    editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), preview: false });
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await screenshot('completion-include', '.suggest-widget.visible .monaco-list-row');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('shows the include file\'s first lines on hover', async () => {
    const position = positionOf(doc, EXISTING, 10);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /##### Engineering/);
    assert.match(text, /Writes maintainable, well-tested code/);

    editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), preview: false });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover-include', '.monaco-hover .markdown-hover');
  });

  it('a path just broken: the hover in the workbench is its diagnostic, once, and offers no "Open the included file"', async () => {
    const at = positionOf(doc, EXISTING, 0);
    editor = await vscode.window.showTextDocument(doc, { preview: false });
    // Typing breaks it: three letters before ".md" go, one keystroke at a time.
    for (let i = 0; i < 3; i++) {
      const before = at.translate(0, EXISTING.length - 3 - i);
      await editor.edit((e) => e.delete(new vscode.Range(before.translate(0, -1), before)));
    }
    await waitFor('include-not-found on the path just broken', () =>
      vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'include-not-found' && d.range.start.line === at.line),
    );
    try {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at.translate(0, 10));
      const ours = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      assert.doesNotMatch(ours, /not found/i, 'the hover says nothing its diagnostic does not');
      // What the user sees: the hover in the workbench holds the diagnostic and no link to follow.
      editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at.translate(0, 10), at.translate(0, 10)), preview: false });
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('editor.action.showHover');
      if (await seeInWorkbench('the hover with the diagnostic', { selector: '.monaco-hover', text: 'senior-technical-compete.md' })) {
        await screenshot('hover-include-broken', '.monaco-hover', 'senior-technical-compete.md');
        await seeInWorkbench('no include link in the hover', { selector: '.monaco-hover', text: 'Open the included file', absent: true });
      }
    } finally {
      await revert(doc);
    }
  });

  it('goes to the include file in assets/', async () => {
    const position = positionOf(doc, EXISTING, 10);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, position);
    const files = targets.map((t) => ('targetUri' in t ? t.targetUri : t.uri).fsPath);
    assert.deepEqual(files, [path.join(siteRoot(), 'assets', EXISTING)]);
  });
});
