"""The benchmark's yardstick: rasgap's default summary as a pandas user would write it.

Reads an export made by `rasgap generate` (its column names are written in here, as an analyst
would for one council's file), leaves out rows whose amounts are blank, suppressed or not
amounts, drops rows repeated exactly, keeps each person's latest record by date agreed (ties to
the later line), and prints as JSON, overall and by age band and by client group: n, up / down /
unchanged counts, money totals, the mean, median and quartiles of the gap in pounds a week and
the median and quartiles of the percentage gap (indicative > 0 only).

rasgap does more than this (intervals, sign and Wilcoxon tests, agreement figures, the
publishing rules); the script stands for the part a pandas user would write by hand.

Usage: /usr/bin/python3 scripts/bench_pandas.py export.csv [> summary.json]
"""

import json
import sys

import numpy as np
import pandas as pd

INDICATIVE = "Indicative Budget (weekly)"
ACTUAL = "Actual Budget (weekly)"


def money(column: pd.Series) -> pd.Series:
    """£1,234.56 -> 1234.56; (12.00) is -12; blanks, [c] markers, text and negatives -> NaN."""
    text = column.str.replace("£", "", regex=False).str.replace(",", "", regex=False).str.strip()
    text = text.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    value = pd.to_numeric(text, errors="coerce")
    return value.where(value >= 0)


def summary(frame: pd.DataFrame) -> dict:
    gap = frame["gap"]
    pct = frame["pct_gap"].dropna()
    return {
        "n": int(len(frame)),
        "up": int((gap > 0).sum()),
        "down": int((gap < 0).sum()),
        "unchanged": int((gap == 0).sum()),
        "totalIndicative": round(float(frame["indicative"].sum()), 2),
        "totalActual": round(float(frame["actual"].sum()), 2),
        "meanGap": float(gap.mean()),
        "q1Gap": float(gap.quantile(0.25)),
        "medianGap": float(gap.median()),
        "q3Gap": float(gap.quantile(0.75)),
        "q1PctGap": float(pct.quantile(0.25)),
        "medianPctGap": float(pct.median()),
        "q3PctGap": float(pct.quantile(0.75)),
    }


def main(path: str) -> None:
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows["line"] = np.arange(2, len(rows) + 2)
    rows["indicative"] = money(rows[INDICATIVE])
    rows["actual"] = money(rows[ACTUAL])
    rows = rows.dropna(subset=["indicative", "actual"])
    rows = rows[~rows.duplicated(subset=[c for c in rows.columns if c != "line"])]
    rows["date"] = pd.to_datetime(rows["Date Agreed"], format="%d/%m/%Y", errors="coerce")
    has_id = rows["Person ID"].str.strip() != ""
    people = rows[has_id].sort_values(["date", "line"], na_position="first", kind="stable")
    latest = pd.concat([people.drop_duplicates("Person ID", keep="last"), rows[~has_id]])

    # Pence, as the amounts are written, then pounds a week.
    indicative = (latest["indicative"] * 100).round()
    actual = (latest["actual"] * 100).round()
    latest = latest.assign(
        indicative=indicative / 100,
        actual=actual / 100,
        gap=(actual - indicative) / 100,
        pct_gap=((actual - indicative) / indicative * 100).where(indicative > 0),
    )
    age = pd.to_numeric(latest["Age"].str.strip(), errors="coerce")
    latest["age_band"] = pd.cut(
        age, [-1, 17, 64, 130], labels=["Under 18", "18-64", "65+"]
    ).astype(str).replace("nan", "Unknown")
    group = latest["Client Group"].str.strip()
    latest["client_group"] = group.where(group != "", "Unknown")

    result = {"overall": summary(latest)}
    for name, column in (("ageBand", "age_band"), ("clientGroup", "client_group")):
        result[name] = {str(key): summary(part) for key, part in latest.groupby(column)}
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
