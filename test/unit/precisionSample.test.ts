// The precision measurement over the hand-checked sample (test/support/precision.ts), on made-up
// findings: what counts as reported, fixed, lost, waiting or unjudged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inWindow, measurePrecision, type Finding, type Verdict } from '../support/precision';

/** The first findings of a code on made-up lines that fall in its window. */
function inWindowFindings(code: string, n: number, target: (i: number) => string = (i) => `/page-${i}/`): Finding[] {
  const out: Finding[] = [];
  for (let line = 1; out.length < n && line < 100_000; line++) {
    const f = { code, file: 'content/a.md', line, column: 3, message: `No page or file at "${target(line)}".` };
    if (inWindow(f)) out.push(f);
  }
  return out;
}
const verdict = (f: Finding, v: 'real' | 'false', pending?: string): Verdict => ({ code: f.code, file: f.file, line: f.line, column: f.column, target: '', verdict: v, reason: 'x', ...(pending ? { pending } : {}) });

test('the window is a fixed share of the findings, by hash, and leaves out links into job-families', () => {
  const all = Array.from({ length: 4000 }, (_, i) => ({ code: 'link-not-found', file: 'content/a.md', line: i + 1, column: 1, message: `No page or file at "/p/${i}/".` }));
  const share = all.filter(inWindow).length / all.length;
  assert.ok(share > 0.22 && share < 0.28, String(share));
  assert.equal(inWindowFindings('link-not-found', 5, () => '/job-families/x/').length, 0);
  assert.equal(inWindowFindings('link-not-found', 5, () => '../../job-families/x/').length, 0);
  assert.equal(inWindow({ code: 'frontmatter-missing-title', file: 'a.md', line: 1, column: 1, message: 'x' }), false);
});

test('precision counts reported real over reported; fixed, lost, waiting and unjudged are told apart', () => {
  const [a, b, c, d, e, f, g] = inWindowFindings('link-not-found', 7);
  const sample = [verdict(a!, 'real'), verdict(b!, 'false'), verdict(c!, 'false'), verdict(d!, 'real'), verdict(e!, 'false', 'raw-html'), verdict(f!, 'real', 'raw-html')];
  // Reported now: a (real), b (false), e (false, pending); c is fixed, d is lost, f waits; g has no verdict.
  const { perCode, unjudged } = measurePrecision([a!, b!, e!, g!], sample);
  const links = perCode.find((p) => p.code === 'link-not-found')!;
  assert.deepEqual(
    { reported: links.reported, real: links.real, beyond: links.reportedBeyondPending, fixed: links.fixed, lost: links.lost.map((v) => v.line), awaited: links.awaited, pending: [...links.pending] },
    { reported: 3, real: 1, beyond: 2, fixed: 1, lost: [d!.line], awaited: 1, pending: [['raw-html', 1]] },
  );
  assert.deepEqual(unjudged, [g]);
});

test('a real finding the page silences with a suppression comment is silenced, not lost', () => {
  const [a, b] = inWindowFindings('anchor-not-found', 2);
  const sample = [{ ...verdict(a!, 'real'), silenced: 'markdownlint-disable MD051' }, verdict(b!, 'real')];
  // Neither is reported: a because the page silences it on purpose, b because the engine lost it.
  const anchors = measurePrecision([], sample).perCode.find((p) => p.code === 'anchor-not-found')!;
  assert.deepEqual({ silenced: anchors.silenced, lost: anchors.lost.map((v) => v.line) }, { silenced: 1, lost: [b!.line] });
});
