#!/usr/bin/env bash
# req/s of the fake upstream (record: false) under wrk, for non-streamed and
# streamed OpenAI chat completions and Anthropic messages. Run it under the
# shared lock (see /work/notes/HELPERS.md), from the repository root:
#   flock /tmp/hashi-heavy.lock bash test/support/fake-upstream/measure.sh [seconds=10] [serve.ts=test/support/fake-upstream/serve.ts]
# One wrk thread and 32 connections, so the fake keeps the other core.
set -euo pipefail
seconds=${1:-10}
serve=${2:-test/support/fake-upstream/serve.ts}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
node --import tsx "$serve" >"$out" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q listening "$out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$out")
[ -n "$url" ] || { echo "the fake did not start:" >&2; cat "$out" >&2; exit 1; }
openai='{"model":"bench-model","messages":[{"role":"user","content":"When does volume 105 ship?"}],"max_tokens":64'
anthropic='{"model":"claude-bench","max_tokens":64,"messages":[{"role":"user","content":"When does volume 105 ship?"}]'
run() { # name path body
  BODY="$3" wrk -t1 -c32 -d"${seconds}s" -s "$here/wrk-post.lua" "$url$2" | awk -v n="$1" '/Requests\/sec/ { printf "%-16s %8.0f req/s\n", n, $2 } /Non-2xx|Socket errors/ { print n ": " $0 }'
}
run 'openai json' /v1/chat/completions "$openai}"
run 'openai sse' /v1/chat/completions "$openai,\"stream\":true,\"stream_options\":{\"include_usage\":true}}"
run 'anthropic json' /v1/messages "$anthropic}"
run 'anthropic sse' /v1/messages "$anthropic,\"stream\":true}"
