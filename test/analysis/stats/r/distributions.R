# Expected values for test/analysis/stats/distributions.test.ts.
#   Rscript test/analysis/stats/r/distributions.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
rows <- function(name, type, m) {
  cat(sprintf("const %s: %s[] = [\n", name, type))
  for (i in seq_len(nrow(m))) cat(sprintf("  %s,\n", lit(m[i, ])))
  cat("];\n")
}
x <- c(-37.5, -30, -20, -10, -8, -5, -3, -1.96, -1, -0.5, -1e-10, 0, 1e-10, 0.5, 1, 1.96, 3, 5, 8)
rows("PNORM", "[x: number, p: number]", cbind(x, pnorm(x)))
x <- c(5, 8, 20, 30)
rows("PNORM_UPPER", "[x: number, upper: number]", cbind(x, pnorm(x, lower.tail = FALSE)))
p <- c(1e-300, 1e-100, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-5, 1 - 1e-10)
rows("QNORM", "[p: number, q: number]", cbind(p, qnorm(p)))

dfs <- c(1, 2, 3, 10, 30, 1000, 1e5)
g <- expand.grid(t = c(-1e3, -50, -20, -8, -3, -1, -0.1, 0, 0.5, 2, 4, 40), df = dfs)
rows("PT", "[df: number, t: number, p: number]", cbind(g$df, g$t, pt(g$t, g$df)))
g <- expand.grid(t = c(1e-6, 1e-4), df = 1e5)
rows("PT_NEAR_ZERO", "[df: number, t: number, p: number]", cbind(g$df, g$t, pt(g$t, g$df)))
g <- expand.grid(p = c(1e-8, 1e-4, 0.025, 0.3, 0.5, 0.6, 0.975, 0.9999, 1 - 1e-8), df = dfs)
rows("QT", "[df: number, p: number, q: number]", cbind(g$df, g$p, qt(g$p, g$df)))
g <- expand.grid(p = c(1e-10, 1 - 1e-10), df = dfs)
rows("QT_EXTREME", "[df: number, p: number, q: number]", cbind(g$df, g$p, qt(g$p, g$df)))

g <- expand.grid(f = c(0.01, 0.1, 0.5, 1, 2, 4, 10), df = c(1, 2, 5, 30, 200))
g <- rbind(g, data.frame(f = 1500 / c(1, 2, 5, 30, 200), df = c(1, 2, 5, 30, 200)))
g$x <- g$df * g$f
rows("CHISQ", "[df: number, x: number, cdf: number, upper: number]",
     cbind(g$df, g$x, pchisq(g$x, g$df), pchisq(g$x, g$df, lower.tail = FALSE)))

g <- expand.grid(f = c(0, 0.05, 0.3, 0.49, 0.5, 0.51, 0.7, 0.95), p = c(0.5, 0.1, 0.9),
                 n = c(1, 10, 100, 1000, 1e4, 1e5, 1e6))
g$k <- floor(g$n * g$f)
g <- rbind(g[, c("n", "p", "k")],
           data.frame(n = 1e6, p = 0.5, k = c(480000, 490000, 495000, 499000, 499999, 500001, 505000)),
           data.frame(n = 1e6, p = 1e-6, k = c(0, 1, 2, 5)))
rows("PBINOM", "[n: number, p: number, k: number, cdf: number]", cbind(g$n, g$p, g$k, pbinom(g$k, g$n, g$p)))

cat("// psignrank(0:(n * (n + 1) / 2), n)\n")
cat("const PSIGNRANK_FULL: Record<number, number[]> = {\n")
for (n in c(1, 2, 3, 5, 8)) cat(sprintf("  %d: %s,\n", n, lit(psignrank(0:(n * (n + 1) / 2), n))))
cat("};\n")
cat("// psignrank(v, n) at chosen v\n")
cat("const PSIGNRANK: [n: number, v: number, cdf: number][] = [\n")
for (n in c(20, 30, 49, 50)) {
  top <- n * (n + 1) / 2
  for (v in unique(c(0, 1, 2, 10, round(top * c(0.1, 0.3, 0.45)), floor(top / 2), ceiling(top / 2),
                     round(top * 0.7), top - 2, top - 1, top)))
    cat(sprintf("  %s,\n", lit(c(n, v, psignrank(v, n)))))
}
cat("];\n")
cat("// pwilcox(0:(m * n), m, n)\n")
cat("const PWILCOX_FULL: [m: number, n: number, cdf: number[]][] = [\n")
for (mn in list(c(1, 1), c(1, 4), c(2, 3), c(3, 2), c(4, 4)))
  cat(sprintf("  [%d, %d, %s],\n", mn[1], mn[2], lit(pwilcox(0:(mn[1] * mn[2]), mn[1], mn[2]))))
cat("];\n")
cat("// pwilcox(u, m, n) at chosen u\n")
cat("const PWILCOX: [m: number, n: number, u: number, cdf: number][] = [\n")
for (mn in list(c(5, 7), c(10, 10), c(20, 30), c(30, 20), c(49, 1), c(49, 49))) {
  top <- mn[1] * mn[2]
  for (u in unique(c(0, 1, 2, round(top * c(0.1, 0.3, 0.45)), floor(top / 2), ceiling(top / 2),
                     round(top * 0.7), top - 2, top - 1, top)))
    cat(sprintf("  %s,\n", lit(c(mn[1], mn[2], u, pwilcox(u, mn[1], mn[2])))))
}
cat("];\n")
