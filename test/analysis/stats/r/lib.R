# Helpers shared by the R scripts that print the expected values of test/analysis/stats/*.test.ts,
# test/analysis/inference.test.ts, test/analysis/headToHead.test.ts and test/cli/compare.test.ts.
# Each script prints TypeScript literals (the fewest digits, up to 17, that read back as the same
# double) that are pasted into the test named in its header; check-pasted.mjs checks they still are.

# The shortest of %.15g, %.16g, %.17g that reads back as the same double.
shortest <- function(v) {
  for (d in 15:17) {
    s <- sprintf(paste0("%.", d, "g"), v)
    if (as.numeric(s) == v) return(s)
  }
  s
}
# A number (or vector, as an array) as a TypeScript literal: null for NA / NaN, Infinity for Inf.
lit <- function(x) {
  if (length(x) == 0) return("[]")
  out <- vapply(x, function(v) {
    if (is.na(v)) "null" else if (is.infinite(v)) (if (v > 0) "Infinity" else "-Infinity")
    else shortest(v)
  }, "")
  if (length(x) == 1) out else paste0("[", paste(out, collapse = ", "), "]")
}
# One named field per line: `  name: value,`
field <- function(name, value) cat(sprintf("  %s: %s,\n", name, lit(value)))

# The deterministic sequences the tests also build in TypeScript (test/analysis/stats/helpers.ts):
# integers below 2^53 throughout, so both languages compute the same doubles.
#   sequence(n, m, s, k) = ((i * k + i^2 * 13) mod m - floor(m / 2)) / s, i = 1..n
sequence <- function(n, m, s, k = 7919) {
  i <- as.numeric(seq_len(n))
  ((i * k + i^2 * 13) %% m - floor(m / 2)) / s
}
# Weights for exact digests of long vectors: w_i = (31 i) mod 1009 - 504.
weights <- function(n) (31 * as.numeric(seq_len(n))) %% 1009 - 504
