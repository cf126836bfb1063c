/**
 * Writing results: to stdout, or to a file by way of a temporary file and a rename so that an
 * interrupted run never leaves half a report. Writing over an input file is refused.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RasgapError } from '../errors.js';

export function refuseOverwritingInputs(outputs: (string | undefined)[], inputs: string[]): void {
  const inputPaths = new Set(inputs.map((path) => resolve(path)));
  for (const output of outputs) {
    if (output !== undefined && inputPaths.has(resolve(output))) {
      throw new RasgapError('OUTPUT_OVER_INPUT', `the output would overwrite an input file`, {
        file: output,
        fix: 'choose another --output or --exclusions file name',
      });
    }
  }
}

export async function writeText(path: string | undefined, text: string): Promise<void> {
  if (path === undefined || path === '-') {
    await new Promise<void>((done, fail) =>
      process.stdout.write(text, (error) => (error ? fail(error) : done())),
    );
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new RasgapError(
      'OUTPUT_FAILED',
      `cannot write the output (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { file: path, fix: 'check that the folder exists and that you can write to it' },
    );
  }
}
