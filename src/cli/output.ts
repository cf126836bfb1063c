/**
 * Writing results. A regular file is written by way of a temporary file beside it and a rename,
 * so that an interrupted run never leaves half a report; a symlink is followed and its target
 * written that way. A FIFO, device or socket is written directly: renaming over it would replace
 * the node itself. Writing over an input file, by any name (symlink or hard link), is refused.
 */
import { randomBytes } from 'node:crypto';
import { fstatSync, realpathSync, statSync, writeSync } from 'node:fs';
import {
  lstat,
  open,
  readlink,
  realpath,
  rename,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { RasgapError } from '../errors.js';
import type { CliStream } from './io.js';

/** Thrown when the reader of stdout went away (`| head`): the CLI then stops quietly, exit 0. */
export class OutputClosed extends Error {
  constructor() {
    super('standard output was closed by the program reading it');
    this.name = 'OutputClosed';
  }
}

interface FileIdentity {
  resolved: string;
  /** Only for regular files that exist. */
  real?: string;
  device?: number;
  inode?: number;
}

function identify(path: string): FileIdentity {
  const identity: FileIdentity = { resolved: resolve(path) };
  try {
    const stats = statSync(path);
    // Only a regular file can be overwritten. A terminal or pipe may be both read and written
    // (`/dev/stdin` and `/dev/stdout` on one terminal are the same device) without loss.
    if (!stats.isFile()) return identity;
    identity.real = realpathSync(path);
    identity.device = stats.dev;
    identity.inode = stats.ino;
  } catch {
    // Does not exist (yet): only the resolved path can match.
  }
  return identity;
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  if (a.resolved === b.resolved) return true;
  if (a.real !== undefined && a.real === b.real) return true;
  return a.inode !== undefined && a.device === b.device && a.inode === b.inode;
}

const isStdout = (path: string | undefined): path is undefined | '-' =>
  path === undefined || path === '-';

/**
 * Refuses an output that is an input under any name (the same path, a symlink or a hard link):
 * an export, a group map or a config file; and two outputs on one path, where one would be lost.
 */
export function refuseOverwritingInputs(outputs: (string | undefined)[], inputs: string[]): void {
  const written = outputs.filter((output): output is string => !isStdout(output));
  written.forEach((output, k) => {
    const earlier = written
      .slice(0, k)
      .find((other) => sameFile(identify(other), identify(output)));
    if (earlier !== undefined) {
      throw new RasgapError('OUTPUT_OVER_INPUT', 'two outputs would be written to one file', {
        file: output,
        fix: 'give --output and --exclusions different file names',
      });
    }
  });
  const inputIds = inputs.map((path) => ({ path, id: identify(path) }));
  for (const output of outputs) {
    if (isStdout(output)) continue;
    const outputId = identify(output);
    const input = inputIds.find((candidate) => sameFile(candidate.id, outputId));
    if (input !== undefined) {
      const alias =
        input.id.resolved === outputId.resolved
          ? ''
          : ` (the same file as the input ${input.path})`;
      throw new RasgapError(
        'OUTPUT_OVER_INPUT',
        `the output would overwrite an input file${alias}`,
        {
          file: output,
          fix: 'choose another --output or --exclusions file name (exports, --group-map and --config files are never written over)',
        },
      );
    }
  }
}

/** Where output is written, chunk by chunk; `end` makes it final. Errors are RasgapErrors. */
export interface OutputSink {
  write(text: string): Promise<void>;
  end(): Promise<void>;
  /** Gives up without error: a temporary file is removed, the target left as it was. */
  abort(): Promise<void>;
}

/** The reason in an errno message (`ENOSPC: no space left on device, write`), with its code. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  const words = message.replace(/^E[A-Z]+: /, '').replace(/, \w+( '.*')?$/, '');
  return code && words !== code ? `${words} (${code})` : (code ?? words);
}

function stdoutFailure(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return new OutputClosed();
  return new RasgapError(
    'OUTPUT_FAILED',
    `cannot write the output to standard output: ${reason(error)}`,
    { fix: 'check where standard output goes (disk space, device), or use --output FILE' },
  );
}

/**
 * Stdout redirected to a file or device. Node writes those with one writeSync and drops what a
 * short write leaves over (a disk filling up), so the report would be cut short with exit 0:
 * written here in a loop, the next write reports the error instead. Only a stream with a file
 * descriptor (the process's own stdout) can be one.
 */
function stdoutFile(stdout: CliStream): number | null {
  if (typeof stdout.fd !== 'number') return null;
  try {
    const stats = fstatSync(stdout.fd);
    return stats.isFile() || (stats.isCharacterDevice() && stdout.isTTY !== true)
      ? stdout.fd
      : null;
  } catch {
    return null;
  }
}

function stdoutSink(stdout: CliStream): OutputSink {
  const done = { end: async () => undefined, abort: async () => undefined };
  const fd = stdoutFile(stdout);
  if (fd !== null) {
    return {
      ...done,
      write: async (text) => {
        const bytes = Buffer.from(text, 'utf8');
        try {
          for (let offset = 0; offset < bytes.length;) {
            offset += writeSync(fd, bytes, offset, bytes.length - offset);
          }
        } catch (error) {
          throw stdoutFailure(error);
        }
      },
    };
  }
  return {
    ...done,
    write: (text) =>
      new Promise<void>((resolveWrite, fail) => {
        // After EPIPE Node destroys the stream; later writes would fail with ERR_STREAM_DESTROYED.
        if (stdout.destroyed === true) return fail(new OutputClosed());
        stdout.write(text, (error) => (error ? fail(stdoutFailure(error)) : resolveWrite()));
      }),
  };
}

/** The file a symlink to no file yet leads to (stat follows only links whose target exists). */
async function followLinks(path: string): Promise<string> {
  let target = path;
  // 40 hops, as Linux's limit, so that a loop of links ends in an error, not a hang.
  for (let hop = 0; hop < 40; hop++) {
    const stats = await lstat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    // The folder is resolved as the kernel would (`missing/..` fails), not by string rules.
    if (!stats?.isSymbolicLink()) return join(await realpath(dirname(target)), basename(target));
    const link = await readlink(target);
    target = isAbsolute(link) ? link : `${dirname(target)}/${link}`;
  }
  throw Object.assign(new Error('ELOOP: too many symbolic links'), { code: 'ELOOP' });
}

const FIXES: Record<string, string> = {
  ENOENT: 'create the folder first, or choose another path',
  ENOTDIR: 'create the folder first, or choose another path',
  EISDIR: 'name a file, not a folder',
  EACCES: 'choose a file in a folder you can write to',
  EPERM: 'choose a file in a folder you can write to',
  EROFS: 'choose a file on a disk that can be written',
  ENOSPC: 'free some disk space, or write to another disk',
  EDQUOT: 'free some disk space, or write to another disk',
  EFBIG: 'write to a disk or account that allows larger files',
  ELOOP: 'the symbolic links lead round in a loop: choose another path',
};

function fileFailure(path: string, error: unknown): RasgapError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new RasgapError('OUTPUT_FAILED', `cannot write the output: ${reason(error)}`, {
    file: path,
    fix:
      FIXES[code] ??
      'check that the folder exists, that you can write to it and that the disk has space',
  });
}

