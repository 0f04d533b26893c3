// A slow file system double: every read takes `delayMs` (the GitLab Web IDE fetches each file over the
// network), with a log of reads in order and the most reads that were in flight at once. Used by the
// web client's tests and by the slow-file-system benchmark (bench/).
export class SlowFileSystem {
  readonly log: string[] = [];
  private inFlight = 0;
  peakInFlight = 0;

  constructor(
    private readonly files: Record<string, string> | ((file: string) => Promise<string | undefined>),
    private readonly delayMs = 50,
  ) {}

  /** The file's text after the delay; rejects when there is no such file. */
  async read(file: string): Promise<string> {
    this.log.push(file);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, this.delayMs));
      const text = typeof this.files === 'function' ? await this.files(file) : this.files[file];
      if (text === undefined) throw new Error(`ENOENT: ${file}`);
      return text;
    } finally {
      this.inFlight--;
    }
  }
}
