#!/usr/bin/env python3
"""Generate the simulator's embedded PVE API schema subset.

Usage (from the repo root or anywhere):

    python3 server/ProxmoxMcp.Simulator/Schema/make_schema_subset.py           # rewrite pve-api-subset.json
    python3 server/ProxmoxMcp.Simulator/Schema/make_schema_subset.py --check   # exit 1 if it is stale

Input: tests/contract/pve-api/pve-api-schema.json (PVE 9.x, compact format, see SOURCE.md there).
Output: pve-api-subset.json next to this script, embedded into ProxmoxMcp.Simulator.dll:
  * "endpoints": the full definitions (parameters, permissions, allowtoken, additionalProperties)
    of every endpoint the simulator implements (IMPLEMENTED below), descriptions and return
    schemas dropped;
  * "known": [method, path] of every other endpoint of the schema, so the simulator can answer
    "known to PVE but not implemented by the simulator" (501) instead of "no such method";
  * "config_types": the JSON type of each key of GET .../qemu|lxc/{vmid}/config (numbers vs strings).
Python 3 standard library only; output is deterministic (sorted, fixed separators).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SCHEMA = os.path.join(ROOT, "tests", "contract", "pve-api", "pve-api-schema.json")
OUT = os.path.join(HERE, "pve-api-subset.json")

GUEST_COMMON = [
    ("GET", ""), ("DELETE", ""), ("GET", "/status"), ("GET", "/status/current"),
    ("POST", "/status/start"), ("POST", "/status/stop"), ("POST", "/status/shutdown"),
    ("POST", "/status/reboot"), ("POST", "/status/suspend"), ("POST", "/status/resume"),
    ("POST", "/clone"), ("POST", "/migrate"), ("GET", "/config"), ("PUT", "/config"),
    ("PUT", "/resize"), ("POST", "/template"), ("GET", "/rrddata"),
    ("GET", "/snapshot"), ("POST", "/snapshot"), ("GET", "/snapshot/{snapname}"),
    ("GET", "/snapshot/{snapname}/config"), ("PUT", "/snapshot/{snapname}/config"),
    ("DELETE", "/snapshot/{snapname}"), ("POST", "/snapshot/{snapname}/rollback"),
]

IMPLEMENTED = [
    ("GET", "/nodes/{node}/syslog"), ("GET", "/cluster/log"), ("GET", "/nodes/{node}/firewall/log"),
    ("GET", "/nodes/{node}/qemu/{vmid}/firewall/log"), ("GET", "/nodes/{node}/lxc/{vmid}/firewall/log"),
    ("GET", "/nodes/{node}/network"), ("GET", "/cluster/firewall/rules"), ("GET", "/cluster/firewall/options"),
    ("GET", "/cluster/firewall/groups"), ("GET", "/nodes/{node}/firewall/rules"), ("GET", "/nodes/{node}/firewall/options"),
    ("GET", "/nodes/{node}/qemu/{vmid}/firewall/rules"), ("GET", "/nodes/{node}/qemu/{vmid}/firewall/options"),
    ("GET", "/nodes/{node}/lxc/{vmid}/firewall/rules"), ("GET", "/nodes/{node}/lxc/{vmid}/firewall/options"),
    ("GET", "/cluster/sdn/zones"), ("GET", "/cluster/sdn/vnets"),
    ("GET", "/version"),
    ("GET", "/cluster/status"), ("GET", "/cluster/resources"), ("GET", "/cluster/nextid"),
    ("GET", "/cluster/tasks"),
    ("GET", "/nodes"), ("GET", "/nodes/{node}/status"), ("GET", "/nodes/{node}/rrddata"),
    ("GET", "/nodes/{node}/qemu"), ("POST", "/nodes/{node}/qemu"),
    ("GET", "/nodes/{node}/lxc"), ("POST", "/nodes/{node}/lxc"),
    ("POST", "/nodes/{node}/qemu/{vmid}/status/reset"), ("POST", "/nodes/{node}/qemu/{vmid}/config"),
    ("GET", "/storage"),
    ("GET", "/nodes/{node}/storage"), ("GET", "/nodes/{node}/storage/{storage}/status"),
    ("GET", "/nodes/{node}/storage/{storage}/content"),
    ("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}"),
    ("POST", "/nodes/{node}/vzdump"),
    ("GET", "/pools"), ("POST", "/pools"), ("PUT", "/pools"), ("DELETE", "/pools"),
    ("GET", "/pools/{poolid}"), ("PUT", "/pools/{poolid}"), ("DELETE", "/pools/{poolid}"),
    ("GET", "/nodes/{node}/tasks"), ("GET", "/nodes/{node}/tasks/{upid}"),
    ("GET", "/nodes/{node}/tasks/{upid}/status"), ("GET", "/nodes/{node}/tasks/{upid}/log"),
    ("DELETE", "/nodes/{node}/tasks/{upid}"),
    ("POST", "/access/ticket"), ("GET", "/access/permissions"),
    ("GET", "/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces"), ("GET", "/nodes/{node}/qemu/{vmid}/agent/get-osinfo"),
    ("GET", "/nodes/{node}/qemu/{vmid}/agent/get-host-name"), ("POST", "/nodes/{node}/qemu/{vmid}/agent/ping"),
    ("POST", "/nodes/{node}/qemu/{vmid}/agent/exec"), ("GET", "/nodes/{node}/qemu/{vmid}/agent/exec-status"),
    ("GET", "/nodes/{node}/qemu/{vmid}/agent/file-read"), ("GET", "/nodes/{node}/lxc/{vmid}/interfaces"),
    ("GET", "/cluster/backup"), ("GET", "/cluster/backup-info/not-backed-up"), ("GET", "/cluster/ha/status/current"),
    ("GET", "/cluster/ha/resources"), ("GET", "/cluster/replication"), ("GET", "/nodes/{node}/replication"),
] + [(m, f"/nodes/{{node}}/{kind}/{{vmid}}{suffix}") for kind in ("qemu", "lxc") for m, suffix in GUEST_COMMON]

DROP = {"description", "returns", "typetext", "format_description", "title", "verbose_description"}


def strip(obj):
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items() if k not in DROP}
    if isinstance(obj, list):
        return [strip(v) for v in obj]
    return obj


def build():
    with open(SCHEMA, encoding="utf-8") as fh:
        doc = json.load(fh)
    by_key = {(e["method"], e["path"]): e for e in doc["endpoints"]}
    missing = [k for k in IMPLEMENTED if k not in by_key]
    if missing:
        sys.exit(f"endpoints not in the schema: {missing}")
    wanted = set(IMPLEMENTED)
    endpoints = [strip(by_key[k]) for k in sorted(wanted, key=lambda k: (k[1], k[0]))]
    for ep, key in zip(endpoints, sorted(wanted, key=lambda k: (k[1], k[0]))):
        ep.pop("name", None)
        ep["method"], ep["path"] = key
        ep["parameters"] = sorted(ep["parameters"], key=lambda p: p["name"])
    known = sorted([[m, p] for (m, p) in by_key if (m, p) not in wanted], key=lambda k: (k[1], k[0]))
    config_types = {}
    for kind in ("qemu", "lxc"):
        ret = by_key[("GET", f"/nodes/{{node}}/{kind}/{{vmid}}/config")].get("returns") or {}
        config_types[kind] = {k: v.get("type", "string") for k, v in sorted((ret.get("properties") or {}).items())}
    out = {
        "config_types": config_types,
        "meta": {
            "generated_by": "server/ProxmoxMcp.Simulator/Schema/make_schema_subset.py",
            "source": "tests/contract/pve-api/pve-api-schema.json",
            "pve_version": doc["meta"].get("pve_version"),
            "implemented": len(endpoints),
            "known_not_implemented": len(known),
        },
        "endpoints": endpoints,
        "known": known,
    }
    return json.dumps(out, indent=None, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n"


def main():
    text = build()
    if "--check" in sys.argv[1:]:
        try:
            with open(OUT, encoding="utf-8") as fh:
                current = fh.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{OUT} is stale: run python3 {os.path.relpath(__file__, ROOT)}", file=sys.stderr)
            sys.exit(1)
        print("pve-api-subset.json is up to date")
        return
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
