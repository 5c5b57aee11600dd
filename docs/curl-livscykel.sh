#!/usr/bin/env bash
# Ett ärende genom hela livscykeln med curl: öppna, förmöte, gruppsamtal, återkoppling,
# krav, inspektionsmeddelande, svar, underrättelse, föreläggande med vite, delgivning,
# uppföljning och avslut. Tiden flyttas genom att servern startas om med INSPEKTION_TODAY.
#
#   docs/curl-livscykel.sh            (kräver .venv från ./start.sh eller ./test.sh, samt jq)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
PORT=${PORT:-8765}
API=http://127.0.0.1:$PORT
export INSPEKTION_DATABASE_URL="sqlite:///$WORK/livscykel.sqlite" INSPEKTION_SCHEDULER=0
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

start() {  # start(datum): servern med klockan på det datumet
  [ -n "$SERVER" ] && { kill $SERVER; wait $SERVER 2>/dev/null || true; }
  INSPEKTION_TODAY=$1 .venv/bin/inspektion serve --port "$PORT" --demo >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$API/health" >/dev/null && break; sleep 0.2; done
  echo "## Dag $1"
}
login() { curl -sf "$API/api/auth/login" -H 'Content-Type: application/json' \
            -d "{\"username\":\"$1\",\"password\":\"demo\"}" | jq -r .token; }
say() { echo "\$ $*" | sed -E 's/Bearer [^ ]+/Bearer …/'; }
post() {  # post(token, sökväg, json): visar anropet och svaret, sparar versionen
  say curl -X POST "$API$2" -d "'$3'"
  OUT=$(curl -s -X POST "$API$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3")
  echo "$OUT" | jq -c '{status, version, id, detail, field, document: .document.number, summary: (.summary|if . then "\(.respondents) svarande" else null end), reason} | with_entries(select(.value != null))'
  V=$(echo "$OUT" | jq -r '.version // empty' || true); V=${V:-$VERSION}; VERSION=$V
}

start 2026-11-23
I=$(login inspektor); J=$(login jurist)
CAMPAIGN=$(curl -sf "$API/api/campaigns" -H "Authorization: Bearer $I" | jq '[.[] | select(.name | contains("2015") | not)][0].id')
VERSION=0
say curl -X POST "$API/api/cases" ...
CASE=$(curl -sf "$API/api/cases" -H "Authorization: Bearer $I" -H 'Content-Type: application/json' -d "{\"campaign_id\":$CAMPAIGN,\"kommunkod\":\"1282\",\"arbetsstalle\":{\"name\":\"Socialförvaltningen, Landskrona stad\",\"address\":\"Drottninggatan 7\"},\"method\":\"fokusinspektion\"}")
echo "$CASE" | jq -c '{id, diarienummer, status, version}'
ID=$(echo "$CASE" | jq .id); VERSION=$(echo "$CASE" | jq .version)
P='[{"role":"Socialchef","name":"Eva Ström"},{"role":"Huvudskyddsombud","name":"Jonas Ek"}]'
post "$I" /api/cases/$ID/formote "{\"version\":$VERSION,\"date\":\"2026-11-23\",\"participants\":$P}"
ANSWERS=$(python3 -c 'import json; print(json.dumps([{str(q): 1 + (p + q) % 5 for q in range(1, 23)} for p in range(6)]))')
post "$I" /api/cases/$ID/gruppsamtal "{\"version\":$VERSION,\"date\":\"2026-11-23\",\"arbetsomrade\":\"Barn och unga\",\"responses\":$ANSWERS}"
post "$I" /api/cases/$ID/gruppsamtal "{\"version\":$VERSION,\"date\":\"2026-11-23\",\"arbetsomrade\":\"Mottagning\",\"responses\":[{\"1\":3},{\"1\":2}]}"
post "$I" /api/cases/$ID/aterkoppling "{\"version\":$VERSION,\"date\":\"2026-11-23\",\"participants\":$P}"
post "$I" /api/cases/$ID/krav "{\"version\":$VERSION,\"template_id\":\"arbetsbelastning-riskbedomning\"}"
K1=$(echo "$OUT" | jq .id)
post "$I" /api/cases/$ID/krav "{\"version\":$VERSION,\"text\":\"Arbetsgivaren ska ta fram rutiner för krisstöd efter hot och våld.\",\"citations\":[\"AFS 2015:4 12 §\"],\"effektmal\":2}"
post "$I" /api/cases/$ID/krav "{\"version\":$VERSION,\"text\":\"Arbetsgivaren ska ta fram rutiner för krisstöd efter hot och våld.\",\"citations\":[\"AFS 2023:2 2 kap. 6 §\"],\"effektmal\":\"krisstöd\"}"
post "$I" /api/cases/$ID/krav "{\"version\":$VERSION,\"text\":\"Arbetsgivaren ska ta fram rutiner för krisstöd efter hot och våld.\",\"citations\":[\"AFS 2023:2 2 kap. 6 §\"],\"effektmal\":2}"
K2=$(echo "$OUT" | jq .id)
post "$I" /api/cases/$ID/inspektionsmeddelande "{\"version\":$((VERSION - 1)),\"svar_senast\":\"2027-01-08\"}"
post "$I" /api/cases/$ID/inspektionsmeddelande "{\"version\":$VERSION,\"svar_senast\":\"2027-01-09\"}"
DOC=$(echo "$OUT" | jq .document.id)
say curl "$API/api/cases/$ID"
curl -sf "$API/api/cases/$ID" -H "Authorization: Bearer $I" | jq -c '{diarienummer, status, version, svar_senast, krav: [.krav[] | {number, state, citations}]}'
say curl "$API/api/documents/$DOC/pdf" -o inspektionsmeddelande.pdf
curl -sf "$API/api/documents/$DOC/pdf" -H "Authorization: Bearer $I" -o "$WORK/im.pdf"
echo "$(wc -c <"$WORK/im.pdf") byte, sha256 $(sha256sum "$WORK/im.pdf" | cut -c1-16)…; registrerad: $(echo "$OUT" | jq -r .document.pdf_sha256 | cut -c1-16)…"

