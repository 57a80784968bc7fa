#!/usr/bin/env bash
# DLP scan throughput: JMH DlpScanBenchmark, one thread, 10 MiB of JSON payloads.
# Builds bulwark-dlp's test classes and runs the benchmark with short warmup (~3 min in all).
# Extra arguments go to JMH, e.g. bench/dlp.sh -wi 1 -i 1 'DlpScanBenchmark.endToEnd.*'
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bulwark-dlp/target
./mvnw -B -q -o -pl bulwark-dlp -am install -DskipTests
./mvnw -B -q -o -pl bulwark-dlp test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/dlp-bench.cp -Dmdep.includeScope=test
CP="$OUT/test-classes:$OUT/classes:$(cat $OUT/dlp-bench.cp)"
ARGS=("$@")
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
echo "Same measurements per CPU second of the scanning thread (robust on a shared machine):"
java -Xmx1g -cp "$CP" dev.bulwark.dlp.bench.DlpScanCpuTime
