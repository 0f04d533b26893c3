import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { editorFixes, quickFixes } from '../../server/src/features/codeActions';
import { problemsOf } from '../../server/src/features/report';
import type { Fix, Problem } from '../../server/src/features/types';
import { parseDocument } from '../../server/src/parse/document';
import { codeSpans } from '../../server/src/parse/links';
import { scanSuppressions } from '../../server/src/parse/suppressions';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { LineMap } from '../../server/src/util/positions';
import { checkDiagnostics, fixture, type Fixture } from '../support/fixture';
import { MemoryFileSystem } from '../support/memoryFs';

const scan = (text: string) => {
  const p = parseDocument(text);
  return scanSuppressions(text, p.bodyStart, p.fences, () => codeSpans(text, p.bodyStart)).map((c) => `${c.tool} ${c.action} [${c.codes.join(',')}] @${text.slice(c.start, c.end) === text.slice(c.start, c.end).trim() ? c.start : '?'}`);
};

test('parsing: both tools, every action, codes as written, on one line; not in front matter, fences or inline code', () => {
  const text = [
    '---',
    'title: "<!-- handbook-disable -->"',
    '---',
    '<!-- markdownlint-disable MD051 -->',
    '<!--markdownlint-enable-->',
    '<!-- handbook-disable-next-line anchor-not-found link-not-found -->',
    'text <!-- HANDBOOK-DISABLE-LINE term-misused --> more',
    '<!-- handbook-capture --><!-- handbook-restore -->',
    '<!-- markdownlint-disable-file -->',
    '```md',
    '<!-- handbook-disable -->',
    '```',
    'Write `<!-- handbook-disable -->` to silence everything.',
    '<!-- handbook-disable',
    'spanning lines -->',
    '<!-- handbook-disabled -->',
    '<!-- prettier-ignore -->',
  ].join('\n');
  const at = (s: string) => text.indexOf(s);
  assert.deepEqual(scan(text), [
    `markdownlint disable [MD051] @${at('<!-- markdownlint-disable MD051')}`,
    `markdownlint enable [] @${at('<!--markdownlint-enable')}`,
    `handbook disable-next-line [anchor-not-found,link-not-found] @${at('<!-- handbook-disable-next-line')}`,
    `handbook disable-line [term-misused] @${at('<!-- HANDBOOK')}`,
    `handbook capture [] @${at('<!-- handbook-capture')}`,
    `handbook restore [] @${at('<!-- handbook-restore')}`,
    `markdownlint disable-file [] @${at('<!-- markdownlint-disable-file')}`,
  ]);
});

const SITE = `//- /site/hugo.toml
title = "x"
//- /site/content/other.md
---
title: Other
---
## Real
`;


test('markdownlint MD051 comments silence in-page #fragments (all that MD051 checks), nothing else', async () => {
  const f = await checkDiagnostics(`${SITE}//- /site/content/page.md
---
title: Page
---
[a](#nope-1)
     ^^^^^^ warning: anchor-not-found
<!-- markdownlint-disable MD051 -->
[b](#nope-2) [c](/other/#nope-3) [d](/missing/)
                         ^^^^^^ warning: anchor-not-found
                                     ^^^^^^^^^ warning: link-not-found
<!-- markdownlint-enable MD051 -->
[e](#nope-4)
     ^^^^^^ warning: anchor-not-found
<!-- markdownlint-disable-next-line MD051 -->
[f](#nope-5)
[g](#nope-6)
     ^^^^^^ warning: anchor-not-found
<!-- markdownlint-disable MD013 -->
[h](#nope-7)
     ^^^^^^ warning: anchor-not-found
<!-- markdownlint-disable -->
[i](#nope-8) [j](/missing/)
                 ^^^^^^^^^ warning: link-not-found
<!-- markdownlint-enable -->
<!-- markdownlint-disable link-fragments -->
[k](#nope-9)
`);
  assert.equal(problemsOf(f.index, '/site/content/page.md', {}).suppressed, 4);
});

