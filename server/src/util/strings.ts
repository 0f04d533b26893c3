// V8 makes a substring of 13 or more characters a view into its parent string: keeping the substring
// keeps the whole parent (a 200 KB page for a heading's text). What outlives its page is copied first.

/** The same characters, not tied to the string they were cut from. */
export function detached(s: string): string {
  // Concatenation and then a slice flattens into a new string of just these characters.
  return (' ' + s).slice(1);
}
