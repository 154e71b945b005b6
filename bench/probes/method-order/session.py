#!/usr/bin/env python3
"""A broad session against pve-sim through BINARY: the default read tools, most others, dry-run writes, the bench's calls, errors. usage: session.py BINARY PORT FINGERPRINT"""
import json, os, subprocess, sys
binary, port, fp = sys.argv[1:4]
env = dict(os.environ, PROXMOX_HOST="127.0.0.1", PROXMOX_PORT=port, PROXMOX_TOKEN_ID="root@pam!mcp",
           PROXMOX_TOKEN_SECRET="5e1f6d1a-0000-4000-8000-00000000demo", PROXMOX_FINGERPRINT=fp,
           PROXMOX_MCP_LOG_LEVEL="warning", PROXMOX_MCP_TOOLS="all")
p = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
n = 0
def rpc(method, params):
    global n; n += 1
    p.stdin.write((json.dumps({"jsonrpc": "2.0", "id": n, "method": method, "params": params}) + "\n").encode()); p.stdin.flush()
    while True:
        msg = json.loads(p.stdout.readline())
        if msg.get("id") == n: return msg
def call(tool, **args):
    r = rpc("tools/call", {"name": tool, "arguments": args})
    return r.get("result", {})
rpc("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "order", "version": "1"}})
p.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n'); p.stdin.flush()
rpc("tools/list", {}); rpc("prompts/list", {})
calls = [("get_node_status", {"node": "pve1"}), ("get_cluster_resources", {}), ("get_nodes", {}),
         ("get_node_metrics", {"node": "pve2"}), ("get_cluster_status", {}),
         ("get_cluster_resources", {"type": "vm", "status": "running"}), ("get_vm", {"vmid": 101}), ("get_vms", {"node": "pve2"}),
         ("get_vm_config", {"vmid": 100}), ("get_containers", {}), ("get_container", {"vmid": 200}),
         ("get_storages", {}), ("get_storage_content", {"storage": "local"}), ("get_snapshots", {"vmid": 100}), ("get_backups", {}),
         ("get_tasks", {}), ("get_pools", {}), ("find_api", {"query": "vm status"}), ("describe_api", {"method": "GET", "path": "/nodes"}),
         ("call_api", {"path": "/version"}), ("get_vm", {"vmid": 99999}), ("get_node_status", {"node": "nosuchnode"}), ("get_vm", {}),
         ("get_node_log", {"node": "pve1"}), ("get_ha_status", {}), ("get_firewall_rules", {}), ("get_sdn", {}), ("audit_backups", {}),
         ("get_cluster_health", {}), ("get_node_network", {"node": "pve1"}), ("get_cluster_log", {}), ("list_backup_jobs", {}),
         ("get_replication_status", {}), ("get_vm_metrics", {"vmid": 100}), ("get_container_config", {"vmid": 200}),
         ("start_vm", {"vmid": 100, "dry_run": True}), ("stop_vm", {"vmid": 100, "dry_run": True}),
         ("create_snapshot", {"vmid": 100, "snapname": "s1", "dry_run": True}), ("update_vm", {"vmid": 100, "dry_run": True}),
         ("create_pool", {"poolid": "p1", "dry_run": True}), ("start_container", {"vmid": 200, "dry_run": True})]
for round in range(3):
    for tool, args in calls:
        call(tool, **args)
p.stdin.close(); p.wait()
print(f"session: {n} requests")
