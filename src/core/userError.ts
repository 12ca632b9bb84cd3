/**
 * The one error type for everything a user can fix: a mistake in the command or request (`usage`),
 * an input that cannot be read as it is (`input`), an output that cannot be written (`output`), or
 * data that cannot support what was asked (`degenerate`). Each layer throws its own subclass with
 * its own details (InputError names the file, line and column); a front end renders every
 * UserError the same way — one line, exit code 2 on the command line — and treats anything else
 * as a bug.
 *
 * @example
 * try { job(request) } catch (e) { if (isUserError(e)) console.error(e.describe()); else throw e; }
 */

/** What kind of mistake a {@link UserError} reports. */
export type UserErrorKind = 'usage' | 'input' | 'output' | 'degenerate';

/** A problem the user can fix, as opposed to a bug. */
export class UserError extends Error {
  constructor(
    readonly kind: UserErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** The one line a front end shows. */
  describe(): string {
    return this.message;
  }

  /** Machine-readable form: the kind, a code and the message. */
  toJSON(): Record<string, unknown> {
    const code = (this as { code?: unknown }).code;
    return { kind: this.kind, code: typeof code === 'string' ? code : this.kind, message: this.message };
  }
}

/** Whether `e` is a {@link UserError} (of any layer). */
export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** A mistake in the request: a missing or malformed option, options that exclude each other. */
export class UsageError extends UserError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/**
 * An output that cannot or must not be written: the folder is a file, permission denied, a special
 * file system, or it would overwrite one of the user's inputs.
 */
export class OutputError extends UserError {
  readonly path: string;
  /**
   * @param path what could not be written
   * @param cause the file-system error, or the reason in words
   */
  constructor(path: string, cause: unknown) {
    super('output', `cannot write ${path}: ${typeof cause === 'string' ? cause : fileSystemReason(cause)}`);
    this.name = 'OutputError';
    this.path = path;
  }

  override toJSON(): Record<string, unknown> {
    return { kind: this.kind, code: 'unwritable', file: this.path, message: this.message };
  }
}

/** A short reason for a file-system error, e.g. "permission denied". */
export function fileSystemReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file is in the way where a folder is needed';
    case 'EISDIR':
      return 'a folder is in the way where a file is needed';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'no such folder';
    default:
      return err instanceof Error ? err.message : String(e);
  }
}
