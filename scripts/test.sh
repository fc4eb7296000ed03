#!/usr/bin/env bash
# Runs every test. Installs the command-line tools the tests use to check outputs
# (pdftotext/pdffonts, qpdf, LibreOffice headless, zbarimg), those of the web page check
# (Chromium, Java, Node.js and the npm packages of tests/browser: vnu-jar, axe-core,
# playwright-core), Python's openpyxl, and those of the Windows package test (mingw-w64,
# wine64, unzip, the ja_JP locale source) when they are missing (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui libreoffice-core-nogui)
fc-list 2>/dev/null | grep -q "BIZ UDGothic" || need+=(fonts-morisawa-bizud-gothic)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null 2>&1 || need+=(wine64)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
[ -f /usr/share/i18n/locales/ja_JP ] || need+=(locales)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
command -v strace >/dev/null 2>&1 || need+=(strace)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Python packages of the checker and fixture scripts (scripts/requirements.txt).
if ! python3 -c "import openpyxl, pandas, pikepdf, msoffcrypto" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements.txt \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages -r scripts/requirements.txt
fi
# npm packages of the web page check (the lock file pins them; vnu-jar runs on the machine's
# Java, so its install script, which would download one, is not run).
lock_sum=$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)
if [ "$(cat tests/browser/node_modules/.installed-lock 2>/dev/null)" != "$lock_sum" ]; then
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_sum" > tests/browser/node_modules/.installed-lock
fi

# Every compiled-in crate's licence in the allow-list of about.toml.
python3 scripts/check_licenses.py
cargo test --release --locked
# The Windows package under wine (prints "SKIPPED: ..." when the Windows target cannot be added).
bash scripts/test-windows.sh
