#!/usr/bin/env bash
# DLP scan throughput: JMH DlpScanBenchmark, one thread, 10 MiB of JSON payloads, then the same
# measurements per CPU second of the scanning thread (DlpScanCpuTime).
# Builds bulwark-dlp's test classes and runs the benchmark with short warmup (~3 min in all).
#   bench/dlp.sh                      JMH, then CPU time
#   bench/dlp.sh --cpu-only           CPU time only (~1 min)
#   BEFORE_REV=<git rev> bench/dlp.sh --cpu-only
#                                     CPU time of bulwark-dlp at that revision (its main sources,
#                                     compiled here) and then of the working tree, back to back
# Other arguments go to JMH, e.g. bench/dlp.sh -wi 1 -i 1 'DlpScanBenchmark.endToEnd.*'
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bulwark-dlp/target
./mvnw -B -q -o -pl bulwark-dlp -am install -DskipTests
./mvnw -B -q -o -pl bulwark-dlp test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/dlp-bench.cp -Dmdep.includeScope=test
DEPS="$(cat $OUT/dlp-bench.cp)"
CP="$OUT/test-classes:$OUT/classes:$DEPS"
CPU_ONLY=0
ARGS=()
for a in "$@"; do
  if [ "$a" = "--cpu-only" ]; then CPU_ONLY=1; else ARGS+=("$a"); fi
done
if [ "$CPU_ONLY" = 0 ]; then
  [ ${#ARGS[@]} -eq 0 ] && ARGS=(DlpScanBenchmark)
  java -cp "$CP" org.openjdk.jmh.Main -rf json -rff "$OUT/dlp-jmh.json" "${ARGS[@]}" | tee "$OUT/dlp-jmh.txt"
  python3 - "$OUT/dlp-jmh.json" "$OUT/dlp-jmh.txt" <<'PY'
import json, re, sys
results = json.load(open(sys.argv[1]))
m = re.search(r"bytes=(\d+)", open(sys.argv[2]).read())
mb = int(m.group(1)) / 1e6 if m else 10 * 1024 * 1024 / 1e6
rates = {r["benchmark"].split(".")[-1]: r["primaryMetric"]["score"] * mb for r in results}
base = rates.get("regexBaseline")
print("\n%-22s %10s %12s" % ("benchmark", "MB/s", "x regex"))
for name, rate in rates.items():
    print("%-22s %10.1f %12s" % (name, rate, "%.1f" % (rate / base) if base else "-"))
PY
  echo
fi
if [ -n "${BEFORE_REV:-}" ]; then
  BEFORE="$OUT/dlp-before"
  rm -rf "$BEFORE" && mkdir -p "$BEFORE/src" "$BEFORE/classes"
  git archive "$BEFORE_REV" bulwark-dlp/src/main | tar -x -C "$BEFORE/src"
  javac -nowarn -d "$BEFORE/classes" -cp "$DEPS" $(find "$BEFORE/src" -name '*.java')
  echo "bulwark-dlp at $BEFORE_REV, per CPU second of the scanning thread:"
  java -Xmx1g -cp "$OUT/test-classes:$BEFORE/classes:$DEPS" dev.bulwark.dlp.bench.DlpScanCpuTime
  echo
  echo "bulwark-dlp in the working tree:"
fi
echo "Same measurements per CPU second of the scanning thread (robust on a shared machine):"
java -Xmx1g -cp "$CP" dev.bulwark.dlp.bench.DlpScanCpuTime
