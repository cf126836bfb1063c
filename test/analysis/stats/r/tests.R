# Expected values for test/analysis/stats/tests.test.ts.
#   Rscript test/analysis/stats/r/tests.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
options(warn = -1)  # wilcox.test warns "cannot compute exact p-value with ties": that is the point

cat("// binom.test(up, up + down)$p.value\n")
cat("const SIGN: [up: number, down: number, p: number][] = [\n")
for (ud in list(c(2, 8), c(8, 2), c(0, 1), c(1, 0), c(0, 5), c(5, 5), c(7, 3), c(3, 4), c(1, 20),
                c(480, 520), c(4900, 5100), c(100000, 100500), c(10500, 9500), c(1500, 500), c(0, 1000), c(997, 3)))
  cat(sprintf("  %s,\n", lit(c(ud, binom.test(ud[1], sum(ud))$p.value))))
cat("];\n")

tieterm <- function(r) { t <- table(r); sum(t^3 - t) }
# Differences d = sequence(n, m, s, k) + shift (helpers.ts), as wilcox.test(d) sees them.
signed <- list(
  c(5, 101, 1, 7919, 0), c(10, 1009, 1, 7919, 30), c(12, 10007, 1, 7919, -2000),
  c(20, 100003, 1, 7919, 8000), c(30, 100003, 1, 104729, 0), c(49, 1000003, 1, 7919, 100000),
  c(49, 1000003, 1, 15485863, -300000), c(25, 1000003, 1, 7919, 600000),
  # ties and zeros: normal approximation
  c(40, 21, 1, 7919, 2), c(200, 41, 1, 7919, -3), c(5000, 1001, 4, 7919, 20), c(12, 7, 1, 7919, 0),
  # n = 50 without ties or zeros: R goes to the normal approximation (exact = n < 50)
  c(50, 1000003, 1, 7919, 100000), c(50, 1000003, 1, 7919, 0)
)
cat("// d <- sequence(n, m, s, k) + shift; w <- wilcox.test(d, exact = NULL, correct = TRUE)\n")
cat("// V = w$statistic, p = w$p.value, exact = grepl('exact', w$method);\n")
cat("// n, ties and zeros as wilcox.test counts them: sum(d != 0), Σ(t³ - t) over table(rank(abs(d[d != 0]))), sum(d == 0)\n")
cat("const SIGNED: { n: number; m: number; s: number; k: number; shift: number; V: number; p: number; exact: boolean; nonZero: number; ties: number; zeros: number }[] = [\n")
for (c in signed) {
  d <- sequence(c[1], c[2], c[3], c[4]) + c[5]
  w <- wilcox.test(d, exact = NULL, correct = TRUE)
  nz <- d[d != 0]
  cat(sprintf("  { n: %d, m: %d, s: %d, k: %d, shift: %d, V: %s, p: %s, exact: %s, nonZero: %d, ties: %s, zeros: %d },\n",
              c[1], c[2], c[3], c[4], c[5], lit(unname(w$statistic)), lit(w$p.value),
              tolower(grepl("exact", w$method)), length(nz), lit(tieterm(rank(abs(nz)))), sum(d == 0)))
}
cat("];\n")

# Two samples a = sequence(na, m, s, k) + shift, b = sequence(nb, m2, s2, k2).
two <- list(
  list(a = c(3, 101, 1, 7919, 100), b = c(3, 103, 1, 104729, 0)),
  list(a = c(5, 1009, 1, 7919, 0), b = c(7, 1013, 1, 104729, 0)),
  list(a = c(12, 10007, 1, 7919, 2000), b = c(9, 10009, 1, 104729, 0)),
  list(a = c(30, 100003, 1, 7919, 0), b = c(45, 100019, 1, 104729, 20000)),
  list(a = c(49, 1000003, 1, 7919, 0), b = c(49, 1000033, 1, 104729, 0)),
  list(a = c(20, 1000003, 1, 7919, 200000), b = c(25, 1000033, 1, 104729, -200000)),
  # ties: normal approximation
  list(a = c(15, 11, 1, 7919, 0), b = c(12, 13, 1, 104729, 2)),
  list(a = c(300, 1001, 4, 7919, 10), b = c(200, 997, 4, 104729, 0)),
  # 50 or more in one sample: normal approximation even without ties
  list(a = c(50, 1000003, 1, 7919, 0), b = c(10, 1000033, 1, 104729, 50000)),
  list(a = c(3000, 5003, 2, 7919, 0), b = c(2500, 4999, 2, 104729, -40))
)
cat("// a <- sequence(...a) + a.shift; b <- sequence(...b) + b.shift; w <- wilcox.test(a, b)\n")
cat("// W = w$statistic, p = w$p.value, exact = grepl('exact', w$method), rankBiserial = 2 W / (na nb) - 1,\n")
cat("// rankSum = sum(rank(c(a, b))[seq_along(a)]), ties = Σ(t³ - t) over table(rank(c(a, b)))\n")
cat("const TWO: { a: number[]; b: number[]; W: number; p: number; exact: boolean; rankBiserial: number; rankSum: number; ties: number }[] = [\n")
for (c in two) {
  a <- sequence(c$a[1], c$a[2], c$a[3], c$a[4]) + c$a[5]
  b <- sequence(c$b[1], c$b[2], c$b[3], c$b[4]) + c$b[5]
  w <- wilcox.test(a, b)
  r <- rank(c(a, b))
  W <- unname(w$statistic)
  cat(sprintf("  { a: %s, b: %s, W: %s, p: %s, exact: %s, rankBiserial: %s, rankSum: %s, ties: %s },\n",
              lit(c$a), lit(c$b), lit(W), lit(w$p.value), tolower(grepl("exact", w$method)),
              lit(2 * W / (length(a) * length(b)) - 1), lit(sum(r[seq_along(a)])), lit(tieterm(r))))
}
cat("];\n")

