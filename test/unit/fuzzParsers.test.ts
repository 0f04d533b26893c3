// Property-based tests of every parser on random Markdown and on mutated real pages: nothing throws,
// every offset lies in [0, text.length] with start <= end, and the text at a range is what the parse
// says is there. Then LineMap against the LSP library's own TextDocument: UTF-16 positions with emoji,
// combining characters, lone surrogates, and every kind of line break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, type ParsedDocument } from '../../server/src/parse/document';
import { parseFrontMatter } from '../../server/src/parse/frontMatter';
import { scanBlocks, plainText } from '../../server/src/parse/headings';
import { scanLinks } from '../../server/src/parse/links';
import { scanShortcodes } from '../../server/src/parse/shortcodes';
import { scanTables } from '../../server/src/parse/tables';
import { headingTerms, listTerms, tableTerms, termKey } from '../../server/src/parse/terms';
import { termSectionsOf, termTablesOf, type TermSection, type TermTable } from '../../server/src/parse/termSources';
import type { Link } from '../../server/src/parse/links';
import { LineMap } from '../../server/src/util/positions';
import { markdown, mutated, params, seedPages } from '../support/fuzz';
import { measureWork } from '../support/workMeter';

/** A hang fails the test instead of blocking the run (longer in the long campaign). */
const TIMEOUT = 120_000 * Math.max(1, Number(process.env['HANDBOOK_FUZZ_SCALE'] ?? '1'));

const seeds = seedPages();
const anyText = fc.oneof(markdown, mutated(seeds));

const OFFSET_KEY = /^(start|end|[a-z][A-Za-z]*(Start|End))$/;

/**
 * Walks any parse result: every number under an offset-like key (start, end, fooStart, fooEnd) is an
 * integer in [0, length], and each pair (start/end, fooStart/fooEnd) is ordered.
 */
function checkOffsets(value: unknown, length: number, where = '$', seen = new Set<unknown>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) checkOffsets(v, length, `${where}.get(${String(k)})`, seen);
    return;
  }
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'data') continue; // parsed front matter values: the author's data, not offsets
    if (typeof v === 'number' && OFFSET_KEY.test(k)) {
      assert.ok(Number.isInteger(v) && v >= 0 && v <= length, `${where}.${k} = ${v} outside [0, ${length}]`);
    } else {
      checkOffsets(v, length, `${where}.${k}`, seen);
    }
  }
  for (const [s, e] of [['start', 'end'], ...Object.keys(o).filter((k) => k.endsWith('Start')).map((k) => [k, `${k.slice(0, -5)}End`])] as [string, string][]) {
    const a = o[s];
    const b = o[e];
    if (typeof a === 'number' && typeof b === 'number') assert.ok(a <= b, `${where}: ${s} ${a} > ${e} ${b}`);
  }
}

/** What a parse says is at a range is there. */
function checkTextAgreement(p: ParsedDocument): void {
  const t = p.text;
  for (const c of p.shortcodes) assert.equal(t.slice(c.nameStart, c.nameEnd), c.name, 'shortcode name');
  for (const h of p.headings) assert.equal(t.slice(h.textStart, h.textEnd), h.text, 'heading text');
  for (const l of p.links) assert.equal(t.slice(l.destStart, l.destEnd), l.destination, 'link destination');
  for (const table of p.tables) {
    for (const r of [table.header, ...table.rows]) for (const c of r.cells) assert.equal(t.slice(c.start, c.end), c.text, 'table cell');
  }
  for (const a of p.anchors) assert.ok(a.end - a.start === a.id.length || t.slice(a.start, a.end) !== undefined);
  assert.ok(p.bodyStart >= 0 && p.bodyStart <= t.length);
  // In document order.
  for (const list of [p.shortcodes, p.headings, p.links, p.tables, p.anchors] as { start: number }[][]) {
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.start <= list[i]!.start, 'results in document order');
  }
}

