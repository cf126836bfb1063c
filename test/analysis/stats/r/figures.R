# Figures shared by inference.R and compare.R, from the definitions: intervals, tests, agreement,
# RAS points and group comparisons, each printed as TypeScript. They read the data frame `d`
# (columns ind and act in pence, gap in pounds, pct, points) and `scale`, `level`, `alpha` and `z`
# from the script that sources this file.
# Largest k with P(B <= k - 1) <= alpha / 2, B ~ Binomial(n, 1/2); interval x(k), x(n + 1 - k)
median_ci <- function(x) {
  x <- sort(x); n <- length(x)
  if (n == 0) return(NULL)
  k <- qbinom(alpha / 2, n, 0.5)
  if (pbinom(k, n, 0.5) <= alpha / 2) k <- k + 1
  if (k == 0) NULL else c(x[k], x[n + 1 - k])
}
wilson <- function(k, n) as.numeric(prop.test(k, n, correct = FALSE, conf.level = level)$conf.int)
# lm(y ~ x): intercept, slope, R², slope p; NULL when x does not vary or n < 2
line <- function(x, y) {
  if (length(x) < 2 || var(x) == 0) return(NULL)
  fit <- lm(y ~ x); s <- summary(fit)
  list(intercept = unname(coef(fit)[1]), slope = unname(coef(fit)[2]), r2 = s$r.squared,
       p = if (length(x) > 2) s$coefficients[2, 4] else NA)
}
blandaltman <- function(a, b) {   # differences b - a, means (a + b) / 2 (Bland & Altman 1999, 2.1)
  n <- length(a)
  if (n < 2) return(NULL)
  dd <- b - a; m <- (a + b) / 2
  bias <- mean(dd); s <- sd(dd); t <- qt(1 - alpha / 2, n - 1)
  lim <- bias + c(-1, 1) * z * s
  half <- t * s * sqrt(1 / n + z^2 / (2 * (n - 1)))
  list(bias = bias, biasCi = bias + c(-1, 1) * t * s / sqrt(n), lower = lim[1], upper = lim[2],
       lowerCi = lim[1] + c(-1, 1) * half, upperCi = lim[2] + c(-1, 1) * half, prop = line(m, dd))
}
wilcoxon <- function(g) {
  if (all(g == 0)) return(list(p = NA, method = NA))
  w <- wilcox.test(g, exact = NULL, correct = TRUE)
  list(p = w$p.value, method = if (grepl("exact", w$method)) "exact" else "normal")
}
cor_or_na <- function(x, y, method = "pearson")
  if (length(x) < 2 || var(x) == 0 || var(y) == 0) NA else cor(x, y, method = method)

ci <- function(x) if (is.null(x)) "null" else lit(as.numeric(x))
# t.test(g)$conf.int; where every gap is equal t.test gives NaN (0 / 0) and this prints the
# limit of its formula, mean(g) + c(-1, 1) * qt(1 - alpha / 2, n - 1) * sd(g) / sqrt(n) = [mean, mean]
mean_ci <- function(g) {
  n <- length(g)
  if (n < 2) return("null")
  if (sd(g) == 0) return(lit(c(mean(g), mean(g))))
  lit(as.numeric(t.test(g, conf.level = level)$conf.int))
}
num <- function(x) if (is.null(x)) "null" else lit(x)
str <- function(x) if (is.na(x)) "null" else sprintf("'%s'", x)

