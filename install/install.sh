#!/usr/bin/env bash
# Installs (or upgrades) proxmox-mcp on a Linux machine with systemd: the Native AOT server under
# /opt/proxmox-mcp, its settings in /etc/proxmox-mcp, and proxmox-mcp.service, where socat accepts
# connections on TCP 3100 (mutual TLS by default) and starts one server process per connection.
# Idempotent: run it again to upgrade; settings, certificates and listener choices are kept.
# Usage: sudo install/install.sh --help
set -euo pipefail
umask 077

readonly SVC_USER=proxmox-mcp
readonly SVC_GROUP=proxmox-mcp
readonly OPT_DIR=/opt/proxmox-mcp
readonly BIN=$OPT_DIR/proxmox-mcp
readonly MANIFEST=$OPT_DIR/MANIFEST
readonly ETC_DIR=/etc/proxmox-mcp
readonly ENV_FILE=$ETC_DIR/proxmox-mcp.env
readonly STATE_FILE=$ETC_DIR/install.conf
readonly TLS_DIR=$ETC_DIR/tls
readonly CLIENTS_DIR=$ETC_DIR/clients
readonly UNIT_NAME=proxmox-mcp.service
readonly UNIT_FILE=/etc/systemd/system/$UNIT_NAME
readonly HTTP_UNIT_NAME=proxmox-mcp-http.service
readonly HTTP_UNIT_FILE=/etc/systemd/system/$HTTP_UNIT_NAME
readonly TOKEN_FILE=$ETC_DIR/http-tokens
readonly CLUSTERS_FILE=$ETC_DIR/clusters.json
readonly CLUSTERS_DIR=$ETC_DIR/clusters
readonly LINK=/usr/local/bin/proxmox-mcp
readonly CERT_DAYS=825
readonly CA_DAYS=3650
readonly RENEW_SECONDS=$((30 * 24 * 3600))

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
readonly REPO_DIR=$SCRIPT_DIR/..

usage() {
  cat <<'EOF'
Usage: sudo install/install.sh [options]

Proxmox VE connection (kept from the previous install when not given):
  --host NAME               Proxmox VE node to talk to (PROXMOX_HOST)
  --pve-port PORT           Proxmox API port (PROXMOX_PORT, default 8006)
  --token-id ID             API token, best as user@realm!name (PROXMOX_TOKEN_ID)
  --token-secret-stdin      read the token secret from the first line of standard input (also done
                            without this option when standard input is not a terminal and a secret is needed)
  --token-secret-file FILE  read the token secret from FILE
                            (or set PROXMOX_TOKEN_SECRET in the installer's environment, or answer the
                            prompt; a secret is never accepted as a command-line argument)
  --fingerprint SHA256|auto pin the node's certificate (PROXMOX_FINGERPRINT); "auto" pins what the node
                            presents now and prints it so you can compare it with the GUI
  --pve-ca-file FILE        trust this CA instead (a copy of the node's /etc/pve/pve-root-ca.pem)
  --insecure                PROXMOX_VERIFY_SSL=false: accept any certificate (not recommended)
  --simulate | --no-simulate  serve the built-in simulated cluster (a demo; no Proxmox needed)

Listener (socat, kept from the previous install when not given):
  --port PORT               TCP port to listen on (default 3100)
  --bind ADDRESS            address to listen on (default 0.0.0.0; an IPv6 address listens on IPv6)
  --allow CIDR              accept connections from this network only (socat range=), e.g. 192.168.1.0/24
  --max-children N          most concurrent sessions (default 16; each is one ~25 MiB process)
  --plaintext               plain TCP instead of mutual TLS: anyone who can reach the port controls
                            your Proxmox with the token's rights. Only on a network you fully trust.
  --tls                     switch a plaintext install back to mutual TLS

Streamable HTTP (a second, optional unit: proxmox-mcp-http.service; kept from the previous install):
  --http ADDRESS            also serve MCP over Streamable HTTP at ADDRESS (IP:PORT, e.g. 0.0.0.0:8443 or
                            127.0.0.1:8080 behind a reverse proxy); TLS with this installation's CA
                            unless the address is loopback; bearer tokens in /etc/proxmox-mcp/http-tokens
  --http-token-name NAME    name of the first bearer token, created (and printed once) when the token file
                            has none (default http-client); more: sudo proxmox-mcp http-token add NAME
                            --http-tokens /etc/proxmox-mcp/http-tokens [--read-only] [--tools ...]
  --no-http                 stop and remove the HTTP unit (the token file is kept)

Certificates (mutual TLS):
  --san NAME|IP             a name or address clients use to reach this machine; repeatable; the first
                            one goes into the Claude Desktop configuration (default: this host's names
                            and addresses)
  --client-name NAME        client bundle to create (default claude-desktop); run again with another
                            name for another Windows machine
  --renew-certs, --rotate-ca  issue a new CA, server and client certificates (every old client bundle
                            stops working: the way to revoke a lost one)
  --windows-dir DIR         where the bundle will live on Windows, for the printed configuration
                            (default C:\ProxmoxMcp)

More clusters (on an existing install; the env file's cluster stays the one named "default"):
  --add-cluster NAME        add or update cluster NAME (a-z, 0-9, '-') in /etc/proxmox-mcp/clusters.json with
                            --host (repeat it, or a,b,c: node addresses in failover order), --token-id, the
                            secret as above (written to /etc/proxmox-mcp/clusters/NAME.secret, 0600), and
                            optionally --pve-port, --fingerprint (auto pins every node), --pve-ca-file, --insecure;
                            nothing else is changed. Run it again to update the entry.

Installation:
  --binary PATH             install this prebuilt proxmox-mcp instead of publishing from source
  --root DIR                stage into DIR: no systemctl, no user or package changes; owners that
                            cannot be applied are recorded in DIR/opt/proxmox-mcp/MANIFEST
  --no-start                install but do not (re)start the service
  --no-check                skip `proxmox-mcp check` at the end
  --non-interactive         never prompt; fail when something required is missing
  -h, --help                this text

Exit codes: 0 installed and check passed (or skipped), 1 error, 2 usage, 4 installed but check failed.
EOF
}

say() { printf '%s\n' "$*"; }
info() { printf 'proxmox-mcp install: %s\n' "$*"; }
warn() { printf 'proxmox-mcp install: WARNING: %s\n' "$*" >&2; }
die() { printf 'proxmox-mcp install: error: %s\n' "$*" >&2; exit 1; }
usage_error() { printf 'proxmox-mcp install: %s (see --help)\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------- options
ROOT=""
BINARY=""
OPT_HOST="" OPT_PVE_PORT="" OPT_TOKEN_ID="" OPT_FINGERPRINT="" OPT_PVE_CA="" OPT_INSECURE=0 OPT_SIMULATE=""
SECRET="" SECRET_GIVEN=0
OPT_PORT="" OPT_BIND="" OPT_ALLOW="" OPT_MAX_CHILDREN="" OPT_MODE=""
OPT_SANS=()
CLIENT_NAME="" OPT_WINDOWS_DIR="" RENEW_CERTS=0
NO_START=0 NO_CHECK=0 INTERACTIVE=1
OPT_HTTP="" OPT_NO_HTTP=0 HTTP_TOKEN_NAME=http-client
OPT_HOSTS=() ADD_CLUSTER=""

need_value() { if [ $# -lt 2 ] || [ -z "$2" ]; then usage_error "$1 needs a value"; fi; }

while [ $# -gt 0 ]; do
  case $1 in
    --host) need_value "$@"; OPT_HOST=$2; OPT_HOSTS+=("${2//,/ }"); shift 2 ;;
    --add-cluster) need_value "$@"; ADD_CLUSTER=$2; shift 2 ;;
    --pve-port) need_value "$@"; OPT_PVE_PORT=$2; shift 2 ;;
    --token-id) need_value "$@"; OPT_TOKEN_ID=$2; shift 2 ;;
    --token-secret-stdin) IFS= read -r SECRET || [ -n "$SECRET" ] || die "no token secret on standard input"; SECRET_GIVEN=1; shift ;;
    --token-secret-file) need_value "$@"; [ -r "$2" ] || die "cannot read $2"; IFS= read -r SECRET <"$2" || [ -n "$SECRET" ] || die "$2 is empty"; SECRET_GIVEN=1; shift 2 ;;
    --token-secret|--token-secret=*|--password|--password=*)
      usage_error "secrets are never taken as arguments (ps shows them to every user): use --token-secret-stdin, --token-secret-file or the prompt" ;;
    --fingerprint) need_value "$@"; OPT_FINGERPRINT=$2; shift 2 ;;
    --pve-ca-file) need_value "$@"; OPT_PVE_CA=$2; shift 2 ;;
    --insecure) OPT_INSECURE=1; shift ;;
    --simulate) OPT_SIMULATE=true; shift ;;
    --no-simulate) OPT_SIMULATE=false; shift ;;
    --port) need_value "$@"; OPT_PORT=$2; shift 2 ;;
    --bind) need_value "$@"; OPT_BIND=$2; shift 2 ;;
    --allow) need_value "$@"; [ -z "$OPT_ALLOW" ] || usage_error "--allow takes one network (socat accepts one range); use a firewall for more"; OPT_ALLOW=$2; shift 2 ;;
    --max-children) need_value "$@"; OPT_MAX_CHILDREN=$2; shift 2 ;;
    --plaintext) OPT_MODE=plaintext; shift ;;
    --tls) OPT_MODE=tls; shift ;;
    --http) need_value "$@"; OPT_HTTP=$2; shift 2 ;;
    --http-token-name) need_value "$@"; HTTP_TOKEN_NAME=$2; shift 2 ;;
    --no-http) OPT_NO_HTTP=1; shift ;;
    --san) need_value "$@"; OPT_SANS+=("$2"); shift 2 ;;
    --client-name) need_value "$@"; CLIENT_NAME=$2; shift 2 ;;
    --renew-certs|--rotate-ca) RENEW_CERTS=1; shift ;;
    --windows-dir) need_value "$@"; OPT_WINDOWS_DIR=$2; shift 2 ;;
    --binary) need_value "$@"; BINARY=$2; shift 2 ;;
    --root) need_value "$@"; ROOT=$2; shift 2 ;;
    --no-start) NO_START=1; shift ;;
    --no-check) NO_CHECK=1; shift ;;
    --non-interactive) INTERACTIVE=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done

