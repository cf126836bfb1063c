# Expected values for test/cli/compare.test.ts:
#   rasgap compare fixtures/sample-export.csv --by age-band --a 65+ --b 18-64 --format json
# worked out in R from the CSV. The reading (exclusions, exact repeats, the latest record per
# person) is test/r/summary.R's, copied unchanged; the figures are those of inference.R
# (figures.R) plus the summary fields and the head-to-head.
#   Rscript test/analysis/stats/r/compare.R fixtures/sample-export.csv
#   Rscript test/analysis/stats/r/compare.R fixtures/sample-export.csv 0.9   (--confidence 0.9)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "lib.R"))
options(warn = -1)
args <- commandArgs(trailingOnly = TRUE)
scale <- "difference"
level <- if (length(args) > 1) as.numeric(args[2]) else 0.95
suffix <- if (length(args) > 1) sprintf("_%d", round(100 * level)) else ""
alpha <- 1 - level
z <- qnorm(1 - alpha / 2)

# ---- from test/r/summary.R ----
raw <- read.csv(args[1], colClasses = "character", check.names = FALSE, na.strings = character(0))
raw$line <- seq_len(nrow(raw)) + 1  # line 1 is the header; the sample has no multi-line fields

markers <- c("*", "**", "[c]", "[x]", "[z]", "c", "x", "..", "-", "<5", "< 5", "<10", "< 10",
             "n/a", "na", "redacted", "suppressed", "withheld")
money <- function(text) {
  t <- trimws(text)
  status <- ifelse(t == "", "missing-value",
            ifelse(tolower(t) %in% markers, "suppressed-value", "ok"))
  cleaned <- gsub("[£ ,]", "", t)
  negative <- grepl("^\\(.*\\)$", cleaned) | grepl("^-", cleaned)
  value <- suppressWarnings(as.numeric(gsub("[()]", "", cleaned)))
  status[status == "ok" & (is.na(value) | (negative & value != 0))] <- "invalid-value"
  list(status = status, pence = round(value * 100))
}
ind <- money(raw[["Indicative Budget (weekly)"]])
act <- money(raw[["Actual Budget (weekly)"]])
reason <- ifelse(ind$status != "ok", ind$status, act$status)
ok <- reason == "ok"
d <- raw[ok, ]
d$ind <- ind$pence[ok]
d$act <- act$pence[ok]

key <- do.call(paste, c(raw[ok, 1:6], sep = "\x1f"))
dup <- duplicated(key)
d <- d[!dup, ]
date <- as.numeric(as.Date(d[["Date Agreed"]], format = "%d/%m/%Y"))
date[is.na(date)] <- -Inf
o <- order(d[["Person ID"]], date, d$line)
d <- d[o, ]
last <- !duplicated(d[["Person ID"]], fromLast = TRUE)
d <- d[last, ]
d <- d[order(d$line), ]

age <- suppressWarnings(as.integer(d$Age))
d$band <- ifelse(is.na(age), "Unknown", ifelse(age < 18, "Under 18", ifelse(age < 65, "18-64", "65+")))
# ---- end of test/r/summary.R ----
d$gap <- (d$act - d$ind) / 100
d$pct <- ifelse(d$ind == 0, NA, (d$act - d$ind) / d$ind * 100)
d$points <- NA

source(file.path(here, "figures.R"))

summary_fields <- function(rows) {
  g <- d$gap[rows]; p <- d$pct[rows]; p <- p[!is.na(p)]
  n <- length(g)
  c(sprintf("n: %d", n), sprintf("up: %d", sum(g > 0)), sprintf("down: %d", sum(g < 0)),
    sprintf("unchanged: %d", sum(g == 0)), sprintf("upShare: %s", lit(sum(g > 0) / n)),
    sprintf("downShare: %s", lit(sum(g < 0) / n)), sprintf("unchangedShare: %s", lit(sum(g == 0) / n)),
    sprintf("zeroIndicative: %d", sum(d$ind[rows] == 0)),
    sprintf("totalIndicative: %s", lit(sum(d$ind[rows]) / 100)), sprintf("totalActual: %s", lit(sum(d$act[rows]) / 100)),
    sprintf("netGap: %s", lit(sum(d$act[rows] - d$ind[rows]) / 100)),
    sprintf("netGapPct: %s", lit(sum(d$act[rows] - d$ind[rows]) / sum(d$ind[rows]) * 100)),
    sprintf("meanGap: %s", lit(mean(g))), sprintf("medianGap: %s", lit(median(g))),
    sprintf("q1Gap: %s", lit(unname(quantile(g, 0.25, type = 7)))),
    sprintf("q3Gap: %s", lit(unname(quantile(g, 0.75, type = 7)))),
    sprintf("meanPctGap: %s", lit(mean(p))), sprintf("medianPctGap: %s", lit(median(p))))
}