cat("// Complete separation, a above b, 30 and 30: wilcox.test(31:60, 1:30)\n")
w <- wilcox.test(31:60, 1:30)
cat(sprintf("const SEPARATED = { W: %s, p: %s };\n", lit(unname(w$statistic)), lit(w$p.value)))
cat("// and a below b: wilcox.test(1:30, 31:60)\n")
w <- wilcox.test(1:30, 31:60)
cat(sprintf("const SEPARATED_BELOW = { W: %s, p: %s };\n", lit(unname(w$statistic)), lit(w$p.value)))
cat("// Complete separation, a above b, 20 and 20: wilcox.test(21:40, 1:20)\n")
w <- wilcox.test(21:40, 1:20)
cat(sprintf("const SEPARATED_20 = { W: %s, p: %s };\n", lit(unname(w$statistic)), lit(w$p.value)))
cat("// Complete separation, a above b, 12 and 12: wilcox.test(13:24, 1:12)\n")
w <- wilcox.test(13:24, 1:12)
cat(sprintf("const SEPARATED_12 = { W: %s, p: %s };\n", lit(unname(w$statistic)), lit(w$p.value)))

# Kruskal-Wallis: groups g_j = sequence(n_j, m, s, k_j) + shift_j
kw <- list(
  list(c(5, 101, 1, 7919, 0), c(6, 103, 1, 104729, 10), c(4, 107, 1, 15485863, -10)),
  list(c(30, 11, 1, 7919, 0), c(40, 13, 1, 104729, 1), c(25, 7, 1, 15485863, 0), c(10, 5, 1, 7919, -1)),
  list(c(2, 11, 1, 7919, 0), c(1, 13, 1, 104729, 0)),
  list(c(2000, 1001, 4, 7919, 0), c(1500, 1003, 4, 104729, 5), c(800, 997, 4, 15485863, -3)),
  list(c(3, 5, 1, 7919, 0), c(3, 5, 1, 7919, 0))
)
cat("// kruskal.test(groups): statistic, parameter, p.value; rankSums from rank(unlist(groups)); ties Σ(t³ - t) over table(unlist(groups))\n")
cat("const KW: { groups: number[][]; statistic: number; df: number; p: number; rankSums: number[]; sizes: number[]; ties: number }[] = [\n")
for (c in kw) {
  gs <- lapply(c, function(g) sequence(g[1], g[2], g[3], g[4]) + g[5])
  k <- kruskal.test(gs)
  x <- unlist(gs)
  r <- rank(x)
  id <- rep(seq_along(gs), lengths(gs))
  t <- table(x)
  cat(sprintf("  { groups: [%s], statistic: %s, df: %s, p: %s, rankSums: %s, sizes: %s, ties: %s },\n",
              paste(sapply(c, lit), collapse = ", "), lit(unname(k$statistic)), lit(unname(k$parameter)),
              lit(k$p.value), lit(unname(tapply(r, id, sum))), lit(lengths(gs)), lit(sum(t^3 - t))))
}
cat("];\n")

cat("// p.adjust(p, 'holm') (NA stands for null)\n")
cat("const HOLM: [(number | null)[], (number | null)[]][] = [\n")
for (p in list(c(0.01, 0.04, 0.03), c(0.01, NA, 0.02, 0.04), c(0.5), c(NA, NA), c(0.001, 0.001, 0.2, 0.9, 0.04),
               c(0.3, 0.2, 0.1, 0.05), c(1e-300, 0.6, 0.6, 0.2), c(0.02, 0.02, 0.02)))
  cat(sprintf("  [%s, %s],\n", if (length(p) == 1) paste0("[", lit(p), "]") else lit(p),
              if (length(p) == 1) paste0("[", lit(p.adjust(p, "holm")), "]") else lit(p.adjust(p, "holm"))))
cat("];\n")
