// Links and anchors on the seed career page: its three in-page links name headings that do not exist
// (as in the real handbook, whose competency includes bring "##### Engineering" and "##### GitLab").
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openSeedPage, report, revert, waitFor } from './helpers';

const BROKEN = [
  ['#leadership-competencies', 'Change to "#senior-leadership-competencies"'],
  ['#technical-competencies', 'Change to "#senior-technical-competencies"'],
  ['#values-alignment', 'Change to "#senior-values-alignment"'],
] as const;

describe('links and anchors', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = (await openSeedPage()).document;
  });
  after(async () => {
    await revert(doc);
  });

  const anchorDiagnostics = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'anchor-not-found');

  it('reports the three broken in-page anchors, each with "Change to" the heading it means first', async () => {
    const found = await waitFor('three anchor-not-found diagnostics', () => anchorDiagnostics().length >= 3 && anchorDiagnostics());
    assert.deepEqual(
      found.map((d) => d.message),
      BROKEN.map(([anchor]) => `No heading or anchor "${anchor}" on this page.`),
    );
    for (const [i, [anchor, firstFix]] of BROKEN.entries()) {
      const d = found[i]!;
      // The range is the anchor's name, after the "#".
      assert.equal(`#${doc.getText(d.range)}`, anchor);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      report(`  ${anchor}: ${titles.join(' | ')}`);
      assert.equal(titles[0], firstFix);
    }
  });

  it('applying "Change to "#senior-leadership-competencies"" clears that diagnostic only', async () => {
    const d = await waitFor('the #leadership-competencies diagnostic', () => anchorDiagnostics().find((x) => doc.getText(x.range) === 'leadership-competencies'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === BROKEN[0][1]);
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes('[Leadership Competencies](#senior-leadership-competencies)'), 'the link was not rewritten');
    const left = await waitFor('the fixed anchor to clear', () => anchorDiagnostics().length === 2 && anchorDiagnostics());
    assert.deepEqual(left.map((x) => doc.getText(x.range)), ['technical-competencies', 'values-alignment']);
  });

  it('finds the headings that includes bring with Go to Symbol in Workspace, in their include file', async () => {
    // The Outline is VS Code's own (test/e2e/suite/outline.test.ts): the included headings are found
    // here instead. "GitLab" is the heading of the values competency include.
    const symbols = await waitFor('workspace symbols for "GitLab"', async () => {
      const result = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'GitLab');
      return result.some((s) => s.location.uri.path.endsWith('/assets/includes/engineering-careers/values-competency.md')) && result;
    });
    const hit = symbols.find((s) => s.name === 'GitLab' && s.location.uri.path.endsWith('/values-competency.md'));
    assert.ok(hit, `no heading "GitLab" in values-competency.md among ${symbols.map((s) => `${s.name} (${vscode.workspace.asRelativePath(s.location.uri)})`).join(', ')}`);
    report(`  workspace symbol: ${hit.name} in ${vscode.workspace.asRelativePath(hit.location.uri)}:${hit.location.range.start.line + 1}`);
  });
});
