# Expected figures for test/analysis/summary.test.ts, computed from the definitions in
# src/analysis/summary.ts's doc comments (not from its code). Usage:
#   Rscript test/analysis/summary.R
# Amounts go in as whole pence per week; the table holds pence per year (x 52) and the
# figures come out in pounds per week (/ 5200) unless `unit` says otherwise.
fmt <- function(v) {
  if (length(v) == 0 || is.na(v)) "null" else sprintf("%.17g", v)
}
q <- function(v, p) if (length(v) == 0) NA else unname(quantile(v, p, type = 7))
# tol: a pounds tolerance in table units; pct10: a percentage tolerance in tenths of a percent,
# compared in whole numbers so that the expected directions are exact.
summ <- function(name, ind_week, act_week, unit = 5200, tol = 0, pct10 = NA) {
  ind <- ind_week * 52
  act <- act_week * 52
  gap <- act - ind
  dir <- if (is.na(pct10)) ifelse(abs(gap) <= tol, 0, sign(gap)) else
    ifelse(abs(gap) * 1000 <= pct10 * ind, 0, sign(gap))
  n <- length(ind)
  p <- gap[ind != 0] / ind[ind != 0] * 100
  out <- c(
    n = n, up = sum(dir > 0), down = sum(dir < 0), unchanged = sum(dir == 0),
    upShare = sum(dir > 0) / n, downShare = sum(dir < 0) / n, unchangedShare = sum(dir == 0) / n,
    zeroIndicative = sum(ind == 0),
    totalIndicative = sum(ind) / unit, totalActual = sum(act) / unit,
    netGap = (sum(act) - sum(ind)) / unit,
    netGapPct = if (sum(ind) == 0) NA else (sum(act) - sum(ind)) / sum(ind) * 100,
    meanGap = mean(gap) / unit,
    medianGap = q(gap, 0.5) / unit, q1Gap = q(gap, 0.25) / unit, q3Gap = q(gap, 0.75) / unit,
    meanPctGap = if (length(p) == 0) NA else mean(p),
    medianPctGap = q(p, 0.5)
  )
  cat(sprintf("  '%s': {\n", name))
  for (f in names(out)) cat(sprintf("    %s: %s,\n", f, fmt(out[[f]])))
  cat("  },\n")
}

summ("no rows", numeric(0), numeric(0))
summ("n = 1", 10000, 9000)
summ("n = 2", c(10000, 5000), c(11000, 5000))
summ("n = 3 with a zero indicative", c(0, 10000, 10000), c(2000, 10000, 8000))
summ("ties", c(10000, 10000, 10000, 10000, 20000), c(10500, 10500, 9500, 10000, 20050))
summ("ties, per year", c(10000, 10000, 10000, 10000, 20000), c(10500, 10500, 9500, 10000, 20050),
     unit = 100)
# Only rows 0, 2 and 4 (0-based) of "ties": the rows argument of summarise.
summ("ties, rows 0, 2, 4", c(10000, 10000, 20000), c(10500, 9500, 20050))
summ("zero actuals", c(5000, 8000, 3333), c(0, 0, 3333))
summ("every indicative 0", c(0, 0, 0), c(0, 1000, 2550))

i <- 0:499
ind <- ifelse(i %% 11 == 0, 0, ((i * 7919) %% 10007) * 5)
act <- ifelse(i %% 13 == 0, ind, pmax(0, ind + ((i * 104729) %% 2001) - 850))
summ("500 pseudo-random", ind, act)
summ("500 pseudo-random, £5 tolerance", ind, act, tol = 5 * 5200)
summ("500 pseudo-random, 1.5% tolerance", ind, act, pct10 = 15)

# 1,000,000 records of 1p a week indicative and 2p a week actual: exact totals.
summ("a million pennies", rep(1, 1e6), rep(2, 1e6))