async function fileSink(path: string): Promise<OutputSink> {
  let handle: FileHandle | undefined;
  let temporary: string | undefined;
  let target = path;
  const discard = async (): Promise<void> => {
    await handle?.close().catch(() => undefined);
    handle = undefined;
    if (temporary !== undefined) await unlink(temporary).catch(() => undefined);
    temporary = undefined;
  };
  const abandon = async (error: unknown): Promise<never> => {
    await discard();
    throw fileFailure(path, error);
  };
  try {
    const existing = await stat(path).catch(() => undefined);
    if (existing !== undefined && !existing.isFile()) {
      // A FIFO, device or socket: written in place, by the name given, since links such as
      // /dev/stdout lead to no path (`pipe:[123]`). A directory fails here with EISDIR.
      handle = await open(path, 'w');
    } else {
      // The file a symlink leads to is replaced, not the link; even a link to no file yet.
      target = existing !== undefined ? await realpath(path) : await followLinks(path);
      // Named so that one left by a killed run says what it is; `wx` never follows a planted link.
      temporary = join(
        dirname(target),
        `.${basename(target)}.rasgap-unfinished-${randomBytes(6).toString('hex')}.tmp`,
      );
      handle = await open(temporary, 'wx');
      // The rename would otherwise reset a file someone made private (0600) to the default mode.
      if (existing !== undefined) await handle.chmod(existing.mode & 0o777);
    }
  } catch (error) {
    return abandon(error);
  }
  const opened = handle;
  return {
    async write(text) {
      try {
        const bytes = Buffer.from(text, 'utf8');
        // write() may take fewer bytes than given (a FIFO, a signal): loop until all are written.
        for (let offset = 0; offset < bytes.length;) {
          const { bytesWritten } = await opened.write(bytes, offset, bytes.length - offset, null);
          offset += bytesWritten;
        }
      } catch (error) {
        await abandon(error);
      }
    },
    async end() {
      try {
        await opened.close();
        handle = undefined;
        if (temporary !== undefined) {
          await rename(temporary, target);
          temporary = undefined;
        }
      } catch (error) {
        await abandon(error);
      }
    },
    abort: discard,
  };
}

/**
 * Opens `stdout` (for the path `undefined` or `-`) or a file for writing.
 *
 * @example
 * const out = await openOutput('report.csv', io.stdout);
 * await out.write('a,b\n');
 * await out.end();
 */
export async function openOutput(path: string | undefined, stdout: CliStream): Promise<OutputSink> {
  return isStdout(path) ? stdoutSink(stdout) : fileSink(path);
}

export async function writeText(
  path: string | undefined,
  text: string,
  stdout: CliStream,
): Promise<void> {
  const sink = await openOutput(path, stdout);
  await sink.write(text);
  await sink.end();
}
