#!/usr/bin/env bash
# Three member companies, three separate node processes, one consortium, and the demo's story
# walked with `hashfed` commands only: what each company's operator and analyst would type.
#
#   ./examples/three-members/run.sh          (from anywhere; needs ports 8710-8731 free)
#
# It wipes examples/three-members/data first and stops the three nodes when it ends or on Ctrl-C.
# Exit status 0 only when every step did what it says.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
hashfed="$here/../../hashfed"
images="$(cd "$here/../images" && pwd)"
cd "$here"

members=(acme beta gamma)
declare -A api=([acme]=8710 [beta]=8720 [gamma]=8730)
declare -A peer=([acme]=8711 [beta]=8721 [gamma]=8731)
declare -A company=([acme]="Acme Video" [beta]="Beta Social" [gamma]="Gamma Forums")
label="behavior:glorification"

step() { printf '\n== %s\n' "$*"; }
say() { printf '$ hashfed'; printf ' %q' "$@"; printf '\n'; }
run() { say "$@"; "$hashfed" "$@"; }
node_url() { echo "http://127.0.0.1:${api[$1]}"; }
# What an analyst of member $1 passes to every staff command (or saves once with `hashfed login`).
as() { echo "--node $(node_url "$1") --api-key-file data/$1/analyst.key"; }
die() { echo "run.sh: $*" >&2; exit 1; }

# Retries a command until it succeeds (or, with "!", until it fails), for up to 30 s.
eventually() {
  local want=0
  if [ "$1" = "!" ]; then want=1; shift; fi
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then [ $want = 0 ] && return 0; else [ $want = 1 ] && return 0; fi
    sleep 0.5
  done
  return 1
}

pids=()
stop_nodes() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop_nodes EXIT
trap 'exit 130' INT TERM

rm -rf data
mkdir -p data

step "1. Each company creates its member key and its node's TLS certificate, and exports its member file"
for m in "${members[@]}"; do
  run member init --config "$m.yaml"
  run member export --key "data/$m/member.key" --id "$m" --name "${company[$m]}" \
    --peer-url "https://127.0.0.1:${peer[$m]}" --tls-cert "data/$m/tls.crt" --out "data/$m.member.json"
done

step "2. The founders write roster version 1 from the three member files, and each of them signs it"
run consortium init --name example --key data/acme/member.key --out data/roster.json \
  --founder data/acme.member.json --founder data/beta.member.json --founder data/gamma.member.json
run consortium sign --key data/beta/member.key --in data/roster.json
run consortium sign --key data/gamma/member.key --in data/roster.json
run consortium show data/roster.json

step "3. Each company starts its node (logs in data/<member>.log)"
for m in "${members[@]}"; do
  say node --config "$m.yaml" "&"
  "$hashfed" node --config "$m.yaml" >"data/$m.log" 2>&1 &
  pids+=($!)
done
for m in "${members[@]}"; do
  eventually "$hashfed" status --node "$(node_url "$m")" --api-key-file "data/$m/admin.key" \
    || die "the node of $m did not become ready; see examples/three-members/data/$m.log"
done
echo "three nodes ready"

step "4. Each operator creates an API key for its analysts (role submit)"
for m in "${members[@]}"; do
  say keys create --role submit --label analyst --node "$(node_url "$m")" --admin-key-file "data/$m/admin.key" \
    "> data/$m/analyst.key"
  "$hashfed" keys create --role submit --label analyst --node "$(node_url "$m")" \
    --admin-key-file "data/$m/admin.key" >"data/$m/analyst.key"
done
run members $(as acme)

step "5. acme's analyst submits the hashes of an image (md5, sha256, pdq)"
run submit $(as acme) --label "$label" --note "example image" "$images/bridge.jpg" | tee data/submitted.txt
entries=($(awk '$2 ~ /^(md5|sha256|pdq)$/ { print $4 }' data/submitted.txt))
pdq_entry="$(awk '$2 == "pdq" { print $4 }' data/submitted.txt)"
pdq_hash="$(awk '$2 == "pdq" { print $3 }' data/submitted.txt)"
[ -n "$pdq_entry" ] || die "no pdq entry in the submit output"

step "6. The entry reaches beta and gamma; gamma matches a resized, re-encoded copy of the image"
eventually "$hashfed" match $(as gamma) "$images/bridge-resized.jpg" || die "the copy did not match on gamma"
run match $(as gamma) "$images/bridge-resized.jpg"
eventually "$hashfed" match $(as beta) "$images/bridge.jpg" || die "the image did not match on beta"

step "7. beta's analyst disputes it: not terrorist content"
run disagree $(as beta) "$pdq_entry" --reason false_positive --note "news footage of the bridge"
disputed_on_gamma() { "$hashfed" entry show $(as gamma) "$pdq_entry" | grep -q "1 disagree"; }
eventually disputed_on_gamma || die "beta's opinion did not reach gamma"
run entry show $(as gamma) "$pdq_entry"
run match $(as gamma) "$images/bridge-resized.jpg"

step "8. acme's analyst retracts the submissions; the hashes stop matching everywhere"
for e in "${entries[@]}"; do
  run retract $(as acme) "$e" --reason false_positive --note "beta is right"
done
for m in "${members[@]}"; do
  eventually ! "$hashfed" match $(as "$m") "$images/bridge.jpg" "$images/bridge-resized.jpg" \
    || die "the retracted hashes still match on $m"
  echo "$m: no match for bridge.jpg or bridge-resized.jpg"
done

step "9. An auditor verifies gamma's provenance log and what it says about the pdq hash"
sleep 11 # gamma signs a checkpoint of its log at least every 10 s
run audit verify --node "$(node_url gamma)" --audit-key-file data/gamma/admin.key
run audit provenance --node "$(node_url gamma)" --audit-key-file data/gamma/admin.key pdq "$pdq_hash"

printf '\nEvery step succeeded. Stopping the three nodes.\n'
