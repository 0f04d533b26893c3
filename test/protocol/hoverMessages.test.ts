// Hovers through the shipped server: always of the text as it is now, and never a second wording of
// the diagnostic the editor already shows in the same hover.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentLink, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { positionOf, TestClient } from '../support/lspClient';

const SENIOR = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const GOOD = 'includes/engineering-careers/senior-technical-competency.md';

for (const vscodeLike of [false, true]) {
  describe(`hovers, links and outline (${vscodeLike ? "VS Code's client options" : 'another editor'})`, () => {
    let root: string;
    let client: TestClient;
    let text: string;
    let uri: string;

    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-hover-'));
      fs.cpSync(path.resolve(__dirname, '../fixtures/protocol-site'), root, { recursive: true });
      client = await TestClient.start(root, { pull: true, initializationOptions: vscodeLike ? { editorListsHeadings: true, includeLinks: false } : undefined });
      text = fs.readFileSync(path.join(root, SENIOR), 'utf8');
      uri = client.open(SENIOR, text);
    });
    after(async () => {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    const hoverAt = async (t: string, needle: string, delta: number): Promise<string | undefined> => {
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(t, needle, delta) });
      return h ? (h.contents as MarkupContent).value : undefined;
    };

    test('an include path just broken in the editor: the next hover is of the new text, and adds nothing to its diagnostic', async () => {
      assert.match((await hoverAt(text, GOOD, 10)) ?? '', /^\*\*Include\*\* `assets\/includes\/engineering-careers\/senior-technical-competency\.md`/);
      const broken = text.replace(GOOD, 'includes/engineering-careers/senior-technical-competenc.md');
      client.change(uri, broken);
      assert.equal(await hoverAt(broken, 'senior-technical-competenc.md', 10), undefined);
      const diags = await client.diagnostics(uri);
      assert.ok(diags.some((d) => d.code === 'include-not-found' && /senior-technical-competenc\.md/.test(String(d.message))));
      // No document link on it either, now or in VS Code ever (it opens includes with go to definition).
      const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
      const onBroken = links.filter((l) => l.range.start.line === positionOf(broken, 'senior-technical-competenc.md').line);
      assert.deepEqual(onBroken, []);
      const onGood = links.filter((l) => l.range.start.line === positionOf(broken, 'senior-leadership-competency.md').line);
      assert.equal(onGood.length, vscodeLike ? 0 : 1);
      client.change(uri, text);
    });

    test('a dead link or anchor: the hover does not say again what its diagnostic says', async () => {
      const t = text.replace('### Senior Values Alignment', '### Senior Values Alignment\n\nSee [nowhere](/handbook/no-such-page/) and [the team](/handbook/engineering/infrastructure/engineering-productivity/#no-such-heading).');
      client.change(uri, t);
      assert.equal(await hoverAt(t, '/handbook/no-such-page/', 3), undefined);
      const anchor = (await hoverAt(t, '#no-such-heading', 3)) ?? '';
      assert.match(anchor, /Engineering Productivity team/);
      assert.doesNotMatch(anchor, /No heading or anchor/);
      client.change(uri, text);
    });

    test(vscodeLike ? "the outline lists only what VS Code's own does not: included headings, titled shortcodes" : 'the outline lists every heading, included ones too', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const flat: DocumentSymbol[] = [];
      const walk = (s: DocumentSymbol[]) => s.forEach((x) => (flat.push(x), walk(x.children ?? [])));
      walk(symbols);
      const own = flat.filter((s) => !String(s.detail).startsWith('from '));
      const included = flat.filter((s) => String(s.detail).startsWith('from '));
      assert.ok(included.length > 0, 'included headings are listed');
      if (vscodeLike) assert.deepEqual(own.map((s) => s.name), []);
      else assert.ok(own.some((s) => s.name === 'Senior Leadership Competencies'), JSON.stringify(own.map((s) => s.name)));
    });
  });
}
