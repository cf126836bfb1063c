# Expected values for test/analysis/stats/cochranArmitage.test.ts.
#   Rscript test/analysis/stats/r/cochranArmitage.R
# Each case prints R's prop.trend.test(x, n, score = score) (score = 0:(k-1) unless given):
#   statistic = unname(t$statistic), p = t$p.value,
#   z = sign(sum(x * (score - weighted.mean(score, n)))) * sqrt(statistic)  (the direction),
# and null where R gives NA or stops with an error.
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
options(warn = -1)
# A vector as a TypeScript array, even of one value.
arr <- function(v) paste0("[", paste(vapply(v, lit, ""), collapse = ", "), "]")
cases <- list(
  list(x = c(15, 10, 5), n = c(50, 50, 50)),
  list(x = c(120, 150, 170, 210), n = c(400, 420, 410, 430)),
  list(x = c(15, 10), n = c(50, 50)),
  list(x = c(30, 45, 60), n = c(100, 110, 105), score = c(0, 1, 3)),
  list(x = c(5, 0, 3), n = c(10, 0, 9)),
  list(x = c(1, 0), n = c(1, 1)),
  list(x = c(400123, 401500, 399870, 402990, 404100), n = c(1000003, 1000211, 999871, 1001002, 1000519)),
  list(x = c(3, 3, 3, 3), n = c(10, 10, 10, 10)),
  list(x = c(0, 0, 0), n = c(50, 50, 50)),
  list(x = c(50, 50, 50), n = c(50, 50, 50)),
  list(x = c(5), n = c(50)),
  list(x = c(5, 0), n = c(10, 0)),
  list(x = c(1), n = c(1))
)
cat("const CASES: { x: number[]; n: number[]; scores?: number[]; statistic: number | null; p: number | null; z: number | null }[] = [\n")
for (c in cases) {
  score <- if (is.null(c$score)) seq_along(c$x) - 1 else c$score
  t <- tryCatch(prop.trend.test(c$x, c$n, score = score), error = function(e) NULL)
  statistic <- if (is.null(t)) NA else unname(t$statistic)
  p <- if (is.null(t)) NA else t$p.value
  direction <- sign(sum(c$x * (score - weighted.mean(score, c$n))))
  z <- if (is.na(statistic)) NA else direction * sqrt(statistic)
  scores <- if (is.null(c$score)) "" else sprintf(" scores: %s,", arr(c$score))
  cat(sprintf("  { x: %s, n: %s,%s statistic: %s, p: %s, z: %s },\n",
    arr(c$x), arr(c$n), scores, lit(statistic), lit(p), lit(z)))
}
cat("];\n")
