#!/usr/bin/env python3
"""Start-up of two or more proxmox-mcp binaries, interleaved (docs/PERFORMANCE-startup.md, fourth pass).

    bench/probes/startup-ab.py -n 20 BASE_BINARY NEW_BINARY [-- SERVER_ARGS...]
    bench/probes/startup-ab.py -n 20 --trace BASE NEW      # also the PROXMOX_MCP_STARTUP_TRACE phases

Each round starts one process of each binary in turn (the order alternates between rounds) with the bench's
single-cluster environment (PROXMOX_HOST=127.0.0.1 and a token, nothing listening: start-up never connects),
writes `initialize` at once and times spawn -> reply line. At the reply it reads: CPU of the live threads
(/proc/PID/task/*/schedstat, what bench/run.sh reports; misses threads that already ended), VmHWM and minor faults;
after stdin closes, the whole process's CPU from wait4 (all threads, to exit). With --trace, the CPU at
first-reply-written comes from the server's own getrusage (all threads, ended ones included) and each phase is shown:
`phase X` = process CPU so far, `wall at X` = ms since spawn.
--fingerprint adds PROXMOX_FINGERPRINT (the server then points OpenSSL's trust store at nothing with setenv).
Prints medians per binary and each binary's ratio to the first, measured in the same run.
"""
import argparse, json, os, statistics, subprocess, time

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=20)
parser.add_argument("--trace", action="store_true")
parser.add_argument("--fingerprint", action="store_true")
parser.add_argument("binaries", nargs="+")
argv = os.sys.argv[1:]
server_args = argv[argv.index("--") + 1:] if "--" in argv else []
args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
env = dict(os.environ, PROXMOX_HOST="127.0.0.1", PROXMOX_TOKEN_ID="bench@pve!mcp",
           PROXMOX_TOKEN_SECRET="00000000-0000-0000-0000-000000000000")
if args.fingerprint:
    env["PROXMOX_FINGERPRINT"] = ":".join(["AB"] * 32)
if args.trace:
    env["PROXMOX_MCP_STARTUP_TRACE"] = "1"
INIT = (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "probe", "version": "1"}}}) + "\n").encode()


def threads_cpu_ms(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        total += int(open(f"/proc/{pid}/task/{task}/schedstat").read().split()[0])
    return total / 1e6


def status_kib(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])


def once(binary):
    start, spawned = time.perf_counter(), time.time()
    p = subprocess.Popen([binary, *server_args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE if args.trace else subprocess.DEVNULL, env=env)
    p.stdin.write(INIT)
    p.stdin.flush()
    reply = p.stdout.readline()
    wall = (time.perf_counter() - start) * 1000
    assert b'"id":1' in reply, reply
    row = {"wall": wall, "threads_cpu": threads_cpu_ms(p.pid), "hwm": status_kib(p.pid, "VmHWM") / 1024,
           "minflt": int(open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()[7])}
    p.stdin.close()
    _, _, usage = os.wait4(p.pid, 0)
    row["cpu_to_exit"] = (usage.ru_utime + usage.ru_stime) * 1000
    if args.trace:
        for line in p.stderr.read().decode().splitlines():
            parts = line.split()
            if parts[:1] == ["startup-trace"]:
                row["phase " + parts[1]] = float(parts[3])
                row["wall at " + parts[1]] = int(parts[2]) / 1000 - spawned * 1000
        row["trace_cpu"] = row.get("phase first-reply-written")
    p.stdout.close()
    if p.stderr:
        p.stderr.close()
    return row


results = {b: [] for b in args.binaries}
for i in range(args.n):
    order = args.binaries if i % 2 == 0 else list(reversed(args.binaries))
    for binary in order:
        results[binary].append(once(binary))

load = open("/proc/loadavg").read().split()[0]
print(f"load {load} (1 min, at the end), n={args.n} each, interleaved, args {server_args}")
keys = [k for k in results[args.binaries[0]][0] if not k.startswith(("phase", "wall at"))] + \
       sorted({k for r in results[args.binaries[0]] for k in r if k.startswith(("phase", "wall at"))},
              key=lambda k: statistics.median(r[k] for r in results[args.binaries[0]] if k in r))
base = args.binaries[0]
print("| " + " | ".join(["median"] + args.binaries) + " |")
for key in keys:
    cells = []
    for b in args.binaries:
        values = [r[key] for r in results[b] if r.get(key) is not None]
        value = max(values) if key == "hwm" else statistics.median(values)
        basevalues = [r[key] for r in results[base] if r.get(key) is not None]
        basevalue = max(basevalues) if key == "hwm" else statistics.median(basevalues)
        cells.append(f"{value:.2f}" + (f" ({value / basevalue:.2f}x)" if b != base and basevalue else ""))
    print(f"| {key}{' (max)' if key == 'hwm' else ''} | " + " | ".join(cells) + " |")
