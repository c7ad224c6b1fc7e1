# Helpers for the scripts in this folder; source it, after setting `script`
# to the name errors should carry.

# require TOOL...: stops with a message when a tool is not on PATH.
require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$script: $tool is not on PATH" >&2; exit 1; }
  done
}

# require_node24: stops unless the node on PATH is Node.js 24 or later.
require_node24() {
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' ||
    { echo "$script: need Node.js >= 24, found $(node --version)" >&2; exit 1; }
}
