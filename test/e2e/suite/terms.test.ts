// Responsibility terms, end to end through the real VS Code API on the seed career page: its table is
// bound (by the link above it) to the team page's "Areas of Responsibility" bold-lead list.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openSeedPage, positionOf, report, revert, screenshot, waitFor } from './helpers';

const TERMS = ['See it and find it', 'Do it for internal team', 'Dogfood use', 'Engineering support', 'Engineering workflow', 'Do it for wider community', 'Dogfood build'];
const LAST_ROW = '| Dogfood build | Implement small enhancements to existing features |';

describe('responsibility terms', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = (await openSeedPage()).document;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('hideSuggestWidget');
    await revert(doc);
  });
  after(async () => {
    await revert(doc);
  });

  it('hovering "Dogfood use" shows the team page\'s definition', async () => {
    const position = positionOf(doc, '| Dogfood use', 4);
    const text = await waitFor('a hover with the definition of "Dogfood use"', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      const t = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      return /own features for the engineering workflows/.test(t) && t;
    });
    report(`  hover: ${text.split('\n').filter(Boolean).slice(0, 3).join(' / ')}`);
    assert.match(text, /Dogfood use/);
    assert.match(text, /Engineering Productivity/, 'the hover does not say which page defines the term');

    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), preview: false });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover-term', '.monaco-hover .markdown-hover', 'own features');
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  });

  it('a new table row completes the seven terms', async () => {
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const endOfLastRow = positionOf(doc, LAST_ROW);
    assert.ok(await editor.edit((b) => b.insert(endOfLastRow, '\n| ')));
    const position = doc.lineAt(endOfLastRow.line + 1).range.end;
    const labels = await waitFor('term completions on the new row', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, ' ');
      const l = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return TERMS.every((t) => l.includes(t)) && l;
    }, 10_000).catch((err: Error) => {
      throw new Error(`${err.message}; the row is ${JSON.stringify(doc.lineAt(position.line).text)}`);
    });
    report(`  completions: ${labels.join(' | ')}`);
    assert.deepEqual(labels.filter((l) => TERMS.includes(l)).sort(), [...TERMS].sort());

    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await screenshot('completion-term', '.suggest-widget.visible .monaco-list-row', 'Dogfood use');
  });

  it('a misspelled term is term-unknown, and its fix corrects it', async () => {
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const cell = positionOf(doc, '| Dogfood build', 2);
    // "Dogfood build" -> "Dogfod build", as a typo would have it.
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(cell.translate(0, 5), cell.translate(0, 6)))));
    assert.ok(doc.getText().includes('| Dogfod build |'));
    const unknown = (): vscode.Diagnostic | undefined =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'term-unknown' && doc.getText(d.range).includes('Dogfod build'));
    const diagnostic = await waitFor('term-unknown on "Dogfod build"', unknown);
    report(`  ${diagnostic.message}`);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    report(`  quick fixes: ${titles.join(' | ')}`);
    const fix = actions.find((a) => a.title === 'Change to "Dogfood build"');
    assert.ok(fix?.edit, `no "Change to \\"Dogfood build\\"" fix among ${JSON.stringify(titles)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes(LAST_ROW), 'the fix did not restore the term');
    await waitFor('term-unknown to go away', () => unknown() === undefined);
  });
});