if [ -z "$SECRET" ] && [ -n "${PROXMOX_TOKEN_SECRET:-}" ]; then
  SECRET=$PROXMOX_TOKEN_SECRET
  SECRET_GIVEN=1
fi
unset PROXMOX_TOKEN_SECRET
SECRET=${SECRET%$'\r'}
[ -t 0 ] || INTERACTIVE=0

# ---------------------------------------------------------------- validation
re_host='^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$|^[0-9A-Fa-f:.]+$|^\[[0-9A-Fa-f:.]+\]$'
re_ipv4='^([0-9]{1,3}\.){3}[0-9]{1,3}$'
re_ipv6='^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$'
re_cidr4='^([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}$'
re_cidr6='^\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?/[0-9]{1,3}$'
re_token='^[^][:space:]"'"'"'#\\$`=]+$'
re_secret='^[A-Za-z0-9._~+/=-]+$'
re_fingerprint='^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$'
re_name='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'
re_winpath='^[^"|&;$`<>]+$'

is_port() { [[ $1 =~ ^[0-9]{1,5}$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }
is_ipv6() { [[ $1 =~ $re_ipv6 ]]; }
is_ip() { [[ $1 =~ $re_ipv4 ]] || is_ipv6 "$1"; }

if [ -z "$ADD_CLUSTER" ]; then
  [ -z "$OPT_HOST" ] || [[ $OPT_HOST =~ $re_host ]] || usage_error "--host '$OPT_HOST' is not a host name or address"
else
  [[ $ADD_CLUSTER =~ ^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$ ]] || usage_error "--add-cluster: a name of lower-case letters, digits and '-' (at most 32)"
  [ "$ADD_CLUSTER" != default ] || usage_error "--add-cluster default: 'default' is the cluster of the env file; give another name"
  read -r -a OPT_HOSTS <<<"${OPT_HOSTS[*]+"${OPT_HOSTS[*]}"}"
  for h in "${OPT_HOSTS[@]+"${OPT_HOSTS[@]}"}"; do
    [[ $h =~ $re_host ]] || usage_error "--host '$h' is not a host name or address"
  done
fi
[ -z "$OPT_PVE_PORT" ] || is_port "$OPT_PVE_PORT" || usage_error "--pve-port must be 1-65535"
[ -z "$OPT_TOKEN_ID" ] || [[ $OPT_TOKEN_ID =~ $re_token ]] || usage_error "--token-id has characters a token id cannot have"
[ -z "$SECRET" ] || [[ $SECRET =~ $re_secret ]] || die "the token secret has characters a Proxmox token secret (a UUID) cannot have"
[ -z "$OPT_FINGERPRINT" ] || [ "$OPT_FINGERPRINT" = auto ] || [[ $OPT_FINGERPRINT =~ $re_fingerprint ]] \
  || usage_error "--fingerprint must be 64 hex digits (pairs joined by ':' as the Proxmox GUI shows them) or 'auto'"
[ -z "$OPT_PVE_CA" ] || [ -r "$OPT_PVE_CA" ] || usage_error "--pve-ca-file '$OPT_PVE_CA' is not readable"
[ -z "$OPT_PORT" ] || is_port "$OPT_PORT" || usage_error "--port must be 1-65535"
[ -z "$OPT_BIND" ] || is_ip "$OPT_BIND" || usage_error "--bind must be an IP address (0.0.0.0, 192.168.1.5, ::)"
[ -z "$OPT_ALLOW" ] || [[ $OPT_ALLOW =~ $re_cidr4 ]] || [[ $OPT_ALLOW =~ $re_cidr6 ]] || usage_error "--allow must be a network in CIDR form, e.g. 192.168.1.0/24"
[ -z "$OPT_MAX_CHILDREN" ] || { [[ $OPT_MAX_CHILDREN =~ ^[0-9]+$ ]] && [ "$OPT_MAX_CHILDREN" -ge 1 ] && [ "$OPT_MAX_CHILDREN" -le 1024 ]; } \
  || usage_error "--max-children must be 1-1024"
for san in "${OPT_SANS[@]+"${OPT_SANS[@]}"}"; do
  [[ $san =~ $re_host ]] || usage_error "--san '$san' is not a host name or address"
done
[ -z "$CLIENT_NAME" ] || [[ $CLIENT_NAME =~ $re_name ]] || usage_error "--client-name: letters, digits, '.', '_' and '-' only"
re_http='^(\[[0-9A-Fa-f:.]+\]|([0-9]{1,3}\.){3}[0-9]{1,3}|localhost|\*):[0-9]{1,5}$'
[ -z "$OPT_HTTP" ] || { [[ $OPT_HTTP =~ $re_http ]] && is_port "${OPT_HTTP##*:}"; } \
  || usage_error "--http must be IP:PORT, [IPv6]:PORT, localhost:PORT or *:PORT (e.g. 0.0.0.0:8443)"
[[ $HTTP_TOKEN_NAME =~ $re_name ]] || usage_error "--http-token-name: letters, digits, '.', '_' and '-' only"
[ -z "$OPT_WINDOWS_DIR" ] || [[ $OPT_WINDOWS_DIR =~ $re_winpath ]] || usage_error "--windows-dir has characters that do not belong in a path"
[ -z "$BINARY" ] || [ -f "$BINARY" ] || usage_error "--binary '$BINARY' does not exist"

STAGING=0
if [ -n "$ROOT" ]; then
  [[ $ROOT == /* ]] || ROOT=$PWD/$ROOT
  ROOT=${ROOT%/}
  [ -n "$ROOT" ] || usage_error "--root / is not a staging directory; leave --root out to install for real"
  STAGING=1
  (umask 022 && mkdir -p "$ROOT")
elif [ "$(id -u)" -ne 0 ]; then
  die "run as root (sudo), or stage into a directory with --root DIR"
fi

# A target path inside the staging root (or the path itself).
r() { printf '%s%s' "$ROOT" "$1"; }

IS_ROOT=0
[ "$(id -u)" -ne 0 ] || IS_ROOT=1

# ---------------------------------------------------------------- files, owners and the manifest
MANIFEST_LINES=()
OWNERS_APPLIED=yes

can_own() { [ $IS_ROOT -eq 1 ] && getent passwd "$1" >/dev/null 2>&1 && getent group "$2" >/dev/null 2>&1; }

# own TARGET MODE OWNER GROUP: sets the mode, the owner where possible, and records the intent.
own() {
  local target=$1 mode=$2 owner=$3 group=$4
  chmod "$mode" "$(r "$target")"
  if can_own "$owner" "$group"; then
    chown -h "$owner:$group" "$(r "$target")"
  else
    OWNERS_APPLIED=no
  fi
  MANIFEST_LINES+=("$mode	$owner	$group	$target")
}

# Parent directories get the usual 0755 (the script's umask is 077 for the files it writes).
mkdir_parents() { (umask 022 && mkdir -p "$1"); }

make_dir() { # make_dir TARGET MODE OWNER GROUP
  mkdir_parents "$(dirname "$(r "$1")")"
  mkdir -p "$(r "$1")"
  own "$@"
}

CHANGED_FILES=()
# put_file SOURCE TARGET MODE OWNER GROUP: atomic replace; remembers whether the content changed.
put_file() {
  local source=$1 target=$2 dest
  dest=$(r "$target")
  if [ -f "$dest" ] && cmp -s "$source" "$dest"; then
    :
  else
    cp "$source" "$dest.new.$$"
    mv -f "$dest.new.$$" "$dest"
    CHANGED_FILES+=("$target")
  fi
  shift 2
  own "$target" "$@"
}

changed() { local f; for f in "${CHANGED_FILES[@]+"${CHANGED_FILES[@]}"}"; do [[ $f == "$1"* ]] && return 0; done; return 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------- env file (pure bash: secrets never reach an argv)
env_get() { # env_get KEY FILE
  local line value=""
  [ -f "$2" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#export }
    if [[ $line == "$1="* ]]; then
      value=${line#"$1="}
      value=${value%\"}; value=${value#\"}
    fi
  done <"$2"
  printf '%s' "$value"
}

env_set() { # env_set KEY VALUE FILE: replaces KEY=..., else a "#KEY=" template line, else appends
  local key=$1 value=$2 file=$3 line mode="none" out=$3.tmp.$$
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line == "$key="* ]]; then mode="set"; break; fi
    if [[ $line == "#$key="* ]] && [ $mode = none ]; then mode="template"; fi
  done <"$file"
  : >"$out"
  local done=0
  while IFS= read -r line || [ -n "$line" ]; do
    if [ $done -eq 0 ] && { { [ $mode = set ] && [[ $line == "$key="* ]]; } || { [ $mode = template ] && [[ $line == "#$key="* ]]; }; }; then
      printf '%s=%s\n' "$key" "$value" >>"$out"
      done=1
    elif [ $mode = set ] && [[ $line == "$key="* ]]; then
      continue # a later duplicate would win; drop it
    else
      printf '%s\n' "$line" >>"$out"
    fi
  done <"$file"
  [ $done -eq 1 ] || printf '%s=%s\n' "$key" "$value" >>"$out"
  mv -f "$out" "$file"
}

write_env_template() {
  cat >"$1" <<'EOF'
# proxmox-mcp settings, read by systemd (EnvironmentFile=) for every session and by `proxmox-mcp check`.
# Owner root:proxmox-mcp, mode 0640: this file holds the API token secret. Never put it in the unit file.
# After editing: sudo systemctl restart proxmox-mcp && sudo proxmox-mcp check
# Every setting with its meaning: /opt/proxmox-mcp/proxmox-mcp --help
PROXMOX_HOST=
#PROXMOX_PORT=8006
PROXMOX_TOKEN_ID=
PROXMOX_TOKEN_SECRET=
# Trust the node's self-signed certificate by pinning its SHA-256 fingerprint (GUI: node > System >
# Certificates), or with a copy of the cluster CA (/etc/pve/pve-root-ca.pem). Do not turn verification off.
#PROXMOX_FINGERPRINT=
#PROXMOX_CA_FILE=/etc/proxmox-mcp/pve-root-ca.pem
#PROXMOX_VERIFY_SSL=true
#PROXMOX_TIMEOUT=20
# Offer fewer tools: read-only mode, or a list of tools/groups (proxmox-mcp tools lists them).
#PROXMOX_MCP_READONLY=false
#PROXMOX_MCP_TOOLS=
#PROXMOX_MCP_EXCLUDE_TOOLS=
#PROXMOX_MCP_TASK_TIMEOUT=120
# Consent for destructive tools: client (default; only the user's answer in a client that can ask counts),
# auto (for clients that cancel or never answer such questions: then the model asks in the chat), or argument.
#PROXMOX_MCP_CONFIRM=client
# Where a large list page's rows go: auto (by client), both, text or structured. both if a model misses rows.
#PROXMOX_MCP_LIST_ROWS=auto
# Server log level on stderr, which is the journal: journalctl -u proxmox-mcp
#PROXMOX_MCP_LOG_LEVEL=warning
#PROXMOX_MCP_SIMULATE=false
EOF
}

fetch_fingerprint() { # fetch_fingerprint HOST PORT -> the leaf's SHA-256 as the GUI shows it
  local host=$1 port=$2 connect
  connect="$host:$port"
  is_ipv6 "$host" && connect="[$host]:$port"
  command -v openssl >/dev/null 2>&1 || return 1
  timeout 15 openssl s_client -connect "$connect" -servername "$host" </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null | sed -n 's/^.*Fingerprint=//p'
}

# ---------------------------------------------------------------- --add-cluster: one more cluster for an existing install
json_quote() { local s=$1; s=${s//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

add_cluster() {
  local name=$ADD_CLUSTER file secret_target entry hosts="" pins="" h fp ca="" line found=0 out
  file=$(r "$CLUSTERS_FILE")
  secret_target=$CLUSTERS_DIR/$name.secret
  [ -f "$(r "$ENV_FILE")" ] || die "no install in $(r "$ETC_DIR") to add a cluster to: install first (the env file's cluster is 'default')"
  [ ${#OPT_HOSTS[@]} -gt 0 ] || usage_error "--add-cluster needs --host (one or more node addresses)"
  [ -n "$OPT_TOKEN_ID" ] || usage_error "--add-cluster needs --token-id user@realm!name"
  if [ -z "$SECRET" ] && [ ! -t 0 ]; then
    IFS= read -r SECRET || true
    SECRET=${SECRET%$'\r'}
  fi
  [ -z "$SECRET" ] || [[ $SECRET =~ $re_secret ]] || die "the token secret has characters a Proxmox token secret (a UUID) cannot have"
  [ -n "$SECRET" ] || [ -f "$(r "$secret_target")" ] || die "no token secret for cluster $name: pipe it with --token-secret-stdin, or use --token-secret-file"

  for h in "${OPT_HOSTS[@]}"; do hosts+="${hosts:+, }$(json_quote "$h")"; done
  if [ "$OPT_FINGERPRINT" = auto ]; then
    for h in "${OPT_HOSTS[@]}"; do
      fp=$(fetch_fingerprint "$h" "${OPT_PVE_PORT:-8006}" || true)
      [ -n "$fp" ] || die "could not read the certificate of $h:${OPT_PVE_PORT:-8006} to pin it (is it reachable? is openssl installed?)"
      info "cluster $name: pinning the certificate $h presents now: $fp (compare it with the GUI: node > System > Certificates)"
      pins+="${pins:+, }$(json_quote "$fp")"
    done
  elif [ -n "$OPT_FINGERPRINT" ]; then
    pins=$(json_quote "$OPT_FINGERPRINT")
  fi

  make_dir "$ETC_DIR" 0750 root "$SVC_GROUP"
  make_dir "$CLUSTERS_DIR" 0750 root "$SVC_GROUP"
  if [ -n "$OPT_PVE_CA" ]; then
    put_file "$OPT_PVE_CA" "$CLUSTERS_DIR/$name-ca.pem" 0644 root root
    ca=", \"ca_file\": $(json_quote "$CLUSTERS_DIR/$name-ca.pem")"
  fi
  if [ -n "$SECRET" ]; then
    printf '%s\n' "$SECRET" >"$TMP/secret"
    put_file "$TMP/secret" "$secret_target" 0600 "$SVC_USER" "$SVC_GROUP"
    rm -f "$TMP/secret"
    SECRET=""
  else
    own "$secret_target" 0600 "$SVC_USER" "$SVC_GROUP"
  fi

  entry="    {\"name\": $(json_quote "$name"), \"hosts\": [$hosts]"
  [ -z "$OPT_PVE_PORT" ] || entry+=", \"port\": $OPT_PVE_PORT"
  entry+=", \"token_id\": $(json_quote "$OPT_TOKEN_ID"), \"token_secret_file\": $(json_quote "$secret_target")"
  [ -z "$pins" ] || entry+=", \"fingerprint\": [$pins]"
  [ $OPT_INSECURE -eq 0 ] || entry+=", \"verify_ssl\": false"
  entry+="$ca},"

  out=$TMP/clusters.json
  if [ ! -f "$file" ]; then
    printf '%s\n' '{' '  // Written by install.sh --add-cluster; edit freely (docs/INSTALL.md). Secrets are in the files named here, never in this file.' \
      '  "clusters": [' "$entry" '  ]' '}' >"$out"
  else
    grep -q '^  \]$' "$file" || die "$file was edited by hand (no line '  ]' closing the clusters list): add cluster $name to it by hand (docs/INSTALL.md)"
    : >"$out"
    while IFS= read -r line || [ -n "$line" ]; do
      if [[ $line == *"{\"name\": $(json_quote "$name"),"* ]]; then
        [ $found -eq 1 ] || printf '%s\n' "$entry" >>"$out"
        found=1
      elif [ "$line" = '  ]' ] && [ $found -eq 0 ]; then
        printf '%s\n%s\n' "$entry" "$line" >>"$out"
        found=1
      else
        printf '%s\n' "$line" >>"$out"
      fi
    done <"$file"
  fi
  put_file "$out" "$CLUSTERS_FILE" 0640 root "$SVC_GROUP"
  if [ -f "$(r "$MANIFEST")" ]; then
    for line in "${MANIFEST_LINES[@]}"; do
      grep -qxF "$line" "$(r "$MANIFEST")" || printf '%s\n' "$line" >>"$(r "$MANIFEST")"
    done
  fi
  if changed "$CLUSTERS_FILE" || changed "$secret_target"; then info "cluster $name written to $CLUSTERS_FILE"; else info "cluster $name is already as given"; fi
  if [ $STAGING -eq 0 ]; then
    # socat starts a fresh server per connection (it reads the file then); the long-lived HTTP unit needs a restart.
    systemctl try-restart "$HTTP_UNIT_NAME" >/dev/null 2>&1 || true
    if [ $NO_CHECK -eq 0 ]; then
      (cd / && runuser -u "$SVC_USER" -- "$BIN" check --env-file "$ENV_FILE") || { warn "proxmox-mcp check failed: fix what it names, then run: sudo proxmox-mcp check"; exit 4; }
    fi
  fi
}

if [ -n "$ADD_CLUSTER" ]; then
  add_cluster
  exit 0
fi

# ---------------------------------------------------------------- installer state (listener choices)
state_get() { env_get "$1" "$(r "$STATE_FILE")"; }

PORT=${OPT_PORT:-$(state_get LISTEN_PORT)}; PORT=${PORT:-3100}
BIND=${OPT_BIND:-$(state_get BIND)}; BIND=${BIND:-0.0.0.0}
ALLOW=${OPT_ALLOW:-$(state_get ALLOW)}
MAX_CHILDREN=${OPT_MAX_CHILDREN:-$(state_get MAX_CHILDREN)}; MAX_CHILDREN=${MAX_CHILDREN:-16}
MODE=${OPT_MODE:-$(state_get MODE)}; MODE=${MODE:-tls}
WINDOWS_DIR=${OPT_WINDOWS_DIR:-$(state_get WINDOWS_DIR)}; WINDOWS_DIR=${WINDOWS_DIR:-'C:\ProxmoxMcp'}
CLIENT_NAME=${CLIENT_NAME:-$(state_get CLIENT_NAME)}; CLIENT_NAME=${CLIENT_NAME:-claude-desktop}
HTTP_ADDRESS=${OPT_HTTP:-$(state_get HTTP_ADDRESS)}
[ $OPT_NO_HTTP -eq 0 ] || HTTP_ADDRESS=""
HTTP_TLS=0
case ${HTTP_ADDRESS%:*} in ""|127.*|"[::1]"|localhost) ;; *) HTTP_TLS=1 ;; esac
if [ ${#OPT_SANS[@]} -gt 0 ]; then
  SANS="${OPT_SANS[*]}"
else
  SANS=$(state_get SANS)
  if [ -z "$SANS" ]; then
    names=()
    fqdn=$(hostname -f 2>/dev/null || hostname)
    short=$(hostname -s 2>/dev/null || hostname)
    names+=("$fqdn")
    [ "$short" = "$fqdn" ] || names+=("$short")
    for address in $(hostname -I 2>/dev/null || true); do
      [[ $address == fe80:* ]] || names+=("$address")
    done
    names+=(localhost 127.0.0.1)
    SANS="${names[*]}"
  fi
fi
read -r -a SAN_LIST <<<"$SANS"
PUBLIC_NAME=${SAN_LIST[0]}

# ---------------------------------------------------------------- Proxmox settings: previous + options + prompts
ENV_PATH=$(r "$ENV_FILE")
HOST=${OPT_HOST:-$(env_get PROXMOX_HOST "$ENV_PATH")}
PVE_PORT=${OPT_PVE_PORT:-$(env_get PROXMOX_PORT "$ENV_PATH")}; PVE_PORT=${PVE_PORT:-8006}
TOKEN_ID=${OPT_TOKEN_ID:-$(env_get PROXMOX_TOKEN_ID "$ENV_PATH")}
HAVE_SECRET=0
{ [ -n "$SECRET" ] || [ -n "$(env_get PROXMOX_TOKEN_SECRET "$ENV_PATH")" ] || [ -n "$(env_get PROXMOX_PASSWORD "$ENV_PATH")" ]; } && HAVE_SECRET=1
SIMULATE=${OPT_SIMULATE:-$(env_get PROXMOX_MCP_SIMULATE "$ENV_PATH")}
case ${SIMULATE,,} in 1|true|yes|on) SIMULATE=true ;; *) SIMULATE=false ;; esac
FINGERPRINT=$OPT_FINGERPRINT

if [ $SIMULATE = false ]; then
  if [ $INTERACTIVE -eq 1 ]; then
    [ -n "$HOST" ] || read -r -p "Proxmox VE node (name or address): " HOST
    [ -n "$TOKEN_ID" ] || read -r -p "API token id (user@realm!name, e.g. mcp@pve!mcp): " TOKEN_ID
    if [ $HAVE_SECRET -eq 0 ]; then
      read -r -s -p "API token secret (not echoed): " SECRET; echo
      SECRET_GIVEN=1
    fi
    [[ $HOST =~ $re_host ]] || die "'$HOST' is not a host name or address"
    [[ $TOKEN_ID =~ $re_token ]] || die "'$TOKEN_ID' is not a token id"
    [[ $SECRET =~ $re_secret ]] || [ $HAVE_SECRET -eq 1 ] || die "that is not a token secret"
    if [ -z "$FINGERPRINT" ] && [ -z "$OPT_PVE_CA" ] && [ $OPT_INSECURE -eq 0 ] \
       && [ -z "$(env_get PROXMOX_FINGERPRINT "$ENV_PATH")" ] && [ -z "$(env_get PROXMOX_CA_FILE "$ENV_PATH")" ]; then
      presented=$(fetch_fingerprint "$HOST" "$PVE_PORT" || true)
      if [ -n "$presented" ]; then
        say "The node presents a certificate with the SHA-256 fingerprint"
        say "  $presented"
        say "Compare it with the GUI (node > System > Certificates, pveproxy-ssl.pem or pve-ssl.pem)."
        read -r -p "Pin this fingerprint? [Y/n] " answer
        [[ ${answer:-y} =~ ^[Yy] ]] && FINGERPRINT=$presented
      fi
    fi
  fi
  if [ -z "$SECRET" ] && [ $HAVE_SECRET -eq 0 ] && [ ! -t 0 ]; then
    # Not a terminal: the secret may come on standard input (echo "$SECRET" | sudo install.sh ...).
    IFS= read -r SECRET || true
    SECRET=${SECRET%$'\r'}
    if [ -n "$SECRET" ]; then
      SECRET_GIVEN=1
      [[ $SECRET =~ $re_secret ]] || die "the token secret on standard input has characters a Proxmox token secret (a UUID) cannot have"
    fi
  fi
  [ -n "$HOST" ] || die "no Proxmox node: give --host (or --simulate for a demo without Proxmox)"
  [ -n "$TOKEN_ID" ] || die "no API token: give --token-id user@realm!name (see docs/TROUBLESHOOTING.md for a least-privilege token)"
  [ -n "$SECRET" ] || [ $HAVE_SECRET -eq 1 ] || die "no token secret: pipe it with --token-secret-stdin, or use --token-secret-file"
fi

if [ "$FINGERPRINT" = auto ]; then
  FINGERPRINT=$(fetch_fingerprint "$HOST" "$PVE_PORT" || true)
  [ -n "$FINGERPRINT" ] || die "could not read the certificate of $HOST:$PVE_PORT to pin it (is it reachable? is openssl installed?)"
  info "pinning the certificate $HOST:$PVE_PORT presents now: $FINGERPRINT (compare it with the GUI: node > System > Certificates)"
fi

# ---------------------------------------------------------------- system preparation (real installs only)
install_packages() {
  if command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
  elif command -v dnf >/dev/null 2>&1; then dnf install -y -q "$@"
  elif command -v yum >/dev/null 2>&1; then yum install -y -q "$@"
  elif command -v zypper >/dev/null 2>&1; then zypper --non-interactive install "$@"
  elif command -v apk >/dev/null 2>&1; then apk add --quiet "$@"
  elif command -v pacman >/dev/null 2>&1; then pacman -S --noconfirm --needed "$@"
  else die "install $* with your package manager and run again"; fi
}

needed=()
command -v socat >/dev/null 2>&1 || needed+=(socat)
{ { [ "$MODE" = plaintext ] && [ $HTTP_TLS -eq 0 ]; } || command -v openssl >/dev/null 2>&1; } || needed+=(openssl)
if [ ${#needed[@]} -gt 0 ]; then
  if [ $STAGING -eq 1 ]; then
    [[ " ${needed[*]} " == *" openssl "* ]] && die "openssl is needed to create the certificates; install it first"
    warn "${needed[*]} is not installed here; the staged unit still names $(command -v socat || echo /usr/bin/socat)"
  else
    info "installing ${needed[*]}"
    install_packages "${needed[@]}"
  fi
fi
SOCAT=$(command -v socat || echo /usr/bin/socat)

if [ $STAGING -eq 0 ] && ! getent passwd "$SVC_USER" >/dev/null 2>&1; then
  info "creating the system user $SVC_USER"
  nologin=$(command -v nologin || echo /usr/sbin/nologin)
  if command -v useradd >/dev/null 2>&1; then
    getent group "$SVC_GROUP" >/dev/null 2>&1 || groupadd --system "$SVC_GROUP"
    useradd --system --gid "$SVC_GROUP" --no-create-home --home-dir /nonexistent --shell "$nologin" --comment "Proxmox MCP server" "$SVC_USER"
  else
    addgroup --system "$SVC_GROUP" 2>/dev/null || true
    adduser --system --ingroup "$SVC_GROUP" --no-create-home --home /nonexistent --shell "$nologin" "$SVC_USER"
  fi
fi

# ---------------------------------------------------------------- the binary
if [ -z "$BINARY" ]; then
  command -v dotnet >/dev/null 2>&1 || die "no --binary given and no .NET SDK (dotnet) on PATH to publish one; install the .NET 10 SDK or pass --binary PATH"
  case $(uname -m) in
    x86_64) rid=linux-x64 ;;
    aarch64|arm64) rid=linux-arm64 ;;
    *) die "no Native AOT build for $(uname -m); publish one elsewhere and pass --binary" ;;
  esac
  # Native AOT links with the platform's C toolchain: clang (or gcc) and the zlib headers.
  if ! { command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; } || [ ! -e /usr/include/zlib.h ]; then
    [ $STAGING -eq 0 ] || die "publishing the Native AOT server needs clang (or gcc) and the zlib headers: install clang zlib1g-dev (zlib-devel on Fedora/SUSE), or pass --binary PATH"
    if command -v apt-get >/dev/null 2>&1; then toolchain=(clang zlib1g-dev)
    elif command -v apk >/dev/null 2>&1; then toolchain=(clang build-base zlib-dev)
    elif command -v pacman >/dev/null 2>&1; then toolchain=(clang zlib)
    else toolchain=(clang zlib-devel); fi
    info "installing ${toolchain[*]}: Native AOT needs a C toolchain and the zlib headers to link the server"
    install_packages "${toolchain[@]}"
  fi
  info "publishing the Native AOT server for $rid (about a minute)"
  dotnet publish "$REPO_DIR/server/ProxmoxMcp.Server" -c Release -r "$rid" -o "$TMP/publish" -nologo -v:q -p:TreatWarningsAsErrors=true >&2 \
    || die "dotnet publish failed"
  BINARY=$TMP/publish/proxmox-mcp
  if [ -n "$HTTP_ADDRESS" ]; then
    info "publishing the Native AOT HTTP host (proxmox-mcp-http, about a minute)"
    dotnet publish "$REPO_DIR/server/ProxmoxMcp.Http" -c Release -r "$rid" -o "$TMP/publish-http" -nologo -v:q -p:TreatWarningsAsErrors=true >&2 \
      || die "dotnet publish of the HTTP host failed"
    cp "$TMP/publish-http/proxmox-mcp-http" "$TMP/publish/proxmox-mcp-http"
  fi
fi
"$BINARY" --help >/dev/null 2>&1 || die "$BINARY does not run here (wrong architecture, or not proxmox-mcp?)"
HTTP_BINARY=$(dirname "$BINARY")/proxmox-mcp-http
if [ -n "$HTTP_ADDRESS" ]; then
  [ -f "$HTTP_BINARY" ] || die "--http needs proxmox-mcp-http beside $BINARY (the release tarball has it; or leave out --binary to publish from source)"
  "$HTTP_BINARY" --help >/dev/null 2>&1 || die "$HTTP_BINARY does not run here"
fi

make_dir "$OPT_DIR" 0755 root root
put_file "$BINARY" "$BIN" 0755 root root
# The HTTP host is its own binary (Kestrel would slow every stdio start-up); `proxmox-mcp serve --http` runs it.
[ ! -f "$HTTP_BINARY" ] || put_file "$HTTP_BINARY" "$OPT_DIR/proxmox-mcp-http" 0755 root root
put_file "$SCRIPT_DIR/uninstall.sh" "$OPT_DIR/uninstall.sh" 0755 root root
mkdir_parents "$(r /usr/local/bin)"
ln -sfn "$BIN" "$(r "$LINK")"
MANIFEST_LINES+=("link	root	root	$LINK -> $BIN")

# ---------------------------------------------------------------- configuration
make_dir "$ETC_DIR" 0750 root "$SVC_GROUP"
[ -f "$ENV_PATH" ] || write_env_template "$ENV_PATH"
cp -p "$ENV_PATH" "$TMP/env.before"
[ -z "$OPT_HOST" ] || env_set PROXMOX_HOST "$OPT_HOST" "$ENV_PATH"
[ -z "$HOST" ] || [ -n "$(env_get PROXMOX_HOST "$ENV_PATH")" ] || env_set PROXMOX_HOST "$HOST" "$ENV_PATH"
[ -z "$OPT_PVE_PORT" ] || env_set PROXMOX_PORT "$OPT_PVE_PORT" "$ENV_PATH"
[ -z "$TOKEN_ID" ] || [ "$TOKEN_ID" = "$(env_get PROXMOX_TOKEN_ID "$ENV_PATH")" ] || env_set PROXMOX_TOKEN_ID "$TOKEN_ID" "$ENV_PATH"
[ $SECRET_GIVEN -eq 0 ] || [ -z "$SECRET" ] || env_set PROXMOX_TOKEN_SECRET "$SECRET" "$ENV_PATH"
[ -z "$FINGERPRINT" ] || env_set PROXMOX_FINGERPRINT "$FINGERPRINT" "$ENV_PATH"
if [ -n "$OPT_PVE_CA" ]; then
  put_file "$OPT_PVE_CA" "$ETC_DIR/pve-root-ca.pem" 0644 root root
  env_set PROXMOX_CA_FILE "$ETC_DIR/pve-root-ca.pem" "$ENV_PATH"
fi
if [ $OPT_INSECURE -eq 1 ]; then
  env_set PROXMOX_VERIFY_SSL false "$ENV_PATH"
  warn "PROXMOX_VERIFY_SSL=false: the server accepts any certificate, so anyone on the path to the node can read the token. Pin the fingerprint instead (--fingerprint)."
fi
[ -z "$OPT_SIMULATE" ] || env_set PROXMOX_MCP_SIMULATE "$OPT_SIMULATE" "$ENV_PATH"
SECRET=""
cmp -s "$TMP/env.before" "$ENV_PATH" || CHANGED_FILES+=("$ENV_FILE")
own "$ENV_FILE" 0640 root "$SVC_GROUP"
[ -f "$(r "$ETC_DIR/pve-root-ca.pem")" ] && [ -z "$OPT_PVE_CA" ] && own "$ETC_DIR/pve-root-ca.pem" 0644 root root

# ---------------------------------------------------------------- certificates (mutual TLS)
# new_key FILE [rsa]: P-256 by default; RSA 3072 for the client certificate, because the Windows key stores that
# import a PFX are not all EC-capable (wine's crypt32 imports RSA keys only, and so did older Windows builds).
new_key() {
  if [ "${2:-ec}" = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$1" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  fi
}

# issue KEY CERT CN EXTENDED_KEY_USAGE SUBJECT_ALT_NAMES [KEY_TYPE]: a leaf signed by the installation's CA
issue() {
  local key=$1 cert=$2 cn=$3 eku=$4 san=$5 key_type=${6:-ec} ext=$TMP/ext.cnf csr=$TMP/req.csr
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=$eku"
    echo "subjectKeyIdentifier=hash"
    echo "authorityKeyIdentifier=keyid,issuer"
    [ -z "$san" ] || echo "subjectAltName=$san"
  } >"$ext"
  new_key "$key" "$key_type"
  openssl req -new -key "$key" -subj "/CN=$cn" -out "$csr" 2>/dev/null
  openssl x509 -req -in "$csr" -CA "$(r "$TLS_DIR/ca.pem")" -CAkey "$(r "$TLS_DIR/ca.key")" -set_serial "0x$(openssl rand -hex 16)" \
    -days "$CERT_DAYS" -sha256 -extfile "$ext" -out "$cert" 2>/dev/null
}

cert_ok() { # cert_ok CERT: exists, signed by the current CA, not expiring within 30 days
  [ -f "$1" ] && openssl verify -CAfile "$(r "$TLS_DIR/ca.pem")" "$1" >/dev/null 2>&1 \
    && openssl x509 -in "$1" -noout -checkend "$RENEW_SECONDS" >/dev/null 2>&1
}

fingerprint_of() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//'; }

json_string() { # a JSON string literal
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# claude_config PASSWORD_OR_PLACEHOLDER: the mcpServers entry for claude_desktop_config.json
claude_config() {
  local password=$1 win=${WINDOWS_DIR%\\} args
  args="$(json_string --host), $(json_string "$PUBLIC_NAME"), $(json_string --port), $(json_string "$PORT")"
  if [ "$MODE" = tls ]; then
    args="$args,
        $(json_string --tls), $(json_string --ca-file), $(json_string "$win\\ca.pem"),
        $(json_string --client-cert), $(json_string "$win\\$CLIENT_NAME.pfx")"
  fi
  printf '{\n  "mcpServers": {\n    "proxmox": {\n      "command": %s,\n      "args": [\n        %s\n      ]' \
    "$(json_string "$win\\bridge.exe")" "$args"
  if [ "$MODE" = tls ]; then
    printf ',\n      "env": {\n        "MCP_CLIENT_CERT_PASSWORD": %s\n      }' "$(json_string "$password")"
  fi
  printf '\n    }\n  }\n}\n'
}

CA_RENEWED=0
CLIENT_CREATED=0
# The CA and the server certificate serve the socat listener (mutual TLS) and the HTTP unit (TLS).
if [ "$MODE" = tls ] || [ $HTTP_TLS -eq 1 ]; then
  make_dir "$TLS_DIR" 0750 root "$SVC_GROUP"
  tls=$(r "$TLS_DIR")
  if [ $RENEW_CERTS -eq 1 ] || [ ! -f "$tls/ca.pem" ] || [ ! -f "$tls/ca.key" ] \
     || ! openssl x509 -in "$tls/ca.pem" -noout -checkend "$RENEW_SECONDS" >/dev/null 2>&1; then
    info "creating the certificate authority for this installation"
    new_key "$tls/ca.key.new"
    openssl req -new -x509 -key "$tls/ca.key.new" -out "$tls/ca.pem.new" -days "$CA_DAYS" -sha256 \
      -subj "/CN=proxmox-mcp CA ($(hostname -s 2>/dev/null || hostname))" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    mv -f "$tls/ca.key.new" "$tls/ca.key"
    mv -f "$tls/ca.pem.new" "$tls/ca.pem"
    CA_RENEWED=1
    CHANGED_FILES+=("$TLS_DIR/ca.pem")
  fi
  own "$TLS_DIR/ca.key" 0600 root root
  own "$TLS_DIR/ca.pem" 0644 root root

  san_ext=""
  for san in "${SAN_LIST[@]}"; do
    if is_ip "${san//[\[\]]/}"; then san_ext="$san_ext,IP:${san//[\[\]]/}"; else san_ext="$san_ext,DNS:$san"; fi
  done
  san_ext=${san_ext#,}
  if [ $CA_RENEWED -eq 1 ] || [ "$SANS" != "$(state_get SANS)" ] || ! cert_ok "$tls/server.pem" || [ ! -f "$tls/server.key" ]; then
    info "issuing the server certificate for: $SANS"
    issue "$tls/server.key.new" "$tls/server.pem.new" "$PUBLIC_NAME" serverAuth "$san_ext"
    mv -f "$tls/server.key.new" "$tls/server.key"
    mv -f "$tls/server.pem.new" "$tls/server.pem"
    CHANGED_FILES+=("$TLS_DIR/server.pem")
  fi
  own "$TLS_DIR/server.key" 0640 root "$SVC_GROUP"
  own "$TLS_DIR/server.pem" 0644 root root
fi
if [ "$MODE" = tls ]; then
  tls=$(r "$TLS_DIR")
  make_dir "$CLIENTS_DIR" 0700 root root
  bundle_target=$CLIENTS_DIR/$CLIENT_NAME
  make_dir "$bundle_target" 0700 root root
  bundle=$(r "$bundle_target")
  if [ $CA_RENEWED -eq 1 ] || ! cert_ok "$bundle/$CLIENT_NAME.pem" || [ ! -f "$bundle/$CLIENT_NAME.pfx" ]; then
    info "issuing the client certificate '$CLIENT_NAME'"
    [ -s "$bundle/pfx-password.txt" ] || { openssl rand -base64 33 | tr -d '\n/+=' | cut -c1-32; echo; } >"$bundle/pfx-password.txt"
    issue "$bundle/$CLIENT_NAME.key" "$bundle/$CLIENT_NAME.pem" "$CLIENT_NAME" clientAuth "" rsa
    openssl pkcs12 -export -in "$bundle/$CLIENT_NAME.pem" -inkey "$bundle/$CLIENT_NAME.key" -certfile "$tls/ca.pem" \
      -name "proxmox-mcp $CLIENT_NAME" -out "$bundle/$CLIENT_NAME.pfx" -passout "file:$bundle/pfx-password.txt"
    CLIENT_CREATED=1
  fi
  cp "$tls/ca.pem" "$bundle/ca.pem"
  IFS= read -r pfx_password <"$bundle/pfx-password.txt"
  claude_config "$pfx_password" >"$bundle/claude_desktop_config.json"
  pfx_password=""
  for f in "$CLIENT_NAME.pem" ca.pem; do own "$bundle_target/$f" 0644 root root; done
  for f in "$CLIENT_NAME.key" "$CLIENT_NAME.pfx" pfx-password.txt claude_desktop_config.json; do own "$bundle_target/$f" 0600 root root; done
fi

# ---------------------------------------------------------------- the unit
opts="bind=$BIND,reuseaddr,fork,max-children=$MAX_CHILDREN,backlog=64,keepalive,keepidle=60,keepintvl=20,keepcnt=3,nodelay"
if is_ipv6 "$BIND"; then opts="pf=ip6,bind=[$BIND],${opts#bind="$BIND",}"; fi
if [ -n "$ALLOW" ]; then
  if [[ $ALLOW =~ $re_cidr6 ]] && [[ $ALLOW != \[* ]]; then opts="$opts,range=[${ALLOW%/*}]/${ALLOW##*/}"; else opts="$opts,range=$ALLOW"; fi
fi
if [ "$MODE" = tls ]; then
  LISTEN_ADDRESS="OPENSSL-LISTEN:$PORT,$opts,cert=$TLS_DIR/server.pem,key=$TLS_DIR/server.key,cafile=$TLS_DIR/ca.pem,verify=1,openssl-min-proto-version=TLS1.2"
  MODE_TEXT="mutual-TLS"
else
  LISTEN_ADDRESS="TCP-LISTEN:$PORT,$opts"
  MODE_TEXT="PLAINTEXT"
fi
sed -e "s|@SOCAT@|$SOCAT|g" -e "s|@LISTEN_ADDRESS@|$LISTEN_ADDRESS|g" -e "s|@SERVER@|$BIN|g" \
    -e "s|@ENV_FILE@|$ENV_FILE|g" -e "s|@USER@|$SVC_USER|g" -e "s|@GROUP@|$SVC_GROUP|g" \
    -e "s|@MODE@|$MODE_TEXT|g" -e "s|@BIND@|$BIND|g" -e "s|@PORT@|$PORT|g" \
    "$SCRIPT_DIR/proxmox-mcp.service.in" >"$TMP/unit"
mkdir_parents "$(r "$(dirname "$UNIT_FILE")")"
put_file "$TMP/unit" "$UNIT_FILE" 0644 root root

# ---------------------------------------------------------------- the HTTP unit (optional)
HTTP_NEW_TOKEN=""
if [ -n "$HTTP_ADDRESS" ]; then
  token_path=$(r "$TOKEN_FILE")
  if ! grep -qs ' sha256:' "$token_path"; then
    info "creating the first HTTP bearer token '$HTTP_TOKEN_NAME'"
    HTTP_NEW_TOKEN=$("$(r "$BIN")" http-token add "$HTTP_TOKEN_NAME" --http-tokens "$token_path" 2>/dev/null) \
      || die "could not create the HTTP bearer token in $token_path"
    CHANGED_FILES+=("$TOKEN_FILE")
  fi
  own "$TOKEN_FILE" 0640 root "$SVC_GROUP"
  http_tls_args=""
  [ $HTTP_TLS -eq 0 ] || http_tls_args=" --http-cert $TLS_DIR/server.pem --http-key $TLS_DIR/server.key"
  sed -e "s|@HTTP_SERVER@|$OPT_DIR/proxmox-mcp-http|g" -e "s|@HTTP_ADDRESS@|$HTTP_ADDRESS|g" -e "s|@TOKEN_FILE@|$TOKEN_FILE|g" \
      -e "s|@HTTP_TLS_ARGS@|$http_tls_args|g" -e "s|@ENV_FILE@|$ENV_FILE|g" -e "s|@USER@|$SVC_USER|g" -e "s|@GROUP@|$SVC_GROUP|g" \
      "$SCRIPT_DIR/proxmox-mcp-http.service.in" >"$TMP/http-unit"
  put_file "$TMP/http-unit" "$HTTP_UNIT_FILE" 0644 root root
elif [ -e "$(r "$HTTP_UNIT_FILE")" ]; then
  if [ $STAGING -eq 0 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now "$HTTP_UNIT_NAME" >/dev/null 2>&1 || true
  fi
  rm -f "$(r "$HTTP_UNIT_FILE")"
  info "removed $HTTP_UNIT_NAME (--no-http); the token file $TOKEN_FILE is kept"
fi

{
  printf '# Written by install/install.sh: the listener choices an upgrade keeps. No secrets here.\n'
  printf 'MODE=%s\nLISTEN_PORT=%s\nBIND=%s\nALLOW=%s\nMAX_CHILDREN=%s\nSANS=%s\nCLIENT_NAME=%s\nWINDOWS_DIR=%s\nHTTP_ADDRESS=%s\n' \
    "$MODE" "$PORT" "$BIND" "$ALLOW" "$MAX_CHILDREN" "$SANS" "$CLIENT_NAME" "$WINDOWS_DIR" "$HTTP_ADDRESS"
} >"$TMP/state"
put_file "$TMP/state" "$STATE_FILE" 0644 root root

{
  printf '# proxmox-mcp install manifest: mode, owner, group and path of everything the installer manages.\n'
  printf '# owners applied: %s (no means this was a staged install that could not chown; apply them when deploying)\n' "$OWNERS_APPLIED"
  printf '# service user: %s, group %s (system account, no login, home /nonexistent)\n' "$SVC_USER" "$SVC_GROUP"
  printf '%s\n' "${MANIFEST_LINES[@]}"
  printf '0644\troot\troot\t%s\n' "$MANIFEST"
} >"$TMP/manifest"
cp "$TMP/manifest" "$(r "$MANIFEST")"
chmod 0644 "$(r "$MANIFEST")"
can_own root root && chown root:root "$(r "$MANIFEST")"

# ---------------------------------------------------------------- start
if [ "$MODE" = plaintext ]; then
  warn "PLAINTEXT listener on $BIND:$PORT: no encryption and no authentication. Anyone who can reach this port"
  warn "can drive your Proxmox with the token's rights and read everything it returns."
  if [ -z "$ALLOW" ] && [ "$BIND" != 127.0.0.1 ] && [ "$BIND" != ::1 ]; then
    warn "and it accepts connections from ANY address: add --allow YOUR-LAN/24 at least, or drop --plaintext."
  fi
fi

service_state="staged in $ROOT (not started)"
if [ $STAGING -eq 0 ]; then
  if [ ! -d /run/systemd/system ] || ! command -v systemctl >/dev/null 2>&1; then
    service_state="installed; systemd is not running here, so it was not started"
    warn "systemd is not running: start the listener yourself, or boot with systemd"
  elif [ $NO_START -eq 1 ]; then
    systemctl daemon-reload
    service_state="installed, not started (--no-start): sudo systemctl enable --now $UNIT_NAME"
  else
    systemctl daemon-reload
    systemctl enable "$UNIT_NAME" >/dev/null 2>&1
    if changed "$UNIT_FILE" || changed "$ENV_FILE" || changed "$TLS_DIR" || changed "$ETC_DIR/pve-root-ca.pem"; then
      systemctl restart "$UNIT_NAME"
    else
      systemctl start "$UNIT_NAME"
    fi
    for _ in $(seq 1 50); do
      systemctl is-active --quiet "$UNIT_NAME" && ss -ltnH "sport = :$PORT" 2>/dev/null | grep -q . && break
      sleep 0.1
    done
    if systemctl is-active --quiet "$UNIT_NAME"; then
      service_state="running, listening on $BIND:$PORT ($MODE_TEXT)"
    else
      service_state="FAILED to start: journalctl -u $UNIT_NAME -n 50"
      warn "the service did not start: journalctl -u $UNIT_NAME -n 50"
    fi
  fi
fi

http_state="staged in $ROOT (not started)"
if [ -n "$HTTP_ADDRESS" ] && [ $STAGING -eq 0 ]; then
  if [ ! -d /run/systemd/system ] || ! command -v systemctl >/dev/null 2>&1; then
    http_state="installed; systemd is not running here, so it was not started"
  elif [ $NO_START -eq 1 ]; then
    http_state="installed, not started (--no-start): sudo systemctl enable --now $HTTP_UNIT_NAME"
  else
    systemctl enable "$HTTP_UNIT_NAME" >/dev/null 2>&1
    if changed "$HTTP_UNIT_FILE" || changed "$ENV_FILE" || changed "$TLS_DIR" || changed "$ETC_DIR/pve-root-ca.pem"; then
      systemctl restart "$HTTP_UNIT_NAME"
    else
      systemctl start "$HTTP_UNIT_NAME"
    fi
    sleep 0.5
    if systemctl is-active --quiet "$HTTP_UNIT_NAME"; then
      http_state="running"
    else
      http_state="FAILED to start: journalctl -u $HTTP_UNIT_NAME -n 50"
      warn "the HTTP service did not start: journalctl -u $HTTP_UNIT_NAME -n 50"
    fi
  fi
fi

# ---------------------------------------------------------------- report
say ""
say "proxmox-mcp is installed."
say "  service    $UNIT_NAME: $service_state"
say "  binary     $(r "$BIN")"
say "  settings   $(r "$ENV_FILE")  (root:$SVC_GROUP 0640; secrets only here)"
say "  unit       $(r "$UNIT_FILE")"
[ $SIMULATE = false ] || say "  backend    the SIMULATED cluster (demo data): --no-simulate --host ... to use your Proxmox"
if [ "$MODE" = tls ]; then
  say "  listener   mutual TLS 1.2+ on $BIND:$PORT${ALLOW:+, only from $ALLOW}, at most $MAX_CHILDREN sessions"
  say "  server     $(r "$TLS_DIR/server.pem") for: $SANS"
  say "             SHA-256 $(fingerprint_of "$(r "$TLS_DIR/server.pem")")"
  say "  CA         $(r "$TLS_DIR/ca.pem") (its key $(r "$TLS_DIR/ca.key") never leaves this machine)"
  say ""
  say "Client bundle for the Windows machine: $(r "$CLIENTS_DIR/$CLIENT_NAME")/"
  say "  $CLIENT_NAME.pfx, ca.pem          copy these to $WINDOWS_DIR\\ together with bridge.exe"
  say "  pfx-password.txt                  the PFX password (0600; shown nowhere else)"
  say "  claude_desktop_config.json        the entry below with the password filled in"
  [ $CLIENT_CREATED -eq 0 ] || say "  (new certificate issued in this run)"
  say ""
  mcpb_file=$(ls -1 "$REPO_DIR"/artifacts/release/proxmox-mcp-*.mcpb "$REPO_DIR"/proxmox-mcp-*.mcpb 2>/dev/null | head -n1 || true)
  say "Claude Desktop, one click: copy ${mcpb_file:-the .mcpb bundle (build it with release/build.sh, or take it from the release)}"
  say "  to Windows and open it; Claude Desktop asks for: host $PUBLIC_NAME, port $PORT, the client certificate"
  say "  $CLIENT_NAME.pfx (choose the copy of $(r "$CLIENTS_DIR/$CLIENT_NAME")/$CLIENT_NAME.pfx), its password (pfx-password.txt)"
  say "  and the server fingerprint $(fingerprint_of "$(r "$TLS_DIR/server.pem")")."
  say ""
  say "Or by hand: merge this into %APPDATA%\\Claude\\claude_desktop_config.json, then restart Claude Desktop:"
  claude_config "<contents of pfx-password.txt>"
else
  say "  listener   PLAINTEXT TCP on $BIND:$PORT${ALLOW:+, only from $ALLOW}, at most $MAX_CHILDREN sessions"
  say ""
  say "Claude Desktop: merge this into %APPDATA%\\Claude\\claude_desktop_config.json, then restart Claude Desktop:"
  claude_config ""
fi
if [ -n "$HTTP_ADDRESS" ]; then
  http_port=${HTTP_ADDRESS##*:}
  if [ $HTTP_TLS -eq 1 ]; then http_url="https://$PUBLIC_NAME:$http_port/mcp"; else http_url="http://${HTTP_ADDRESS%:*}:$http_port/mcp"; fi
  http_url=${http_url//\*/localhost}
  say ""
  say "Streamable HTTP: $HTTP_UNIT_NAME: $http_state"
  say "  endpoint   $http_url ($([ $HTTP_TLS -eq 1 ] && echo "TLS, certificate $(r "$TLS_DIR/server.pem"); clients trust $(r "$TLS_DIR/ca.pem")" || echo "plain HTTP on loopback"))"
  say "  tokens     $(r "$TOKEN_FILE") (hashes only); add one: sudo proxmox-mcp http-token add NAME --http-tokens $TOKEN_FILE [--read-only]"
  if [ -n "$HTTP_NEW_TOKEN" ]; then
    say "  token      $HTTP_TOKEN_NAME: $HTTP_NEW_TOKEN"
    say "             (shown only now; only its hash is stored)"
  fi
  say "  Claude Code: claude mcp add --transport http proxmox $http_url --header \"Authorization: Bearer ${HTTP_NEW_TOKEN:-TOKEN}\""
  [ $HTTP_TLS -eq 0 ] || say "             with NODE_EXTRA_CA_CERTS=$(r "$TLS_DIR/ca.pem") (a copy of it) in its environment"
fi
say ""
say "Upgrade: run this installer again (settings and certificates are kept). Remove: sudo $OPT_DIR/uninstall.sh [--purge]"

# ---------------------------------------------------------------- check
if [ $NO_CHECK -eq 1 ]; then
  exit 0
fi
say ""
say "Running: proxmox-mcp check"
check_rc=0
if [ $STAGING -eq 0 ] && command -v runuser >/dev/null 2>&1; then
  # As the service user, so file permissions are checked too.
  (cd / && runuser -u "$SVC_USER" -- "$BIN" check --env-file "$ENV_FILE") || check_rc=$?
else
  (cd / && "$(r "$BIN")" check --env-file "$(r "$ENV_FILE")") || check_rc=$?
fi
if [ $check_rc -ne 0 ]; then
  warn "proxmox-mcp check failed (exit $check_rc): fix what it names in $(r "$ENV_FILE"), then: sudo systemctl restart $UNIT_NAME && sudo proxmox-mcp check"
  exit 4
fi
