/**
 * A git object the bot refuses to read: a tree `git fsck` rejects (the same
 * name twice, entries out of git's order, a `.git` or `..` component), a name
 * no commons path needs (a backslash, a control character), or an object
 * larger than the bot reads. Like a MissingObjectError (src/repo/missing.ts)
 * it concerns one change: review and merge judge that change `invalid` with
 * one problem per fault and go on with the others (src/bot/unreadable.ts).
 */
import type { ObjectKind } from './missing.ts';

/** The rule each fault breaks; stable, like every problem's rule. */
export type BadObjectRule =
  | 'tree/duplicate-entry'
  | 'tree/unsorted'
  | 'tree/bad-name'
  | 'tree/bad-mode'
  | 'tree/null-oid'
  | 'tree/symlinked-git-file'
  | 'tree/malformed'
  | 'object/wrong-type'
  | 'object/corrupt'
  | 'file/too-large'
  | 'object/too-large';

export interface ObjectFault {
  rule: BadObjectRule;
  /** The entry concerned, inside the tree ("" when the fault is the object itself). */
  name: string;
  /** What was found, for a person ("hello.md is listed twice, as blob 1a2b… and blob 3c4d…"). */
  found: string;
  /** What git or NoClout expects instead. */
  expected: string;
  /** git fsck's message id when git fsck refuses the same thing ("duplicateEntries"). */
  fsck?: string;
  /**
   * The same fault as a code of the problem catalogue (src/commons/texts/problems-en.ts) and its
   * parameters, from which src/bot/unreadable.ts builds the problem in every language; `found` and
   * `expected` are its English, for this error's own message. `fsck` is added to the parameters there.
   */
  code: FaultCode;
  params: Record<string, string | number>;
}

/** The catalogue codes a fault is said with; src/bot/unreadable.ts checks that each is one. */
export type FaultCode =
  | 'tree/malformed'
  | 'tree/duplicate-entry'
  | 'tree/unsorted'
  | 'tree/bad-mode'
  | 'tree/null-oid'
  | 'tree/bad-name'
  | 'object/corrupt'
  | 'object/commit-without-tree'
  | 'object/wrong-type'
  | 'object/too-large'
  | 'file/change-too-large';

export class BadObjectError extends Error {
  readonly code = 'repo/bad-object';
  readonly oid: string;
  readonly kind: ObjectKind;
  /** The file or folder the object was read for, when the reader knew it ("" is the root folder). */
  readonly path: string | undefined;
  /** Every fault found, at least one. */
  readonly faults: readonly ObjectFault[];

  constructor(oid: string, kind: ObjectKind, faults: readonly ObjectFault[], path?: string) {
    super(describe(oid, kind, faults, path));
    this.oid = oid;
    this.kind = kind;
    this.faults = faults;
    this.path = path;
  }

  /** The same error with the path it was read for, unless a reader nearer the object already named one. */
  at(path: string): BadObjectError {
    return this.path !== undefined ? this : new BadObjectError(this.oid, this.kind, this.faults, path);
  }

  /** Where a fault is: the entry's path for a tree, the file's own path for a blob. */
  pathOf(fault: ObjectFault): string {
    const base = this.path ?? '';
    if (!fault.name) return base;
    return base ? `${base}/${fault.name}` : fault.name;
  }
}

function describe(oid: string, kind: ObjectKind, faults: readonly ObjectFault[], path: string | undefined): string {
  const where = path !== undefined ? ` (${kind === 'tree' ? 'the folder' : 'the file'} ${path || '/'})` : '';
  const first = faults[0];
  const more = faults.length > 1 ? ` (and ${faults.length - 1} more)` : '';
  return `${kind === 'object' ? 'git object' : kind} ${oid}${where} cannot be read: ${first ? `${first.found}; expected ${first.expected}` : 'refused'}${more}`;
}
