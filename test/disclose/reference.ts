// The audit's reference: a hidden cell's least or largest value from a model of its own built
// afresh (HiGHS's default strategy, no batches, no earlier basis, no witness), for checking
// audit.ts and witness.ts against.
import type { Highs } from 'highs';
import { expect } from 'vitest';
import type { CellBounds, CellSystem } from '../../src/disclose/cells.js';

/** The least (maximise false) or largest value `target` can take; ±Infinity when unbounded. */
export function referenceExtreme(
  highs: Highs,
  system: CellSystem,
  hidden: readonly number[],
  bounds: ReadonlyMap<number, CellBounds>,
  target: number,
  maximise: boolean,
): number {
  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false });
    for (const cell of hidden) {
      const bound = bounds.get(cell);
      const least = system.cells[cell].field === 'netGap' ? -highs.infinity : 0;
      const max = bound?.max ?? Infinity;
      model.addVar(bound?.min ?? least, Number.isFinite(max) ? max : highs.infinity);
    }
    const relations: [CellSystem['identities'], boolean][] = [
      [system.identities, true],
      [system.inequalities, false],
    ];
    for (const [list, equal] of relations) {
      for (const terms of list) {
        let known = 0;
        const indices: number[] = [];
        const values: number[] = [];
        for (const { cell, coefficient } of terms) {
          const at = hidden.indexOf(cell);
          if (at < 0) known += coefficient * system.cells[cell].value;
          else if (indices.includes(at)) values[indices.indexOf(at)] += coefficient;
          else {
            indices.push(at);
            values.push(coefficient);
          }
        }
        if (indices.length > 0) {
          model.addRow(equal ? -known : -highs.infinity, -known, { indices, values });
        }
      }
    }
    model.changeColCost(hidden.indexOf(target), 1);
    const { maximize, minimize } = highs.constants.objectiveSense;
    model.changeObjectiveSense(maximise ? maximize : minimize);
    model.run();
    const status = model.getModelStatus();
    if (status === highs.constants.modelStatus.unbounded) return maximise ? Infinity : -Infinity;
    expect(status).toBe(highs.constants.modelStatus.optimal);
    return model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}