group_figures <- function(rows, holm = NULL) {
  g <- d$gap[rows]; p <- d$pct[rows]; p <- p[!is.na(p)]
  n <- length(g); up <- sum(g > 0); down <- sum(g < 0)
  ind <- d$ind[rows] / 100; act <- d$act[rows] / 100
  w <- wilcoxon(g)
  out <- c(
    sprintf("n: %d", n), sprintf("up: %d", up), sprintf("down: %d", down),
    sprintf("medianGapCi: %s", ci(median_ci(g))),
    sprintf("medianPctGapCi: %s", ci(median_ci(p))),
    sprintf("meanGapCi: %s", mean_ci(g)),
    sprintf("upShareCi: %s", ci(wilson(up, n))),
    sprintf("downShareCi: %s", ci(wilson(down, n))),
    sprintf("signTestP: %s", if (up + down == 0) "null" else lit(binom.test(up, up + down)$p.value)),
    sprintf("wilcoxonP: %s", lit(w$p)),
    sprintf("wilcoxonMethod: %s", str(w$method))
  )
  if (!is.null(holm)) out <- c(out, sprintf("signTestPHolm: %s", lit(holm[1])), sprintf("wilcoxonPHolm: %s", lit(holm[2])))
  cal <- line(ind, act)
  if (scale == "ratio") {
    keep <- ind > 0 & act > 0
    ba <- blandaltman(log(ind[keep]), log(act[keep]))
    to <- function(v) (exp(v) - 1) * 100
    an <- sum(keep)
  } else {
    ba <- blandaltman(ind, act)
    to <- function(v) v
    an <- n
  }
  agreement <- c(
    sprintf("n: %d", an),
    sprintf("pearson: %s", lit(cor_or_na(ind, act))),
    sprintf("spearman: %s", lit(cor_or_na(ind, act, "spearman"))),
    sprintf("calibrationIntercept: %s", num(cal$intercept)),
    sprintf("calibrationSlope: %s", num(cal$slope)),
    sprintf("rSquared: %s", num(cal$r2)),
    sprintf("scale: '%s'", scale),
    sprintf("bias: %s", if (is.null(ba)) "null" else lit(to(ba$bias))),
    sprintf("biasCi: %s", if (is.null(ba)) "null" else lit(to(ba$biasCi))),
    sprintf("lowerLimit: %s", if (is.null(ba)) "null" else lit(to(ba$lower))),
    sprintf("upperLimit: %s", if (is.null(ba)) "null" else lit(to(ba$upper))),
    sprintf("lowerLimitCi: %s", if (is.null(ba)) "null" else lit(to(ba$lowerCi))),
    sprintf("upperLimitCi: %s", if (is.null(ba)) "null" else lit(to(ba$upperCi))),
    sprintf("proportionalBiasSlope: %s", num(ba$prop$slope)),
    sprintf("proportionalBiasIntercept: %s", num(ba$prop$intercept)),
    sprintf("proportionalBiasP: %s", if (is.null(ba$prop)) "null" else lit(ba$prop$p))
  )
  out <- c(out, sprintf("agreement: { %s }", paste(agreement, collapse = ", ")))
  if (!all(is.na(d$points))) {
    has <- rows & !is.na(d$points)
    x <- d$points[has]
    li <- line(x, d$ind[has] / 100); la <- line(x, d$act[has] / 100)
    if (length(x) > 0) out <- c(out, sprintf(
      "points: { n: %d, poundsPerPoint: %s, indicativeIntercept: %s, indicativeRSquared: %s, actualPoundsPerPoint: %s, actualIntercept: %s, actualRSquared: %s }",
      length(x), num(li$slope), num(li$intercept), num(li$r2), num(la$slope), num(la$intercept), num(la$r2)))
  }
  paste0("{ ", paste(out, collapse = ", "), " }")
}

# Kruskal-Wallis over the groups with % gaps; with exactly two groups, Mann-Whitney, the
# Hodges-Lehmann shift (first group minus second) and the rank-biserial 2U / (n1 n2) - 1.
comparison <- function(labels, key) {
  pcts <- lapply(labels, function(l) { p <- d$pct[d[[key]] == l]; p[!is.na(p)] })
  present <- pcts[lengths(pcts) > 0]
  kw <- if (length(present) < 2) "null" else {
    k <- kruskal.test(present)
    sprintf("{ statistic: %s, df: %s, p: %s }", lit(unname(k$statistic)), lit(unname(k$parameter)), lit(k$p.value))
  }
  two <- "undefined"
  if (length(labels) == 2 && all(lengths(pcts) > 0)) {
    a <- pcts[[1]]; b <- pcts[[2]]
    w <- wilcox.test(a, b)
    W <- unname(w$statistic)
    diffs <- sort(outer(a, b, "-")); N <- length(diffs)
    exact <- length(a) < 50 && length(b) < 50 && !anyDuplicated(c(a, b))
    hl <- if (exact) {
      as.numeric(wilcox.test(a, b, conf.int = TRUE, conf.level = level, exact = TRUE)$conf.int)
    } else {
      k <- floor(N / 2 - z * sqrt(length(a) * length(b) * (length(a) + length(b) + 1) / 12))
      if (k >= 1) c(diffs[k], diffs[N - k + 1]) else NULL
    }
    two <- sprintf("{ mannWhitneyU: %s, mannWhitneyP: %s, mannWhitneyMethod: '%s', hodgesLehmann: %s, hodgesLehmannCi: %s, rankBiserial: %s }",
                   lit(W), lit(w$p.value), if (grepl("exact", w$method)) "exact" else "normal", lit(median(diffs)),
                   ci(hl), lit(2 * W / (length(a) * length(b)) - 1))
  }
  sprintf("{ kruskalWallis: %s, twoGroups: %s }", kw, two)
}

