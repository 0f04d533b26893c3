// The engine's own result types: offsets into files, no LSP types. The server and the checker
// convert them at their edges.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  file: string;
  start: number;
  end: number;
  message: string;
}

export interface Problem {
  file: string;
  start: number;
  end: number;
  severity: Severity;
  /** A stable code; quick fixes and settings key on it, never on the message. */
  code: string;
  message: string;
  /** What the quick fixes need, so they do not have to re-derive it. */
  data?: ProblemData;
  related?: RelatedLocation[];
}

export type ProblemData =
  | { kind: 'include'; path: string; rel?: string }
  | { kind: 'term'; term: string; candidates: string[] }
  | { kind: 'term-source'; anchor: string }
  | { kind: 'misused'; replacements: string[] }
  | { kind: 'link'; path: string }
  | { kind: 'ref'; path: string; candidates: string[] }
  | { kind: 'shortcode'; detail: import('../shortcodes').ShortcodeProblemData }
  | { kind: 'anchor'; fragment: string; target: string }
  | { kind: 'none' };

export interface TextChange {
  file: string;
  start: number;
  end: number;
  newText: string;
}

/** One workspace edit: created files first, then text changes. Never overwrites, never deletes. */
export interface Edit {
  creates: { file: string }[];
  changes: TextChange[];
}

export interface Fix {
  title: string;
  edit: Edit;
  isPreferred?: boolean;
  /** The codes of the problems this fix resolves. */
  fixes: string;
}

export interface Location {
  file: string;
  start: number;
  end: number;
}
