#!/usr/bin/env bash
# Removes proxmox-mcp: stops and disables the service, removes the unit, the binary and /opt/proxmox-mcp.
# Settings, certificates and client bundles in /etc/proxmox-mcp, the audit log in /var/lib/proxmox-mcp (and the
# service user) are kept unless --purge.
# Usage: sudo /opt/proxmox-mcp/uninstall.sh [--purge] [--root DIR]
set -euo pipefail

readonly SVC_USER=proxmox-mcp
readonly SVC_GROUP=proxmox-mcp
readonly OPT_DIR=/opt/proxmox-mcp
readonly ETC_DIR=/etc/proxmox-mcp
readonly STATE_DIR=/var/lib/proxmox-mcp
readonly UNIT_NAME=proxmox-mcp.service
readonly UNIT_FILE=/etc/systemd/system/$UNIT_NAME
readonly HTTP_UNIT_NAME=proxmox-mcp-http.service
readonly HTTP_UNIT_FILE=/etc/systemd/system/$HTTP_UNIT_NAME
readonly LINK=/usr/local/bin/proxmox-mcp

ROOT=""
PURGE=0
while [ $# -gt 0 ]; do
  case $1 in
    --purge) PURGE=1; shift ;;
    --root)
      if [ $# -lt 2 ] || [ -z "$2" ]; then echo "--root needs a directory" >&2; exit 2; fi
      ROOT=$2; shift 2 ;;
    -h|--help)
      echo "Usage: sudo $0 [--purge] [--root DIR]"
      echo "  --purge     also delete $ETC_DIR (settings, token secret, CA and client bundles), $STATE_DIR (audit log) and the $SVC_USER user"
      echo "  --root DIR  remove a staged installation from DIR (no systemctl, no user changes)"
      exit 0 ;;
    *) echo "unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

STAGING=0
if [ -n "$ROOT" ]; then
  [[ $ROOT == /* ]] || ROOT=$PWD/$ROOT
  ROOT=${ROOT%/}
  [ -n "$ROOT" ] || { echo "--root / is not a staging directory" >&2; exit 2; }
  STAGING=1
elif [ "$(id -u)" -ne 0 ]; then
  echo "run as root (sudo), or give --root DIR for a staged installation" >&2
  exit 1
fi
r() { printf '%s%s' "$ROOT" "$1"; }
info() { printf 'proxmox-mcp uninstall: %s\n' "$*"; }

for unit in "$UNIT_NAME" "$HTTP_UNIT_NAME"; do
  if [ $STAGING -eq 0 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    if systemctl list-unit-files "$unit" >/dev/null 2>&1; then
      systemctl disable --now "$unit" >/dev/null 2>&1 || true
    fi
  fi
done

for file in "$UNIT_FILE" "$HTTP_UNIT_FILE"; do
  if [ -e "$(r "$file")" ]; then
    rm -f "$(r "$file")"
    info "removed $(r "$file")"
  fi
done
if [ $STAGING -eq 0 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload
  systemctl reset-failed "$UNIT_NAME" "$HTTP_UNIT_NAME" >/dev/null 2>&1 || true
fi

if [ -L "$(r "$LINK")" ]; then
  rm -f "$(r "$LINK")"
fi
if [ -d "$(r "$OPT_DIR")" ]; then
  rm -rf "$(r "$OPT_DIR")"
  info "removed $(r "$OPT_DIR")"
fi

if [ $PURGE -eq 1 ]; then
  rm -rf "$(r "$ETC_DIR")"
  info "purged $(r "$ETC_DIR") (settings, secret, certificates, client bundles)"
  if [ -d "$(r "$STATE_DIR")" ]; then
    rm -rf "$(r "$STATE_DIR")"
    info "purged $(r "$STATE_DIR") (the audit log)"
  fi
  if [ $STAGING -eq 0 ] && getent passwd "$SVC_USER" >/dev/null 2>&1; then
    userdel "$SVC_USER" >/dev/null 2>&1 || true
    if getent group "$SVC_GROUP" >/dev/null 2>&1; then groupdel "$SVC_GROUP" >/dev/null 2>&1 || true; fi
    info "removed the $SVC_USER user"
  fi
else
  [ -d "$(r "$ETC_DIR")" ] && info "kept $(r "$ETC_DIR") (settings and certificates; --purge deletes them)"
fi
info "done"
