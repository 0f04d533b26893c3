// One outline: VS Code's own Markdown support lists the page's headings in the Outline and breadcrumbs,
// and the extension adds no second provider beside it, so VS Code shows one list (with two providers it
// shows a group per provider, "Markdown Language Features" and "Hugo Handbook Tools").
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openSeedPage, report, seeInWorkbench, waitFor } from './helpers';

type AnySymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function names(symbols: readonly AnySymbol[]): string[] {
  // VS Code's Markdown support names a heading's symbol with its hashes ("## Title").
  return symbols.flatMap((s) => [s.name.replace(/^#+\s*/, ''), ...('children' in s ? names(s.children) : [])]);
}

describe('outline', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = (await openSeedPage()).document;
    // The server is up and has checked the page (its includes resolved): it would answer by now.
    await waitFor('the seed page\'s include-not-found', () => vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'include-not-found'));
  });

  it('lists each heading of the page once, in one list: VS Code\'s own', async () => {
    const listed = await waitFor('the outline with the page\'s headings', async () => {
      const symbols = await vscode.commands.executeCommand<AnySymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      const all = names(symbols ?? []);
      return all.includes('Senior Leadership Competencies') && all;
    });
    report(`  outline: ${listed.join(' | ')}`);
    const count = (name: string) => listed.filter((n) => n === name).length;
    for (const heading of ['Senior Backend Engineer, Engineering Productivity', 'Senior Leadership Competencies', 'Senior Technical Competencies', 'Engineering Productivity', 'Senior Values Alignment']) {
      assert.equal(count(heading), 1, `"${heading}" is listed ${count(heading)} times`);
    }
    // The headings that the page's includes bring ("GitLab" from a competency include) would come from a
    // second provider, which VS Code shows as a group of its own.
    assert.equal(count('GitLab'), 0, 'a second provider lists the included headings');
  });

  it('shows no provider groups in the Outline view', async () => {
    await vscode.commands.executeCommand('outline.focus');
    try {
      if (!(await seeInWorkbench('the Outline view with the page\'s headings', { selector: '.outline-pane .monaco-list-row', text: 'Senior Leadership Competencies' }))) return; // no launcher
      for (const group of ['Markdown Language Features', 'Hugo Handbook Tools']) {
        assert.ok(await seeInWorkbench(`no "${group}" group in the Outline`, { selector: '.outline-pane .monaco-list-row', text: group, absent: true }));
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    }
  });
});
