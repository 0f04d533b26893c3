import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanShortcodes } from '../../server/src/parse/shortcodes';

const one = (text: string) => {
  const calls = scanShortcodes(text);
  assert.equal(calls.length, 1, `expected one call in ${JSON.stringify(text)}, got ${calls.length}`);
  return calls[0]!;
};

test('a markdown include call: name, positional path and its exact range', () => {
  const text = 'x {{% include "includes/a.md" %}} y';
  const c = one(text);
  assert.equal(c.delimiter, '%');
  assert.equal(c.name, 'include');
  assert.equal(c.terminated, true);
  assert.equal(text.slice(c.start, c.end), '{{% include "includes/a.md" %}}');
  assert.equal(c.args.length, 1);
  assert.equal(c.args[0]!.value, 'includes/a.md');
  assert.equal(text.slice(c.args[0]!.valueStart, c.args[0]!.valueEnd), 'includes/a.md');
});

test('paired calls with named arguments, raw strings and escapes', () => {
  const text = '{{< details summary="Say \\"hi\\"" open=true >}}\nbody\n{{< /details >}}\n{{% alert title=`raw "x"` color="info" %}}';
  const calls = scanShortcodes(text);
  assert.deepEqual(calls.map((c) => [c.name, c.closing]), [['details', false], ['details', true], ['alert', false]]);
  assert.deepEqual(calls[0]!.args.map((a) => [a.name, a.value]), [['summary', 'Say "hi"'], ['open', 'true']]);
  assert.deepEqual(calls[2]!.args.map((a) => [a.name, a.value, a.quote]), [['title', 'raw "x"', '`'], ['color', 'info', '"']]);
});

test('self-closing calls and names with folders', () => {
  const c = one('{{< engineering/stable-counterparts role="x" />}}');
  assert.equal(c.name, 'engineering/stable-counterparts');
  assert.equal(c.selfClosing, true);
  assert.equal(c.terminated, true);
});

test('the comment form is recognised as inert, both delimiters', () => {
  const calls = scanShortcodes('{{</* include "a.md" */>}} and {{%/* /alert */%}}');
  assert.equal(calls.length, 2);
  assert.ok(calls.every((c) => c.inert && c.terminated));
  assert.equal(calls[0]!.name, 'include');
  assert.equal(calls[1]!.closing, true);
});

test('half-typed calls end at the line, not at a later call', () => {
  const text = '{{% include "includes/eng\n\nmore text {{% alert %}}';
  const calls = scanShortcodes(text);
  assert.equal(calls.length, 2);
  assert.equal(calls[0]!.terminated, false);
  assert.equal(calls[0]!.args[0]!.closedQuote, false);
  assert.equal(calls[0]!.args[0]!.value, 'includes/eng');
  assert.equal(calls[1]!.terminated, true);
});

test('an unclosed quote right before the closing delimiter still closes the call', () => {
  const c = one('{{% include "includes/a.md %}}');
  assert.equal(c.terminated, true);
  assert.equal(c.args[0]!.value, 'includes/a.md ');
});

test('a call closed with the other delimiter is flagged', () => {
  const c = one('{{< alert %}}');
  assert.equal(c.terminated, true);
  assert.equal(c.mismatchedClose, true);
});

test('include with no argument has no args', () => {
  const c = one('{{% include %}}');
  assert.equal(c.args.length, 0);
  assert.equal(c.terminated, true);
});

test('arguments may span lines', () => {
  const c = one('{{< panel\n  header="A"\n  color="b" >}}');
  assert.deepEqual(c.args.map((a) => a.name), ['header', 'color']);
  assert.equal(c.terminated, true);
});

test('plain template braces and lone delimiters are not calls; scanning always ends', () => {
  assert.equal(scanShortcodes('{{ .Title }} {{- x -}} {{').length, 0);
  for (const s of ['{{<', '{{%', '{{< ', '{{% "', '{{</*', '{{< x y=', '{{% a `unterminated raw', '{{<>}}', '{{%%}}']) {
    const calls = scanShortcodes(s);
    assert.ok(calls.length <= 1, s);
  }
});