test('handbook-disable / enable / disable-next-line / disable-line silence the codes they name, or all', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/page.md
---
title: Page
---
<!-- handbook-disable link-not-found -->
[a](/missing-1/) [b](#nope-1)
                      ^^^^^^ warning: anchor-not-found
<!-- handbook-enable link-not-found -->
[c](/missing-2/)
    ^^^^^^^^^^^ warning: link-not-found
<!-- handbook-disable-next-line anchor-not-found -->
[d](/missing-3/) [e](#nope-2)
    ^^^^^^^^^^^ warning: link-not-found
[f](#nope-3) <!-- handbook-disable-line anchor-not-found -->
<!-- handbook-disable -->
[g](/missing-4/) [h](#nope-4)
<!-- handbook-enable anchor-not-found -->
[i](/missing-5/) [j](#nope-5)
                      ^^^^^^ warning: anchor-not-found
<!-- handbook-enable -->
[k](/missing-6/)
    ^^^^^^^^^^^ warning: link-not-found
`);
});

test('capture and restore, and disable-file, as markdownlint has them', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/page.md
---
title: Page
---
<!-- handbook-disable link-not-found -->
<!-- handbook-capture -->
<!-- handbook-disable anchor-not-found -->
[a](/missing-1/) [b](#nope-1)
<!-- handbook-restore -->
[c](/missing-2/) [d](#nope-2)
                      ^^^^^^ warning: anchor-not-found
//- /site/content/whole.md
---
title: Whole
---
[e](/missing-3/)
<!-- handbook-disable-file link-not-found -->
`);
});

test('a comment in a code fence or inline code is an example, not a suppression', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/page.md
---
title: Page
---
\`\`\`markdown
<!-- handbook-disable -->
\`\`\`
Write \`<!-- handbook-disable-next-line link-not-found -->\` above it:
[a](/missing/)
    ^^^^^^^^^ warning: link-not-found
`);
});

test('an include\'s comments apply to the include, not to the pages that include it', async () => {
  await checkDiagnostics(`${SITE}//- /site/assets/includes/part.md
<!-- handbook-disable link-not-found -->
[in include](/missing-1/)
//- /site/content/page.md
---
title: Page
---
{{% include "includes/part.md" %}}
[in page](/missing-2/)
          ^^^^^^^^^^^ warning: link-not-found
`);
});

test('a suppression of ours that silences nothing is reported (information), with a fix that removes it', async () => {
  const f = await checkDiagnostics(`${SITE}//- /site/content/page.md
---
title: Page
---
<!-- handbook-disable-next-line link-not-found -->
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information: suppression-unused "silences nothing: no link-not-found problem on the next line to silence."
[fine](/other/)
<!-- handbook-disable-next-line anchr-not-found -->
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information: suppression-unused "silences nothing: "anchr-not-found" is not a handbook diagnostic code."
[a](#nope)
     ^^^^ warning: anchor-not-found
<!-- handbook-disable-next-line link-not-found anchor-not-found -->
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information: suppression-unused "silences nothing: no link-not-found problem on the next line to silence."
[b](#nope-2)
<!-- markdownlint-disable-next-line MD051 -->
[markdownlint's own are left alone](/other/)
<!-- handbook-disable-next-line term-missing -->
A code that is off is not judged.
`);
  const file = '/site/content/page.md';
  const unused = f.of(file).filter((p) => p.code === 'suppression-unused');
  // The fix removes the comment's whole line, and then nothing is reported for it.
  const [remove] = quickFixes(f.index, unused[0]!);
  assert.equal(remove?.title, 'Remove this suppression');
  const after = applyFix(f, remove!);
  assert.equal(after.split('\n')[3], '[fine](/other/)');
  f.index.changeDocument(file, after, 2);
  assert.equal(problemsOf(f.index, file, {}).problems.filter((p) => p.code === 'suppression-unused').length, 2);
});

test('before the index is ready, no suppression is called unused (the cross-file checks have not run)', async () => {
  const fs = new MemoryFileSystem({
    '/site/hugo.toml': 'title = "x"\n',
    '/site/content/page.md': '---\ntitle: Page\n---\n<!-- handbook-disable-next-line anchor-not-found -->\n[a](#nope)\n',
  });
  const index = new WorkspaceIndex(fs, { ...DEFAULT_OPTIONS, readyFirst: true });
  index.setFolders(['/']);
  assert.equal(index.isReady, false);
  assert.deepEqual(problemsOf(index, '/site/content/page.md', {}).problems, []);
  await index.ensureReady();
  assert.deepEqual(problemsOf(index, '/site/content/page.md', {}), { problems: [], suppressed: 1 });
});

// "Ignore this problem here"

function applyFix(f: Fixture, fix: Fix): string {
  const [c] = fix.edit.changes;
  const text = f.index.textOf(c!.file)!;
  assert.equal(fix.edit.changes.length, 1);
  return text.slice(0, c!.start) + c!.newText + text.slice(c!.end);
}

/** Applies "Ignore this problem here" to the problem with `code` on `line`; returns the new text. */
async function ignore(page: string, code: string, line: number): Promise<{ before: string; after: string; f: Fixture }> {
  const file = '/site/content/page.md';
  const f = await fixture(`${SITE}//- ${file}\n${page}`);
  const map = new LineMap(page);
  const p = problemsOf(f.index, file, {}).problems.find((x: Problem) => x.code === code && map.positionAt(x.start).line + 1 === line);
  assert.ok(p, `a ${code} on line ${line}`);
  const fix = editorFixes(f.index, p).find((x) => x.title === 'Ignore this problem here');
  assert.ok(fix);
  assert.equal(fix.isPreferred, undefined);
  const after = applyFix(f, fix);
  // The problem is gone, nothing else changed, and the comment is not reported as unused.
  f.index.changeDocument(file, after, 2);
  const left = problemsOf(f.index, file, {}).problems;
  assert.equal(left.filter((x) => x.code === 'suppression-unused').length, 0);
  assert.equal(left.length, problemsOf((await fixture(`${SITE}//- ${file}\n${page}`)).index, file, {}).problems.length - 1);
  return { before: page, after, f };
}

/** The Markdown structure remark sees, without HTML (the comments): the page must read the same. */
function shape(markdown: string): string {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const out: string[] = [];
  visit(tree, (n) => {
    if (n.type === 'html') return;
    const v = (n as { value?: string }).value;
    out.push(v === undefined ? n.type : `${n.type}:${v.trim()}`);
  });
  return out.join(' ');
}

test('ignore: a line after a blank line gets the comment above it, with its indentation', async () => {
  const { after } = await ignore('---\ntitle: Page\n---\nIntro.\n\n    > quoted [a](/missing/)\n', 'link-not-found', 6);
  assert.equal(after, '---\ntitle: Page\n---\nIntro.\n\n    <!-- handbook-disable-next-line link-not-found -->\n    > quoted [a](/missing/)\n');
});

test('ignore: in a list the comment is indented to the item\'s text, so the list stays one list', async () => {
  const page = '---\ntitle: Page\n---\n- first\n  - nested\n  - [a](#nope)\n- [b](/missing/)\n';
  const a = await ignore(page, 'anchor-not-found', 6);
  assert.equal(a.after.split('\n')[5], '    <!-- handbook-disable-next-line anchor-not-found -->');
  assert.equal(shape(a.after), shape(page));
  const b = await ignore(page, 'link-not-found', 7);
  assert.equal(b.after.split('\n')[6], '  <!-- handbook-disable-next-line link-not-found -->');
  assert.equal(shape(b.after), shape(page));
});

test('ignore: in a table row the comment goes inside the last cell; inside a paragraph at the line\'s end', async () => {
  const page = '---\ntitle: Page\n---\n| Link | Note |\n|---|---|\n| [a](/missing/) | x |\n\nA paragraph that goes on\nto a [b](#nope) link.\n';
  const a = await ignore(page, 'link-not-found', 6);
  assert.equal(a.after.split('\n')[5], '| [a](/missing/) | x <!-- handbook-disable-line link-not-found --> |');
  assert.equal(shape(a.after), shape(page));
  const b = await ignore(page, 'anchor-not-found', 9);
  assert.equal(b.after.split('\n')[8], 'to a [b](#nope) link. <!-- handbook-disable-line anchor-not-found -->');
  assert.equal(shape(b.after), shape(page));
});

test('ignore: a second problem on the same line adds its code to the comment already there', async () => {
  const page = '---\ntitle: Page\n---\n<!-- handbook-disable-next-line link-not-found -->\n[a](/missing/) [b](#nope)\n';
  const { after } = await ignore(page, 'anchor-not-found', 5);
  assert.equal(after.split('\n')[3], '<!-- handbook-disable-next-line link-not-found anchor-not-found -->');
});

test('ignore keeps CRLF line ends', async () => {
  const { after } = await ignore('---\r\ntitle: Page\r\n---\r\n\r\n[a](/missing/)\r\n', 'link-not-found', 5);
  assert.equal(after, '---\r\ntitle: Page\r\n---\r\n\r\n<!-- handbook-disable-next-line link-not-found -->\r\n[a](/missing/)\r\n');
});

test('a line of 20,000 unclosed suppression comments: none is a comment, the closed one below is', () => {
  const line = '<!-- handbook-disable '.repeat(20_000);
  const text = `${line}\n<!-- handbook-disable-next-line link-not-found -->\n`;
  assert.deepEqual(scan(text), [`handbook disable-next-line [link-not-found] @${line.length + 1}`]);
});

test('ignore: a problem of the front matter or of the whole page is ignored for the file, after the front matter', async () => {
  const { after } = await ignore('---\ndescription: No title.\n---\nBody.\n', 'frontmatter-missing-title', 1);
  assert.equal(after, '---\ndescription: No title.\n---\n<!-- handbook-disable-file frontmatter-missing-title -->\nBody.\n');
  const bare = await ignore('Body without front matter.\n', 'frontmatter-missing-title', 1);
  assert.equal(bare.after, '<!-- handbook-disable-file frontmatter-missing-title -->\nBody without front matter.\n');
});
