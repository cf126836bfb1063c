"""Expected figures for test/ingest/layouts.test.ts, worked out with pandas, independently of rasgap.

Run from the repository root:  /usr/bin/python3 test/ingest/layouts.py   (pandas 1.5.3)
Each fixture is read as a person would read it (its people are the rows whose id has the fixture's
prefix and a number; the rest are layout), and printed as JSON: the lines of the people used, the
lines of the other rows, and n, up, down, unchanged, total indicative, total actual, median gap,
median % gap, q1 and q3 of the gap (quantiles by pandas' default, linear = R type 7), mean gap,
mean % gap, all in pounds per week; % figures over records with a non-zero indicative budget.
"""
import json
import re

import pandas as pd


def money(series):
    return pd.to_numeric(
        series.astype(str).str.replace(r"[£,\s]", "", regex=True), errors="coerce"
    )


def figures(ind, act):
    gap = act - ind
    pct = (gap / ind * 100)[ind != 0]
    return {
        "n": int(len(gap)),
        "up": int((gap > 0).sum()),
        "down": int((gap < 0).sum()),
        "unchanged": int((gap == 0).sum()),
        "totalIndicative": round(float(ind.sum()), 10),
        "totalActual": round(float(act.sum()), 10),
        "medianGap": float(gap.median()),
        "medianPctGap": float(pct.median()),
        "q1Gap": float(gap.quantile(0.25)),
        "q3Gap": float(gap.quantile(0.75)),
        "meanGap": float(gap.mean()),
        "meanPctGap": float(pct.mean()),
    }


def people(path, id_column, pattern, first_line, ind_col, act_col, group_col=None, **read):
    """Rows whose id matches pattern are people; a row's line is its position + first_line."""
    frame = pd.read_csv(path, dtype=str, skip_blank_lines=False, keep_default_na=False, **read)
    frame["line"] = frame.index + first_line
    filled = frame.drop(columns="line").apply(lambda row: any(c.strip() for c in row), axis=1)
    is_person = frame[id_column].str.fullmatch(pattern)
    persons = frame[is_person].copy()
    persons["ind"] = money(persons[ind_col])
    persons["act"] = money(persons[act_col])
    usable = persons.dropna(subset=["ind", "act"])
    out = {
        "usedLines": usable["line"].tolist(),
        "notUsedPeopleLines": persons[~persons.index.isin(usable.index)]["line"].tolist(),
        "layoutLines": frame[filled & ~is_person]["line"].tolist(),
        "blankLines": int((~filled).sum()),
        "overall": figures(usable["ind"], usable["act"]),
    }
    if group_col:
        out["groups"] = {
            label: figures(g["ind"], g["act"]) for label, g in usable.groupby(group_col)
        }
    return out, usable


results = {}
results["layout-subtotals"], _ = people(
    "fixtures/layout-subtotals.csv", "Client ID", r"[A-Z]S\d+", 2,
    "Indicative Budget (weekly)", "Actual Budget (weekly)", "Client Group",
)
results["layout-repeated-header"], _ = people(
    "fixtures/layout-repeated-header.csv", "Person ID", r"RH\d+", 3,
    "RAS Allocation (weekly)", "Agreed Personal Budget (weekly)", "Age Band", skiprows=1,
)
summary, used = people(
    "fixtures/layout-summary-below.csv", "Client ID", r"SB\d+", 2,
    "Indicative Budget (weekly)", "Actual Budget (weekly)", "Client Group",
)
results["layout-summary-below"] = summary
results["headers-by-words"], _ = people(
    "fixtures/headers-by-words.csv", "Client ID", r"HW\d+", 2,
    "Indicative Weekly", "Final Weekly",
)
results["late-pound-cp1252"], _ = people(
    "fixtures/late-pound-cp1252.csv", "Client ID", r"L[PQ]\d+", 2,
    "Indicative Budget (weekly)", "Actual Budget (weekly)", encoding="cp1252",
)
stray, _ = people(
    "fixtures/utf8-stray-byte.csv", "Client ID", r"SY\d+", 2,
    "Indicative Budget (weekly)", "Actual Budget (weekly)",
    encoding="utf-8", encoding_errors="replace",
)
# The row with a byte that is not UTF-8 (read as U+FFFD) is not used: the figures without it.
frame = pd.read_csv(
    "fixtures/utf8-stray-byte.csv", dtype=str, encoding="utf-8", encoding_errors="replace"
)
frame["line"] = frame.index + 2
damaged = frame.apply(lambda row: any("\ufffd" in str(c) for c in row), axis=1)
clean = frame[~damaged]
stray["damagedLines"] = frame[damaged]["line"].tolist()
stray["usedLines"] = clean["line"].tolist()
stray["overall"] = figures(
    money(clean["Indicative Budget (weekly)"]), money(clean["Actual Budget (weekly)"])
)
results["utf8-stray-byte"] = stray
print(json.dumps(results, indent=1))
