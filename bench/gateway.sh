#!/usr/bin/env bash
# Gateway benchmark: wrk against a fixed local upstream (nginx serving a 1 KB JSON), alternating
# rounds of: the upstream directly, Bulwark with the full pipeline (API key + route allowlist +
# CEL condition + audit to SQLite), and nginx as a plain reverse proxy (1 worker, keepalive 64).
# Prints req/s, p50/p99 and the proxy process's CPU time per request (utime+stime from
# /proc/PID/stat, delta over the run, divided by the requests wrk completed), then the
# Bulwark/nginx ratios; then the same with a generated config of 10,000 integrations, routes and
# keys; then the DLP phase: CRM contact bodies of ~1 KB and ~64 KB (e-mails, phones, a few
# Luhn-valid card numbers) through Bulwark without DLP and Bulwark with the response policy
# {fin.payment_card: redact, pii.email: alert}, both running, alternating rounds, with nginx as the
# reference, and the DLP/no-DLP ratios. Figures and their reading: bench/README.md.
#
# usage: bench/gateway.sh [ROUNDS] [DURATION]     (defaults: 3 rounds, 5s per wrk run)
# env:   CONNS (50), THREADS (1), SKIP_LARGE=1, SKIP_DLP=1, ONLY_DLP=1 (the DLP phase alone),
#        BULWARK_BENCH_JAVA_OPTS, JFR=1 (profile round 1)
set -euo pipefail

ROUNDS="${1:-3}"
DURATION="${2:-5s}"
CONNS="${CONNS:-50}"
THREADS="${THREADS:-1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_WORK:-/tmp/bulwark-bench}"
UP_PORT=18081 NGX_PORT=18082 BW_PORT=18080 BW_ADMIN=19090 BW2_PORT=18083 BW2_ADMIN=19091
JAR="$ROOT/bulwark-server/target/bulwark.jar"
JAVA_OPTS="${BULWARK_BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=1}"
HZ="$(getconf CLK_TCK)"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx; then
  echo "installing wrk and nginx-light..." >&2
  apt-get install -y wrk nginx-light >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk nginx-light >/dev/null; }
fi

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK"
BODY="$(python3 -c "
import json
items=[{'id':i,'name':'item-%03d'%i,'owner':'ops@example.test','status':'active'} for i in range(14)]
print(json.dumps({'items':items},separators=(',',':')))")"

