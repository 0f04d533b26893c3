// The include graph, backwards: for each file, the files that include it; and for each raw include
// path, the files that write it (to resolve them anew when a file appears or goes). Its forward edges
// are the files' facts (`includes`); both are kept up to date from each file's old and new facts.
import type { FileFacts } from './facts';

export class IncludeGraph {
  /** target file -> files that include it */
  private readonly includedBy = new Map<string, Set<string>>();
  /** raw include path -> files that mention it */
  private readonly mentionedBy = new Map<string, Set<string>>();

  clear(): void {
    this.includedBy.clear();
    this.mentionedBy.clear();
  }

  add(file: string, includes: FileFacts['includes']): void {
    for (const inc of includes) {
      if (inc.target) addTo(this.includedBy, inc.target, file);
      addTo(this.mentionedBy, inc.path, file);
    }
  }

  remove(file: string, includes: FileFacts['includes']): void {
    for (const inc of includes) {
      if (inc.target) this.includedBy.get(inc.target)?.delete(file);
      this.mentionedBy.get(inc.path)?.delete(file);
    }
  }

  /** Every raw include path written somewhere, with the files that write it. */
  mentions(): Iterable<[string, ReadonlySet<string>]> {
    return this.mentionedBy;
  }

  /** Every file that some file includes, with the files that include it. */
  included(): Iterable<[string, ReadonlySet<string>]> {
    return this.includedBy;
  }

  /** The files that include `file` directly, sorted. */
  includersOf(file: string): string[] {
    return [...(this.includedBy.get(file) ?? [])].sort();
  }

  /** Every file that reaches `file` through includes. */
  includersTransitive(file: string): string[] {
    const seen = new Set<string>();
    const stack = [file];
    while (stack.length) {
      const f = stack.pop()!;
      for (const g of this.includedBy.get(f) ?? []) {
        if (!seen.has(g)) {
          seen.add(g);
          stack.push(g);
        }
      }
    }
    seen.delete(file);
    return [...seen];
  }
}

/**
 * The include chain that leads from `target` back to `start` along the forward edges `targetsOf`, or
 * undefined when there is none. The chain lists the files in order: start -> target -> ... -> start.
 */
export function includeCycle(start: string, target: string, targetsOf: (file: string) => readonly string[]): string[] | undefined {
  if (target === start) return [start, start];
  const prev = new Map<string, string>();
  const queue = [target];
  const seen = new Set([target]);
  while (queue.length) {
    const f = queue.shift()!;
    for (const t of targetsOf(f)) {
      if (t === start) {
        const chain = [f];
        let c = f;
        while (prev.has(c)) {
          c = prev.get(c)!;
          chain.unshift(c);
        }
        return [start, ...chain, start];
      }
      if (!seen.has(t)) {
        seen.add(t);
        prev.set(t, f);
        queue.push(t);
      }
    }
  }
  return undefined;
}

export function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(value);
}
