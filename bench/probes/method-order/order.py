#!/usr/bin/env python3
"""order.py DBG HITS OUT: the symbol names of the hit functions, in first-hit order (the ILC order file)."""
import subprocess, sys
dbg, hits, out = sys.argv[1:4]
names = {}
for line in subprocess.run(["nm", "--defined-only", dbg], capture_output=True, text=True).stdout.splitlines():
    p = line.split(maxsplit=2)
    if len(p) == 3 and p[1] in "tT": names.setdefault(int(p[0], 16), []).append(p[2])
seen = set(); lines = []
for l in open(hits):
    for name in names.get(int(l, 16), []):
        if name not in seen: seen.add(name); lines.append(name)
open(out, "w").write("\n".join(lines) + "\n")
print(f"{len(lines)} symbols, {sum(map(len, lines)) / 1024:.0f} KiB")
