#!/usr/bin/env bash
# Runs the plugin in a development Jenkins against a local Anyscale emulator, in one command from a fresh clone: builds
# and installs the modules (the plugin needs the Jenkins artifact repository), starts the emulator on a free loopback
# port, runs `mvn -pl plugin hpi:run` with the demo configuration as code (plugin/src/hpi-run/jenkins.yaml) pointed at
# it, and stops the emulator when Jenkins stops (Ctrl-C included). Jenkins: http://localhost:8080/jenkins/
#
#   ./run-jenkins.sh            # build, then run
#   ./run-jenkins.sh --no-build # run what was built before
#   ./run-jenkins.sh --check    # no build, no Jenkins: start the emulator, print what Jenkins would be given, stop
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
mode=run
case "${1:-}" in
  --check) mode=check ;;
  --no-build) mode=nobuild ;;
  "") ;;
  *) echo "Usage: ./run-jenkins.sh [--no-build | --check]" >&2; exit 2 ;;
esac
if [[ "$mode" == run ]]; then
  echo "Building and installing the modules ..." >&2
  mvn -B -q install -DskipTests
fi
# Absolute: hpi:run starts Jenkins in plugin/work.
export CASC_JENKINS_CONFIG="$root/plugin/src/hpi-run/jenkins.yaml"
if [[ "$mode" == check ]]; then
  exec "$root/with-emulator.sh" bash -c 'echo "would run: CASC_JENKINS_CONFIG=$CASC_JENKINS_CONFIG ANYSCALE_HOST=$ANYSCALE_HOST ANYSCALE_TOKEN=<the emulator token> mvn -pl plugin hpi:run"; test -f "$CASC_JENKINS_CONFIG"'
fi
exec "$root/with-emulator.sh" mvn -B -pl plugin hpi:run
