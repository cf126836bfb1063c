# Expected values for test/analysis/stats/agreement.test.ts.
#   Rscript test/analysis/stats/r/agreement.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
# indicative x = sequence(n, 10007, 1) + 6000; actual y = x + x / 8 + sequence(n, m2, s2, 104729)
# (helpers.ts), so the actual budget tracks the indicative one with a proportional part and noise.
make <- function(n, m2, s2) {
  x <- sequence(n, 10007, 1) + 6000
  list(x = x, y = x + x / 8 + sequence(n, m2, s2, 104729))
}
cat("// fit <- lm(y ~ x); coef(fit), summary(fit)$r.squared, summary(fit)$coefficients[2, 4];\n")
cat("// cor(x, y); cor(x, y, method = 'spearman')\n")
cat("const FITS: { n: number; m2: number; s2: number; intercept: number; slope: number; rSquared: number; slopeP: number | null; pearson: number; spearman: number }[] = [\n")
for (c in list(c(3, 1009, 1), c(10, 1009, 1), c(10, 11, 1), c(100, 100003, 1), c(100, 7, 1), c(5000, 100003, 1), c(5000, 2000003, 0.25))) {
  d <- make(c[1], c[2], c[3])
  fit <- lm(d$y ~ d$x)
  s <- summary(fit)
  cat(sprintf("  { n: %d, m2: %d, s2: %s, intercept: %s, slope: %s, rSquared: %s, slopeP: %s, pearson: %s, spearman: %s },\n",
              c[1], c[2], lit(c[3]), lit(unname(coef(fit)[1])), lit(unname(coef(fit)[2])), lit(s$r.squared),
              lit(s$coefficients[2, 4]), lit(cor(d$x, d$y)), lit(cor(d$x, d$y, method = "spearman"))))
}
cat("];\n")
cat("// Spearman with ties in both: x = sequence(200, 13, 1), y = sequence(200, 11, 1, 104729) + x / 2\n")
x <- sequence(200, 13, 1); y <- sequence(200, 11, 1, 104729) + x / 2
cat(sprintf("const SPEARMAN_TIES = { pearson: %s, spearman: %s };\n", lit(cor(x, y)), lit(cor(x, y, method = "spearman"))))

cat("// Bland-Altman (Bland & Altman 1999, section 2.1), d = y - x, m = (x + y) / 2:\n")
cat("//   bias <- mean(d); s <- sd(d); z <- qnorm(1 - (1 - level) / 2); t <- qt(1 - (1 - level) / 2, n - 1)\n")
cat("//   limits <- bias + c(-1, 1) * z * s\n")
cat("//   biasCi <- bias + c(-1, 1) * t * s / sqrt(n)\n")
cat("//   limitCi <- limit + c(-1, 1) * t * s * sqrt(1 / n + z^2 / (2 * (n - 1)))\n")
cat("//   proportional bias: lm(d ~ m): coef, summary(...)$coefficients[2, 4]\n")
cat("const BLAND_ALTMAN: { n: number; m2: number; s2: number; level: number; bias: number; sd: number; lower: number; upper: number; biasCi: [number, number]; lowerCi: [number, number]; upperCi: [number, number]; propIntercept: number; propSlope: number; propP: number | null }[] = [\n")
for (c in list(c(2, 1009, 1, 0.95), c(3, 1009, 1, 0.95), c(10, 1009, 1, 0.95), c(10, 1009, 1, 0.9), c(100, 100003, 1, 0.99),
               c(5000, 100003, 1, 0.95))) {
  d0 <- make(c[1], c[2], c[3])
  n <- c[1]; level <- c[4]
  d <- d0$y - d0$x; m <- (d0$x + d0$y) / 2
  bias <- mean(d); s <- sd(d); z <- qnorm(1 - (1 - level) / 2); t <- qt(1 - (1 - level) / 2, n - 1)
  limits <- bias + c(-1, 1) * z * s
  half <- t * s * sqrt(1 / n + z^2 / (2 * (n - 1)))
  fit <- lm(d ~ m)
  p <- if (n > 2) summary(fit)$coefficients[2, 4] else NA
  cat(sprintf("  { n: %d, m2: %d, s2: %s, level: %s, bias: %s, sd: %s, lower: %s, upper: %s, biasCi: %s, lowerCi: %s, upperCi: %s, propIntercept: %s, propSlope: %s, propP: %s },\n",
              n, c[2], lit(c[3]), lit(level), lit(bias), lit(s), lit(limits[1]), lit(limits[2]),
              lit(bias + c(-1, 1) * t * s / sqrt(n)), lit(limits[1] + c(-1, 1) * half), lit(limits[2] + c(-1, 1) * half),
              lit(unname(coef(fit)[1])), lit(unname(coef(fit)[2])), lit(p)))
}
cat("];\n")
