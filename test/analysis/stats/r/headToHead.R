# Expected values for test/analysis/headToHead.test.ts.
#   Rscript test/analysis/stats/r/headToHead.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
options(warn = -1)
# Newcombe's hybrid score interval for p1 - p2 (Newcombe 1998, method 10) from the Wilson limits
# that prop.test(x, n, correct = FALSE) gives for each share:
newcombe <- function(x1, n1, x2, n2, level) {
  w1 <- prop.test(x1, n1, correct = FALSE, conf.level = level)$conf.int
  w2 <- prop.test(x2, n2, correct = FALSE, conf.level = level)$conf.int
  p1 <- x1 / n1; p2 <- x2 / n2; d <- p1 - p2
  c(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}
cat("// newcombe(x1, n1, x2, n2, level): see the script\n")
cat("const NEWCOMBE: [x1: number, n1: number, x2: number, n2: number, level: number, lower: number, upper: number][] = [\n")
for (c in list(c(652, 1073, 150, 746, 0.95), c(56, 70, 48, 80, 0.95), c(9, 10, 3, 10, 0.95), c(0, 10, 0, 10, 0.95),
               c(10, 10, 0, 10, 0.95), c(0, 10, 10, 10, 0.95), c(1, 1, 0, 1, 0.95), c(5, 20, 15, 20, 0.9),
               c(5, 20, 15, 20, 0.99), c(400000, 1000000, 399000, 1000000, 0.95), c(3, 7, 3, 7, 0.5)))
  cat(sprintf("  %s,\n", lit(c(c, newcombe(c[1], c[2], c[3], c[4], c[5])))))
cat("];\n")

# headToHead: % gaps a = sequence(...) + shift, b likewise (helpers.ts); sizes and counts moved down
# given; the rest from wilcox.test, median(outer(a, b, "-")) and its interval (exact: wilcox.test
# conf.int; otherwise order statistics at k = floor(N/2 - qnorm(0.975) sqrt(na nb (na + nb + 1)/12))).
cases <- list(
  list(a = c(12, 10007, 64, 7919, -300), b = c(15, 10009, 64, 104729, 200), n = c(13, 16), down = c(8, 4)),
  list(a = c(400, 1001, 8, 7919, -10), b = c(350, 997, 8, 104729, 15), n = c(420, 360), down = c(240, 120)),
  list(a = c(6, 1009, 4, 7919, 0), b = c(5, 1013, 4, 104729, 0), n = c(7, 5), down = c(3, 4))
)
cat("const CASES: { a: number[]; b: number[]; n: [number, number]; down: [number, number]; medianA: number; medianB: number; expected: Record<string, unknown> }[] = [\n")
for (c in cases) {
  a <- sequence(c$a[1], c$a[2], c$a[3], c$a[4]) + c$a[5]
  b <- sequence(c$b[1], c$b[2], c$b[3], c$b[4]) + c$b[5]
  w <- wilcox.test(a, b); W <- unname(w$statistic)
  diffs <- sort(outer(a, b, "-")); N <- length(diffs)
  exact <- length(a) < 50 && length(b) < 50 && !anyDuplicated(c(a, b))
  hl <- if (exact) as.numeric(wilcox.test(a, b, conf.int = TRUE, exact = TRUE)$conf.int) else {
    k <- floor(N / 2 - qnorm(0.975) * sqrt(length(a) * length(b) * (length(a) + length(b) + 1) / 12))
    if (k >= 1) c(diffs[k], diffs[N - k + 1]) else NULL
  }
  cat(sprintf(paste0("  { a: %s, b: %s, n: %s, down: %s, medianA: %s, medianB: %s, expected: { mannWhitneyU: %s, ",
                     "mannWhitneyP: %s, mannWhitneyMethod: '%s', hodgesLehmann: %s, hodgesLehmannCi: %s, rankBiserial: %s, ",
                     "medianPctGapDifference: %s, downShareDifference: %s, downShareDifferenceCi: %s } },\n"),
              lit(c$a), lit(c$b), lit(c$n), lit(c$down), lit(median(a)), lit(median(b)), lit(W), lit(w$p.value),
              if (grepl("exact", w$method)) "exact" else "normal", lit(median(diffs)),
              if (is.null(hl)) "null" else lit(hl), lit(2 * W / (length(a) * length(b)) - 1),
              lit(median(a) - median(b)), lit(c$down[1] / c$n[1] - c$down[2] / c$n[2]),
              lit(newcombe(c$down[1], c$n[1], c$down[2], c$n[2], 0.95))))
}
cat("];\n")
