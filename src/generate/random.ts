/**
 * A small seeded pseudo-random number generator (mulberry32) with the few helpers the
 * synthetic-export generator needs. Math.random() cannot be seeded, and reproducible
 * fixtures need the same bytes for the same seed on every machine and Node version.
 *
 * Not for cryptography.
 */

/**
 * One choice for {@link Random.weighted}: a value and its relative weight (any
 * non-negative scale; the weights need not sum to 1 or 100).
 *
 * @example
 * const choice: WeightedItem<string> = { value: 'Mental Health Support', weight: 10 };
 */
export interface WeightedItem<T> {
  value: T;
  weight: number;
}

const TWO_POW_32 = 4294967296;

/**
 * Spreads the bits of a seed so that nearby seeds (1, 2, 3, ...) start far apart in the
 * mulberry32 sequence, which otherwise advances its state by a fixed constant.
 */
function scrambleSeed(seed: number): number {
  // Keep the high bits of seeds beyond 32 bits instead of silently dropping them.
  let h = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A seeded random source. Every method advances the same stream, so calling them in the
 * same order from the same seed reproduces the same values.
 *
 * @example
 * const rng = new Random(42);
 * rng.uniform(); // a number in [0, 1), identical on every run with seed 42
 */
export class Random {
  private state: number;
  // Box–Muller yields normals in pairs; the second is kept for the next call.
  private spareNormal: number | null = null;

  /**
   * @param seed an integer (fractions are truncated); negative and large seeds are fine.
   * @example
   * const a = new Random(7);
   * const b = new Random(7);
   * a.uniform() === b.uniform(); // true
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new RangeError(`seed must be a finite number, got ${seed}`);
    }
    this.state = scrambleSeed(Math.trunc(seed));
  }

  /**
   * A uniform number in [0, 1).
   *
   * @example
   * const rng = new Random(1);
   * if (rng.uniform() < 0.04) {
   *   // happens about 4% of the time
   * }
   */
  uniform(): number {
    // mulberry32 (Tommy Ettinger): 32-bit state, passes gjrand/PractRand well enough
    // for simulation and is a handful of integer operations.
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }

  /**
   * A uniform integer from lo to hi, both included.
   *
   * @example
   * const rng = new Random(1);
   * rng.int(18, 64); // e.g. 37
   */
  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`int(lo, hi) needs integers with lo <= hi, got ${lo}, ${hi}`);
    }
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /**
   * A standard normal deviate (mean 0, standard deviation 1), by Box–Muller.
   *
   * @example
   * const rng = new Random(1);
   * const weeklyAmount = Math.exp(Math.log(250) + 0.5 * rng.normal()); // lognormal, median £250
   */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    // 1 - uniform() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /**
   * One element of a non-empty array, each equally likely.
   *
   * @example
   * const rng = new Random(1);
   * rng.pick(['*', '[c]', '<5']); // e.g. '[c]'
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError('pick() needs a non-empty array');
    }
    return items[Math.floor(this.uniform() * items.length)];
  }

  /**
   * One value, chosen with probability proportional to its weight.
   *
   * @example
   * const rng = new Random(1);
   * rng.weighted([
   *   { value: 'unchanged', weight: 20 },
   *   { value: 'moderated', weight: 80 },
   * ]); // 'moderated' about 4 times in 5
   */
  weighted<T>(items: readonly WeightedItem<T>[]): T {
    let total = 0;
    for (const item of items) {
      if (!(item.weight >= 0) || !Number.isFinite(item.weight)) {
        throw new RangeError(`weights must be finite and non-negative, got ${item.weight}`);
      }
      total += item.weight;
    }
    if (total <= 0) {
      throw new RangeError('weighted() needs at least one positive weight');
    }
    let target = this.uniform() * total;
    for (const item of items) {
      target -= item.weight;
      if (target < 0) {
        return item.value;
      }
    }
    // Rounding can leave target at a hair above 0: fall back to the last weighted item.
    for (let i = items.length - 1; i >= 0; i--) {
      if (items[i].weight > 0) {
        return items[i].value;
      }
    }
    throw new RangeError('weighted() needs at least one positive weight');
  }
}