test('parseDocument on random and mutated Markdown: no throw, offsets in range, ranges hold what they say (2,000 cases)', { timeout: TIMEOUT }, () => {
  fc.assert(
    fc.property(anyText, fc.boolean(), (text, frontMatter) => {
      const p = parseDocument(text, { frontMatter });
      checkOffsets(p, text.length);
      checkTextAgreement(p);
      checkOffsets(termSectionsOf(p), text.length);
      checkOffsets(termTablesOf(p), text.length);
    }),
    params(2000),
  );
});

test('each scanner alone, from and to anywhere (2,000 cases)', { timeout: TIMEOUT }, () => {
  fc.assert(
    fc.property(anyText, fc.nat(), fc.nat(), (text, a, b) => {
      const from = a % (text.length + 1);
      const to = from + (b % (text.length - from + 1));
      const calls = scanShortcodes(text, from, to);
      checkOffsets(calls, text.length);
      for (const c of calls) assert.ok(c.start >= from && c.start < to, `call at ${c.start} outside [${from}, ${to})`);
      const fm = parseFrontMatter(text);
      checkOffsets(fm, text.length);
      const blocks = scanBlocks(text, from);
      checkOffsets(blocks, text.length);
      for (const h of blocks.headings) assert.ok(h.start >= from);
      checkOffsets(scanLinks(text, from, blocks.fences), text.length);
      checkOffsets(scanTables(text, from, blocks.fences), text.length);
      const terms = listTerms(text, from, to);
      checkOffsets(terms, text.length);
      for (const d of terms) {
        assert.ok(d.start >= from && d.end <= to, `term definition [${d.start}, ${d.end}) outside [${from}, ${to}]`);
        assert.equal(text.slice(d.termStart, d.termEnd), d.term);
      }
      termKey(text);
      plainText(text);
    }),
    params(2000),
  );
});

// The plain quadratic definitions of term sections and term tables: the linear ones must agree.
function referenceTermSections(parsed: ParsedDocument): TermSection[] {
  const hs = parsed.headings;
  const sections = [{ heading: undefined as (typeof hs)[number] | undefined, start: parsed.bodyStart, end: hs[0]?.start ?? parsed.text.length }];
  hs.forEach((h, i) => {
    const next = hs.slice(i + 1).find((x) => x.level <= h.level);
    sections.push({ heading: h, start: h.end, end: next ? next.start : parsed.text.length });
  });
  const out: TermSection[] = [];
  for (const s of sections) {
    let terms = [...listTerms(parsed.text, s.start, s.end), ...tableTerms(parsed.tables, s.start, s.end)];
    if (terms.length === 0 && s.heading) terms = headingTerms(parsed.text, s.heading, parsed.headings, s.end);
    if (terms.length < 2) continue;
    out.push({ id: s.heading?.id ?? '', title: s.heading?.text ?? '', headingStart: s.heading?.start ?? s.start, start: s.start, end: s.end, terms });
  }
  return out;
}

function referenceTermTables(parsed: ParsedDocument): TermTable[] {
  return parsed.tables.map((table) => {
    const sectionStart = Math.max(parsed.bodyStart, ...parsed.headings.filter((h) => h.end <= table.start).map((h) => h.end));
    let link: Link | undefined;
    for (const l of parsed.links) if (l.start >= sectionStart && l.end <= table.start && !l.image) link = l;
    return { table, link };
  });
}

const sectioned = fc
  .array(fc.oneof(fc.constantFrom('# A\n', '## B\n', '### C\n', '#### D\n', '* **Term**: x\n', '  * **Sub**: y\n', '| Term | Definition |\n|---|---|\n| a | b |\n', '| x |\n|---|\n| y |\n', '[link](/x/#y)\n', '![img](/i.png)\n', '\n', 'Text\n', 'Setext\n---\n'), markdown), { maxLength: 40 })
  .map((p) => p.join(''));

