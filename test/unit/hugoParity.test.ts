// What the differential test against Hugo (test/hugo) found, one unit test per gap closed: raw HTML
// links and ids, attribute lists, includes in code fences, setext headings, front matter positions,
// HTML content pages, links that the link render hook resolves, emoji in heading ids, exclusions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../support/fixture';

const ids = async (config: string, body: string): Promise<string[]> => {
  const f = await fixture(`//- /site/hugo.yaml\n${config}\n//- /site/content/p.md\n---\ntitle: P\n---\n${body}`);
  return f.index.anchorsOf('/site/content/p.md').map((a) => a.id);
};

test('with enableEmoji, :name: shortcodes in a heading are emoji, which the id drops (not inside code)', async () => {
  const body = '## :rocket: `deploy` now\n\n## Emoji :tada: party\n\n## `:tada:` in code\n\n## :notanemoji: stays\n';
  assert.deepEqual(await ids('enableEmoji: true', body), ['-deploy-now', 'emoji--party', 'tada-in-code', 'notanemoji-stays']);
  // Without it (Hugo's default), the shortcode is text.
  assert.deepEqual(await ids('title: x', body), ['rocket-deploy-now', 'emoji-tada-party', 'tada-in-code', 'notanemoji-stays']);
});
