#!/usr/bin/env python3
"""Turns the published "Events captured in configuration audit logs" page (copied as text) into the catalog
data file the reader ships: reader/AuditInfra.Reader/Catalog/event-codes.json.

Run it when Akamai publishes new codes:  python3 scripts/import-catalog.py PAGE.txt
The page is a sequence of headings (a service such as "Compute", then a group such as "Linodes"; a lone
heading is a group of the current service, except a known service name) followed by Markdown tables whose
rows are `| description | event-code | API operation |`. Section rows (`| Buckets | ||`) are skipped. Rows whose
leading or trailing pipe was lost in the page's formatting are still read."""
import json
import re
import sys

SERVICES = {"Platform", "Compute", "Storage", "Networking", "Databases", "Monitoring"}
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


def parse(lines):
    service, group, pending, rows = None, None, [], []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("|---") or line.startswith("| Event description"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if "|" in line and len(cells) >= 3 and CODE.match(cells[1]):
            if pending:
                heads, pending = pending, []
                if heads[0] in SERVICES:
                    service = heads[0]
                    group = heads[1] if len(heads) > 1 else heads[0]
                else:
                    group = heads[-1]
            rows.append({"code": cells[1], "service": service, "group": group,
                         "description": cells[0], "operation": cells[2]})
        elif "|" in line:
            continue  # a section row inside a table
        elif line.startswith("Updated ") or len(line) > 80:
            continue  # page chrome and prose
        else:
            pending.append(line)
    return rows


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("For information about log file format"))
    rows = parse(lines[start + 1:])
    codes = [r["code"] for r in rows]
    dupes = {c for c in codes if codes.count(c) > 1}
    if dupes:
        sys.exit(f"duplicate codes: {sorted(dupes)}")
    out = "reader/AuditInfra.Reader/Catalog/event-codes.json"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(rows)} event codes -> {out}")


if __name__ == "__main__":
    main()
