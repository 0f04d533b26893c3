// The term graph: for each page, the pages whose responsibility tables take their terms from it
// (through the link above the table). Built once, then kept up to date file by file; rebuilt only when
// the set of URLs changes (a page appears, goes or moves), since that can change where any link lands.
import type { FileFacts } from './facts';
import { addTo } from './includeGraph';

export class TermGraph {
  /** source page -> the pages bound to it; undefined: to be built */
  private dependents: Map<string, Set<string>> | undefined;
  /** page -> the source pages it is bound to */
  private readonly sourcesOf = new Map<string, string[]>();

  /** @param sourcePagesOf the pages (other than itself) that a file's table links land on */
  constructor(private readonly sourcePagesOf: (f: FileFacts) => Iterable<string>) {}

  /** Where links land may have changed everywhere: build the graph again when it is next asked. */
  invalidate(): void {
    this.dependents = undefined;
  }

  /** The pages whose tables take their terms from `file`. */
  dependentsOf(file: string, allFacts: () => Iterable<FileFacts>): ReadonlySet<string> {
    if (!this.dependents) {
      this.dependents = new Map();
      this.sourcesOf.clear();
      for (const f of allFacts()) this.record(f);
    }
    return this.dependents.get(file) ?? new Set();
  }

  /** Takes in a file's new facts (nothing when the graph is to be built anyway). */
  update(f: FileFacts): void {
    if (this.dependents) this.record(f);
  }

  forget(file: string): void {
    for (const t of this.sourcesOf.get(file) ?? []) this.dependents?.get(t)?.delete(file);
    this.sourcesOf.delete(file);
  }

  private record(f: FileFacts): void {
    const targets = new Set(this.sourcePagesOf(f));
    if (targets.size === 0) return;
    this.sourcesOf.set(f.file, [...targets]);
    for (const t of targets) addTo(this.dependents!, t, f.file);
  }
}
