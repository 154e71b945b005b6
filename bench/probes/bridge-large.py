#!/usr/bin/env python3
"""Large replies through the bridge: throughput, CPU and peak RSS of several binaries, interleaved (docs/PERFORMANCE-bridge.md).

    bench/probes/bridge-large.py [-n ROUNDS] [-t TRANSFERS] [--mb 10] [--socat] BRIDGE_BINARY [BRIDGE_BINARY...]

A loopback NDJSON server (as in bench/ProxmoxMcp.Bench/Bridge/LoopbackMcpServer.cs) answers "big" with a one-line
reply of --mb MB. Each round runs, in turn: a direct TCP client, then every binary (a fresh process per round, started
like the bench starts it), optionally socat STDIO; each fetches the reply TRANSFERS times after one warm-up fetch.
Per binary it prints the median MB/s (10^6 bytes/s), the median ratio to the direct client of the same round, the
process's CPU ms per reply (utime+stime from /proc/PID/stat) and its peak RSS (VmHWM) after the transfers; with
two binaries, the second/first ratios. Needs socat only for --socat.
"""
import argparse, os, socket, statistics, subprocess, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=5, help="rounds")
parser.add_argument("-t", type=int, default=5, help="timed transfers per process")
parser.add_argument("--mb", type=float, default=10)
parser.add_argument("--socat", action="store_true", help="also measure socat STDIO as a stdio relay baseline")
parser.add_argument("binaries", nargs="+")
args = parser.parse_args()

size = int(args.mb * 1_000_000)
prefix = b'{"jsonrpc":"2.0","id":"big","result":{"content":[{"type":"text","text":"'
suffix = b'"}]}}\n'
big = prefix + b"x" * (size - len(prefix) - len(suffix)) + suffix
ticks = os.sysconf("SC_CLK_TCK")


def serve(conn):
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pending = b""
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                if b'"big"' in line:
                    conn.sendall(big)
                elif b'"id"' in line:
                    conn.sendall(b'{"jsonrpc":"2.0","id":1,"result":{}}\n')


listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(16)
port = listener.getsockname()[1]
threading.Thread(target=lambda: [threading.Thread(target=serve, args=(listener.accept()[0],), daemon=True).start()
                                 for _ in iter(int, 1)], daemon=True).start()

REQUEST = b'{"jsonrpc":"2.0","id":"big","method":"big"}\n'


def fetch(write, read_fd):
    """One request, one reply read to its line feed; returns seconds."""
    started = time.perf_counter()
    write(REQUEST)
    got = 0
    while True:
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            raise EOFError("peer closed")
        got += len(chunk)
        if chunk.endswith(b"\n") and got >= size:
            break
    if got != size:
        raise ValueError(f"read {got} bytes, expected {size}")
    return time.perf_counter() - started


def rates(write, read_fd):
    fetch(write, read_fd)
    return [size / fetch(write, read_fd) / 1e6 for _ in range(args.t)]


def direct():
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with s:
        return statistics.median(rates(s.sendall, s.fileno()))


def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


def hwm_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


def relay(command):
    p = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
    try:
        def write(b):
            p.stdin.write(b)
        fetch(write, p.stdout.fileno())  # start-up and warm-up, outside the CPU figure
        cpu_before = cpu_ms(p.pid)
        r = [size / fetch(write, p.stdout.fileno()) / 1e6 for _ in range(args.t)]
        cpu = (cpu_ms(p.pid) - cpu_before) / args.t
        return statistics.median(r), cpu, hwm_mib(p.pid)
    finally:
        p.stdin.close()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()


commands = {b: [b, "--host", "127.0.0.1", "--port", str(port), "--idle-ping", "0", "--log-level", "warn"] for b in args.binaries}
if args.socat:
    commands["socat"] = ["socat", "STDIO", f"TCP:127.0.0.1:{port},nodelay"]
results = {name: [] for name in commands}
for round_number in range(args.n):
    d = direct()
    for name, command in commands.items():
        mbps, cpu, hwm = relay(command)
        results[name].append((mbps, mbps / d, cpu, hwm))
        print(f"round {round_number + 1}: {name}: {mbps:.0f} MB/s ({mbps / d:.2f}x direct {d:.0f} MB/s), {cpu:.0f} ms CPU/reply, VmHWM {hwm:.1f} MiB", flush=True)

print(f"\nmedians over {args.n} rounds of {args.t} replies of {size} bytes:")
medians = {}
for name, rows in results.items():
    medians[name] = [statistics.median(col) for col in zip(*rows)]
    m = medians[name]
    print(f"  {name}: {m[0]:.0f} MB/s, {m[1]:.2f}x direct, {m[2]:.0f} ms CPU/reply, VmHWM {m[3]:.1f} MiB")
if len(args.binaries) == 2:
    a, b = (medians[x] for x in args.binaries)
    print(f"  second/first: throughput {b[0] / a[0]:.2f}x, vs-direct ratio {b[1] / a[1]:.2f}x, CPU {b[2] / max(a[2], 1e-9):.2f}x, VmHWM {b[3] / a[3]:.2f}x")
