/**
 * A commons as plain data: the files of one tree, wherever it came from (a
 * directory on disk for `noclout check`, git objects for the bot). The domain
 * code only ever sees this, so the site, the CLI and the bot validate alike.
 */
export type EntryMode = 'file' | 'executable' | 'symlink' | 'submodule' | 'directory';

export interface SnapshotEntry {
  /** Repository-relative, forward slashes, no leading "./". */
  path: string;
  mode: EntryMode;
  /** UTF-8 text of regular files; undefined for anything else. */
  text?: string;
  /** Size in bytes, so oversized files are refused before decoding. */
  size: number;
}

export interface Snapshot {
  /** Every entry by path. */
  entries: ReadonlyMap<string, SnapshotEntry>;
}

export function snapshotOf(entries: Iterable<SnapshotEntry>): Snapshot {
  return { entries: new Map([...entries].map((e) => [e.path, e])) };
}

/** Git tree modes → our modes. Anything unknown is treated as the strictest (a submodule). */
export function modeFromGit(mode: string | number): EntryMode {
  const m = typeof mode === 'number' ? mode.toString(8) : mode;
  switch (m.padStart(6, '0')) {
    case '100644':
      return 'file';
    case '100755':
      return 'executable';
    case '120000':
      return 'symlink';
    case '040000':
      return 'directory';
    default:
      return 'submodule';
  }
}
