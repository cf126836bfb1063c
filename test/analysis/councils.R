# Expected figures for test/analysis/councils.test.ts: the gap bands and the funnel of each
# council in fixtures/councils-*.csv, from the definitions (docs/methods.md §16 and §17), not from
# rasgap's code. Usage (from the repository root):
#   Rscript test/analysis/councils.R
# Amounts are read as whole pence, so every comparison of a % gap with a band edge is exact
# (gap x 100 against edge x indicative). Tolerance 0: a record is unchanged when its two amounts
# are equal (both are written to the penny). A zero indicative budget has no % gap: no band.
files <- sprintf("fixtures/councils-%s.csv", c("eastmoor", "northmoor", "southfield", "westholme"))
rows <- do.call(rbind, lapply(files, function(f) read.csv(f, check.names = FALSE)))
ind <- round(rows[["Indicative Budget (weekly)"]] * 100)
act <- round(rows[["Actual Budget (weekly)"]] * 100)
gap <- act - ind
council <- rows$Council

bands <- function(sel, edges) {
  g <- gap[sel]; i <- ind[sel]
  cuts <- edges[edges < 0]; rises <- edges[edges > 0]
  has <- i > 0
  out <- c()
  lo <- c(-Inf, cuts)
  hi <- c(cuts, 0)
  # Cut bands: lo <= % gap < hi (the edge nearer 0 is in the band: -10% is "up to 10%").
  for (k in seq_along(lo)) out <- c(out, sum(has & g < 0 & g * 100 >= lo[k] * i & g * 100 < hi[k] * i))
  out <- c(out, sum(has & g == 0))
  lo <- c(0, rises)
  hi <- c(rises, Inf)
  # Rise bands: lo < % gap <= hi.
  for (k in seq_along(lo)) out <- c(out, sum(has & g > 0 & g * 100 > lo[k] * i & g * 100 <= hi[k] * i))
  out
}

z95 <- 1.959964
z998 <- 3.090232
target <- sum(gap < 0) / length(gap)
lit <- function(x) sprintf("%.17g", x)
cat(sprintf("// overall: n %d, down %d, target %s\n", length(gap), sum(gap < 0), lit(target)))
cat(sprintf("// overall bands (-10,0,10): [%s]\n", paste(bands(rep(TRUE, length(gap)), c(-10, 0, 10)), collapse = ", ")))
cat(sprintf("// overall bands (-25,-10,-5,0,5,10,25): [%s]\n",
  paste(bands(rep(TRUE, length(gap)), c(-25, -10, -5, 0, 5, 10, 25)), collapse = ", ")))
for (name in unique(council)) {
  sel <- council == name
  n <- sum(sel); down <- sum(gap[sel] < 0); share <- down / n
  se <- sqrt(target * (1 - target) / n)
  lo95 <- target - z95 * se; hi95 <- target + z95 * se
  lo998 <- target - z998 * se; hi998 <- target + z998 * se
  pos <- if (share > hi998) "above-99.8" else if (share > hi95) "above-95" else
    if (share < lo998) "below-99.8" else if (share < lo95) "below-95" else "within"
  cat(sprintf("{ label: '%s', n: %d, down: %d, bands: [%s], wideBands: [%s], lower95: %s, upper95: %s, lower998: %s, upper998: %s, position: '%s' },\n",
    name, n, down, paste(bands(sel, c(-10, 0, 10)), collapse = ", "),
    paste(bands(sel, c(-25, -10, -5, 0, 5, 10, 25)), collapse = ", "),
    lit(lo95), lit(hi95), lit(lo998), lit(hi998), pos))
}
