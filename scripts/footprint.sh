#!/usr/bin/env bash
# Installs the default project of each preset with npm and prints its install
# footprint: packages (`npm ls --all --parseable`) and node_modules on disk
# (`du -sm`), the two figures the end-to-end test holds each preset to
# (project.maxPackages and project.maxMegabytes).
#
# For nest it also measures the project `nest new` makes, bare and with the
# runtime packages our default project ships (same versions, same overrides),
# so the comparison is made both ways. Needs go and node >= 24 with npm on PATH.
#
#   scripts/footprint.sh               # every preset
#   scripts/footprint.sh nest express  # some
set -euo pipefail

script=footprint
. "$(dirname "$0")/lib.sh"
require go node npm du
require_node24

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false npm_config_loglevel=error

(cd "$root" && go build -o "$work/jsforge" .)
presets=("$@")
[ ${#presets[@]} -gt 0 ] || mapfile -t presets < <("$work/jsforge" presets | awk 'NR > 1 { print $1 }')

# measure LABEL DIR: prints packages and MB of DIR/node_modules.
measure() {
  local packages megabytes
  # npm ls exits non-zero on peer-range complaints (nest new has one); the list is still whole.
  packages=$(cd "$2" && { npm ls --all --parseable 2>/dev/null || true; } | wc -l)
  megabytes=$(du -sm "$2/node_modules" | cut -f1)
  printf '%-40s %5d packages %5d MB\n' "$1" "$packages" "$megabytes"
}

version() { awk -v k="$1" -F': *' '$1 == k || $1 == "\""k"\"" { print $2 }' "$root/presets/versions.yaml"; }

for preset in "${presets[@]}"; do
  "$work/jsforge" new "$work/$preset" --preset "$preset" --yes --no-git >/dev/null
  (cd "$work/$preset" && npm install >/dev/null)
  measure "jsforge new --preset $preset --yes" "$work/$preset"

  if [ "$preset" = nest ]; then
    cli=$(version @nestjs/cli)
    (cd "$work" && npx --yes "@nestjs/cli@$cli" new reference --skip-git --package-manager npm >nest-new.log 2>&1) ||
      { cat "$work/nest-new.log" >&2; exit 1; }
    measure "nest new (@nestjs/cli $cli)" "$work/reference"
    # The same runtime packages, at the versions and with the overrides our project uses.
    (cd "$work/reference" && node -e '
      const fs = require("fs");
      const ours = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const ref = JSON.parse(fs.readFileSync("package.json", "utf8"));
      Object.assign(ref.dependencies, ours.dependencies);
      if (ours.overrides) ref.overrides = ours.overrides;
      fs.writeFileSync("package.json", JSON.stringify(ref, null, 2) + "\n");
    ' "$work/nest/package.json" && npm install >/dev/null)
    measure "nest new + our runtime dependencies" "$work/reference"
  fi
done
