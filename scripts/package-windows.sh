#!/usr/bin/env bash
# Builds the Windows package dist/gyokaku-<version>-windows-x64.zip: gyokaku.exe cross-compiled
# for x86_64-pc-windows-gnu (Debian's mingw-w64 gcc as linker), the numbered .bat launchers,
# the plan, the report settings, empty year folders, はじめにお読みください.html and the licences
# (the project's, the font's, packaging/windows/THIRD-PARTY-LICENSES.txt, which
# scripts/third-party-licenses.sh regenerates and scripts/check_licenses.py keeps current),
# all in one top-level folder gyokaku-<version>/. The exe carries a version resource and an
# icon (build.rs, windres) and no build paths (--remap-path-prefix).
#
# The zip is deterministic: the same commit gives the same bytes (no build time in the exe,
# every zip entry dated with the commit time, fixed order and permissions). Prints the zip's path.
#
# Needs: rustup, gcc-mingw-w64-x86-64 (x86_64-w64-mingw32-gcc and -strip), python3.
# The linker is given through the environment, so no cargo configuration changes for anyone else.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
linker=x86_64-w64-mingw32-gcc
strip=x86_64-w64-mingw32-strip

for tool in "$linker" "$strip" python3 rustup cargo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "package-windows.sh: $tool is missing (Debian: apt-get install gcc-mingw-w64-x86-64 python3)" >&2
    exit 2
  fi
done
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target" >&2
fi

version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["package"]["version"])')
# One timestamp for every entry: SOURCE_DATE_EPOCH if set, else the commit's time.
mtime=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1704067200)}

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER="$linker"
# Build paths (the registry, the toolchain, this checkout) would otherwise be written into the
# exe (panic locations): remapped to neutral names, for the Windows target only.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="--remap-path-prefix=$cargo_home/registry/src=/cargo --remap-path-prefix=$rustup_home=/rustup --remap-path-prefix=$PWD=/gyokaku"
cargo build --release --locked --quiet --target "$target" >&2

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# SOURCE_DATE_EPOCH=0 keeps strip from writing the current time into the PE header.
SOURCE_DATE_EPOCH=0 "$strip" -o "$stage/gyokaku.exe" "target/$target/release/gyokaku.exe"

zip="dist/gyokaku-$version-windows-x64.zip"
python3 packaging/windows/assemble.py --exe "$stage/gyokaku.exe" --version "$version" \
  --mtime "$mtime" --third-party packaging/windows/THIRD-PARTY-LICENSES.txt --out "$zip"
echo "$zip"
