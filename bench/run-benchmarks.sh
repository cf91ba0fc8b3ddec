#!/usr/bin/env bash
# Runs the client-vs-baseline benchmarks and prints the client/baseline ratio table.
#
#   bench/run-benchmarks.sh                 # all benchmarks, 1 fork, 8x2s warm-up, 5x2s measured, GC profiler (~10 min)
#   bench/run-benchmarks.sh ListBenchmark   # only those matching a regexp
#   JMH_OPTS="-f 2 -wi 5 -i 10" bench/run-benchmarks.sh   # longer runs (appended, so they win)
#
# Build first: cd <repo root> && mvn -B -q -pl bench -am package -DskipJenkinsPlugin -DskipTests
# The JSON result is bench/target/jmh-result.json; the ratios are printed by bench/summarize.py.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
result="$here/target/jmh-result.json"
if [[ ! -f "$jar" ]]; then
  echo "No $jar: build it first with 'mvn -B -q -pl bench -am package -DskipJenkinsPlugin -DskipTests' from the repository root." >&2
  exit 2
fi
# shellcheck disable=SC2086
java -jar "$jar" -f 1 -wi 8 -w 2s -i 5 -r 2s -prof gc -rf json -rff "$result" ${JMH_OPTS:-} "$@"
echo
echo "Machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
python3 "$here/summarize.py" "$result"