test('term sections and term tables in linear time agree with their plain definitions (1,000 cases)', { timeout: TIMEOUT }, () => {
  fc.assert(
    fc.property(fc.oneof(sectioned, anyText), (text) => {
      const p = parseDocument(text);
      assert.deepEqual(termSectionsOf(p), referenceTermSections(p));
      assert.deepEqual(termTablesOf(p), referenceTermTables(p));
    }),
    params(1000),
  );
});

/**
 * Pathological inputs, each as a function of a size k (at k = 10,000 the sizes of the cases as first
 * written: 10,000 nested calls, 50,000 quotes, …).
 */
const PATHOLOGICAL: [string, (k: number) => string][] = [
  ['unterminated calls', (k) => '{{< a '.repeat(k)],
  ['unterminated include paths', (k) => '{{% include "'.repeat(k)],
  ['nested calls', (k) => '{{< x >}}'.repeat(k) + '{{< /x >}}'.repeat(k)],
  ['unterminated inert calls', (k) => '{{</* '.repeat(k)],
  ['quotes', (k) => '"'.repeat(5 * k)],
  ['brackets', (k) => '['.repeat(2 * k) + ']('.repeat(2 * k)],
  ['pipes', (k) => '|'.repeat(5 * k) + '\n' + '|-'.repeat(2 * k)],
  ['nested quotes', (k) => '> '.repeat(2 * k) + '# x'],
  ['indentation', (k) => '  '.repeat(k) + '* **a**: b\n'],
  ['backticks', (k) => '`'.repeat(3 * k)],
  ['unclosed front matter flow', (k) => '---\n' + 'a: [\n'.repeat(k / 2)],
  ['braces', (k) => '{'.repeat(5 * k)],
  ['bare CRs', (k) => '\r'.repeat(5 * k)],
  ['hashes', (k) => '#'.repeat(5 * k)],
  ['headings', (k) => '# h\n'.repeat(2 * k)],
  ['tables under headings', (k) => '# h\n| a | b |\n|---|---|\n| x | y |\n'.repeat(k / 2)],
  ['term lists', (k) => '* **a**: b\n'.repeat(2 * k)],
  ['unclosed suppression comments', (k) => '<!-- handbook-disable '.repeat(2 * k) + '\n-->\n'],
];

/** The parse every page gets, and the term sources read from it. */
const parseAll = (text: string) => {
  const p = parseDocument(text);
  termSectionsOf(p);
  termTablesOf(p);
  return p;
};

/** Twice the input may cost twice the work and a little more, never four times (a quadratic scan). */
const LINEAR = (small: number, large: number) => large <= 2.2 * small + 1000;

test('scanners terminate on pathological input, linearly: twice the input, at most twice the work', { timeout: TIMEOUT }, () => {
  for (const [name, at] of PATHOLOGICAL) {
    const text = at(10_000);
    checkOffsets(parseDocument(text), text.length);
    // Work counted by the string and regex built-ins (test/support/workMeter.ts), not time: the same on
    // any machine under any load.
    const small = measureWork(() => parseAll(at(5_000))).work;
    const large = measureWork(() => parseAll(text)).work;
    assert.ok(LINEAR(small, large), `${name}: ${small} units of work at half the size, ${large} at full size (${(large / small).toFixed(2)} times)`);
  }
});

