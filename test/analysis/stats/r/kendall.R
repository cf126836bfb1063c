# Expected values for test/analysis/stats/kendall.test.ts.
#   Rscript test/analysis/stats/r/kendall.R
# Each case prints, from t <- cor.test(x, y, method = "kendall", exact = FALSE, continuity = FALSE):
#   tau = unname(t$estimate), z = unname(t$statistic), p = t$p.value, n = sum(complete.cases(x, y)),
# with null where R gives NA or NaN, or stops ("not enough finite observations", n < 2).
# Vectors are either written out or built as the test builds them:
#   periods(n, k)  x_i = floor((i - 1) * k / n), i = 1..n: k periods of consecutive rows;
#   sequence(n, m, s, k) + shift (lib.R), plus slope * periods(n, p) when `perPeriod` = c(p, slope).
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
options(warn = -1)
arr <- function(v) paste0("[", paste(vapply(v, lit, ""), collapse = ", "), "]")
periods <- function(n, k) floor((seq_len(n) - 1) * k / n)
build <- function(spec) {
  if (spec$kind == "values") return(spec$values)
  if (spec$kind == "periods") return(periods(spec$n, spec$k))
  v <- sequence(spec$n, spec$m, spec$s, spec$k) + spec$shift
  if (!is.null(spec$perPeriod)) v <- v + spec$perPeriod[2] * periods(spec$n, spec$perPeriod[1])
  v
}
values <- function(v) list(kind = "values", values = v)
seqs <- function(n, m, s, k = 7919, shift = 0, perPeriod = NULL) {
  list(kind = "sequence", n = n, m = m, s = s, k = k, shift = shift, perPeriod = perPeriod)
}
cases <- list(
  list(name = "five rows, ties in x", x = values(c(0, 0, 1, 1, 2)), y = values(c(-3, 1, 0, 2, 5))),
  list(name = "no ties", x = seqs(40, 1009, 8), y = seqs(40, 1013, 8, 104729)),
  list(name = "5 periods of 3000 rows, heavy ties in y", x = list(kind = "periods", n = 3000, k = 5), y = seqs(3000, 41, 1)),
  list(name = "5 periods of 3000 rows, heavy ties, rising", x = list(kind = "periods", n = 3000, k = 5), y = seqs(3000, 41, 1, perPeriod = c(5, 2))),
  list(name = "2 periods (k = 2)", x = list(kind = "periods", n = 200, k = 2), y = seqs(200, 101, 4)),
  list(name = "3 periods, y falling with the period", x = list(kind = "periods", n = 90, k = 3), y = values(-floor((seq_len(90) - 1) * 3 / 90) * 5 + ((seq_len(90) * 7919) %% 11) - 5)),
  list(name = "tied on both, perfectly concordant", x = values(c(0, 0, 1, 1)), y = values(c(1, 1, 2, 2))),
  list(name = "three rows", x = values(c(0, 1, 1)), y = values(c(2, 2, 5))),
  list(name = "two rows", x = values(c(0, 1)), y = values(c(3, 1))),
  list(name = "one row", x = values(c(0)), y = values(c(3))),
  list(name = "every x equal", x = values(c(1, 1, 1, 1)), y = values(c(4, 2, 3, 1))),
  list(name = "every y equal", x = values(c(0, 1, 2, 3)), y = values(c(7, 7, 7, 7))),
  list(name = "NaN left out", x = values(c(0, 0, 1, 1, 2, 2)), y = values(c(1, NaN, 2, 0, 3, 5))),
  list(name = "no rows", x = values(numeric(0)), y = values(numeric(0)))
)
spec <- function(s) {
  if (s$kind == "values") return(sprintf("{ values: %s }", arr(s$values)))
  if (s$kind == "periods") return(sprintf("{ periods: [%d, %d] }", s$n, s$k))
  per <- if (is.null(s$perPeriod)) "" else sprintf(", perPeriod: [%s, %s]", s$perPeriod[1], s$perPeriod[2])
  sprintf("{ sequence: [%s, %s, %s, %s, %s]%s }", s$n, s$m, s$s, s$k, s$shift, per)
}
cat("const CASES: { name: string; x: Spec; y: Spec; n: number; tau: number | null; z: number | null; p: number | null }[] = [\n")
for (c in cases) {
  x <- build(c$x); y <- build(c$y)
  t <- tryCatch(cor.test(x, y, method = "kendall", exact = FALSE, continuity = FALSE), error = function(e) NULL)
  nan <- function(v) if (is.null(t) || is.nan(v)) NA else v
  cat(sprintf("  { name: '%s', x: %s, y: %s, n: %d, tau: %s, z: %s, p: %s },\n", c$name, spec(c$x), spec(c$y),
    sum(complete.cases(x, y)), lit(nan(unname(t$estimate))), lit(nan(unname(t$statistic))), lit(nan(t$p.value))))
}
cat("];\n")
