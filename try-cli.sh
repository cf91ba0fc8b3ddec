#!/usr/bin/env bash
# Tries the command line without Jenkins and without an Anyscale account, in one command from a fresh clone: builds
# cli/ and emulator/ (Maven Central only), starts the emulator with 3 demo accounts on a free loopback port, and opens
# a shell in which `anyscale` is cli/anyscale and ANYSCALE_HOST / ANYSCALE_CLI_TOKEN point at the emulator. Leave the
# shell (exit, or Ctrl-D) to stop the emulator.
#
#   ./try-cli.sh                                      # the shell
#   ./try-cli.sh anyscale service-account list -o yaml  # one command instead (also what runs without a terminal)
#   ./try-cli.sh --no-build ...                       # skip the build (it is already there)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
if [[ "${1:-}" == "--no-build" ]]; then
  shift
else
  echo "Building cli/ and emulator/ ..." >&2
  mvn -B -q -DskipJenkinsPlugin -DskipTests -pl cli,emulator -am package
fi
# `anyscale` in the shell and in the commands below is the launcher cli/anyscale.
export PATH="$root/cli:$PATH"
if [[ $# -gt 0 ]]; then
  exec "$root/with-emulator.sh" --seed 3 "$@"
fi
if [[ -t 0 ]]; then
  echo "In this shell, try: anyscale service-account list    (exit to stop the emulator)" >&2
  exec "$root/with-emulator.sh" --seed 3 "${SHELL:-bash}" -i
fi
exec "$root/with-emulator.sh" --seed 3 anyscale service-account list
