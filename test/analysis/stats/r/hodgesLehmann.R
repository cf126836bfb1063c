# Expected values for test/analysis/stats/hodgesLehmann.test.ts.
#   Rscript test/analysis/stats/r/hodgesLehmann.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
options(warn = -1)
# a = sequence(...a) + a.shift, b likewise (helpers.ts); every case prints
#   estimate = median(outer(a, b, "-"))
# and, without ties and with both samples under 50 (exact):
#   interval = wilcox.test(a, b, conf.int = TRUE, conf.level = level, exact = TRUE)$conf.int
# otherwise (normal approximation) the order statistics of the differences:
#   d <- sort(outer(a, b, "-")); N <- length(d)
#   k <- floor(N / 2 - qnorm(1 - (1 - level) / 2) * sqrt(na * nb * (na + nb + 1) / 12))
#   interval = c(d[k], d[N - k + 1])  (null when k < 1)
cases <- list(
  list(a = c(5, 1009, 8, 7919, 0), b = c(7, 1013, 8, 104729, 0), level = 0.95),
  list(a = c(12, 10007, 4, 7919, 500), b = c(9, 10009, 4, 104729, 0), level = 0.95),
  list(a = c(30, 100003, 16, 7919, 0), b = c(45, 100019, 16, 104729, 1250), level = 0.95),
  list(a = c(49, 1000003, 1, 7919, 0), b = c(49, 1000033, 1, 104729, 0), level = 0.95),
  list(a = c(20, 1000003, 1, 7919, 200000), b = c(25, 1000033, 1, 104729, -200000), level = 0.95),
  list(a = c(10, 10007, 2, 7919, 0), b = c(10, 10009, 2, 104729, 0), level = 0.9),
  list(a = c(10, 10007, 2, 7919, 0), b = c(10, 10009, 2, 104729, 0), level = 0.99),
  list(a = c(8, 10007, 2, 7919, 0), b = c(6, 10009, 2, 104729, 0), level = 0.5),
  # ties, or 50 and more: normal approximation
  list(a = c(15, 11, 1, 7919, 0), b = c(12, 13, 1, 104729, 2), level = 0.95),
  list(a = c(300, 1001, 4, 7919, 10), b = c(200, 997, 4, 104729, 0), level = 0.95),
  list(a = c(50, 1000003, 1, 7919, 0), b = c(10, 1000033, 1, 104729, 50000), level = 0.9),
  list(a = c(2, 11, 1, 7919, 0), b = c(2, 11, 1, 7919, 0), level = 0.95),
  list(a = c(1, 11, 1, 7919, 0), b = c(60, 13, 1, 104729, 0), level = 0.95),
  list(a = c(3000, 100003, 64, 7919, 0), b = c(2800, 100019, 64, 104729, 75), level = 0.95),
  list(a = c(3100, 1009, 10, 7919, 0), b = c(2900, 1013, 10, 104729, -7), level = 0.99)
)
cat("const CASES: { a: number[]; b: number[]; level: number; method: 'exact' | 'normal'; estimate: number; interval: [number, number] | null }[] = [\n")
for (c in cases) {
  a <- sequence(c$a[1], c$a[2], c$a[3], c$a[4]) + c$a[5]
  b <- sequence(c$b[1], c$b[2], c$b[3], c$b[4]) + c$b[5]
  na <- length(a); nb <- length(b)
  d <- sort(outer(a, b, "-"))
  N <- length(d)
  exact <- na < 50 && nb < 50 && !anyDuplicated(c(a, b))
  if (exact) {
    ci <- wilcox.test(a, b, conf.int = TRUE, conf.level = c$level, exact = TRUE)$conf.int
  } else {
    k <- floor(N / 2 - qnorm(1 - (1 - c$level) / 2) * sqrt(na * nb * (na + nb + 1) / 12))
    ci <- if (k >= 1) c(d[k], d[N - k + 1]) else NULL
  }
  cat(sprintf("  { a: %s, b: %s, level: %s, method: '%s', estimate: %s, interval: %s },\n",
              lit(c$a), lit(c$b), lit(c$level), if (exact) "exact" else "normal",
              lit(median(d)), if (is.null(ci)) "null" else lit(as.numeric(ci))))
}
cat("];\n")

cat("// Exact, 3 and 5 values at 75%: qwilcox(0.125, 3, 5) = 3 where pwilcox(3, 3, 5) = 0.125 exactly\n")
cat("// a <- c(1.5, 4, 9); b <- c(0, 2, 3, 7, 11); wilcox.test(a, b, conf.int = TRUE, conf.level = 0.75, exact = TRUE)$conf.int\n")
a <- c(1.5, 4, 9); b <- c(0, 2, 3, 7, 11)
w <- wilcox.test(a, b, conf.int = TRUE, conf.level = 0.75, exact = TRUE)
cat(sprintf("const AT_75 = { interval: %s, estimate: %s, pwilcox3: %s, sorted: %s };\n", lit(as.numeric(w$conf.int)),
            lit(unname(w$estimate)), lit(pwilcox(3, 3, 5)), lit(sort(outer(a, b, "-")))))
cat("// Exact, 2 and 2 at 95%: no k reaches the level; R falls back to qu = 1, the full range\n")
w <- wilcox.test(c(1, 2), c(3.5, 5), conf.int = TRUE, exact = TRUE)
cat(sprintf("const TWO_BY_TWO = { interval: %s, estimate: %s };\n", lit(as.numeric(w$conf.int)), lit(unname(w$estimate))))
