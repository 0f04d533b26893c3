import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import GithubSlugger, { slug } from 'github-slugger';
import { HeadingIds, headingSlug, isListItemStart, plainText, scanBlocks } from '../../server/src/parse/headings';

test('heading ids follow Hugo\'s github style, with duplicates numbered', () => {
  const { headings } = scanBlocks('# Senior Leadership Competencies\n\n## A & B: C!\n\n## Dup\n\n## Dup\n\n### `code` **bold** [link](/x)\n');
  assert.deepEqual(headings.map((h) => h.id), ['senior-leadership-competencies', 'a--b-c', 'dup', 'dup-1', 'code-bold-link']);
});

test('custom ids and levels', () => {
  const { headings } = scanBlocks('## Panel Interviews {#panel-interviews}\n#### Four ####\n');
  assert.deepEqual(headings.map((h) => [h.level, h.id, h.customId, h.text]), [
    [2, 'panel-interviews', true, 'Panel Interviews'],
    [4, 'four', false, 'Four'],
  ]);
});

test('headings inside code fences are not headings; fences are recorded', () => {
  const text = '```md\n# not a heading\n```\n~~~\n## nor this\n~~~\n# Real\n';
  const { headings, fences } = scanBlocks(text);
  assert.deepEqual(headings.map((h) => h.text), ['Real']);
  assert.equal(fences.length, 2);
  assert.equal(fences[0]!.info, 'md');
});

test('setext headings, but not a thematic break after a list', () => {
  const { headings } = scanBlocks('Title\n=====\n\n- item\n---\n\nPara\n---\n');
  assert.deepEqual(headings.map((h) => [h.level, h.text]), [[1, 'Title'], [2, 'Para']]);
});

test('an unclosed fence runs to the end', () => {
  const { headings, fences } = scanBlocks('```\n# x\n');
  assert.equal(headings.length, 0);
  assert.equal(fences.length, 1);
});

test('snake_case keeps its underscores in the id', () => {
  assert.equal(scanBlocks('## my_var and _em_\n').headings[0]!.id, 'my_var-and-em');
});

test('a reference definition with a title: the destination\'s range is the destination', async () => {
  const { parseDocument } = await import('../../server/src/parse/document');
  const text = '[id]: /x "t"\n[other]: <a b> \'t\'\n[prose]: This is not a definition\n';
  const links = parseDocument(text).links;
  assert.deepEqual(links.map((l) => [l.destination, text.slice(l.destStart, l.destEnd)]), [['/x', '/x'], ['a b', 'a b']]);
});

test('isListItemStart is the list-marker regex it replaced, on generated lines', () => {
  const re = /^([-*+]|\d+[.)])([ \t]|$)/;
  fc.assert(
    fc.property(fc.array(fc.constantFrom('-', '*', '+', '1', '23', '.', ')', ' ', '\t', 'a', '#', '\u00a0'), { maxLength: 6 }), (parts) => {
      const s = parts.join('');
      assert.equal(isListItemStart(s), re.test(s), JSON.stringify(s));
    }),
    { numRuns: 3000 },
  );
});

test('HeadingIds numbers repeats as github-slugger does, with its slugs memoised', () => {
  const texts = fc.array(fc.constantFrom('Dup', 'dup', 'Dup 1', 'dup-1', 'Dup-2', 'A & B', '`code` **bold**', 'Ünïcode', '😀 Emoji', ''), { maxLength: 12 });
  fc.assert(
    fc.property(texts, (list) => {
      const ours = new HeadingIds();
      const theirs = new GithubSlugger();
      assert.deepEqual(list.map((t) => ours.id(t)), list.map((t) => theirs.slug(plainText(t))));
    }),
    { numRuns: 2000 },
  );
});

test('the slug of a plain heading (letters, digits, spaces, hyphens) is what plainText and github-slugger give', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'Z', '0', '9', ' ', '  ', '-', '--', 'Dup', 'Section 12'), { maxLength: 10 }), (parts) => {
      const text = parts.join('');
      assert.equal(headingSlug(text), slug(plainText(text)), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});
