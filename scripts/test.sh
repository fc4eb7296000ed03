#!/usr/bin/env bash
# Runs every test. Installs the command-line tools the tests use to check outputs
# (pdftotext/pdffonts, qpdf, LibreOffice headless) and those of the Windows package test
# (mingw-w64, wine64, unzip, the ja_JP locale source) when they are missing (Debian/Ubuntu),
# and the Python packages of scripts/requirements.txt (openpyxl) with pip.
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
command -v python3 >/dev/null 2>&1 || need+=(python3 python3-pip)
[ -f /usr/share/i18n/locales/ja_JP ] || need+=(locales)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# openpyxl: tests/cycle.rs fills the committee's workbook and a department's form with it.
if ! python3 -c "import openpyxl" >/dev/null 2>&1; then
  echo "installing: scripts/requirements.txt (pip)"
  python3 -m pip install --quiet -r scripts/requirements.txt 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages -r scripts/requirements.txt
fi

cargo test --release --locked
# The Windows package under wine (prints "SKIPPED: ..." when the Windows target cannot be added).
bash scripts/test-windows.sh
