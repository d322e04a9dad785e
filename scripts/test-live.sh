#!/usr/bin/env bash
# `npm run test:live`: the adapter contract suites, the write path under injected faults, snapshots
# and the key store's erasure watch against live EventStoreDB (KurrentDB) and MongoDB. The same
# suites run against the embedded SQLite store (and the no-server parts of the adapters) in `npm test`.
#
# Engines, first that applies:
#   1. EVENTSTORE_URL and/or MONGODB_URL set: those servers.
#   2. LIVE_ENGINES=compose: `docker compose up -d --wait` (docker-compose.yml), torn down afterwards.
#   3. Docker reachable: started and stopped by Testcontainers (scripts/live-engines.ts).
# Without any of them nothing live can run, and the script says so and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
SUITES=(test/contract)

run_suites() {
  echo "Live suites against EVENTSTORE_URL=${EVENTSTORE_URL:-<unset>} MONGODB_URL=${MONGODB_URL:-<unset>}"
  npx jest --ci --runInBand "${SUITES[@]}"
}

if [[ -n "${EVENTSTORE_URL:-}" || -n "${MONGODB_URL:-}" ]]; then
  run_suites
elif [[ "${LIVE_ENGINES:-}" == "compose" ]]; then
  docker compose up -d --wait
  trap 'docker compose down -v' EXIT
  export EVENTSTORE_URL="esdb://localhost:2113?tls=false"
  export MONGODB_URL="mongodb://localhost:27017/?replicaSet=rs0&directConnection=true"
  run_suites
elif docker info >/dev/null 2>&1; then
  npx tsx scripts/live-engines.ts -- npx jest --ci --runInBand "${SUITES[@]}"
else
  cat >&2 <<'MESSAGE'
test:live could not run: Docker is not reachable here and neither EVENTSTORE_URL nor MONGODB_URL is set.
Run it where Docker is available (Testcontainers starts the engines), or start them yourself
(docker compose up -d) and set EVENTSTORE_URL=esdb://localhost:2113?tls=false and
MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0&directConnection=true.
MESSAGE
  exit 1
fi
