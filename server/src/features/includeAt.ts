// Finding the include call under a cursor, shared by completion, hover, definition and references.
import type { IncludeRef, ParsedDocument } from '../parse/document';

/** The include whose path (between its quotes) contains `offset`, ends included. */
export function includeAt(parsed: ParsedDocument, offset: number): IncludeRef | undefined {
  return parsed.includes.find((inc) => inc.arg !== undefined && offset >= inc.start && offset <= inc.end);
}

/** A short Markdown preview of an include file's first lines (include files have no front matter). */
export function previewOf(text: string, maxLines = 12): string {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  const head = lines.slice(0, maxLines).join('\n').trimEnd();
  return lines.length > maxLines ? `${head}\n\n…` : head;
}
