import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFrontMatter } from '../../server/src/parse/frontMatter';

test('YAML front matter: data, block range and key ranges', () => {
  const text = '---\ntitle: "Senior"\ndescription: x\n---\nbody';
  const fm = parseFrontMatter(text)!;
  assert.deepEqual(fm.data, { title: 'Senior', description: 'x' });
  assert.equal(text.slice(fm.end), 'body');
  const r = fm.keyRanges.get('title')!;
  assert.equal(text.slice(r.valueStart, r.valueEnd), '"Senior"');
  assert.deepEqual(fm.errors, []);
});

test('a YAML error is reported at its exact position', () => {
  const text = '---\ntitle: "a\n  b: [\n---\n';
  const fm = parseFrontMatter(text)!;
  assert.ok(fm.errors.length >= 1);
  const e = fm.errors[0]!;
  assert.ok(e.start >= fm.contentStart && e.end <= fm.contentEnd + 1, `${e.start}-${e.end}`);
  assert.ok(e.message.length > 0);
});

test('multi-line quoted descriptions at column 0 are valid, as Hugo reads them', () => {
  const fm = parseFrontMatter('---\ntitle: "Panel"\ndescription: "When a candidate\nthe hiring team at once."\n---\n')!;
  assert.deepEqual(fm.errors, []);
  assert.equal(fm.data['description'], 'When a candidate the hiring team at once.');
});

test('only a line that is exactly the delimiter closes the block', () => {
  const text = '---\ntitle: a\n---x\nmore: b\n---\nbody';
  const fm = parseFrontMatter(text)!;
  assert.equal(text.slice(fm.end), 'body');
  assert.ok(fm.errors.length > 0, '---x is inside the YAML, which makes it invalid');
});

test('CRLF line endings', () => {
  const text = '---\r\ntitle: a\r\n---\r\nbody';
  const fm = parseFrontMatter(text)!;
  assert.deepEqual(fm.data, { title: 'a' });
  assert.equal(text.slice(fm.end), 'body');
});

test('unclosed front matter is an error on the opening line', () => {
  const fm = parseFrontMatter('---\ntitle: a\nbody text')!;
  assert.equal(fm.errors.length, 1);
  assert.match(fm.errors[0]!.message, /never closed/);
  assert.equal(fm.errors[0]!.start, 0);
});

test('TOML and JSON front matter', () => {
  assert.deepEqual({ ...parseFrontMatter('+++\ntitle = "t"\nweight = 2\n+++\n')!.data }, { title: 't', weight: 2 });
  const bad = parseFrontMatter('+++\ntitle = \n+++\n')!;
  assert.equal(bad.errors.length, 1);
  assert.deepEqual(parseFrontMatter('{ "title": "j" }\nbody')!.data, { title: 'j' });
});

test('a scalar is not a front matter mapping', () => {
  const fm = parseFrontMatter('---\njust text\n---\n')!;
  assert.equal(fm.errors.length, 1);
});

test('an alias bomb parses without expanding into memory', () => {
  let y = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 0; i < 9; i++) y += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]\n`;
  const before = process.memoryUsage().heapUsed;
  const fm = parseFrontMatter(`---\n${y}---\n`)!;
  assert.ok(fm);
  assert.ok(process.memoryUsage().heapUsed - before < 50_000_000);
});

test('no front matter', () => {
  assert.equal(parseFrontMatter('# Title\n'), undefined);
  assert.equal(parseFrontMatter(''), undefined);
});

test('a byte order mark before the front matter is ignored, offsets stay the text\'s', () => {
  const text = '\ufeff---\ntitle: a\n---\nbody';
  const fm = parseFrontMatter(text)!;
  assert.deepEqual(fm.data, { title: 'a' });
  assert.equal(text.slice(fm.end), 'body');
  assert.equal(text.slice(fm.keyRanges.get('title')!.valueStart, fm.keyRanges.get('title')!.valueEnd), 'a');
});
