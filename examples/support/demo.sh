#!/usr/bin/env bash
# The Support Desk demo against a running `npm start` (see src/apps/support/README.md#demo):
# ingest the sample knowledge base, create a customer key, file a ticket, watch the
# solution stream, read the ticket back, leave feedback.
#   HASHI_URL (default http://127.0.0.1:8787), HASHI_DATA_DIR (default .hashi-data)
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${HASHI_URL:-http://127.0.0.1:8787}
DATA=${HASHI_DATA_DIR:-.hashi-data}
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(process.argv[1].split(".").reduce((o,k)=>o[k],v))})' "$1"; }

echo "== 1. ingest the sample knowledge base (the running server picks it up within support.kb.refreshMs)"
node bin/hashi.js kb ingest examples/support/kb --data-dir "$DATA"

echo "== 2. an API key for customer C123 of tenant acme"
KEY=$(node bin/hashi.js keys create --tenant acme --customer C123 --json --data-dir "$DATA" | json key)

echo "== 3. file a ticket (202 + Location)"
TICKET=$(curl -sS -X POST "$BASE/support/v1/tickets" \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: demo-$(date +%s)" -d @examples/support/ticket.json)
echo "$TICKET"
ID=$(echo "$TICKET" | json ticket_id)

echo "== 4. stream the solution (409 while it is queued: retry)"
for _ in $(seq 1 30); do
  CODE=$(curl -sS -N -o /tmp/hashi-demo-stream.txt -w '%{http_code}' "$BASE/support/v1/tickets/$ID/solution/stream" -H "Authorization: Bearer $KEY")
  [ "$CODE" = 200 ] && break
  sleep 1
done
cat /tmp/hashi-demo-stream.txt

echo "== 5. read the ticket back"
curl -sS "$BASE/support/v1/tickets/$ID" -H "Authorization: Bearer $KEY"; echo

echo "== 6. leave feedback"
curl -sS -X POST "$BASE/support/v1/tickets/$ID/feedback" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' -d '{"rating":5,"resolved":true,"comment":"The connector was wet."}'; echo
