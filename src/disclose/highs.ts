/**
 * HiGHS (the University of Edinburgh's sparse simplex solver, as WebAssembly), loaded on first use
 * rather than at import, so that commands which publish nothing (`--version`, `inspect`) start
 * fast.
 */
import type { Highs } from 'highs';

let loading: Promise<Highs> | undefined;

/**
 * @example
 * const highs = await loadHighs();
 */
export function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((module) => {
    // The package's types describe its CommonJS build; its ES module's default export is the loader.
    const load = module.default as unknown as () => Promise<Highs>;
    return load();
  });
  return loading;
}
