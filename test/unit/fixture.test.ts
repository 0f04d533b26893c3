// The fixture format's own tests: annotations parse to the ranges they sit under, and checkDiagnostics
// fails when the engine reports a diagnostic the fixture does not annotate, or misses one it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDiagnostics, fixture, parseFixture } from '../support/fixture';

const PAGE = `//- /site/hugo.toml
title = "x"
//- /site/content/page.md
---
title: Page
---
See [gone](/handbook/nope/) and [home](/).
`;

test('an annotation marks the characters above its carets, and is taken out of the file', () => {
  const { files, expected } = parseFixture(`//- /a.md
one
[x](/nope/) and more
    ^^^^^^ warning: link-not-found
^0 warning: frontmatter-missing-title "no front matter"
last
`);
  assert.equal(files['/a.md'], 'one\n[x](/nope/) and more\nlast\n');
  assert.deepEqual(expected, [
    { file: '/a.md', start: 8, end: 14, severity: 'warning', code: 'link-not-found' },
    { file: '/a.md', start: 4, end: 4, severity: 'warning', code: 'frontmatter-missing-title', message: 'no front matter' },
  ]);
  assert.equal(files['/a.md']!.slice(8, 14), '/nope/');
});

test('columns are read on the line as written, with the cursor marker in it', () => {
  const { files, expected, cursor } = parseFixture(`//- /a.md
[a]($0/x/) [b](/y/)
               ^^^ warning: link-not-found
`);
  assert.equal(files['/a.md'], '[a](/x/) [b](/y/)\n');
  assert.deepEqual(cursor, { file: '/a.md', offset: 4 });
  assert.equal(files['/a.md']!.slice(expected[0]!.start, expected[0]!.end), '/y/');
});

test('a line that starts like an annotation but is not one is an error in the fixture, not content', () => {
  assert.throws(() => parseFixture('//- /a.md\ntext\n^^^^ warn: link-not-found\n'), /starts like a diagnostic annotation/);
  assert.throws(() => parseFixture('//- /a.md\ntext\n^^^^ warning: link-not-fund\n'), /no diagnostic code/);
  assert.throws(() => parseFixture('//- /a.md\ntext\n  ^^^^ warning: link-not-found\n'), /runs past the end/);
  assert.throws(() => parseFixture('//- /a.md\n^^^^ warning: link-not-found\ntext\n'), /has no line above it/);
  // Carets inside ordinary prose are content.
  assert.equal(parseFixture('//- /a.md\n^^ is how a caret looks\n').files['/a.md'], '^^ is how a caret looks\n');
});

test('checkDiagnostics passes when the annotations are exactly what the engine reports', async () => {
  const c = await checkDiagnostics(`${PAGE.trimEnd()}
           ^^^^^^^^^^^^^^^ warning: link-not-found "/handbook/nope/"
`);
  assert.deepEqual(c.problems.map((p) => p.code), ['link-not-found']);
  assert.equal(c.of('/site/content/page.md').length, 1);
});

test('checkDiagnostics fails on a diagnostic the fixture does not annotate', async () => {
  await assert.rejects(checkDiagnostics(PAGE), (e: Error) => {
    assert.match(e.message, /Unexpected \(reported, not annotated\):\n {2}\/site\/content\/page\.md:\d+-\d+ warning: link-not-found "\/handbook\/nope\/"/);
    assert.doesNotMatch(e.message, /Missing/);
    // The failure shows what to paste.
    assert.match(e.message, /\n {11}\^{15} warning: link-not-found/);
    return true;
  });
});

test('checkDiagnostics fails on an annotated diagnostic the engine does not report', async () => {
  await assert.rejects(
    checkDiagnostics(`${PAGE.trimEnd()}
           ^^^^^^^^^^^^^^^ warning: link-not-found
                                       ^ warning: link-not-found
`),
    (e: Error) => {
      assert.match(e.message, /Missing \(annotated, not reported\):\n {2}\/site\/content\/page\.md:\d+-\d+ warning: link-not-found "\/"/);
      assert.doesNotMatch(e.message, /Unexpected/);
      return true;
    },
  );
});

test('checkDiagnostics fails on the wrong range, severity, code or message', async () => {
  const wrong = [
    '            ^^^^^^^^^^^^^^ warning: link-not-found', // one character short at the start
    '           ^^^^^^^^^^^^^^^ error: link-not-found', // the severity a user sees is warning
    '           ^^^^^^^^^^^^^^^ warning: anchor-not-found',
    '           ^^^^^^^^^^^^^^^ warning: link-not-found "a message it does not have"',
  ];
  for (const line of wrong) {
    await assert.rejects(checkDiagnostics(`${PAGE.trimEnd()}\n${line}\n`), /Missing[\s\S]*Unexpected/, line);
  }
});

test('checkDiagnostics applies the severity settings a user has, and looks at every file', async () => {
  await checkDiagnostics(`${PAGE.trimEnd()}
           ^^^^^^^^^^^^^^^ error: link-not-found
`, { severities: { 'link-not-found': 'error' } });
  await checkDiagnostics(PAGE, { severities: { 'link-not-found': 'off' } });
  // A second page with a problem of its own fails the check of a fixture that annotates only the first.
  await assert.rejects(
    checkDiagnostics(`${PAGE.trimEnd()}
           ^^^^^^^^^^^^^^^ warning: link-not-found
//- /site/content/other.md
no front matter
`),
    /Unexpected[\s\S]*\/site\/content\/other\.md:0-0 warning: frontmatter-missing-title/,
  );
});

test('checkDiagnostics takes a fixture already built (and changed after)', async () => {
  const f = await fixture(PAGE.replace('[gone](/handbook/nope/) and ', ''));
  await checkDiagnostics(f);
  assert.deepEqual(f.expected, []);
});

test('the example at the top of test/support/fixture.ts holds', async () => {
  const source = fs.readFileSync(path.join(__dirname, '../support/fixture.ts'), 'utf8');
  const example = /\n\/\/\n((?:\/\/ {3}.*\n)+)\/\/\n/.exec(source)![1]!.replace(/^\/\/ {3}/gm, '');
  const c = await checkDiagnostics(example);
  assert.deepEqual(c.problems.map((p) => p.code).sort(), ['include-not-found', 'link-not-found']);
});
