#!/usr/bin/env python3
"""First tool call of a fresh proxmox-mcp process, two binaries interleaved (docs/PERFORMANCE-memory.md).

Start a simulator first, e.g. `pve-sim --port 18006 --bind 127.0.0.1` (it prints the fingerprint), then:
    bench/probes/first-call.py --fingerprint AA:BB:... --port 18006 -n 15 BASE_BINARY NEW_BINARY
Each round starts one process of each binary in turn: initialize, then get_cluster_status is timed (wall and the
process's CPU from /proc/PID/stat). Prints medians per binary and NEW/BASE ratios, measured in the same run.
"""
import argparse, json, os, statistics, subprocess, time

parser = argparse.ArgumentParser()
parser.add_argument("--fingerprint", required=True)
parser.add_argument("--port", default="18006")
parser.add_argument("-n", type=int, default=15)
parser.add_argument("binaries", nargs=2)
args = parser.parse_args()
env = dict(os.environ, PROXMOX_HOST="127.0.0.1", PROXMOX_PORT=args.port, PROXMOX_TOKEN_ID="root@pam!mcp",
           PROXMOX_TOKEN_SECRET="5e1f6d1a-0000-4000-8000-00000000demo", PROXMOX_FINGERPRINT=args.fingerprint,
           PROXMOX_MCP_LOG_LEVEL="warning")
ticks = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


def first_call(binary):
    p = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)

    def rpc(id, method, params):
        p.stdin.write((json.dumps({"jsonrpc": "2.0", "id": id, "method": method, "params": params}) + "\n").encode())
        p.stdin.flush()
        while True:
            message = json.loads(p.stdout.readline())
            if message.get("id") == id:
                return message

    rpc(1, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "probe", "version": "1"}})
    p.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    p.stdin.flush()
    before, start = cpu_ms(p.pid), time.perf_counter()
    reply = rpc(2, "tools/call", {"name": "get_cluster_status", "arguments": {}})
    wall, cpu = (time.perf_counter() - start) * 1000, cpu_ms(p.pid) - before
    assert "error" not in reply and not reply["result"].get("isError"), reply
    p.stdin.close()
    p.wait()
    return wall, cpu


results = {b: [] for b in args.binaries}
for _ in range(args.n):
    for binary in args.binaries:
        results[binary].append(first_call(binary))
medians = {b: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for b, r in results.items()}
base, new = (medians[b] for b in args.binaries)
print(f"load {open('/proc/loadavg').read().split()[0]}, n={args.n} each, interleaved")
for binary, (wall, cpu) in medians.items():
    print(f"{binary}: first call wall median {wall:.1f} ms, CPU median {cpu:.0f} ms")
print(f"ratio new/base: wall {new[0] / base[0]:.2f}x, CPU {new[1] / base[1]:.2f}x")
