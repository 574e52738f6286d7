#!/usr/bin/env python3
"""Check data/bps/regions.csv and data/bps/region_aliases.csv against the BPS IPG/IDG tables.

Standard library only.  Usage:  python3 tools/check_bps_regions.py [--verbose]
Exit code 0 only when every check passes.

Checks
  1. regions.csv: header, unique codes, one Indonesia row, 34 provinces, 514 kabupaten/kota,
     code format (province = 2 digits, kab/kota = 4 digits starting with its parent), parents exist,
     kota codes (3rd-4th digit >= 71) named "KOTA ...", kabupaten not.
  2. Kabupaten/kota count of every province equals the BPS 2020 master list (EXPECTED_KABKOTA).
  3. region_aliases.csv: header, every code exists, no alias equal to its code's own name,
     no duplicate rows; aliases shared by several codes are listed (resolved by level / province).
  4. Every (level, province, region) pair of both tables resolves, by exact name or alias, to exactly
     one code of that level whose parent is the row's province (the only allowed exception is
     KALIMANTAN_UTARA_UNDER_KALTIM below), and every region code is used by each table.
  5. Rows of one table that resolve to the same code and year carry identical values.

Resolution rule (what the library should do): province = the provinsi-level code whose name or
alias equals the province column; region = the code of the row's level whose name or alias equals
the region column, restricted to children of that province.
"""

import csv
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BPS = os.path.join(ROOT, "data", "bps")
TABLES = ["ipg_components_2010_2021.csv", "idg_components_2010_2021.csv"]
INDONESIA = "00"

# Kab/kota per province in BPS's 2020 S2 master list (sig.bps.go.id bridging, see REGIONS_SOURCE.md);
# 514 in total, unchanged 2014-2021.
EXPECTED_KABKOTA = {
    "11": 23,
    "12": 33,
    "13": 19,
    "14": 12,
    "15": 11,
    "16": 17,
    "17": 10,
    "18": 15,
    "19": 7,
    "21": 7,
    "31": 6,
    "32": 27,
    "33": 35,
    "34": 5,
    "35": 38,
    "36": 8,
    "51": 9,
    "52": 10,
    "53": 22,
    "61": 14,
    "62": 14,
    "63": 13,
    "64": 10,
    "65": 5,
    "71": 15,
    "72": 13,
    "73": 24,
    "74": 17,
    "75": 6,
    "76": 6,
    "81": 11,
    "82": 10,
    "91": 13,
    "94": 29,
}

# The IDG sheet repeats Kalimantan Utara's five kab/kota under KALIMANTAN TIMUR (2020-2021 values,
# identical to the KALIMANTAN UTARA rows).  Kalimantan Utara (65) was split from Kalimantan Timur
# (64) by UU 20/2012, so these rows resolve to the 65xx codes.
KALIMANTAN_UTARA_UNDER_KALTIM = {
    ("KALIMANTAN TIMUR", "BULUNGAN"),
    ("KALIMANTAN TIMUR", "MALINAU"),
    ("KALIMANTAN TIMUR", "NUNUKAN"),
    ("KALIMANTAN TIMUR", "TANA TIDUNG"),
    ("KALIMANTAN TIMUR", "KOTA TARAKAN"),
}


