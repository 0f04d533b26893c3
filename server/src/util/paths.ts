// Path containment, asked for every file the index touches (which site, which mount, whether a read
// stays inside the workspace): a string comparison when both paths are already plain absolute paths,
// and `path.relative`'s answer otherwise.
import * as path from './path';

// A segment of `.` or `..`, a doubled separator, or a trailing one: the path is not in plain form.
const NOT_PLAIN = /\/\.\.?(?:\/|$)|\/\/|.\/$/;

/** True when `child` is `parent` or lies below it (plain path comparison, no file system). */
export function isInside(parent: string, child: string): boolean {
  if (path.sep === '/' && parent.charCodeAt(0) === 47 && child.charCodeAt(0) === 47 && !NOT_PLAIN.test(parent) && !NOT_PLAIN.test(child)) {
    if (child.length === parent.length) return child === parent;
    if (parent === '/') return true;
    return child.length > parent.length && child.charCodeAt(parent.length) === 47 && child.startsWith(parent);
  }
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** `to` relative to `from`, with `/` separators on every platform: how the site names its files. */
export function relativePosix(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}
