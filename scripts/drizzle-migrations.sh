#!/usr/bin/env bash
# Regenerates the Drizzle migrations of templates/_node-api from its schema
# template, for every dialect with and without auth, using the pinned
# drizzle-kit. Run it after changing src/db/schema.js.tmpl or the drizzle
# versions, then commit the result. Needs go and node >= 24 with npm on PATH.
#
# Each combination's migrations live in their own conditional folder,
# templates/_node-api/src/db/{{if and .Is.orm_drizzle .Is.db_<db> .Is.auth_<auth>}}migrations{{end}},
# copied byte for byte so they stay exactly what drizzle-kit wrote. With
# --check, nothing is written: it fails when drizzle-kit sees schema changes
# that the stored migrations lack.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
check=false
[ "${1:-}" = --check ] && check=true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && go build -o "$work/jsforge" .)
status=0
for db in sqlite postgres mysql; do
  for auth in jwt none; do
    app="$work/$db-$auth"
    target="$root/templates/_node-api/src/db/{{if and .Is.orm_drizzle .Is.db_$db .Is.auth_$auth}}migrations{{end}}"
    "$work/jsforge" new "$app" --preset express --orm drizzle --db "$db" --auth "$auth" --yes --no-git >/dev/null
    (cd "$app" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
    if $check; then
      out=$(cd "$app" && npx drizzle-kit generate 2>&1)
      if grep -q 'No schema changes' <<<"$out"; then
        echo "$db/$auth: up to date"
      else
        echo "$db/$auth: schema changes without a migration:"; echo "$out"; status=1
      fi
    else
      rm -rf "$app/src/db/migrations"
      (cd "$app" && npx drizzle-kit generate --name init >/dev/null)
      rm -rf "$target"
      cp -r "$app/src/db/migrations" "$target"
      echo "$db/$auth: regenerated"
    fi
  done
done
exit $status
