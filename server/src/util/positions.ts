// Offsets <-> line/character (UTF-16 code units, as LSP and JavaScript strings count them). The one
// line index of the engine: `\n`, `\r\n` and a bare `\r` each end a line, as LSP counts them, wherever
// a line is reported (positions, headings' and links' lines in the facts, the outline, symbols).

export class LineMap {
  private readonly starts: number[] = [0];
  /** The maps of the texts asked for last, newest first. */
  private static recent: LineMap[] = [];

  /**
   * The line index of `text`, built once for the texts in use: an edit of a large page has it asked
   * for by the parser, the facts, the diagnostics and the request that follows, each for the same text.
   */
  static of(text: string): LineMap {
    const recent = LineMap.recent;
    const at = recent.findIndex((m) => m.text === text);
    const map = at === -1 ? new LineMap(text) : recent[at]!;
    if (at !== 0) {
      if (at !== -1) recent.splice(at, 1);
      recent.unshift(map);
      if (recent.length > 8) recent.pop();
    }
    return map;
  }

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): { line: number; character: number } {
    offset = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and \n of a CRLF is no position: it is the line's end, before the \r.
    if (offset > 0 && this.text.charCodeAt(offset) === 10 && this.text.charCodeAt(offset - 1) === 13) offset--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  /** The 0-based line of an offset. */
  lineAt(offset: number): number {
    return this.positionAt(offset).line;
  }

  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! : this.text.length;
    // Never step past the line's own end (its line break), as LSP requires.
    let lineEnd = next;
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return Math.min(start + Math.max(0, pos.character), lineEnd);
  }
}
