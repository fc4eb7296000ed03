#!/usr/bin/env bash
# Runs every test. Installs the command-line tools the tests use to check outputs
# (pdftotext/pdffonts, qpdf, LibreOffice headless) when they are missing (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui libreoffice-core-nogui)
fc-list 2>/dev/null | grep -q "BIZ UDGothic" || need+=(fonts-morisawa-bizud-gothic)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo test --release --locked
