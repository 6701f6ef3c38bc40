#!/usr/bin/env bash
# A member's node, two read followers of it and HAProxy in front of the followers, on one machine:
#
#   ./examples/followers/run.sh          (needs openssl, haproxy, and ports 8800-8803 and 8810 free)
#
# It wipes examples/followers/data first, shows a hash submitted to the node matching through
# HAProxy on the followers, and a write sent to a follower redirected to the node; it stops
# everything when it ends or on Ctrl-C. Exit status 0 only when every step did what it says.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
hashfed="$here/../../hashfed"
cd "$here"
command -v openssl >/dev/null || { echo "run.sh: openssl is missing (apt-get install openssl)" >&2; exit 1; }
haproxy="$(command -v haproxy || echo /usr/sbin/haproxy)"
[ -x "$haproxy" ] || { echo "run.sh: haproxy is missing (apt-get install haproxy)" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
eventually() { for _ in $(seq 1 120); do if "$@" >/dev/null 2>&1; then return 0; fi; sleep 0.5; done; return 1; }

# A TLS key and certificate as the node makes them (EC P-256, PKCS#8), made ahead so that each
# side's fingerprint can go into the other's config before anything starts.
certificate() {
  mkdir -p "$1"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/CN=$2" \
    -keyout "$1/tls.key" -out "$1/tls.crt" 2>/dev/null
  chmod 600 "$1/tls.key"
}
fingerprint() { openssl x509 -in "$1/tls.crt" -noout -fingerprint -sha256 | cut -d= -f2; }

"$hashfed" --version > /dev/null   # builds the jar, if needed, before anything runs in the background
rm -rf data
step "certificates: the node's, and one per follower (pinned in the node's followers: list)"
certificate data/leader acme
certificate data/follower-1 acme-follower-1
certificate data/follower-2 acme-follower-2
cp leader.yaml data/leader.yaml
{ echo "followers:"; for n in 1 2; do echo "  - $(fingerprint "data/follower-$n")"; done; } >> data/leader.yaml
for n in 1 2; do
  sed -e "s|data/follower-N|data/follower-$n|" -e "s|port: 8802 |port: $((8801 + n)) |" \
    -e "s|LEADER_FINGERPRINT|$(fingerprint data/leader)|" follower.yaml > "data/follower-$n.yaml"
done
grep -A2 "^followers:" data/leader.yaml

step "the node"
"$hashfed" node --config data/leader.yaml > data/leader.log 2>&1 & pids+=($!)
eventually curl -fsS http://127.0.0.1:8800/readyz || { cat data/leader.log; exit 1; }

step "two followers: each copies the node's store, then follows it"
for n in 1 2; do
  "$hashfed" node --config "data/follower-$n.yaml" > "data/follower-$n.log" 2>&1 & pids+=($!)
done
for n in 1 2; do
  eventually curl -fsS "http://127.0.0.1:$((8801 + n))/readyz" || { cat "data/follower-$n.log"; exit 1; }
done

step "HAProxy on 127.0.0.1:8810 in front of the followers"
"$haproxy" -db -f haproxy.cfg > data/haproxy.log 2>&1 & pids+=($!)
eventually curl -fsS http://127.0.0.1:8810/healthz || { cat data/haproxy.log; exit 1; }

admin="$(cat data/leader/admin.key)"
md5=0123456789abcdef0123456789abcdef
step "a hash submitted to the node"
"$hashfed" submit --node http://127.0.0.1:8800 --api-key-file data/leader/admin.key \
  --label behavior:glorification --signal "md5:$md5"

step "matched through HAProxy, on whichever follower answers (the node's API key works there)"
match() { curl -fsS -H "Authorization: Bearer $admin" "http://127.0.0.1:8810/v1/match?type=md5&value=$md5"; }
eventually sh -c "curl -fsS -H 'Authorization: Bearer $admin' 'http://127.0.0.1:8810/v1/match?type=md5&value=$md5' | grep -q entry_id" \
  || { echo "run.sh: the followers never matched the hash" >&2; exit 1; }
match; echo; match | grep -q entry_id

step "a write sent to a follower is redirected to the node"
curl -sS -o /dev/null -w '%{http_code} %{redirect_url}\n' -X POST -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{}' http://127.0.0.1:8802/v1/submissions | tee data/redirect.txt
grep -q "^307 http://127.0.0.1:8800/v1/submissions" data/redirect.txt

step "done"