test('the work meter sees a quadratic scan, and the linearity check rejects it', () => {
  // Looking for a line's end from every position: each search runs to the end of the text.
  const quadratic = (text: string) => {
    for (let i = 0; i < text.length; i++) text.indexOf('\n', i);
  };
  const linear = (text: string) => {
    for (let i = 0; i < text.length; ) i = (text.indexOf(' ', i) + 1) || text.length;
  };
  const [q1, q2] = [1000, 2000].map((n) => measureWork(() => quadratic('a'.repeat(n))).work);
  assert.ok(q2! > 3.5 * q1!, `${q1} then ${q2}`);
  assert.equal(LINEAR(q1!, q2!), false);
  const [l1, l2] = [1000, 2000].map((n) => measureWork(() => linear('a '.repeat(n))).work);
  assert.equal(LINEAR(l1!, l2!), true, `${l1} then ${l2}`);
  // A regular expression that fails from every position is quadratic too.
  const reScan = (text: string) => {
    for (let i = 0; i < text.length; i++) /x/.exec(text.slice(i));
  };
  const [r1, r2] = [1000, 2000].map((n) => measureWork(() => reScan('a'.repeat(n))).work);
  assert.equal(LINEAR(r1!, r2!), false, `${r1} then ${r2}`);
  // And the meter leaves the built-ins as they were.
  assert.equal(String.prototype.indexOf.name, 'indexOf');
  assert.equal(RegExp.prototype.exec.name, 'exec');
});

// ---- LineMap: UTF-16 positions -------------------------------------------------------------------

const lineText = fc
  .array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '😀', '👩‍👩‍👧', 'e\u0301', '\ud800', '\udc00', 'a', ' ', '€', '\u2028'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 60 })
  .map((p) => p.join(''));

test('LineMap agrees with the LSP TextDocument, and offsets round-trip (2,000 cases)', { timeout: TIMEOUT }, () => {
  fc.assert(
    fc.property(lineText, fc.nat(), fc.nat(), fc.nat(), (text, o, line, character) => {
      const map = new LineMap(text);
      const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
      const offset = o % (text.length + 1);
      assert.deepEqual(map.positionAt(offset), doc.positionAt(offset), `positionAt(${offset})`);
      // Between the \r and \n of a CRLF is no position: the round trip lands before the \r there.
      const insideCrlf = text[offset - 1] === '\r' && text[offset] === '\n';
      assert.equal(map.offsetAt(map.positionAt(offset)), insideCrlf ? offset - 1 : offset, `offsetAt(positionAt(${offset}))`);
      const pos = { line: line % (doc.lineCount + 2), character: character % 70 };
      assert.equal(map.offsetAt(pos), doc.offsetAt(pos), `offsetAt(${JSON.stringify(pos)})`);
      // Positions past the end clamp, as LSP asks.
      assert.equal(map.positionAt(text.length + 5).line, doc.positionAt(text.length).line);
      assert.equal(map.offsetAt({ line: -1, character: 3 }), 0);
    }),
    params(2000),
  );
});

test('reference definitions: looking only at lines with "]:" finds what the line-by-line regex finds', () => {
  const reference = /^ {0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)[ \t]*(?:(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\))[ \t]*)?$/gm;
  const parts = fc.array(fc.constantFrom('[id]: /x', '[id]: /x "t"', '[a]:', ']:', '[b]: <c d>', ' ', '   ', '    ', '\n', '\r\n', 'x', '[', ']', '"t"', "'t'", '(t)', '[a]: /y [b]: /z', '```\n', '`'), { maxLength: 20 });
  fc.assert(
    fc.property(parts, fc.nat(5), (ps, cut) => {
      const text = ps.join('');
      const from = Math.min(cut, text.length);
      const { fences } = scanBlocks(text, from);
      const code = (at: number) => [...fences.map((f) => [f.start, f.end] as const)].some(([s, e]) => at >= s && at < e);
      const want: number[] = [];
      reference.lastIndex = from;
      for (let m = reference.exec(text); m; m = reference.exec(text)) if (!code(m.index)) want.push(m.index);
      const got = scanLinks(text, from, fences).filter((l) => l.definition).map((l) => l.start);
      // Inline code spans also hide definitions in scanLinks: compare where the reference finds none in code spans.
      if (text.includes('`')) return;
      assert.deepEqual(got, want, JSON.stringify(text));
    }),
    params(3000),
  );
});
