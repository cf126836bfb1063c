# Expected figures of test/analysis/trend.test.ts: `rasgap trend` on fixtures/trend-export.csv, by
# client group and for all records, each financial year and each quarter, worked out here from the
# CSV itself. Run from the repository root and paste the output over the block in the test:
#   Rscript test/analysis/stats/r/trend.R
# Per group and period: n, up, down, unchanged, the Wilson intervals of the shares
# (prop.test(correct = FALSE)), the median gap (pounds a week) and median % gap. Per group, over
# the periods from the first date agreed to the last (score 0, 1, …; records without a date left
# out): prop.trend.test(down, n, score) on the periods with anybody in them, and
# cor.test(score, % gap, method = "kendall", exact = FALSE, continuity = FALSE).
source("test/analysis/stats/r/lib.R")

rows <- read.csv("fixtures/trend-export.csv", check.names = FALSE, stringsAsFactors = FALSE,
                 colClasses = "character")
indicative <- round(as.numeric(rows[["Indicative Budget (weekly)"]]) * 100)
actual <- round(as.numeric(rows[["Actual Budget (weekly)"]]) * 100)
gap <- (actual - indicative) / 100
pct <- ifelse(indicative == 0, NaN, (actual - indicative) / indicative * 100)
date <- as.Date(rows[["Date Agreed"]], format = "%d/%m/%Y")
year <- as.numeric(format(date, "%Y"))
month <- as.numeric(format(date, "%m"))
fy <- ifelse(month >= 4, year, year - 1)
periods <- list(
  financialYear = fy,
  quarter = fy * 4 + floor(((month + 8) %% 12) / 3)
)
fyLabel <- function(first) sprintf("%d-%02d", first, (first + 1) %% 100)
labels <- list(
  financialYear = fyLabel,
  quarter = function(q) sprintf("%s Q%d", fyLabel(floor(q / 4)), q %% 4 + 1)
)
strings <- function(x) paste0("[", paste0("'", x, "'", collapse = ", "), "]")
wilson <- function(k, n, end) {
  vapply(seq_along(k), function(i) {
    if (n[i] == 0) NA_real_ else prop.test(k[i], n[i], correct = FALSE)$conf.int[end]
  }, 0)
}
median0 <- function(v) if (length(v) == 0) NA_real_ else median(v)

for (every in names(periods)) {
  period <- periods[[every]]
  first <- min(period, na.rm = TRUE)
  span <- first:max(period, na.rm = TRUE)
  groups <- c(sort(unique(rows[["Client Group"]])), "All records")
  cat(sprintf("const %s: Expected[] = [\n", toupper(gsub("([A-Z])", "_\\1", every))))
  for (group in groups) {
    member <- if (group == "All records") rep(TRUE, nrow(rows)) else rows[["Client Group"]] == group
    dated <- member & !is.na(period)
    n <- vapply(span, function(p) sum(dated & period == p), 0)
    up <- vapply(span, function(p) sum(dated & period == p & gap > 0), 0)
    down <- vapply(span, function(p) sum(dated & period == p & gap < 0), 0)
    unchanged <- n - up - down
    score <- period[dated] - first
    ca <- prop.trend.test(down[n > 0], n[n > 0], (span - first)[n > 0])
    centred <- (span - first) - sum(n * (span - first)) / sum(n)
    kendall <- cor.test(score, pct[dated], method = "kendall", exact = FALSE, continuity = FALSE)
    cat("{\n")
    cat(sprintf("  label: '%s',\n", group))
    cat(sprintf("  periods: %s,\n", strings(labels[[every]](span))))
    field("n", n)
    field("up", up)
    field("down", down)
    field("unchanged", unchanged)
    field("downShareLow", wilson(down, n, 1))
    field("downShareHigh", wilson(down, n, 2))
    field("upShareLow", wilson(up, n, 1))
    field("upShareHigh", wilson(up, n, 2))
    field("unchangedShareLow", wilson(unchanged, n, 1))
    field("unchangedShareHigh", wilson(unchanged, n, 2))
    field("medianGap", vapply(span, function(p) median0(gap[dated & period == p]), 0))
    field("medianPctGap", vapply(span, function(p) median0(pct[dated & period == p]), 0))
    field("cochranArmitageStatistic", unname(ca$statistic))
    field("cochranArmitageP", ca$p.value)
    field("cochranArmitageZ", sign(sum(down * centred)) * sqrt(unname(ca$statistic)))
    field("kendallTau", unname(kendall$estimate))
    field("kendallZ", unname(kendall$statistic))
    field("kendallP", kendall$p.value)
    cat("},\n")
  }
  cat("];\n")
}
