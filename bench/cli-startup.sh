#!/usr/bin/env bash
# Start-up cost of the command line: whole processes, start to exit, of
#   floor      java -jar bench/target/single-get.jar             (SingleGet: one GET with OkHttp, body printed)
#   cli        java -jar cli/target/anyscale-cli.jar service-account list
# and of the same with class-data sharing (AppCDS), with the launcher cli/anyscale (AppCDS and JVM settings for short
# runs), and of the floor with those same settings, against the emulator on loopback.
# Runs are interleaved (one of each variant per round), so that load from elsewhere hits every variant alike.
#
#   bench/cli-startup.sh                 # 30 rounds after 3 warm-up rounds
#   RUNS=50 bench/cli-startup.sh
#   HYPERFINE=1 bench/cli-startup.sh     # hyperfine instead of the built-in loop (not interleaved)
#
# Build first, from the repository root:
#   mvn -B -DskipJenkinsPlugin -pl cli,bench -am verify     # verify: CliJarIT writes cli/target/anyscale-cli.jsa
# Never part of the build or of CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-30}"
warmup="${WARMUP:-3}"
accounts="${ACCOUNTS:-20}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

cli_jar="$root/cli/target/anyscale-cli.jar"
cli_archive="$root/cli/target/anyscale-cli.jsa"
floor_jar="$root/bench/target/single-get.jar"
emulator_jar="$root/emulator/target/anyscale-emulator.jar"
for f in "$cli_jar" "$floor_jar" "$emulator_jar"; do
  if [[ ! -f "$f" ]]; then
    echo "No $f: build first with 'mvn -B -DskipJenkinsPlugin -pl cli,bench -am verify' from $root." >&2
    exit 2
  fi
done

work="$(mktemp -d)"
emulator_pid=""
cleanup() {
  if [[ -n "$emulator_pid" ]]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

token="aph0_bench_owner_token"
"$java" -jar "$emulator_jar" --port 0 --token "$token" --seed "$accounts" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
host=""
for _ in $(seq 1 100); do
  host="$(sed -n 's/^  base URL: *//p' "$work/emulator.log")"
  [[ -n "$host" ]] && break
  sleep 0.1
done
[[ -n "$host" ]] || { echo "The emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }
export ANYSCALE_HOST="$host" ANYSCALE_CLI_TOKEN="$token" HOME="$work"

# The floor gets an archive of its own too, so that CDS is compared like for like.
floor_archive="$work/single-get.jsa"
"$java" -XX:ArchiveClassesAtExit="$floor_archive" -jar "$floor_jar" >/dev/null 2>&1
quiet_cds=(-Xlog:disable -Xlog:all=warning:stderr)

# cli/anyscale's settings, given to the floor too: the like-for-like floor of the launcher.
tuned=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData)

names=(floor floor+cds floor+cds+tuned cli)
commands=(
  "$java -jar $floor_jar"
  "$java -XX:SharedArchiveFile=$floor_archive ${quiet_cds[*]} -jar $floor_jar"
  "$java -XX:SharedArchiveFile=$floor_archive ${quiet_cds[*]} ${tuned[*]} -jar $floor_jar"
  "$java -jar $cli_jar service-account list"
)
if [[ -f "$cli_archive" ]]; then
  names+=(cli+cds "cli/anyscale")
  commands+=(
    "$java -XX:SharedArchiveFile=$cli_archive ${quiet_cds[*]} -jar $cli_jar service-account list"
    "$root/cli/anyscale service-account list"
  )
else
  echo "No $cli_archive (written by 'mvn verify' of cli/): measuring without AppCDS for the command line." >&2
fi

# Each command must work before it is timed.
for i in "${!names[@]}"; do
  if ! ${commands[$i]} >"$work/check.out" 2>"$work/check.err"; then
    echo "'${names[$i]}' failed:" >&2; cat "$work/check.err" >&2; exit 1
  fi
done
rows="$(wc -l <"$work/check.out")"
# The title (Service accounts:), the headers and a line per account.
[[ "$rows" -eq $((accounts + 2)) ]] || { echo "cli/anyscale printed $rows lines, expected $((accounts + 2))" >&2; exit 1; }

echo "Machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); $("$java" -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Emulator: $host with $accounts accounts; $runs rounds after $warmup warm-up rounds"
echo

if [[ -n "${HYPERFINE:-}" ]] && command -v hyperfine >/dev/null; then
  args=()
  for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  hyperfine -N --warmup "$warmup" --runs "$runs" "${args[@]}"
  exit 0
fi

now_ns() { date +%s%N; }
for ((round = -warmup; round < runs; round++)); do
  for i in "${!names[@]}"; do
    start="$(now_ns)"
    ${commands[$i]} >/dev/null 2>&1
    end="$(now_ns)"
    if ((round >= 0)); then echo "$i $(((end - start) / 1000))" >>"$work/times"; fi
  done
done

printf '%-16s %10s %10s %10s %10s %14s\n' variant "mean ms" "stddev ms" "min ms" "max ms" "mean / floor"
floor_mean="$(awk '$1 == 0 { s += $2; n++ } END { printf "%.3f", s / n / 1000 }' "$work/times")"
for i in "${!names[@]}"; do
  awk -v i="$i" -v name="${names[$i]}" -v floor="$floor_mean" '
    $1 == i { x = $2 / 1000; s += x; ss += x * x; n++; if (n == 1 || x < min) min = x; if (x > max) max = x }
    END {
      mean = s / n; sd = sqrt((ss - n * mean * mean) / (n - 1))
      printf "%-16s %10.0f %10.0f %10.0f %10.0f %14.2f\n", name, mean, sd, min, max, mean / floor
    }' "$work/times"
done
