/**
 * The output formats by name, apart from the renderers, so that the option table and the CLI can
 * name them without loading the HTML renderer.
 */
import { RasgapError } from '../errors.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * @example
 * parseFormat('json') // 'json'
 */
export function parseFormat(text: string): Format {
  const format = (FORMATS as readonly string[]).includes(text) ? (text as Format) : null;
  if (format === null) {
    throw new RasgapError('USAGE', `unknown format "${text}"`, {
      fix: `use --format ${FORMATS.join(', ')}`,
    });
  }
  return format;
}
