#!/usr/bin/env bash
# Times the whole `jsforge new --no-install` process (render, write, git
# commit) for a preset, and prints the median of several runs.
#   scripts/bench-new.sh [preset] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-express}
runs=${2:-21}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/jsforge" .
"$work/jsforge" new "$work/warmup" --preset "$preset" --yes --no-install >/dev/null
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$work/jsforge" new "$work/app$i" --preset "$preset" --yes --no-install >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 ))
done | sort -n | awk -v preset="$preset" '
  { t[NR] = $1 }
  END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "jsforge new --preset %s --no-install (git commit included): median %.1f ms, min %.1f ms, max %.1f ms over %d runs\n", preset, m / 1000, t[1] / 1000, t[NR] / 1000, NR
  }'
