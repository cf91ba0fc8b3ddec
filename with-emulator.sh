#!/usr/bin/env bash
# Runs one command against a fresh Anyscale emulator (emulator/) on a free loopback port, and stops the emulator when
# the command ends, however it ends: normally, with an error, or on Ctrl-C (SIGINT), SIGTERM or SIGHUP.
#
#   ./with-emulator.sh [--seed N] COMMAND [ARG ...]
#
# The command sees ANYSCALE_HOST and ANYSCALE_CLI_TOKEN, which Anyscale's CLI and cli/anyscale read, and ANYSCALE_TOKEN,
# which plugin/src/hpi-run/jenkins.yaml reads. --seed N pre-creates N service accounts (demo-00001, ...). The emulator's
# state is lost when it stops. Needs emulator/target/anyscale-emulator.jar (./try-cli.sh and ./run-jenkins.sh build it).
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
seed=0
if [[ "${1:-}" == "--seed" ]]; then
  seed="${2:?--seed needs a number}"
  shift 2
fi
if [[ $# -eq 0 ]]; then
  echo "Usage: ./with-emulator.sh [--seed N] COMMAND [ARG ...]" >&2
  exit 2
fi
jar="$root/emulator/target/anyscale-emulator.jar"
if [[ ! -f "$jar" ]]; then
  echo "with-emulator.sh: no $jar; build it first: mvn -B -q -DskipJenkinsPlugin -DskipTests -pl emulator -am package" >&2
  exit 2
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# A demo token: the emulator is on loopback and forgets everything when it stops.
token="aph0_demo_owner_token"
log="$(mktemp "${TMPDIR:-/tmp}/anyscale-emulator.XXXXXX")"
# Port 0: the emulator takes a free port and prints its URL, so two runs never collide ("Address already in use").
"$java" -jar "$jar" --port 0 --token "$token" --seed "$seed" >"$log" 2>&1 &
emulator=$!
stop_emulator() {
  kill "$emulator" 2>/dev/null || true
  wait "$emulator" 2>/dev/null || true
  rm -f "$log"
}
trap stop_emulator EXIT
# A signal ends this script (after the command, which got the same Ctrl-C), and EXIT then stops the emulator.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

host=""
for _ in $(seq 1 300); do
  host="$(sed -n 's/^  base URL: *//p' "$log")"
  [[ -n "$host" ]] && break
  if ! kill -0 "$emulator" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [[ -z "$host" ]]; then
  echo "with-emulator.sh: the emulator did not start:" >&2
  cat "$log" >&2
  exit 1
fi
export ANYSCALE_HOST="$host" ANYSCALE_CLI_TOKEN="$token" ANYSCALE_TOKEN="$token"
echo "Anyscale emulator on $host (owner token $token); it stops when this command ends." >&2
set +e
"$@"
status=$?
set -e
exit "$status"
