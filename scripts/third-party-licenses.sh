#!/usr/bin/env bash
# Writes the licences of everything compiled into gyokaku to the file given (default
# packaging/windows/THIRD-PARTY-LICENSES.txt, committed; run this after changing Cargo.lock:
# scripts/check_licenses.py fails while a crate is missing from it): every crate of Cargo.lock built for Windows or Linux with its
# licence text (cargo-about, configured by about.toml and about.hbs; it fails when a crate's
# licence is not in about.toml's allow-list), then the C libraries the crates bundle
# (libdeflate, mimalloc) and the Rust standard library.
#
# cargo-about is installed into ~/.cargo/bin when missing (`cargo install --locked
# cargo-about --features cli`: about 6 minutes to compile on one core, once).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-packaging/windows/THIRD-PARTY-LICENSES.txt}

if ! command -v cargo-about >/dev/null 2>&1; then
  echo "third-party-licenses.sh: installing cargo-about (compiles; once)" >&2
  cargo install --locked cargo-about --version 0.9.3 --features cli >&2
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cargo about generate --locked -c about.toml -o "$tmp" about.hbs

# The source folder of a crate of Cargo.lock, from cargo metadata.
crate_dir() {
  cargo metadata --format-version 1 --locked --filter-platform x86_64-pc-windows-gnu 2>/dev/null |
    python3 -c 'import json, os, sys
name = sys.argv[1]
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == name:
        print(os.path.dirname(p["manifest_path"]))
        break' "$1"
}
deflate=$(crate_dir libdeflate-sys)
mimalloc=$(crate_dir libmimalloc-sys)
for f in "$deflate/libdeflate/COPYING" "$mimalloc/c_src/mimalloc/v2/LICENSE"; do
  [ -f "$f" ] || { echo "third-party-licenses.sh: $f is missing" >&2; exit 1; }
done
{
  cat "$tmp"
  echo "================================================================"
  echo "C libraries bundled in the crates above (compiled into gyokaku.exe)"
  echo "================================================================"
  echo
  echo "libdeflate (in libdeflate-sys $(basename "$deflate" | sed 's/^libdeflate-sys-//')), MIT License:"
  echo "----------------------------------------------------------------"
  cat "$deflate/libdeflate/COPYING"
  echo
  echo "mimalloc (in libmimalloc-sys $(basename "$mimalloc" | sed 's/^libmimalloc-sys-//')), MIT License:"
  echo "----------------------------------------------------------------"
  cat "$mimalloc/c_src/mimalloc/v2/LICENSE"
  echo
  echo "================================================================"
  echo "The Rust standard library (compiled into gyokaku.exe) is licensed under the"
  echo "MIT License or the Apache License 2.0, whose texts are given above."
  echo
  echo "================================================================"
  echo "Data compiled into gyokaku.exe"
  echo "================================================================"
  echo
  echo "BIZ UDGothic (Regular, Bold) and BIZ UDMincho (Regular), the fonts of the PDFs:"
  echo "SIL Open Font License 1.1, text and copyright notices in templates/fonts/OFL.txt."
  echo
  echo "sRGB-v2-magic.icc, the sRGB profile of the PDFs' output intent, from"
  echo "https://github.com/saucecontrol/Compact-ICC-Profiles: Creative Commons CC0 1.0"
  echo "Universal (public domain dedication; no conditions)."
} | sed 's/\r$//' >"$out"
