#!/usr/bin/env bash
# Runs each cargo-fuzz target for a short time (default 60 s each) on the committed corpus.
#
#   bash scripts/fuzz.sh [seconds-per-target]
#
# Needs the nightly toolchain (rustup toolchain install nightly); installs cargo-fuzz when
# missing. Without nightly it prints "skipped" and exits 0, so it can run anywhere.
# Targets (fuzz/fuzz_targets/): reader (bytes → submission reader → diagnostics; must never
# panic, abort, hang or use more than 512 MB), plan (text → plan.toml loader), settings
# (text → report.toml loader). A crash is saved under fuzz/artifacts/<target>/ and the
# script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzz: skipped: nightly not installed (rustup toolchain install nightly)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# Seeds the corpus when it is empty: the sample submissions and the broken-input corpus (the
# reader's first byte picks the file extension: 0 .xlsx, 1 .ods, 2 .xls, 3 .xlsb, 4 .xlsm),
# plan.toml and report.toml.
seed() {
    mkdir -p fuzz/corpus/reader fuzz/corpus/plan fuzz/corpus/settings
    if [ -z "$(ls -A fuzz/corpus/reader)" ]; then
        python3 - <<'PY'
import hashlib, pathlib
root = pathlib.Path(".")
ext = {".xlsx": 0, ".ods": 1, ".xls": 2, ".xlsb": 3, ".xlsm": 4}
files = [*root.glob("input/submissions/*/*"), *root.glob("tests/fixtures/broken/*/*")]
for f in sorted(files):
    data = f.read_bytes()
    if f.suffix not in ext or len(data) > 200_000:
        continue
    seed = bytes([ext[f.suffix]]) + data
    (root / "fuzz/corpus/reader" / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
PY
    fi
    [ -n "$(ls -A fuzz/corpus/plan)" ] || cp input/plan.toml fuzz/corpus/plan/plan.toml
    [ -n "$(ls -A fuzz/corpus/settings)" ] || cp templates/report.toml fuzz/corpus/settings/report.toml
}
seed

status=0
for target in reader plan settings; do
    echo "fuzz: ${target} for ${SECONDS_PER_TARGET} s"
    # New inputs go to a scratch folder: the committed corpus stays as it is.
    scratch="$(mktemp -d)"
    if ! nice -n 19 cargo +nightly fuzz run -O "${target}" "${scratch}" "fuzz/corpus/${target}" -- \
        -max_total_time="${SECONDS_PER_TARGET}" -rss_limit_mb=512 -timeout=10 -jobs=1 \
        -print_final_stats=1 2>&1 | tail -n 25; then
        status=1
    fi
    rm -rf "${scratch}"
done
if [ "${status}" -ne 0 ]; then
    echo "fuzz: a target crashed (see fuzz/artifacts/)"
fi
exit "${status}"
