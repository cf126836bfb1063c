"""The people behind each group of fixtures/sample-export.csv, worked out with pandas alone (no
rasgap code), for the p% rule checks in test/disclose/dominance.test.ts.

Reading, as docs/methods.md and the domain primer describe it: amounts like `£1,234.56` are
pounds a week (the headers say weekly); a blank amount, an FOI marker or text that is not an
amount, or a negative one in brackets, drops the row; a row repeated exactly is dropped; of one person's rows the one with the
latest date agreed (DD/MM/YYYY; none counts as oldest; ties go to the later line) stands. Client
groups are matched to the Primary Support Reasons ignoring case (blank: Unknown); age bands are
18-64 and 65+ from the age (blank: Unknown).

For every group of --by client-group,age-band --by client-group --by age-band and the overall
row: n, the totals, and the largest two indicative and actual budgets.

Run from the repository root:
    /usr/bin/python3 test/disclose/sample-dominance.py | npx prettier --parser json > test/disclose/sample-dominance.json
(pandas 1.5.3, Python 3.11)
"""

import json
import re
import sys

import pandas as pd

PSR = [
    "Physical Support: Access & mobility only",
    "Physical Support: Personal care support",
    "Sensory Support: Support for visual impairment",
    "Sensory Support: Support for hearing impairment",
    "Sensory Support: Support for dual impairment",
    "Support with Memory & Cognition",
    "Learning Disability Support",
    "Mental Health Support",
    "Social Support: Substance misuse support",
    "Social Support: Asylum seeker support",
    "Social Support: Support for Social Isolation/Other",
    "Social Support: Support to Carer",
]
CANONICAL = {label.lower(): label for label in PSR}
AMOUNT = re.compile(r"^\(?£?\s*-?[\d,]*\.?\d+\)?$")


def pence(text):
    """Whole pence, or None when the cell is not an amount."""
    cleaned = text.strip().replace(" ", "")
    if not AMOUNT.match(cleaned):
        return None
    # A budget in brackets is negative: no budget can be, so the row is dropped.
    if cleaned.startswith("(") or cleaned.startswith("-") or "-" in cleaned:
        return None
    return round(float(cleaned.replace("£", "").replace(",", "")) * 100)


def age_band(text):
    text = text.strip()
    if not re.fullmatch(r"\d{1,3}", text):
        return "Unknown"
    age = int(text)
    return "Under 18" if age < 18 else "18-64" if age < 65 else "65+"


def main(path):
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows["line"] = range(2, len(rows) + 2)
    rows["indicative"] = rows["Indicative Budget (weekly)"].map(pence)
    rows["actual"] = rows["Actual Budget (weekly)"].map(pence)
    rows = rows[rows["indicative"].notna() & rows["actual"].notna()].copy()
    fields = [c for c in rows.columns if c not in ("line", "indicative", "actual")]
    rows = rows[~rows.duplicated(subset=fields, keep="first")].copy()
    rows["date"] = pd.to_datetime(rows["Date Agreed"], format="%d/%m/%Y", errors="coerce")
    rows["order"] = rows["date"].map(lambda d: d.value if not pd.isna(d) else -(2**62))
    rows = rows.sort_values(["order", "line"]).groupby("Person ID", sort=False).tail(1)
    rows["clientGroup"] = rows["Client Group"].map(
        lambda g: CANONICAL.get(g.strip().lower(), g.strip()) if g.strip() else "Unknown"
    )
    rows["ageBand"] = rows["Age"].map(age_band)

    def describe(group):
        ind = sorted(group["indicative"], reverse=True)
        act = sorted(group["actual"], reverse=True)
        return {
            "n": int(len(group)),
            "totalIndicative": round(sum(ind) / 100, 2),
            "totalActual": round(sum(act) / 100, 2),
            "indicativeTop2": [x / 100 for x in ind[:2]],
            "actualTop2": [x / 100 for x in act[:2]],
        }

    out = {"overall|All records": describe(rows)}
    for dims in (["clientGroup", "ageBand"], ["clientGroup"], ["ageBand"]):
        for key, group in rows.groupby(dims if len(dims) > 1 else dims[0]):
            values = key if isinstance(key, tuple) else (key,)
            out["+".join(dims) + "|" + " / ".join(values)] = describe(group)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fixtures/sample-export.csv")
