# Expected values for test/analysis/stats/funnel.test.ts.
#   Rscript test/analysis/stats/r/funnel.R
# Spiegelhalter's funnel limits for a proportion, normal approximation, with the z values the
# issue states (qnorm(0.975) = 1.959964, qnorm(0.999) = 3.090232 to 7 figures):
#   se <- sqrt(target * (1 - target) / n); limits target -/+ z * se, not clipped to [0, 1];
# and each share's position: strictly beyond a limit is outside it.
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
z95 <- 1.959964
z998 <- 3.090232
position <- function(share, lo95, hi95, lo998, hi998) {
  if (share > hi998) "above-99.8" else if (share > hi95) "above-95"
  else if (share < lo998) "below-99.8" else if (share < lo95) "below-95" else "within"
}
# target, n, and shares to place (share = down / n for a council of n people)
cases <- list(
  list(target = 0.3, n = 100, shares = c(0.45, 0.42, 0.3, 0.2, 0.1)),
  list(target = 0.6095, n = 1073, shares = c(652 / 1073, 0.66, 0.5)),
  list(target = 0.6095, n = 12, shares = c(0, 1, 7 / 12)),
  list(target = 0.05, n = 7, shares = c(0, 3 / 7)),
  list(target = 0.42, n = 1, shares = c(0, 1)),
  list(target = 0, n = 50, shares = c(0, 0.02)),
  list(target = 1, n = 10, shares = c(1, 0.9)),
  list(target = 0.25, n = 250000, shares = c(0.2495, 0.2525, 0.2476))
)
cat("const CASES: { target: number; n: number; lower95: number; upper95: number; lower998: number; upper998: number; positions: [number, string][] }[] = [\n")
for (c in cases) {
  se <- sqrt(c$target * (1 - c$target) / c$n)
  lo95 <- c$target - z95 * se; hi95 <- c$target + z95 * se
  lo998 <- c$target - z998 * se; hi998 <- c$target + z998 * se
  placed <- vapply(c$shares, function(s) sprintf("[%s, '%s']", lit(s), position(s, lo95, hi95, lo998, hi998)), "")
  cat(sprintf("  { target: %s, n: %s, lower95: %s, upper95: %s, lower998: %s, upper998: %s, positions: [%s] },\n",
    lit(c$target), lit(c$n), lit(lo95), lit(hi95), lit(lo998), lit(hi998), paste(placed, collapse = ", ")))
}
cat("];\n")
