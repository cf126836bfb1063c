/**
 * HiGHS (the University of Edinburgh's sparse simplex solver, as WebAssembly), loaded on first use
 * rather than at import, so that commands which publish nothing (`--version`, `inspect`) start
 * fast, and runs whose audits witnesses settle never load it.
 */
import type { Highs } from 'highs';

let loading: Promise<Highs> | undefined;
let loaded: Highs | undefined;

/**
 * @example
 * const highs = await loadHighs();
 */
export function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((module) => {
    // The package's types describe its CommonJS build; its ES module's default export is the loader.
    const load = module.default as unknown as () => Promise<Highs>;
    return load().then((highs) => (loaded = highs));
  });
  return loading;
}

/** Thrown by withSolver's stand-in for HiGHS while it is not loaded. */
class SolverNeeded extends Error {}

/**
 * Runs `work` (which must be deterministic and change nothing outside itself), giving it HiGHS
 * only on demand. When HiGHS is not loaded yet, `work` first runs without it, and only if it asks
 * for the solver is HiGHS loaded and `work` run again from the start. A council's file publishes
 * with witnesses alone (audit.ts), and loading HiGHS there cost about 25 ms of a 0.33 s run
 * (reading 3.5 MB of WebAssembly, instantiating it, compiling its JavaScript).
 *
 * @example
 * const hidden = await withSolver((highs) => suppressCells(highs, system, rowOf, settings));
 */
export async function withSolver<T>(work: (highs: () => Highs) => T): Promise<T> {
  if (loaded) {
    const ready = loaded;
    return work(() => ready);
  }
  try {
    return work(() => {
      throw new SolverNeeded('HiGHS is not loaded');
    });
  } catch (error) {
    if (!(error instanceof SolverNeeded)) throw error;
  }
  const highs = await loadHighs();
  return work(() => highs);
}
