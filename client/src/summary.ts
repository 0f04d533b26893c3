// The one-line summary of "Handbook: Check Whole Site", short enough for a notification: only the
// counts that are not zero, each by its severity's name, then how many files have them out of how many
// were checked.

export interface SiteCheckCounts {
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Files with at least one problem. */
  files: number;
  checked: number;
  cancelled: boolean;
}

export function siteCheckSummary(c: SiteCheckCounts): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const plural = (x: number, one: string, many: string): string => `${n(x)} ${x === 1 ? one : many}`;
  const found = [
    c.errors ? plural(c.errors, 'error', 'errors') : '',
    c.warnings ? plural(c.warnings, 'warning', 'warnings') : '',
    c.information ? plural(c.information, 'information', 'information') : '',
    c.hints ? plural(c.hints, 'hint', 'hints') : '',
  ].filter(Boolean);
  const files = plural(c.checked, 'file', 'files');
  if (c.cancelled) return found.length ? `Handbook: cancelled after ${files}: ${found.join(', ')} so far.` : `Handbook: cancelled after ${files}, no problems so far.`;
  return found.length ? `Handbook: ${found.join(', ')} in ${n(c.files)} of ${files}.` : `Handbook: no problems in ${files}.`;
}