class Checker:
    def __init__(self, verbose=False):
        self.verbose = verbose
        self.failures = 0

    def check(self, ok, label, detail=""):
        if ok:
            print(f"PASS  {label}" + (f"  ({detail})" if detail and self.verbose else ""))
        else:
            self.failures += 1
            print(f"FAIL  {label}" + (f": {detail}" if detail else ""))
        return ok


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def main():
    verbose = "--verbose" in sys.argv[1:]
    c = Checker(verbose)

    # ---- 1. regions.csv
    header, rows = read_csv(os.path.join(BPS, "regions.csv"))
    c.check(header == ["code", "name", "parent", "level"], "regions.csv header", str(header))
    codes = [r["code"] for r in rows]
    dup = [k for k, n in Counter(codes).items() if n > 1]
    c.check(not dup, "codes are unique", f"{len(codes)} codes" if not dup else f"duplicates {dup}")
    reg = {r["code"]: r for r in rows}
    lv = Counter(r["level"] for r in rows)
    c.check(lv == Counter({"indonesia": 1, "provinsi": 34, "kabkota": 514}), "level counts 1 / 34 / 514", str(dict(lv)))
    bad = []
    for r in rows:
        k, p, level, n = r["code"], r["parent"], r["level"], r["name"]
        if not n or n != n.strip() or n != n.upper():
            bad.append(f"{k}: name {n!r}")
        if level == "indonesia":
            if k != INDONESIA or p:
                bad.append(f"{k}: indonesia row must be code {INDONESIA} with empty parent")
        elif level == "provinsi":
            if not re.fullmatch(r"[1-9]\d", k) or p != INDONESIA:
                bad.append(f"{k}: province code/parent")
        elif level == "kabkota":
            if not re.fullmatch(r"\d{4}", k) or p != k[:2] or reg.get(p, {}).get("level") != "provinsi":
                bad.append(f"{k}: kab/kota code/parent {p}")
            elif (int(k[2:]) >= 71) != n.startswith("KOTA "):
                bad.append(f"{k}: {n!r} kota/kabupaten naming does not match the code")
        else:
            bad.append(f"{k}: level {level!r}")
    c.check(not bad, "code format, parents, kota/kabupaten naming", "; ".join(bad[:10]))

    # ---- 2. per-province counts
    per_prov = Counter(r["parent"] for r in rows if r["level"] == "kabkota")
    diff = {p: (per_prov.get(p, 0), n) for p, n in EXPECTED_KABKOTA.items() if per_prov.get(p, 0) != n}
    extra = set(per_prov) - set(EXPECTED_KABKOTA)
    c.check(
        not diff and not extra and sum(EXPECTED_KABKOTA.values()) == 514,
        "kab/kota count of each province matches the BPS 2020 master list",
        f"diff (have, expected) {diff} extra {extra}"
        if diff or extra
        else ", ".join(f"{p}:{per_prov[p]}" for p in sorted(per_prov)),
    )

    # ---- 3. aliases
    aheader, arows = read_csv(os.path.join(BPS, "region_aliases.csv"))
    c.check(aheader == ["alias", "code"], "region_aliases.csv header", str(aheader))
    bad = [a for a in arows if a["code"] not in reg or not a["alias"] or a["alias"] != a["alias"].strip()]
    c.check(not bad, "every alias points to an existing code", str(bad[:5]))
    same = [a for a in arows if a["code"] in reg and a["alias"] == reg[a["code"]]["name"]]
    c.check(not same, "no alias repeats its own code's name", str(same[:5]))
    dup = [k for k, n in Counter((a["alias"], a["code"]) for a in arows).items() if n > 1]
    c.check(not dup, "no duplicate alias rows", str(dup[:5]))

    lookup = defaultdict(set)  # spelling -> codes (names and aliases)
    for r in rows:
        lookup[r["name"]].add(r["code"])
    for a in arows:
        if a["code"] in reg:
            lookup[a["alias"]].add(a["code"])
    shared = {s: sorted(cs) for s, cs in lookup.items() if len(cs) > 1}
    unsafe = {s: cs for s, cs in shared.items() if len({(reg[x]["level"], reg[x]["parent"]) for x in cs}) < len(cs)}
    c.check(
        not unsafe,
        "spellings shared by several codes are separable by level and province",
        str(unsafe) if unsafe else str(shared),
    )
    if shared:
        print(f"      note: spellings naming more than one code: {shared}")

    # ---- 4./5. resolve every table row
    all_codes = set(reg)
    for table in TABLES:
        _, trows = read_csv(os.path.join(BPS, table))
        pairs = {}
        problems = []
        for r in trows:
            key = (r["level"], r["province"], r["region"])
            if key in pairs:
                continue
            level, prov, region = key
            if level == "indonesia":
                cands = [x for x in lookup.get(region, ()) if reg[x]["level"] == "indonesia"]
                pairs[key] = cands[0] if len(cands) == 1 else None
                if len(cands) != 1:
                    problems.append(f"{key}: {cands}")
                continue
            pc = [x for x in lookup.get(prov, ()) if reg[x]["level"] == "provinsi"]
            if len(pc) != 1:
                problems.append(f"{key}: province resolves to {pc}")
                pairs[key] = None
                continue
            expect_parent = INDONESIA if level == "provinsi" else pc[0]
            if level == "kabkota" and (prov, region) in KALIMANTAN_UTARA_UNDER_KALTIM:
                expect_parent = "65"
            cands = [
                x for x in lookup.get(region, ()) if reg[x]["level"] == level and reg[x]["parent"] == expect_parent
            ]
            if level == "provinsi" and cands and cands != pc:
                problems.append(f"{key}: region {cands} != province {pc}")
            if len(cands) != 1:
                problems.append(f"{key}: resolves to {cands} (parent {expect_parent})")
                pairs[key] = None
            else:
                pairs[key] = cands[0]
        ok = c.check(
            not problems,
            f"{table}: every (level, province, region) pair resolves to exactly one code with the right parent",
            "; ".join(problems[:10]) if problems else f"{len(pairs)} pairs, {len(trows)} rows",
        )
        used = {v for v in pairs.values() if v}
        c.check(
            used == all_codes,
            f"{table}: uses every region code",
            f"missing {sorted(all_codes - used)[:10]}" if used != all_codes else f"{len(used)} codes",
        )
        exact = sum(1 for (_level, _province, rg), v in pairs.items() if v and rg == reg[v]["name"])
        print(f"      {table}: {len(pairs)} pairs; {exact} by exact name, {len(pairs) - exact} via aliases")
        if not ok:
            continue
        groups = defaultdict(list)
        value_cols = [k for k in trows[0] if k not in ("source_row", "level", "province", "region")]
        for r in trows:
            groups[(pairs[(r["level"], r["province"], r["region"])], r["year"])].append(r)
        clash = []
        repeated = 0
        for (code, year), g in groups.items():
            if len(g) > 1:
                repeated += 1
                if len({tuple(r[k] for k in value_cols) for r in g}) > 1:
                    clash.append(f"{code} {year}: " + " / ".join(f"{r['province']}|{r['region']}" for r in g))
        c.check(
            not clash,
            f"{table}: rows resolving to the same code and year are identical",
            "; ".join(clash[:10]) if clash else f"{repeated} repeated code-years",
        )

    print("ALL CHECKS PASSED" if not c.failures else f"{c.failures} CHECK(S) FAILED")
    return 0 if not c.failures else 1


if __name__ == "__main__":
    sys.exit(main())
