// Lines are counted once, the way editors count them (LSP: `\n`, `\r\n` and a bare `\r` each end a
// line), whatever part of the engine reports a line: a diagnostic's position, a heading's line in
// workspace symbols and the outline, the `#L` of a link to an anchor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols, workspaceSymbols } from '../../server/src/features/links';
import { documentLinks } from '../../server/src/features/navigation';
import { LineMap } from '../../server/src/util/positions';
import { fixture } from '../support/fixture';

const PAGE = '/site/content/page.md';
const OTHER = '/site/content/other.md';
// An old Mac line ending in the middle of the page, as a paste from some editors leaves it.
const TEXT = '---\ntitle: Page\n---\nfirst line\rsecond line\n\n## Target heading\n\nText.\n';

test('after a bare carriage return, a heading is on the line the editor shows it on', async () => {
  const f = await fixture(`//- /site/hugo.toml\ntitle = "x"\n//- ${PAGE}\n${TEXT}//- ${OTHER}\n---\ntitle: Other\n---\n[to it](/page/#target-heading)\n`);
  const editorLine = new LineMap(TEXT).positionAt(TEXT.indexOf('## Target heading')).line;
  assert.equal(editorLine, 6);
  const ws = workspaceSymbols(f.index, 'Target heading').find((s) => s.kind === 'heading');
  assert.equal(ws?.line, editorLine, 'workspace symbol');
  const outline = documentSymbols(f.index, PAGE).find((s) => s.name === 'Target heading');
  assert.equal(outline?.line, editorLine, 'outline');
  const link = documentLinks(f.index, OTHER).find((l) => l.target === PAGE);
  assert.equal(link?.line, editorLine, 'the link opens the page at the heading');
});
