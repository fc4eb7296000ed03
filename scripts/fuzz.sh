#!/usr/bin/env bash
# Runs each cargo-fuzz target for a short time (default 60 s each) on the committed corpus.
#
#   bash scripts/fuzz.sh [seconds-per-target]
#
# Uses the nightly toolchain with AddressSanitizer when it is installed; otherwise the machine's
# stable toolchain with RUSTC_BOOTSTRAP=1 and no sanitizer (libFuzzer's coverage and its
# crash, timeout and memory checks still run; Rust code needs no ASan for memory safety).
# Installs cargo-fuzz when missing.
# Targets (fuzz/fuzz_targets/): reader (bytes → submission reader → diagnostics; must never
# panic, abort, hang or use more than 512 MB), plan (text → plan.toml loader), settings
# (text → report.toml loader), committee (bytes written to a temp folder's 2023.xlsx → the
# committee workbook reader), plan_import (first byte picks .xlsx/.xlsm/.ods, the rest written
# to a temp file → the plan workbook import of `plan --import`), report (text → a plan that
# loads → its last year without submissions → the committee PDF and the progress workbook).
# A crash is saved under fuzz/artifacts/<target>/ and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz run -O)
else
    echo "fuzz: nightly not installed: stable toolchain with RUSTC_BOOTSTRAP=1, no sanitizer"
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz run -O --sanitizer none)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# Seeds, made fresh in a scratch folder on every run (they are files of the repository): the
# sample submissions and the broken-input corpus for the reader (its first byte picks the file
# extension: 0 .xlsx, 1 .ods, 2 .xls, 3 .xlsb, 4 .xlsm), plan.toml and report.toml. The
# committed corpus (fuzz/corpus/<target>) holds small inputs found by fuzzing (cargo fuzz cmin).
# The committee's filled workbooks and the edited plan workbooks seed the two workbook targets.
seeds="$(mktemp -d)"
trap 'rm -rf "${seeds}"' EXIT
mkdir -p "${seeds}/reader" "${seeds}/plan" "${seeds}/settings" "${seeds}/committee" "${seeds}/plan_import" "${seeds}/report"
cp input/committee/*.xlsx "${seeds}/committee/"
for f in tests/fixtures/plan_excel/*.xlsx; do
    { printf '\000'; cat "${f}"; } > "${seeds}/plan_import/$(basename "${f}")"
done
python3 - "${seeds}/reader" <<'PY'
import hashlib, pathlib, sys
out = pathlib.Path(sys.argv[1])
ext = {".xlsx": 0, ".ods": 1, ".xls": 2, ".xlsb": 3, ".xlsm": 4}
files = [*pathlib.Path("input/submissions").glob("*/*"), *pathlib.Path("tests/fixtures/broken").glob("*/*")]
for f in sorted(files):
    data = f.read_bytes()
    if f.suffix not in ext or len(data) > 200_000:
        continue
    seed = bytes([ext[f.suffix]]) + data
    (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
PY
cp input/plan.toml "${seeds}/plan/"
cp input/plan.toml "${seeds}/report/"
cp tests/fixtures/other_city/plan.toml "${seeds}/report/other_city.toml"
cp templates/report.toml "${seeds}/settings/"
mkdir -p fuzz/corpus/reader fuzz/corpus/plan fuzz/corpus/settings fuzz/corpus/committee fuzz/corpus/plan_import fuzz/corpus/report

status=0
for target in reader plan settings committee plan_import report; do
    echo "fuzz: ${target} for ${SECONDS_PER_TARGET} s"
    # New inputs go to a scratch folder: the committed corpus stays as it is.
    scratch="${seeds}/new-${target}"
    mkdir -p "${scratch}"
    if ! nice -n 19 "${fuzz[@]}" "${target}" "${scratch}" "fuzz/corpus/${target}" "${seeds}/${target}" -- \
        -max_total_time="${SECONDS_PER_TARGET}" -rss_limit_mb=512 -timeout=10 \
        -print_final_stats=1 2>&1 | tail -n 25; then
        status=1
    fi
done
if [ "${status}" -ne 0 ]; then
    echo "fuzz: a target crashed (see fuzz/artifacts/)"
fi
exit "${status}"