# --- the DLP phase's bodies: CRM contacts as a SaaS API returns them (every contact has an e-mail
# and a phone; a few carry a card number that passes Luhn, spaced or not), ~1 KB and ~64 KB
mkdir -p "$WORK/up/www"
python3 - "$WORK/up/www" <<'PY'
import json, random, sys
rnd = random.Random(7)
first = ["Ada", "Grace", "Alan", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger"]
last = ["Lovelace", "Hopper", "Turing", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie", "Allen", "Dijkstra"]
companies = ["Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"]
stages = ["lead", "qualified", "proposal", "negotiation", "closed-won", "closed-lost"]
cards = ["4111 1111 1111 1111", "5555555555554444", "4012 8888 8888 1881", "378282246310005"]
def contact(i, card):
    f, l, c = rnd.choice(first), rnd.choice(last), rnd.choice(companies)
    rec = {
        "id": "003%012d" % (100000 + i), "object": "contact",
        "firstName": f, "lastName": l, "email": "%s.%s@%s.example" % (f.lower(), l.lower(), c.split()[0].lower()),
        "phone": "+1 415 555 %04d" % rnd.randrange(10000), "title": rnd.choice(["CTO", "VP Sales", "Buyer", "Engineer"]),
        "account": {"id": "001%012d" % rnd.randrange(10**6), "name": c, "industry": "Manufacturing"},
        "stage": rnd.choice(stages), "amount": rnd.randrange(1000, 90000), "currency": "USD",
        "createdAt": "2026-0%d-%02dT10:%02d:00Z" % (rnd.randrange(1, 10), rnd.randrange(1, 29), rnd.randrange(60)),
        "notes": "Met at the %s summit; follow up next quarter." % rnd.choice(["spring", "autumn"]),
    }
    if card:
        rec["billing"] = {"cardNumber": card, "expiry": "12/29"}
    return rec
def page(target, card_every):
    recs, i = [], 0
    while True:
        recs.append(contact(i, cards[(i // card_every) % len(cards)] if i % card_every == 0 else None))
        body = json.dumps({"totalSize": len(recs), "done": True, "records": recs}, separators=(",", ":"))
        if len(body) >= target - 200:
            return body
        i += 1
for name, target, every in (("1k", 1024, 4), ("64k", 65536, 20)):
    body = page(target, every)
    open("%s/crm-%s.json" % (sys.argv[1], name), "w").write(body)
    print("crm-%s.json: %d bytes, %d contacts, %d card numbers" % (name, len(body), body.count('"object"'), body.count('cardNumber')), file=sys.stderr)
PY

# --- the upstream: nginx, one worker, a fixed 1 KB JSON on every path
mkdir -p "$WORK/up" "$WORK/ngx"
cat > "$WORK/up/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/up/nginx.pid;
error_log $WORK/up/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$UP_PORT reuseport backlog=4096;
    default_type application/json;
    location / { return 200 '$BODY'; }
    location ~ ^/app[0-9]+/v1/contacts/(1k|64k)/ { root $WORK/up/www; try_files /crm-\$1.json =404; }
  }
}
CONF
# --- the peer: nginx as a plain reverse proxy
cat > "$WORK/ngx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/ngx/nginx.pid;
error_log $WORK/ngx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream up { server 127.0.0.1:$UP_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NGX_PORT backlog=4096;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -p "$WORK/up" -c "$WORK/up/nginx.conf" -g 'daemon off;' & PIDS+=($!); UP_PID=$!
nginx -p "$WORK/ngx" -c "$WORK/ngx/nginx.conf" -g 'daemon off;' & PIDS+=($!); NGX_PID=$!

# --- Bulwark: build the jar once (the launcher does it), then run it directly
(cd "$ROOT" && ./bulwark --version >/dev/null)

start_bulwark() { # CONFIG DATA [PORT ADMIN_PORT]
  local port="${3:-$BW_PORT}" admin="${4:-$BW_ADMIN}"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" serve --config "$1" --data "$2" --host 127.0.0.1 \
    --port "$port" --admin-port "$admin" >"$2/serve.log" 2>&1 &
  BW_PID=$!; PIDS+=("$BW_PID")
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then return 0; fi
    kill -0 "$BW_PID" 2>/dev/null || { cat "$2/serve.log"; echo "bulwark did not start" >&2; exit 1; }
    sleep 0.5
  done
  echo "bulwark did not listen within 60 s" >&2; cat "$2/serve.log"; exit 1
}
stop_bulwark() { kill "$BW_PID" 2>/dev/null || true; wait "$BW_PID" 2>/dev/null || true; }

cpu_ticks() { # PID...: utime+stime of the processes (and their reaped children are not counted)
  local total=0 p
  for p in "$@"; do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat") ))
  done
  echo "$total"
}
nginx_pids() { echo "$1 $(pgrep -P "$1" | tr '\n' ' ')"; }

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
# run PHASE NAME URL PIDS [wrk args...]
run() {
  local phase="$1" name="$2" url="$3" pids="$4"; shift 4
  local before after out reqs rps p50 p99
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" "$url")
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  local us
  us=$(python3 -c "print(round(($after-$before)*1e6/$HZ/max(1,$reqs),1))")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$name" "$rps" "$p50" "$p99" "$us" "$reqs" "${non2xx:-0}" | tee -a "$RESULTS"
}

summary() { # PHASE
  python3 - "$RESULTS" "$1" <<'PY'
import sys, statistics as st
rows=[l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.startswith(sys.argv[2]+'\t')]
def ms(v):
    v=v.strip()
    for unit,f in (('us',0.001),('ms',1),('s',1000)):
        if v.endswith(unit) and not (unit=='s' and v.endswith(('us','ms'))): return float(v[:-len(unit)])*f
    return float('nan')
by={}
for ph,name,rps,p50,p99,us,reqs,bad in rows:
    by.setdefault(name,[]).append((float(rps),ms(p50),ms(p99),float(us),int(bad)))
print(f"\n== {sys.argv[2]}: median of {max(len(v) for v in by.values())} rounds ==")
print(f"{'target':<10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU us/req':>12}{'non-2xx':>9}")
med={}
for name,v in by.items():
    m=tuple(st.median(x[i] for x in v) for i in range(4))
    med[name]=m
    print(f"{name:<10}{m[0]:>10.0f}{m[1]:>9.2f}{m[2]:>9.2f}{m[3]:>12.1f}{sum(x[4] for x in v):>9}")
if 'bulwark' in med and 'nginx' in med:
    b,n=med['bulwark'],med['nginx']
    print(f"Bulwark/nginx: CPU per request {b[3]/n[3]:.2f}x, throughput {b[0]/n[0]:.2f}x")
if 'bulwark' in med and 'bulwark+dlp' in med:
    b,d=med['bulwark'],med['bulwark+dlp']
    print(f"DLP/no-DLP: CPU per request {d[3]/b[3]:.2f}x (+{d[3]-b[3]:.1f} us), throughput {d[0]/b[0]:.2f}x, "
          f"p50 {d[1]/b[1]:.2f}x, p99 {d[2]/b[2]:.2f}x")
    if 'nginx' in med:
        print(f"Bulwark+DLP/nginx: CPU per request {d[3]/med['nginx'][3]:.2f}x, throughput {d[0]/med['nginx'][0]:.2f}x")
PY
}

phase() { # NAME CONFIG_N
  local phase="$1" n="$2" data="$WORK/data-$1" apps
  mkdir -p "$data"
  apps=$(( n < 100 ? n : 100 ))
  python3 "$ROOT/bench/gen-perimeter.py" "$n" "http://127.0.0.1:$UP_PORT" "$WORK/$phase.yaml" "$apps"
  java -cp "$JAR" "$ROOT/bench/MintKeys.java" "$data" "$n" "$apps" "$WORK/$phase.keys"
  start_bulwark "$WORK/$phase.yaml" "$data"
  echo "bulwark pid $BW_PID ($phase: $n integrations); warming up..." >&2
  KEYS_FILE="$WORK/$phase.keys" wrk -t"$THREADS" -c"$CONNS" -d10s -s "$ROOT/bench/keys.lua" "http://127.0.0.1:$BW_PORT" >/dev/null
  if [[ "${JFR:-}" == 1 ]]; then
    jcmd "$BW_PID" JFR.start name=bench settings=profile filename="$WORK/$phase.jfr" >/dev/null
  fi
  for r in $(seq 1 "$ROUNDS"); do
    KEYS_FILE="$WORK/$phase.keys" run "$phase" direct "http://127.0.0.1:$UP_PORT" "$(nginx_pids "$UP_PID")" -s "$ROOT/bench/keys.lua"
    KEYS_FILE="$WORK/$phase.keys" run "$phase" bulwark "http://127.0.0.1:$BW_PORT" "$BW_PID" -s "$ROOT/bench/keys.lua"
    KEYS_FILE="$WORK/$phase.keys" run "$phase" nginx "http://127.0.0.1:$NGX_PORT" "$(nginx_pids "$NGX_PID")" -s "$ROOT/bench/keys.lua"
    if [[ "${JFR:-}" == 1 && "$r" == 1 ]]; then
      jcmd "$BW_PID" JFR.stop name=bench >/dev/null
    fi
  done
  local rss; rss=$(awk '/VmRSS/ {print $2/1024 " MiB"}' "/proc/$BW_PID/status")
  echo "bulwark RSS: $rss" >&2
  stop_bulwark
  if ! grep -q "$phase" <(cut -f1 "$RESULTS"); then echo "no results" >&2; fi
}

# The DLP phase: two Bulwarks on the same one-integration config, one without a DLP policy (no
# inspector is even built: bodies stream through) and one with
#   response: {fin.payment_card: redact, pii.email: alert}, request: {fin.payment_card: block}
# (requests are GETs, so the request side only proves it costs nothing without a body). Both stay up
# and are measured in alternating rounds, so JIT state and neighbours' load hit both alike.
dlp_phase() {
  local off="$WORK/data-dlp-off" on="$WORK/data-dlp-on" off_pid on_pid size key
  mkdir -p "$off" "$on"
  python3 "$ROOT/bench/gen-perimeter.py" --contacts 1 "http://127.0.0.1:$UP_PORT" "$WORK/dlp-off.yaml"
  python3 "$ROOT/bench/gen-perimeter.py" --dlp 1 "http://127.0.0.1:$UP_PORT" "$WORK/dlp-on.yaml"
  java -cp "$JAR" "$ROOT/bench/MintKeys.java" "$off" 1 1 "$WORK/dlp-off.keys"
  java -cp "$JAR" "$ROOT/bench/MintKeys.java" "$on" 1 1 "$WORK/dlp-on.keys"
  start_bulwark "$WORK/dlp-off.yaml" "$off" "$BW_PORT" "$BW_ADMIN"; off_pid=$BW_PID
  start_bulwark "$WORK/dlp-on.yaml" "$on" "$BW2_PORT" "$BW2_ADMIN"; on_pid=$BW_PID
  echo "bulwark pids: no DLP $off_pid (:$BW_PORT), DLP $on_pid (:$BW2_PORT)" >&2

  # the check: with DLP the card number comes back redacted, without DLP verbatim
  local plain redacted
  key=$(awk '{print $3}' "$WORK/dlp-off.keys")
  plain=$(curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$BW_PORT/app0/v1/contacts/1k/1")
  key=$(awk '{print $3}' "$WORK/dlp-on.keys")
  redacted=$(curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$BW2_PORT/app0/v1/contacts/1k/1")
  echo "without DLP: $(grep -o '"cardNumber":"[^"]*"' <<<"$plain" | head -1)" >&2
  echo "with DLP:    $(grep -o '"cardNumber":"[^"]*"' <<<"$redacted" | head -1)" >&2
  if ! grep -q '"4111 1111 1111 1111"' <<<"$plain" || grep -q '4111 1111 1111 1111' <<<"$redacted" \
    || ! grep -q 'REDACTED:fin.payment_card' <<<"$redacted"; then
    echo "DLP check failed: without DLP: ${plain:0:300}... with DLP: ${redacted:0:300}..." >&2
    exit 1
  fi
  python3 -c 'import json,sys; json.loads(sys.argv[1])' "$redacted" || { echo "redacted body is not JSON" >&2; exit 1; }

  echo "warming up both..." >&2
  for size in 1k 64k; do
    KEYS_FILE="$WORK/dlp-off.keys" ITEM_PATH="/v1/contacts/$size/" wrk -t"$THREADS" -c"$CONNS" -d5s \
      -s "$ROOT/bench/keys.lua" "http://127.0.0.1:$BW_PORT" >/dev/null
    KEYS_FILE="$WORK/dlp-on.keys" ITEM_PATH="/v1/contacts/$size/" wrk -t"$THREADS" -c"$CONNS" -d5s \
      -s "$ROOT/bench/keys.lua" "http://127.0.0.1:$BW2_PORT" >/dev/null
  done
  for _ in $(seq 1 "$ROUNDS"); do
    for size in 1k 64k; do
      export ITEM_PATH="/v1/contacts/$size/"
      KEYS_FILE="$WORK/dlp-off.keys" run "dlp-$size" nginx "http://127.0.0.1:$NGX_PORT" "$(nginx_pids "$NGX_PID")" -s "$ROOT/bench/keys.lua"
      KEYS_FILE="$WORK/dlp-off.keys" run "dlp-$size" bulwark "http://127.0.0.1:$BW_PORT" "$off_pid" -s "$ROOT/bench/keys.lua"
      KEYS_FILE="$WORK/dlp-on.keys" run "dlp-$size" bulwark+dlp "http://127.0.0.1:$BW2_PORT" "$on_pid" -s "$ROOT/bench/keys.lua"
      unset ITEM_PATH
    done
  done
  echo "bulwark RSS: no DLP $(awk '/VmRSS/ {print $2/1024 " MiB"}' "/proc/$off_pid/status"), DLP $(awk '/VmRSS/ {print $2/1024 " MiB"}' "/proc/$on_pid/status")" >&2
  BW_PID=$off_pid stop_bulwark
  BW_PID=$on_pid stop_bulwark
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf 'phase\ttarget\treq/s\tp50\tp99\tCPU_us/req\trequests\tnon2xx\n'
if [[ "${ONLY_DLP:-}" != 1 ]]; then
  phase small 1
  summary small
  if [[ "${SKIP_LARGE:-}" != 1 ]]; then
    phase large 10000
    summary large
  fi
fi
if [[ "${SKIP_DLP:-}" != 1 ]]; then
  dlp_phase
  summary dlp-1k
  summary dlp-64k
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "raw rows: $RESULTS" >&2