# Holm across every age band of the breakdown (compare's groups come from `--by age-band`)
bands <- intersect(c("Under 18", "18-64", "65+", "Unknown"), unique(d$band))
tests <- sapply(bands, function(l) {
  g <- d$gap[d$band == l]; up <- sum(g > 0); down <- sum(g < 0)
  c(if (up + down == 0) NA else binom.test(up, up + down)$p.value, wilcoxon(g)$p)
})
holm_sign <- setNames(p.adjust(tests[1, ], "holm"), bands)
holm_wilcoxon <- setNames(p.adjust(tests[2, ], "holm"), bands)

side <- function(label) {
  rows <- d$band == label
  inference <- group_figures(rows, c(holm_sign[[label]], holm_wilcoxon[[label]]))
  inference <- sub("^\\{ n: [0-9]+, up: [0-9]+, down: [0-9]+, ", "{ ", inference)  # already in the summary
  sprintf("{ label: '%s', %s, confidence: %s, %s", label, paste(summary_fields(rows), collapse = ", "), lit(level),
          substring(inference, 3))
}

newcombe <- function(x1, n1, x2, n2) {
  w1 <- prop.test(x1, n1, correct = FALSE, conf.level = level)$conf.int
  w2 <- prop.test(x2, n2, correct = FALSE, conf.level = level)$conf.int
  p1 <- x1 / n1; p2 <- x2 / n2; dd <- p1 - p2
  c(dd - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), dd + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}
a <- d$pct[d$band == "65+" & !is.na(d$pct)]
b <- d$pct[d$band == "18-64" & !is.na(d$pct)]
w <- wilcox.test(a, b); W <- unname(w$statistic)
diffs <- sort(outer(a, b, "-")); N <- length(diffs)
stopifnot(length(a) >= 50, length(b) >= 50)  # normal approximation: the order statistics at k
k <- floor(N / 2 - z * sqrt(length(a) * length(b) * (length(a) + length(b) + 1) / 12))
hl <- median(diffs)
na_ <- sum(d$band == "65+"); nb_ <- sum(d$band == "18-64")
da <- sum(d$gap[d$band == "65+"] < 0); db <- sum(d$gap[d$band == "18-64"] < 0)

cat(sprintf("// Rscript test/analysis/stats/r/compare.R %s\n", paste(args, collapse = " ")))
cat(sprintf("const A%s: Expected = %s;\n", suffix, side("65+")))
cat(sprintf("const B%s: Expected = %s;\n", suffix, side("18-64")))
cat(sprintf(paste0("const DIFFERENCE%s: Expected = { mannWhitneyU: %s, mannWhitneyP: %s, mannWhitneyMethod: '%s', ",
                   "hodgesLehmann: %s, hodgesLehmannCi: %s, rankBiserial: %s, medianPctGapDifference: %s, ",
                   "downShareDifference: %s, downShareDifferenceCi: %s };\n"),
            suffix, lit(W), lit(w$p.value), if (grepl("exact", w$method)) "exact" else "normal", lit(hl),
            lit(c(diffs[k], diffs[N - k + 1])), lit(2 * W / (length(a) * length(b)) - 1),
            lit(median(a) - median(b)), lit(da / na_ - db / nb_), lit(newcombe(da, na_, db, nb_))))
# The figures the reading sentence quotes, rounded as the report rounds them (one decimal for
# percentages and percentage points, whole per cent for shares, thousands separated).
pct <- function(v) sprintf("%s%.1f%%", if (round(v, 1) > 0) "+" else "", v)
if (suffix == "") cat(sprintf(paste0("const READING = { a: '65+: median change %s, %d%% moderated down (n = %s)', ",
                   "shift: 'A typical %% gap in 65+ is %.1f percentage points %s than in 18-64', ",
                   "ci: '95%% CI %.1f pts to %.1f pts' };\n"),
            pct(median(a)), round(100 * da / na_), format(na_, big.mark = ","),
            abs(hl), if (hl < 0) "lower" else "higher", diffs[k], diffs[N - k + 1]))
