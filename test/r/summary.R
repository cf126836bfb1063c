# Independent cross-check of `rasgap analyse` figures, written from the reading rules in docs/input.md
# rather than from rasgap's code. Usage:
#   Rscript test/r/summary.R fixtures/sample-export.csv
# Prints the overall and per-age-band figures (amounts in pounds per week) that
# test/analysis/sample.test.ts asserts.
args <- commandArgs(trailingOnly = TRUE)
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

# Exact repeats of an earlier row, then the latest date agreed per person (ties: later line).
key <- do.call(paste, c(raw[ok, 1:6], sep = "\x1f"))
dup <- duplicated(key)
d <- d[!dup, ]
date <- as.numeric(as.Date(d[["Date Agreed"]], format = "%d/%m/%Y"))
date[is.na(date)] <- -Inf
o <- order(d[["Person ID"]], date, d$line)
d <- d[o, ]
last <- !duplicated(d[["Person ID"]], fromLast = TRUE)
superseded <- sum(!last)
d <- d[last, ]
d <- d[order(d$line), ]

age <- suppressWarnings(as.integer(d$Age))
d$band <- ifelse(is.na(age), "Unknown", ifelse(age < 18, "Under 18", ifelse(age < 65, "18-64", "65+")))
gap <- d$act - d$ind

summ <- function(i) {
  g <- gap[i] / 100
  p <- ifelse(d$ind[i] == 0, NA, gap[i] / d$ind[i] * 100)
  p <- p[!is.na(p)]
  c(n = sum(i), up = sum(g > 0), down = sum(g < 0), unchanged = sum(g == 0),
    zeroIndicative = sum(d$ind[i] == 0),
    totalIndicative = sum(d$ind[i]) / 100, totalActual = sum(d$act[i]) / 100,
    netGap = sum(gap[i]) / 100, netGapPct = sum(gap[i]) / sum(d$ind[i]) * 100,
    meanGap = mean(g), medianGap = median(g),
    q1Gap = unname(quantile(g, 0.25, type = 7)), q3Gap = unname(quantile(g, 0.75, type = 7)),
    meanPctGap = mean(p), medianPctGap = median(p))
}
cat(sprintf("rows read %d, value exclusions: %s, duplicate-row %d, superseded %d, used %d\n",
            nrow(raw), paste(names(table(reason[!ok])), table(reason[!ok]), collapse = "; "),
            sum(dup), superseded, nrow(d)))
print_summary <- function(label, s) {
  cat(label, "\n")
  for (n in names(s)) cat(sprintf("  %s: %.12g\n", n, s[[n]]))
}
print_summary("overall", summ(rep(TRUE, nrow(d))))
for (b in c("18-64", "65+", "Unknown")) print_summary(b, summ(d$band == b))
