// One outline: VS Code's own Markdown support lists the page's headings; the extension adds only what
// it cannot know (headings that arrive through includes), so the Outline and breadcrumbs list each
// heading once.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { openSeedPage, report, waitFor } from './helpers';

type AnySymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function names(symbols: readonly AnySymbol[]): string[] {
  // VS Code's Markdown support names a heading's symbol with its hashes ("## Title").
  return symbols.flatMap((s) => [s.name.replace(/^#+\s*/, ''), ...('children' in s ? names(s.children) : [])]);
}

describe('outline', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = (await openSeedPage()).document;
  });

  it('lists each heading of the page once, and each included heading once', async () => {
    // Both providers answer once they are up: VS Code's Markdown support, and the server.
    const listed = await waitFor('the outline with the page\'s and the included headings', async () => {
      const symbols = await vscode.commands.executeCommand<AnySymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      const all = names(symbols ?? []);
      return all.includes('Senior Leadership Competencies') && all.includes('GitLab') && all;
    });
    report(`  outline: ${listed.join(' | ')}`);
    const count = (name: string) => listed.filter((n) => n === name).length;
    for (const heading of ['Senior Backend Engineer, Engineering Productivity', 'Senior Leadership Competencies', 'Senior Technical Competencies', 'Engineering Productivity', 'Senior Values Alignment']) {
      assert.equal(count(heading), 1, `"${heading}" is listed ${count(heading)} times`);
    }
    // From the three competency includes: "Engineering" twice (two includes bring it), "GitLab" once.
    assert.equal(count('Engineering'), 2);
    assert.equal(count('GitLab'), 1);
  });
});
