// The sites' set-up over a streamed file system (the web worker): the Hugo config, the shortcode
// templates and the glossaries are read before the index is built, since every check of every page
// depends on them. What a round reads that has not arrived is asked for and waited for, and the round
// runs again (a config that has arrived can name other folders), until a round needs nothing new.
import type { StreamedFileSystem } from '../util/streamedFileSystem';
import type { WorkspaceIndex } from './workspace';

export async function setUpSites(index: WorkspaceIndex, fs: StreamedFileSystem, maxRounds = 20): Promise<void> {
  for (let i = 0; i < maxRounds; i++) {
    const needed = fs.wantedDuring(() => {
      index.setFolders(index.workspaceFolders);
      for (const site of index.sites) {
        index.shortcodesOf(site);
        index.glossaryOf(site);
      }
    });
    if (needed.length === 0) return;
    await fs.whenRead(needed);
  }
}
