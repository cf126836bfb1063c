# Expected values for test/analysis/inference.test.ts: every inference figure of `rasgap analyse`
# for a fixture, worked out in R from the CSV and the reading rules of docs/input.md (these fixtures have no
# exclusions, repeats or title lines, so reading them is plain read.csv).
#   Rscript test/analysis/stats/r/inference.R fixtures/inference-export.csv difference
#   Rscript test/analysis/stats/r/inference.R fixtures/inference-export.csv ratio
#   Rscript test/analysis/stats/r/inference.R fixtures/inference-small.csv difference
#   Rscript test/analysis/stats/r/inference.R fixtures/inference-small.csv difference 0.9
# Amounts are pounds per week; % gaps are gap / indicative x 100 (zero indicative left out).
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "lib.R"))
options(warn = -1)
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]
scale <- if (length(args) > 1) args[2] else "difference"
level <- if (length(args) > 2) as.numeric(args[3]) else 0.95
alpha <- 1 - level
z <- qnorm(1 - alpha / 2)

raw <- read.csv(path, colClasses = "character", check.names = FALSE)
pence <- function(text) round(as.numeric(gsub("[£,]", "", text)) * 100)
d <- data.frame(
  group = raw[["Client Group"]],
  age = as.integer(raw[["Age"]]),
  ind = pence(raw[["Indicative Budget (weekly)"]]),
  act = pence(raw[["Actual Budget (weekly)"]]),
  stringsAsFactors = FALSE
)
d$points <- if ("RAS Points" %in% names(raw)) suppressWarnings(as.numeric(raw[["RAS Points"]])) else NA
d$band <- ifelse(is.na(d$age), "Unknown", ifelse(d$age < 18, "Under 18", ifelse(d$age < 65, "18-64", "65+")))
d$gap <- (d$act - d$ind) / 100                              # pounds per week
d$pct <- ifelse(d$ind == 0, NA, (d$act - d$ind) / d$ind * 100)

source(file.path(here, "figures.R"))

breakdown <- function(key, labels) {
  tests <- lapply(labels, function(l) {
    g <- d$gap[d[[key]] == l]
    up <- sum(g > 0); down <- sum(g < 0)
    c(if (up + down == 0) NA else binom.test(up, up + down)$p.value, wilcoxon(g)$p)
  })
  holm_sign <- p.adjust(sapply(tests, `[`, 1), "holm")
  holm_wilcoxon <- p.adjust(sapply(tests, `[`, 2), "holm")
  cat(sprintf("  %s: {\n", key))
  for (i in seq_along(labels))
    cat(sprintf("    '%s': %s,\n", labels[i], group_figures(d[[key]] == labels[i], c(holm_sign[i], holm_wilcoxon[i]))))
  cat("  },\n")
}

cat(sprintf("// Rscript test/analysis/stats/r/inference.R %s %s%s\n", path, scale,
            if (length(args) > 2) paste0(" ", args[3]) else ""))
cat("{\n")
cat(sprintf("  overall: %s,\n", group_figures(rep(TRUE, nrow(d)))))
groups <- sort(unique(d$group))
bands <- intersect(c("Under 18", "18-64", "65+", "Unknown"), unique(d$band))
breakdown("group", groups)
breakdown("band", bands)
cat(sprintf("  groupComparison: %s,\n", comparison(groups, "group")))
cat(sprintf("  bandComparison: %s,\n", comparison(bands, "band")))
cat("}\n")
