#!/usr/bin/env bash
# Runs the adapter contract suites against live EventStoreDB and MongoDB (docker compose up -d).
# The same suites always run against the embedded SQLite store in `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export EVENTSTORE_URL="${EVENTSTORE_URL:-esdb://localhost:2113?tls=false}"
export MONGODB_URL="${MONGODB_URL:-mongodb://localhost:27017/?replicaSet=rs0&directConnection=true}"
echo "Contract suites against EVENTSTORE_URL=$EVENTSTORE_URL MONGODB_URL=$MONGODB_URL"
npx jest --ci test/contract