start 2027-01-12
I=$(login inspektor); J=$(login jurist)
post "$I" /api/cases/$ID/svar "{\"version\":$VERSION,\"received\":\"2027-01-11\",\"assessments\":[{\"krav_id\":$K1,\"outcome\":\"uppfyllt\"},{\"krav_id\":$K2,\"outcome\":\"ej_uppfyllt\"}]}"
post "$I" /api/cases/$ID/close "{\"version\":$VERSION}"
post "$I" /api/cases/$ID/forelaggande "{\"version\":$VERSION,\"krav_ids\":[$K2],\"vite_sek\":50000,\"deadline\":\"2027-03-01\"}"
post "$J" /api/cases/$ID/underrattelse "{\"version\":$VERSION,\"krav_ids\":[$K2],\"svar_senast\":\"2027-02-02\",\"vite_sek\":50000,\"deadline\":\"2027-04-01\"}"
post "$J" /api/cases/$ID/forelaggande "{\"version\":$VERSION,\"krav_ids\":[$K2],\"vite_sek\":50000,\"deadline\":\"2027-03-01\"}"

start 2027-02-04
I=$(login inspektor); J=$(login jurist)
post "$J" /api/cases/$ID/forelaggande "{\"version\":$VERSION,\"krav_ids\":[$K2],\"vite_sek\":0,\"deadline\":\"2027-04-01\"}"
post "$J" /api/cases/$ID/forelaggande "{\"version\":$VERSION,\"krav_ids\":[$K2],\"vite_sek\":50000,\"deadline\":\"2027-04-01\"}"
FDOC=$(echo "$OUT" | jq .document.id)
say curl "$API/api/cases/$ID"
curl -sf "$API/api/cases/$ID" -H "Authorization: Bearer $I" | jq -c '{diarienummer, status, version, svar_senast, krav: [.krav[] | {number, state, citations}]}'

start 2027-02-09
I=$(login inspektor); J=$(login jurist)
post "$J" /api/cases/$ID/delgivning "{\"version\":$VERSION,\"document_id\":$FDOC,\"date\":\"2027-02-08\",\"method\":\"vanlig\"}"

start 2027-04-06
I=$(login inspektor)
post "$I" /api/cases/$ID/uppfoljning "{\"version\":$VERSION,\"date\":\"2027-04-05\",\"participants\":$P}"
post "$I" /api/cases/$ID/svar "{\"version\":$VERSION,\"received\":\"2027-03-30\",\"assessments\":[{\"krav_id\":$K2,\"outcome\":\"uppfyllt\"}]}"
post "$I" /api/cases/$ID/close "{\"version\":$VERSION}"
say curl "$API/api/cases/$ID"
curl -sf "$API/api/cases/$ID" -H "Authorization: Bearer $I" | jq -c '{status, krav: [.krav[] | {number, state}], documents: [.documents[] | {number, kind, sent_on, served_on}]}'
say curl "$API/api/cases/$ID/audit"
curl -sf "$API/api/cases/$ID/audit" -H "Authorization: Bearer $I" | jq -r '.[] | "\(.at[0:10])  \(.user // "system")  \(.action)"'
say curl -X DELETE "$API/api/cases/$ID/audit"
curl -s -o /dev/null -w '%{http_code}\n' -X DELETE "$API/api/cases/$ID/audit" -H "Authorization: Bearer $I"
