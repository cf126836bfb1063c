# Expected values for test/analysis/stats/gapBands.test.ts.
#   Rscript test/analysis/stats/r/gapBands.R
# The records (built alike in the test), in pence: for i = 1..2000
#   indicative_i = 5000 + (7919 i mod 95001),  r_i = (104729 i + 13 i^2) mod 1201 - 600,
#   gap_i = floor(indicative_i * r_i / 1000)          (a % gap from -60% to +60%)
# then the SPECIAL records below: gaps of exactly -10%, +10%, -7%, +7%, 0, and indicative 0.
# Bands by the rule of src/analysis/stats/gapBands.ts, in exact integer arithmetic (100 * gap
# against edge * indicative); where the edges are -10, 0, 10, R's cut() on 100 * gap / indicative
# must agree (checked with stopifnot), as -10% and 10% are exact in floating point.
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "lib.R"))
arr <- function(v) paste0("[", paste(vapply(v, lit, ""), collapse = ", "), "]")
i <- as.numeric(1:2000)
ind <- 5000 + (7919 * i) %% 95001
r <- (104729 * i + 13 * i^2) %% 1201 - 600
gap <- floor(ind * r / 1000)
special_ind <- c(10000, 10000, 10000, 10000, 10000, 25000, 0, 0, 12345)
special_gap <- c(-1000, 1000, -700, 700, 0, 0, 500, 0, -1)
ind <- c(ind, special_ind)
gap <- c(gap, special_gap)

bands <- function(gap, ind, edges, direction = NULL) {
  has <- ind > 0
  same <- has & (if (is.null(direction)) gap == 0 else direction == 0)
  cuts <- edges[edges < 0]
  rises <- edges[edges > 0]
  down <- has & !same & gap < 0
  up <- has & !same & gap > 0
  # cut band j holds lo <= % gap < hi; rise band j holds lo < % gap <= hi
  cut_counts <- mapply(function(lo, hi) sum(down & (lo == -Inf | 100 * gap >= lo * ind) & 100 * gap < hi * ind),
    c(-Inf, cuts), c(cuts, 0))
  rise_counts <- mapply(function(lo, hi) sum(up & 100 * gap > lo * ind & (hi == Inf | 100 * gap <= hi * ind)),
    c(0, rises), c(rises, Inf))
  list(counts = c(cut_counts, sum(same), rise_counts), noPctGap = sum(!has))
}

# cut() agrees for the default edges: cuts closed below, rises closed above.
pct <- 100 * gap / ind
has <- ind > 0
by_cut <- c(
  table(cut(pct[has & gap < 0], c(-Inf, -10, 0), right = FALSE)),
  sum(has & gap == 0),
  table(cut(pct[has & gap > 0], c(0, 10, Inf), right = TRUE))
)
stopifnot(all(unname(by_cut) == bands(gap, ind, c(-10, 0, 10))$counts))

tolerance <- 2
direction <- ifelse(abs(gap) * 100 <= tolerance * ind, 0, sign(gap))
every_third <- seq(1, length(gap), by = 3)
cases <- list(
  list(name = "default edges", edges = c(-10, 0, 10), rows = NULL, direction = FALSE),
  list(name = "seven edges", edges = c(-20, -10, -5, 0, 5, 10, 20), rows = NULL, direction = FALSE),
  list(name = "only 0", edges = c(0), rows = NULL, direction = FALSE),
  list(name = "edges at 7%", edges = c(-7, 0, 7), rows = NULL, direction = FALSE),
  list(name = "with a 2% tolerance", edges = c(-10, 0, 10), rows = NULL, direction = TRUE),
  list(name = "every third record", edges = c(-10, 0, 10), rows = every_third, direction = FALSE),
  list(name = "one record", edges = c(-10, 0, 10), rows = c(2), direction = FALSE),
  list(name = "one record with no indicative budget", edges = c(-10, 0, 10), rows = c(2007), direction = FALSE),
  list(name = "no records", edges = c(-10, 0, 10), rows = integer(0), direction = FALSE)
)
# The rows as the test names them: 'all', 'every-third', or 0-based indices.
rows_spec <- function(rows) {
  if (is.null(rows)) return("'all'")
  if (length(rows) > 3) return("'every-third'")
  arr(rows - 1)
}
cat("const CASES: { name: string; edges: number[]; rows: 'all' | 'every-third' | number[]; tolerance: number | null; counts: number[]; noPctGap: number; down: number; up: number }[] = [\n")
for (c in cases) {
  rows <- if (is.null(c$rows)) seq_along(gap) else c$rows
  d <- if (c$direction) direction[rows] else NULL
  b <- bands(gap[rows], ind[rows], c$edges, d)
  dir <- if (c$direction) direction[rows] else ifelse(ind[rows] > 0, sign(gap[rows]), NA)
  cat(sprintf("  { name: '%s', edges: %s, rows: %s, tolerance: %s, counts: %s, noPctGap: %d, down: %d, up: %d },\n",
    c$name, arr(c$edges), rows_spec(c$rows), if (c$direction) tolerance else "null",
    arr(b$counts), b$noPctGap, sum(dir == -1 & ind[rows] > 0, na.rm = TRUE), sum(dir == 1 & ind[rows] > 0, na.rm = TRUE)))
}
cat("];\n")
