#!/usr/bin/env python3
"""patch.py BINARY DBG OUTBIN MAP: int3 at every managed function entry; MAP gets 'addr origbyte' lines."""
import subprocess, sys, shutil
binary, dbg, outbin, mapf = sys.argv[1:5]
secs = {}
for line in subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True).stdout.splitlines():
    parts = line.replace("[ ", "[").split()
    if len(parts) > 5 and parts[0].startswith("[") and parts[0] != "[Nr]":
        secs[parts[1]] = (int(parts[3], 16), int(parts[4], 16), int(parts[5], 16))  # addr, off, size
maddr, moff, msize = secs["__managedcode"]
addrs = set()
for line in subprocess.run(["nm", "--defined-only", dbg], capture_output=True, text=True).stdout.splitlines():
    p = line.split(maxsplit=2)
    if len(p) == 3 and p[1] in "tT":
        a = int(p[0], 16)
        if maddr <= a < maddr + msize: addrs.add(a)
data = bytearray(open(binary, "rb").read())
with open(mapf, "w") as m:
    for a in sorted(addrs):
        off = a - maddr + moff
        m.write(f"{a:x} {data[off]:x}\n"); data[off] = 0xCC
open(outbin, "wb").write(data)
import os; os.chmod(outbin, 0o755)
print(f"{len(addrs)} entries patched in __managedcode {maddr:#x}+{msize:#x}")
