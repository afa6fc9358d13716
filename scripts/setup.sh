#!/usr/bin/env bash
# Installs what a fresh machine lacks: Debian packages (when run as root and missing) and the venv at .venv/.
# Idempotent and quick when everything is there already; `make demo`, `make test` and `.ci/run` call it.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(tesseract-ocr tesseract-ocr-vie dovecot-imapd openssl fonts-dejavu-core chromium)
missing=()
for pkg in "${DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup: installing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
    else
        echo "setup: please install these system packages: ${missing[*]} (Debian: sudo apt-get install ${missing[*]})" >&2
    fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$PY" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: installing replyflow and its dependencies into .venv (first time: a few minutes)"
    .venv/bin/pip install -q --disable-pip-version-check -e ".[test]"
    touch "$stamp"
fi
