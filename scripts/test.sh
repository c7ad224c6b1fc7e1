#!/usr/bin/env bash
# Runs every test jsforge has, as CI does:
#   1. go vet, the unit tests (engine, CLI, prompts in a pseudo-terminal), and
#      jsforge cross-compiled for macOS and Windows on amd64 and arm64;
#   2. the end-to-end tests: every preset rendered in every option combination
#      and checked statically, and a few combinations per preset that together
#      use every option value installed for real from the npm registry with
#      Node.js 24, tested with their own test suites, and driven over loopback
#      by the Go contract test.
# Node.js 24, pnpm and yarn are installed by the tests themselves into
# ${JSFORGE_CACHE:-~/.cache/jsforge} with the machine's npm. PostgreSQL
# (127.0.0.1:5432, user postgres, trust) and MariaDB/MySQL (127.0.0.1:3306,
# root, no password) must be running; each test makes and drops its own database.
#
# The image tests build and run each preset's Dockerfile with a real container
# engine: step 2 first runs the project's shared container-engine.sh
# (podman behind the Docker API; ../shared/tools, or $JSFORGE_CONTAINER_ENGINE),
# which installs it on first use and is instant after.
#
# JSFORGE_E2E=0 skips step 2.
set -euo pipefail
cd "$(dirname "$0")/.."

go vet ./...
go vet -tags e2e ./e2e/
go test ./...
for target in darwin/amd64 darwin/arm64 windows/amd64 windows/arm64; do
  GOOS=${target%/*} GOARCH=${target#*/} go build ./... ||
    { echo "scripts/test.sh: jsforge does not build for $target" >&2; exit 1; }
done
if [ "${JSFORGE_E2E:-1}" != 0 ]; then
  engine=${JSFORGE_CONTAINER_ENGINE:-../shared/tools/container-engine.sh}
  [ -f "$engine" ] || { echo "scripts/test.sh: no container engine script at $engine; set JSFORGE_CONTAINER_ENGINE" >&2; exit 1; }
  engine=$(realpath "$engine")
  # Run from /: the engine's API service keeps the folder it starts in as its
  # working directory, and its containers fail to start once that is gone.
  eval "$(cd / && bash "$engine" | tail -n1)"   # its last line exports DOCKER_HOST
  JSFORGE_CONTAINER_ENGINE=$engine go test -tags e2e -timeout 75m ./e2e/   # within CI's 90 minutes; the image tests restart an engine that went idle
fi
