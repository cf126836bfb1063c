# Expected values for test/analysis/stats/intervals.test.ts.
#   Rscript test/analysis/stats/r/intervals.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))

# Median: x = sort(sequence(n, m, s)) (helpers.ts); the order statistics x(k), x(n + 1 - k) at
#   k <- qbinom(alpha / 2, n, 0.5); if (pbinom(k, n, 0.5) <= alpha / 2) k <- k + 1
# i.e. the largest k with P(B <= k - 1) <= alpha / 2 for B ~ Binomial(n, 1/2) (checked against
# sum(pbinom(0:(n - 1), n, 0.5) <= alpha / 2)); null when k = 0.
median_k <- function(n, level) {
  alpha <- 1 - level
  k <- qbinom(alpha / 2, n, 0.5)
  if (pbinom(k, n, 0.5) <= alpha / 2) k <- k + 1
  stopifnot(k == sum(pbinom(0:(n - 1), n, 0.5) <= alpha / 2))
  k
}
cat("const MEDIAN: { n: number; m: number; s: number; level: number; k: number; interval: [number, number] | null }[] = [\n")
specs <- rbind(cbind(n = 1:12, level = 0.95), cbind(n = c(20, 50, 101, 1000, 5000, 100000), level = 0.95),
               cbind(n = c(3, 10, 100, 5000), level = 0.9), cbind(n = c(7, 8, 10, 100, 5000), level = 0.99),
               cbind(n = c(1, 2, 3, 10, 1000), level = 0.5), cbind(n = c(4, 5, 8), level = 0.875))
for (i in seq_len(nrow(specs))) {
  n <- specs[i, "n"]; level <- specs[i, "level"]
  x <- sort(sequence(n, 10007, 4))
  k <- median_k(n, level)
  cat(sprintf("  { n: %d, m: 10007, s: 4, level: %s, k: %d, interval: %s },\n", n, lit(level), k,
              if (k == 0) "null" else lit(c(x[k], x[n + 1 - k]))))
}
cat("];\n")

cat("// t.test(x, conf.level = level)$conf.int with x = sequence(n, m, s); mean and sd as R gives them\n")
cat("const MEAN: { n: number; m: number; s: number; level: number; mean: number; sd: number; interval: [number, number] }[] = [\n")
for (c in list(c(2, 101, 1, 0.95), c(3, 1009, 4, 0.95), c(10, 10007, 4, 0.95), c(10, 10007, 4, 0.9),
               c(10, 10007, 4, 0.99), c(31, 100003, 100, 0.95), c(1000, 100003, 100, 0.95),
               c(5000, 1009, 1, 0.8), c(100000, 1000003, 8, 0.999))) {
  x <- sequence(c[1], c[2], c[3])
  ci <- t.test(x, conf.level = c[4])$conf.int
  cat(sprintf("  { n: %d, m: %d, s: %d, level: %s, mean: %s, sd: %s, interval: %s },\n", c[1], c[2], c[3],
              lit(c[4]), lit(mean(x)), lit(sd(x)), lit(as.numeric(ci))))
}
cat("];\n")

cat("// prop.test(k, n, correct = FALSE, conf.level = level)$conf.int\n")
cat("const WILSON: [k: number, n: number, level: number, lower: number, upper: number][] = [\n")
for (c in list(c(0, 10, 0.95), c(10, 10, 0.95), c(57, 100, 0.95), c(1, 2, 0.95), c(0, 1, 0.95), c(1, 1, 0.95),
               c(3, 1000, 0.95), c(500000, 1000000, 0.95), c(1, 3, 0.9), c(17, 40, 0.99), c(17, 40, 0.5),
               c(999, 1000, 0.999), c(652, 1073, 0.95), c(150, 746, 0.95)))
  cat(sprintf("  %s,\n", lit(c(c, as.numeric(suppressWarnings(prop.test(c[1], c[2], correct = FALSE, conf.level = c[3])$conf.int))))))
cat("];\n")
