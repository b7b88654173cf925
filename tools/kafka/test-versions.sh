#!/usr/bin/env bash
# Runs the project's Kafka integration tests (test/kafka: produce, consumer groups, transactions with
# sendOffsets, admin createTopics/describeConfigs) against each given broker version, one after another,
# each on its own port and throw-away data dir, and prints a pass/fail table. The README's version
# statement comes from this.
#
#   bash tools/kafka/test-versions.sh 3.9.2 4.0.2 4.4.0
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PORT="${TEST_VERSIONS_PORT:-19192}"
[ "$#" -gt 0 ] || { echo "usage: $0 <kafka version>..." >&2; exit 64; }

results=()
for version in "$@"; do
  data="$(mktemp -d "${TMPDIR:-/tmp}/kafka-$version-XXXX")"
  export KAFKA_VERSION="$version" KAFKA_PORT="$PORT" KAFKA_CONTROLLER_PORT="$((PORT + 1))" KAFKA_DATA_DIR="$data"
  outcome=fail
  if bash "$HERE/kafka.sh" start; then
    if (cd "$REPO" && KAFKA_BROKERS="127.0.0.1:$PORT" npx jest test/kafka --selectProjects integration --runInBand); then
      outcome=pass
    fi
  else
    outcome=broker-did-not-start
  fi
  bash "$HERE/kafka.sh" stop || true
  rm -rf "$data"
  results+=("$version $outcome")
done
printf '\nkafkajs %s against:\n' "$(node -p "require('kafkajs/package.json').version" 2>/dev/null)"
printf '  %s\n' "${results[@]}"
[[ " ${results[*]} " != *fail* && " ${results[*]} " != *did-not* ]]
