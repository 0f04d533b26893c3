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

  it('lists the included headings among the page\'s document symbols, at the include that brings them', async () => {
    type Flat = { name: string; detail: string; line: number };
    const flat = (symbols: vscode.DocumentSymbol[]): Flat[] =>
      symbols.flatMap((s) => [{ name: s.name, detail: s.detail, line: s.range.start.line }, ...flat(s.children ?? [])]);
    const symbols = await waitFor('document symbols with the included headings', async () => {
      const result = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      const all = flat(result.filter((s): s is vscode.DocumentSymbol => 'children' in s));
      return all.some((s) => s.detail.startsWith('from ')) && all;
    });
    report(`  symbols: ${symbols.map((s) => `${s.name}${s.detail.startsWith('from ') ? ' (included)' : ''}`).join(' | ')}`);
    const included = symbols.filter((s) => s.detail.startsWith('from '));
    assert.deepEqual(
      included.map((s) => [s.name, s.detail, s.line]),
      ['senior-leadership-competency.md', 'senior-technical-competency.md', 'values-competency.md'].map((f, i) => [
        i === 2 ? 'GitLab' : 'Engineering',
        `from assets/includes/engineering-careers/${f}`,
        doc.positionAt(doc.getText().indexOf(f)).line,
      ]),
    );
  });
});
