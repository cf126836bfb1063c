# Expected values for the million-row case of test/analysis/stats/kendall.test.ts (R's
# cor(method = "kendall") counts all n² pairs, too slow at this size; SciPy's kendalltau is
# O(n log n) and uses R's tie-corrected variance, as the 3000-row case here shows against R).
#   python3 test/analysis/stats/py/kendall_large.py
import numpy as np
from scipy import stats


def periods(n, k):
    return np.floor(np.arange(n) * k / n)


def sequence(n, m, s, k=7919):
    i = np.arange(1, n + 1, dtype=np.int64)
    return (((i * k + i * i * 13) % m) - m // 2) / s


def case(n, m, slope):
    x = periods(n, 5)
    y = sequence(n, m, 1) + slope * x
    result = stats.kendalltau(x, y, variant="b", method="asymptotic")
    return float(result.statistic), float(result.pvalue)


# y = sequence(n, m, 1) + slope * period, 5 periods: every y value is shared by hundreds of rows.
print("const SCIPY: { n: number; m: number; slope: number; tau: number; p: number }[] = [")
for n, m, slope in [(3000, 41, 2), (1_000_000, 4001, 1)]:
    tau, p = case(n, m, slope)
    print(f"  {{ n: {n}, m: {m}, slope: {slope}, tau: {tau!r}, p: {p!r} }},")
print("];")
