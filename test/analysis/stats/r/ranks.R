# Expected values for test/analysis/stats/ranks.test.ts.
#   Rscript test/analysis/stats/r/ranks.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
tiesum <- function(x) { l <- rle(sort(x))$lengths; sum(l^3 - l) }
small <- list(
  "no ties" = c(3, 1, 2),
  "ties" = c(10, 20, 10, 30, 20, 10),
  "negatives" = c(-5, 3, -1.5, 0, -5, 2.25, -1e-300, 1e-300),
  "all equal" = c(7, 7, 7, 7),
  "one value" = c(42),
  "zero and minus zero" = c(0, -0, 1, -1, -0, 0),
  "extremes" = c(Inf, -Inf, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324, -5e-324, 0, 2.2250738585072014e-308, -2.2250738585072014e-308),
  "descending" = c(5, 4, 3, 2, 1),
  "fractions" = c(0.1 + 0.2, 0.3, 0.30000000000000004, 1 / 3, 0.3333333333333333)
)
cat("// rank(x), order(x) - 1 (stable: ties keep input order), sort(x), tieSum via rle(sort(x))\n")
cat("const SMALL: { name: string; values: number[]; ranks: number[]; order: number[]; sorted: number[]; tieSum: number }[] = [\n")
for (name in names(small)) {
  x <- small[[name]]
  v <- function(y) if (length(y) == 1) paste0("[", lit(y), "]") else lit(y)
  cat(sprintf("  { name: '%s', values: %s, ranks: %s, order: %s, sorted: %s, tieSum: %s },\n", name,
              if (length(x) == 1) paste0("[", lit(x), "]") else lit(x),
              if (length(x) == 1) paste0("[", lit(rank(x)), "]") else lit(rank(x)),
              if (length(x) == 1) paste0("[", lit(order(x) - 1), "]") else lit(order(x) - 1),
              v(sort(x)),
              lit(tiesum(x))))
}
cat("];\n")

# Long vectors (helpers.ts `sequence`): many ties and negatives; nearly no ties; a spread of
# binary exponents (x * 2^((i mod 200) - 100), exact in both languages).
long <- list(
  list(name = "ties", n = 100000, m = 5003, s = 4, spread = FALSE),
  list(name = "few ties", n = 200000, m = 1000003, s = 8, spread = FALSE),
  list(name = "exponents", n = 50000, m = 100003, s = 1, spread = TRUE)
)
cat("// Σ w_i rank_i and Σ w_i (order_i - 1) (helpers.ts `digest`), tieSum, and checks at a few i\n")
cat("const LONG: { name: string; n: number; m: number; s: number; spread: boolean; rankDigest: number; orderDigest: number; tieSum: number; at: [i: number, rank: number][] }[] = [\n")
for (L in long) {
  x <- sequence(L$n, L$m, L$s)
  if (L$spread) x <- x * 2^((seq_len(L$n) %% 200) - 100)
  r <- rank(x)
  o <- order(x) - 1
  w <- weights(L$n)
  at <- c(1, 2, 3, 1000, L$n %/% 2, L$n - 1, L$n)
  cat(sprintf("  { name: '%s', n: %d, m: %d, s: %d, spread: %s, rankDigest: %s, orderDigest: %s, tieSum: %s, at: [%s] },\n",
              L$name, L$n, L$m, L$s, tolower(L$spread), lit(sum(w * r)), lit(sum(w * o)), lit(tiesum(x)),
              paste(sprintf("[%d, %s]", at - 1, sapply(r[at], lit)), collapse = ", ")))
}
cat("];\n")
