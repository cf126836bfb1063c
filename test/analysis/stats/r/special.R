# Expected values for test/analysis/stats/special.test.ts.
#   Rscript test/analysis/stats/r/special.R
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
rows <- function(name, type, m) {
  cat(sprintf("const %s: %s[] = [\n", name, type))
  for (i in seq_len(nrow(m))) cat(sprintf("  %s,\n", lit(m[i, ])))
  cat("];\n")
}
x <- c(1e-10, 1e-5, 0.1, 0.25, 0.5, 0.75, 1.5, 2.5, 3.7, 7, 10, 33.3, 100, 171.5, 1e4, 1e6, 1e10)
rows("LOG_GAMMA", "[x: number, lgamma: number]", cbind(x, lgamma(x)))

g <- expand.grid(f = c(1e-3, 0.3, 0.9, 1, 1.1, 2, 5), a = c(0.5, 1, 2.5, 10, 100, 1000, 1e5))
g$x <- g$a * g$f
rows("GAMMA", "[a: number, x: number, P: number, Q: number]",
     cbind(g$a, g$x, pgamma(g$x, g$a), pgamma(g$x, g$a, lower.tail = FALSE)))

b <- expand.grid(x = c(1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 0.999999), i = 1:9)
ab <- rbind(c(0.5, 0.5), c(1, 1), c(2, 3), c(0.5, 10), c(10, 0.5), c(50, 50), c(500, 0.5),
            c(1e5, 0.5), c(3e5, 7e5))
a <- ab[b$i, 1]; bb <- ab[b$i, 2]
rows("BETA", "[x: number, a: number, b: number, I: number]", cbind(b$x, a, bb, pbeta(b$x, a, bb)))
