#!/usr/bin/env bash
# Tests the Windows package (issue 14) under wine:
#   1. packages twice (scripts/package-windows.sh): the same bytes, and exactly the expected
#      entries (no stray file, no test shim), launchers in Shift_JIS with CRLF;
#   2. unpacks it into a folder whose path has Japanese and a space, and runs gyokaku.exe under
#      Debian's wine64 through the sample cycle (templates, check, build) with the bundled sample
#      submissions: every output has the same bytes as the Linux build's (the consolidated
#      workbook after normalising path separators), the messages the same text;
#   3. runs each .bat under wine's cmd with the year on stdin: exit status, messages, outputs;
#   4. `gyokaku.exe --version`.
#   5. a workbook or PDF held open as Excel does: build fails with exit code 2, a Japanese
#      message asking to close the file, and every earlier output unchanged.
#   6. (issue 24) the zip in one top-level folder gyokaku-<version>/, the upstream OFL text,
#      THIRD-PARTY-LICENSES.txt naming every crate compiled for Windows, a version resource
#      and no build paths in the exe; step 1 with Enter after a year's returns makes the next
#      year's forms; returns in submissions\令和6年度\ named by step 2; the exe double-clicked
#      shows where to start and waits for Enter.
#
# When the Windows target, mingw-w64 or wine is not available it prints a SKIPPED line and
# exits 0. Debian's wine 8.0 lacks bcryptprimitives.dll (ProcessPrng, imported by Rust's
# standard library): the test builds packaging/windows/prng_shim.c into that DLL and puts it
# next to the exe in its scratch folder only; the zip never holds it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

skip() {
  echo "SKIPPED: Windows package test: $*"
  exit 0
}
step_start=$SECONDS
step() {
  local now=$SECONDS
  echo "windows test: $1 ($((now - step_start)) s)"
  step_start=$now
}

target=x86_64-pc-windows-gnu
wine=""
for w in /usr/lib/wine/wine64 "$(command -v wine64 || true)" "$(command -v wine || true)"; do
  [ -n "$w" ] && [ -x "$w" ] && { wine=$w; break; }
done
[ -n "$wine" ] || skip "wine64 is not installed (apt-get install wine64)"
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || skip "x86_64-w64-mingw32-gcc is not installed (apt-get install gcc-mingw-w64-x86-64)"
command -v rustup >/dev/null 2>&1 || skip "rustup is not available, so the $target target cannot be added"
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target" >/dev/null 2>&1 || skip "rustup target add $target failed (offline?)"
fi
wineserver=$(dirname "$wine")/wineserver
[ -x "$wineserver" ] || wineserver=$(command -v wineserver || echo "")

tmp=$(mktemp -d /tmp/gyokaku-wintest.XXXXXX)
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" GYOKAKU_NO_EXPLORER=1
unset DISPLAY WAYLAND_DISPLAY
cleanup() {
  [ -n "$wineserver" ] && [ -d "$WINEPREFIX" ] && "$wineserver" -k >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
total_start=$SECONDS

# --- 1. the package ------------------------------------------------------------------------
zip=$(bash scripts/package-windows.sh)
sum1=$(sha256sum "$zip" | cut -d' ' -f1)
cp "$zip" "$tmp/first.zip"
step "packaged $zip"
zip2=$(bash scripts/package-windows.sh)
sum2=$(sha256sum "$zip2" | cut -d' ' -f1)
[ "$zip" = "$zip2" ] && [ "$sum1" = "$sum2" ] || { echo "FAIL: two packagings differ: $sum1 $sum2"; exit 1; }
step "packaged again: same bytes ($sum1)"

version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml","rb"))["package"]["version"])')
top="gyokaku-$version"
cargo tree --locked --target "$target" -e normal --prefix none --format '{p}' |
  awk '{print $1}' | sort -u >"$tmp/crates.txt"
python3 - "$zip" "$top" "$tmp/crates.txt" <<'EOF'
import re, sys, tomllib, zipfile
path, top, crates = sys.argv[1], sys.argv[2] + "/", sys.argv[3]
plan = tomllib.load(open("input/plan.toml", "rb"))
years = range(plan["start_year"], plan["end_year"] + 1)
# The launchers: one per line of launchers.tsv (adding 4_公表 is one line there), at least these.
rows = [l.split("\t")[0] for l in open("packaging/windows/launchers.tsv", encoding="utf-8")
        if l.strip() and not l.startswith("#")][1:]
bats = [f"{r}.bat" for r in rows]
assert bats[:3] == ["1_入力シート作成.bat", "2_提出ファイル点検.bat", "3_集計・資料作成.bat"], bats
want = bats + ["gyokaku.exe", "input/", "input/committee/", "input/plan.toml", "input/submissions/"]
want += [f"input/submissions/{y}/" for y in years]
want += ["templates/", "templates/fonts/", "templates/fonts/OFL.txt", "templates/report.toml",
         "はじめにお読みください.html", "LICENSE-APACHE", "LICENSE-MIT", "THIRD-PARTY-LICENSES.txt"]
want = [top] + [top + n for n in want]
z = zipfile.ZipFile(path)
names = z.namelist()
assert names == want, f"zip entries:\n{names}\nexpected:\n{want}"
infos = z.infolist()
assert len({i.date_time for i in infos}) == 1, "entries with different timestamps"
for i in infos:
    assert i.flag_bits & 0x800 or i.filename.isascii(), f"{i.filename}: no UTF-8 name flag"
    mode = i.external_attr >> 16
    want_mode = 0o40755 if i.is_dir() else (0o100755 if i.filename.endswith(".exe") else 0o100644)
    assert mode == want_mode, f"{i.filename}: mode {oct(mode)}"
for name in names:
    data = z.read(name)
    name = name.removeprefix(top)
    if name.endswith(".bat"):
        assert b"\n" not in data.replace(b"\r\n", b""), f"{name}: a line not ended by CRLF"
        text = data.decode("cp932")  # strict: Shift_JIS
        assert "@" not in text.replace("@echo off", ""), f"{name}: placeholder left"
        assert text.startswith("@echo off\r\n"), name
        header = text.splitlines()[1]
        assert re.fullmatch(r"rem gyokaku \S+（\d{4}-\d\d-\d\d 作成）: .+", header), header
        assert "rem #" not in text, f"{name}: developer notes left in"
    if name == "gyokaku.exe":
        pe = int.from_bytes(data[0x3C:0x40], "little")
        assert data[pe:pe + 4] == b"PE\0\0", "gyokaku.exe is not a PE file"
        stamp = int.from_bytes(data[pe + 8:pe + 12], "little")
        assert stamp == 0, f"gyokaku.exe has a link time stamp {stamp}"
        assert b".debug_info" not in data[:4096], "gyokaku.exe is not stripped"
        for key in ("ProductName", "FileVersion", "CompanyName"):
            assert key.encode("utf-16-le") in data, f"gyokaku.exe: no {key} in a version resource"
        assert "gyokaku project".encode("utf-16-le") in data, "gyokaku.exe: company name"
        for path_text in (b"/root/", b".cargo/registry", b"/home/", b".rustup/toolchains"):
            assert path_text not in data, f"gyokaku.exe carries a build path ({path_text})"
for name in ("input/plan.toml", "templates/report.toml", "templates/fonts/OFL.txt",
             "LICENSE-MIT", "LICENSE-APACHE"):
    assert z.read(top + name) == open(name, "rb").read(), f"{name} differs from the repository"
ofl = z.read(top + "templates/fonts/OFL.txt").decode("utf-8")
assert ofl.startswith("Copyright 2022 The BIZ UDGothic Project Authors"), ofl[:200]
assert "Copyright 2022 The BIZ UDMincho Project Authors" in ofl, ofl[:300]
assert "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007" in ofl and "GPL" not in ofl
third = z.read(top + "THIRD-PARTY-LICENSES.txt").decode("utf-8")
listed = set(re.findall(r"^  (\S+) \S+$", third, re.M))
wanted = {l.strip() for l in open(crates) if l.strip()} - {"gyokaku"}
missing = sorted(wanted - listed)
assert not missing, f"THIRD-PARTY-LICENSES.txt lacks crates: {missing}"
for text in ("libdeflate", "mimalloc", "Apache License", "Permission is hereby granted",
             "BIZ UDMincho", "sRGB-v2-magic.icc"):
    assert text in third, f"THIRD-PARTY-LICENSES.txt: no {text}"
html = z.read(top + "はじめにお読みください.html").decode("utf-8")
assert "THIRD-PARTY-LICENSES.txt" in html, "readme: third-party licences not mentioned"
assert "@VERSION@" not in html, "readme: version placeholder left"
assert "http" not in html and "src=" not in html, "readme: external reference"
print(f"windows test: zip entries as expected ({len(names)}), {sum(i.file_size for i in infos)} bytes unpacked;"
      f" {len(wanted)} crates named in THIRD-PARTY-LICENSES.txt")
EOF

# --- 2. unpack and prepare wine -------------------------------------------------------------
pkg="$tmp/作業 フォルダ/R&D 行革"
mkdir -p "$pkg"
(cd "$pkg" && unzip -q "$root/$zip" && mv "$top"/* . && rmdir "$top")
for y in "$root"/input/submissions/*/; do
  mkdir -p "$pkg/input/submissions/$(basename "$y")"
  cp "$y"*.xlsx "$pkg/input/submissions/$(basename "$y")/"
done
# The committee's opinions of the sample years, as the secretariat places them.
mkdir -p "$pkg/input/committee"
cp "$root"/input/committee/*.xlsx "$pkg/input/committee/"

# A Japanese Windows: wine takes its code pages (932) from the Unix locale, which must exist.
if locale -a 2>/dev/null | grep -qix 'ja_JP.utf8'; then
  export LC_ALL=ja_JP.UTF-8
else
  [ -f /usr/share/i18n/locales/ja_JP ] || skip "the ja_JP locale source is missing (apt-get install locales)"
  mkdir -p "$tmp/locale"
  localedef -i ja_JP -f UTF-8 "$tmp/locale/ja_JP.UTF-8" >/dev/null 2>&1 || true # warnings: exit 1
  [ -f "$tmp/locale/ja_JP.UTF-8/LC_CTYPE" ] || { echo "FAIL: localedef ja_JP.UTF-8 failed"; exit 1; }
  export LOCPATH="$tmp/locale"
  export LC_ALL=ja_JP.UTF-8 2>/dev/null # (bash itself warns: it reads LOCPATH at start only)
fi

"$wine" wineboot -i >/dev/null 2>&1 || true
[ -n "$wineserver" ] && "$wineserver" -w # the registry is written when the server ends
[ -f "$WINEPREFIX/drive_c/windows/system32/cmd.exe" ] || { echo "FAIL: wineboot did not set up $WINEPREFIX"; exit 1; }
step "wine prefix created"

mkdir -p "$tmp/tools"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$tmp/tools/bcryptprimitives.dll" packaging/windows/prng_shim.c -ladvapi32
x86_64-w64-mingw32-gcc -O2 -s -municode -o "$tmp/tools/hold_open.exe" packaging/windows/hold_open.c
cp "$tmp/tools/bcryptprimitives.dll" "$pkg/"

# --- 3. the Linux reference -----------------------------------------------------------------
cargo build --release --locked --quiet
linux="$tmp/linux"
mkdir -p "$linux"
# The same input as the package's (not the checkout's input/, which may hold a developer's year
# snapshots input/plan/<year>.toml and change what templates prints).
cp -r "$pkg/input" templates "$linux/"
run_linux() { (cd "$linux" && "$root/target/release/gyokaku" "$@"); }
# run_cycle <linux|wine>: templates, check and build of 2023 with run_<side>; each command's
# stdout, stderr and exit code in $tmp/<side>-<command>.{out,err,rc}
run_cycle() {
  local side=$1 cmd
  for cmd in templates check build; do
    set +e
    "run_$side" "$cmd" --year 2023 >"$tmp/$side-$cmd.out" 2>"$tmp/$side-$cmd.err"
    echo $? >"$tmp/$side-$cmd.rc"
    set -e
  done
}
run_cycle linux

# --- 4. gyokaku.exe under wine --------------------------------------------------------------
run_wine() { (cd "$pkg" && "$wine" ./gyokaku.exe "$@"); }
version=$(run_wine --version | tr -d '\r')
linux_version=$(run_linux --version)
want_version=${linux_version/x86_64-unknown-linux-gnu/$target}
[ "$version" = "$want_version" ] || { echo "FAIL: gyokaku.exe --version: '$version', expected '$want_version'"; exit 1; }
case "$version" in
  "gyokaku $(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml","rb"))["package"]["version"])') ($target"*) ;;
  *) echo "FAIL: gyokaku.exe --version: '$version'"; exit 1 ;;
esac
echo "windows test: $version"

run_cycle wine
step "sample cycle run under wine"

compare_outputs() { # compare_outputs <wine output dir> <Linux output dir> <label>
  python3 - "$1" "$2" "$3" <<'EOF'
import sys, zipfile, io
from pathlib import Path
win, lin, label = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
files = lambda d: sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())
assert files(win) == files(lin), f"{label}: files differ:\n{files(win)}\n{files(lin)}"
normalised = []
for name in files(lin):
    a, b = (win / name).read_bytes(), (lin / name).read_bytes()
    if a == b:
        continue
    # Only a workbook may differ, and only in text that shows a path (input\submissions\2023).
    assert name.endswith(".xlsx"), f"{label}: {name} differs"
    za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    assert za.namelist() == zb.namelist(), f"{label}: {name}: parts differ"
    for part in za.namelist():
        pa, pb = za.read(part), zb.read(part)
        if pa != pb:
            assert pa.replace(b"\\", b"/") == pb.replace(b"\\", b"/"), f"{label}: {name}: {part} differs"
            normalised.append(f"{name}:{part}")
print(f"windows test: {label}: {len(files(lin))} files identical to the Linux build's"
      + (f" (after path separators in {', '.join(normalised)})" if normalised else ""))
EOF
}
compare_outputs "$pkg/output" "$linux/output" "gyokaku.exe outputs"
for cmd in templates check build; do
  for s in rc out err; do
    a=$(tr -d '\r' <"$tmp/wine-$cmd.$s" | sed 's#\\#/#g')
    b=$(cat "$tmp/linux-$cmd.$s")
    [ "$a" = "$b" ] || { echo "FAIL: gyokaku $cmd ($s) under wine differs from Linux:"; diff <(echo "$a") <(echo "$b") | head -20; exit 1; }
  done
done
echo "windows test: exit codes and messages of templates, check, build as on Linux"

# --- 5. the launchers -----------------------------------------------------------------------
rm -rf "$pkg/output"
# What the launchers print comes in two encodings: cmd's own lines (echo) in the code page,
# Shift_JIS, and gyokaku's in UTF-8 (Rust writes UTF-8 when the output is not a console).
show_log() {
  python3 - "$1" <<'EOF'
import sys
for line in open(sys.argv[1], "rb").read().split(b"\n"):
    try:
        print(line.decode("utf-8").rstrip())
    except UnicodeDecodeError:
        print(line.decode("cp932", "replace").rstrip())
EOF
}
run_bat() { # run_bat <bat> <stdin text (UTF-8)> <expected exit code> <log>
  local rc=0
  printf '%s' "$2" | iconv -f UTF-8 -t CP932 | (cd "$pkg" && "$wine" cmd /c "$1") >"$4" 2>&1 || rc=$?
  if [ "$rc" != "$3" ]; then
    echo "FAIL: $1 exited with $rc, expected $3; its output:"
    show_log "$4"
    exit 1
  fi
}
expect_in() { # expect_in <log> bat:<text echoed by the .bat>|exe:<text printed by gyokaku.exe>...
  if ! python3 - "$@" <<'EOF'
import sys
log = open(sys.argv[1], "rb").read()
for want in sys.argv[2:]:
    enc, text = want.split(":", 1)
    needle = text.encode("cp932" if enc == "bat" else "utf-8")
    if needle not in log:
        sys.exit(f"FAIL: {sys.argv[1]}: missing {text!r}; the output was:")
EOF
  then
    show_log "$1"
    exit 1
  fi
}

run_bat 1_入力シート作成.bat $'2023\r\n' 0 "$tmp/bat1.log"
expect_in "$tmp/bat1.log" "bat:1 入力シート作成" "bat:何も入力せずに Enter キーで 2025年度" \
  "bat:2023年度の入力シートの作成を始めます。" "exe:令和5(2023)年度の入力シートを12部署分作成しました" \
  "bat:入力シートを作成しました。" "bat:R&D 行革\\output\\2023\\templates"
run_bat 2_提出ファイル点検.bat $'R5\r\n' 0 "$tmp/bat2.log"
expect_in "$tmp/bat2.log" "exe:警告: 未提出: 福祉課 のファイルがありません" "bat:点検が終わりました。" \
  "bat:input\\submissions\\2023"
run_bat 3_集計・資料作成.bat $'令和５\r\n' 0 "$tmp/bat3.log"
expect_in "$tmp/bat3.log" "bat:2023年度の集計と委員会資料の作成を始めます。" \
  "exe:作成しました: output\\2023\\行財政改革推進委員会資料_令和5年度.pdf" "bat:集計ワークブックと委員会資料を作成しました。"
run_bat 4_公表.bat $'2023\r\n' 0 "$tmp/bat4p.log"
expect_in "$tmp/bat4p.log" "bat:2023年度の公表用ファイルの作成を始めます。" "bat:公表用ファイルを作成しました。"
[ -f "$pkg/output/2023/公表/index.html" ] || { echo "FAIL: 4_公表.bat wrote no index.html"; exit 1; }
rm -rf "$pkg/output/2023/公表"
compare_outputs "$pkg/output" "$linux/output" "outputs of the .bat files"

# A year typed wrong is explained and asked again (here stdin then ends: Enter, the default year).
# (One line per run: cmd's set /p takes more than one line from a pipe.)
run_bat 2_提出ファイル点検.bat $'来年\r\n' 0 "$tmp/bat4.log"
expect_in "$tmp/bat4.log" "exe:エラー: 年度「来年」を読み取れません" "bat:2025年度の提出ファイルの点検を始めます。"
# A stray quote or ampersand reaches gyokaku as text and is not run as a command.
run_bat 2_提出ファイル点検.bat $'"&echo INJECTED& echo "\r\n' 0 "$tmp/bat4b.log"
if grep -qa '^INJECTED' "$tmp/bat4b.log"; then echo "FAIL: typed text ran as a command"; show_log "$tmp/bat4b.log"; exit 1; fi
expect_in "$tmp/bat4b.log" "bat:2025年度の提出ファイルの点検を始めます。"
# Problems in the input: exit code 1 and the Japanese explanation.
printf 'not a workbook' >"$pkg/input/submissions/2024/壊れた ファイル.xlsx"
run_bat 2_提出ファイル点検.bat $'2024\r\n' 1 "$tmp/bat5.log"
expect_in "$tmp/bat5.log" "exe:壊れた ファイル.xlsx" "bat:入力に問題があります。上に表示された「エラー:」の行を確認してください。"
rm "$pkg/input/submissions/2024/壊れた ファイル.xlsx"
# No year at all (stdin closed, no year folder): three tries, then exit code 2.
mv "$pkg/input/submissions" "$tmp/submissions.away"
mkdir "$pkg/input/submissions"
run_bat 2_提出ファイル点検.bat '' 2 "$tmp/bat6.log"
expect_in "$tmp/bat6.log" "exe:年度を決められません" "bat:年度が決まらなかったため、終了します。"
rmdir "$pkg/input/submissions"
mv "$tmp/submissions.away" "$pkg/input/submissions"
# A launcher run on its own (from inside the zip, as Explorer allows): what to do.
mkdir -p "$tmp/alone"
cp "$pkg/1_入力シート作成.bat" "$tmp/alone/"
rc=0
printf '\r\n' | (cd "$tmp/alone" && "$wine" cmd /c 1_入力シート作成.bat) >"$tmp/bat7.log" 2>&1 || rc=$?
[ "$rc" = 2 ] || { echo "FAIL: a launcher without gyokaku.exe exited with $rc"; exit 1; }
expect_in "$tmp/bat7.log" "bat:gyokaku.exe が見つかりません。" "bat:「すべて展開」"
# In a console (a pseudo-terminal, as a double-click gives a console window): the year typed
# with a full-width digit, gyokaku's messages written to the console (as Unicode), pause.
rm -rf "$pkg/output"
rc=0
(cd "$pkg" && python3 - "$root/scripts" "$wine" 3_集計・資料作成.bat 令和５ >"$tmp/console.log") <<'EOF' || rc=$?
import sys, time
sys.path.insert(0, sys.argv[1])
from pty_console import Console
wine, bat, typed = sys.argv[2:5]
console = Console([wine, "cmd", "/c", bat], enter_is_cr=True)
console.read_until("年度（", 120)
console.type_line(typed)
console.read_until("開くフォルダ", 120)
time.sleep(0.5)
console.type_line()  # the key pause waits for
sys.exit(console.finish(120))
EOF
[ "$rc" = 0 ] || { echo "FAIL: 3_集計・資料作成.bat in a console exited with $rc"; cat "$tmp/console.log"; exit 1; }
sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' -e 's/\x1b\][^\x07]*\x07//g' -e 's/\r//g' "$tmp/console.log" >"$tmp/console.txt"
for want in "2023年度の集計と委員会資料の作成を始めます。" "令和5(2023)年度: 提出 11/12 部署、エラー 0、警告 2、情報 0" \
  "集計ワークブックと委員会資料を作成しました。"; do
  grep -qF "$want" "$tmp/console.txt" || { echo "FAIL: console: missing '$want'"; cat "$tmp/console.txt"; exit 1; }
done
mkdir -p "$tmp/linux-build"
cp "$linux"/output/2023/*.xlsx "$linux"/output/2023/*.pdf "$tmp/linux-build/"
compare_outputs "$pkg/output/2023" "$tmp/linux-build" "3_集計・資料作成.bat in a console"
# Without GYOKAKU_NO_EXPLORER the launcher opens the folder in Explorer and does not wait for it.
rc=0
printf '2023\r\n' | (cd "$pkg" && env -u GYOKAKU_NO_EXPLORER timeout 120 "$wine" cmd /c 1_入力シート作成.bat) >"$tmp/bat8.log" 2>&1 || rc=$?
[ "$rc" = 0 ] || { echo "FAIL: 1_入力シート作成.bat with Explorer exited with $rc"; show_log "$tmp/bat8.log"; exit 1; }
explorer_started() { ps -eo args | grep -F 'explorer.exe' | grep -F "$(basename "$tmp")" | grep -qF 'output\2023\templates'; }
for _ in $(seq 50); do explorer_started && break; sleep 0.2; done
explorer_started ||
  { echo "FAIL: Explorer was not started on output\2023\templates"; exit 1; }
step "launchers run under wine's cmd"

# --- 5b. the cycle's defaults and misplaced returns (issue 24) --------------------------------
rm -rf "$pkg/output"
mv "$pkg/input/submissions/2025" "$tmp/returns2025"
mkdir "$pkg/input/submissions/2025"
run_bat 1_入力シート作成.bat $'\r\n' 0 "$tmp/bat9.log"
expect_in "$tmp/bat9.log" "exe:令和6年度の提出ファイルがあるため、次の令和7年度の入力シートを作ります" \
  "bat:何も入力せずに Enter キーで 2025年度" "bat:2025年度の入力シートの作成を始めます。" \
  "exe:令和7(2025)年度の入力シートを12部署分作成しました" "bat:（例: 2022、R4、令和4）"
[ -d "$pkg/output/2025/templates" ] || { echo "FAIL: step 1 with Enter made no 2025 forms"; exit 1; }
mv "$pkg/input/submissions/2024" "$pkg/input/submissions/令和6年度"
run_bat 2_提出ファイル点検.bat $'2024\r\n' 1 "$tmp/bat10.log"
expect_in "$tmp/bat10.log" "exe:フォルダ「令和6年度」の Excel ファイル" "exe:フォルダの名前を 2024 にするか" \
  "bat:入力に問題があります。"
mv "$pkg/input/submissions/令和6年度" "$pkg/input/submissions/2024"
run_bat 4_公表.bat $'2025\r\n' 1 "$tmp/bat11.log"
expect_in "$tmp/bat11.log" "exe:公表用ファイルを作成しませんでした"
rmdir "$pkg/input/submissions/2025"
mv "$tmp/returns2025" "$pkg/input/submissions/2025"
# gyokaku.exe double-clicked: a console of its own, no arguments: the guide, then Enter.
rc=0
(cd "$pkg" && timeout 120 python3 - "$root/scripts" "$wine" >"$tmp/dblclick.log") <<'EOF' || rc=$?
import sys, time
sys.path.insert(0, sys.argv[1])
from pty_console import Console
console = Console([sys.argv[2], "./gyokaku.exe"])
console.read_until("Enter キーを押すと", 60)
time.sleep(2)
if console.has_exited():
    console.dump()
    sys.exit("gyokaku.exe ended without waiting for Enter")
console.type_line()
sys.exit(console.finish(60))
EOF
[ "$rc" = 0 ] || { echo "FAIL: double-clicked gyokaku.exe exited with $rc"; cat "$tmp/dblclick.log"; exit 1; }
grep -qF "1_入力シート作成.bat" "$tmp/dblclick.log" || { echo "FAIL: the double-click guide names no .bat"; cat "$tmp/dblclick.log"; exit 1; }
step "cycle defaults, misplaced returns, double-click"

# --- 6. a workbook held open (as Excel does) --------------------------------------------------
if true; then
  cp "$tmp/tools/hold_open.exe" "$pkg/"
  run_wine build --year 2023 >/dev/null 2>&1
  for locked in 行財政改革進捗状況_令和5年度.xlsx 行財政改革推進委員会資料_令和5年度.pdf; do
    snapshot() { (cd "$pkg/output/2023" && find . -maxdepth 1 -type f -printf '%P %s %T@\n' | sort && sha256sum ./*.xlsx ./*.pdf); }
    before=$(snapshot)
    fifo="$tmp/hold.fifo"
    rm -f "$fifo" && mkfifo "$fifo"
    (cd "$pkg" && "$wine" ./hold_open.exe "output\\2023\\$locked" <"$fifo" >"$tmp/hold.out" 2>&1) &
    hold_pid=$!
    exec 7>"$fifo"
    for _ in $(seq 100); do grep -q locked "$tmp/hold.out" 2>/dev/null && break; sleep 0.1; done
    grep -q locked "$tmp/hold.out" || { echo "FAIL: hold_open could not open $locked"; exit 1; }
    rc=0
    run_wine build --year 2023 >"$tmp/lock.out" 2>"$tmp/lock.err" || rc=$?
    exec 7>&-
    wait "$hold_pid"
    after=$(snapshot)
    echo "windows test: build with $locked held open: exit $rc: $(tr -d '\r' <"$tmp/lock.err" | tail -1)"
    [ "$rc" = 2 ] || { echo "FAIL: expected exit code 2"; exit 1; }
    grep -q '閉じて' "$tmp/lock.err" && grep -q "$locked" "$tmp/lock.err" ||
      { echo "FAIL: no Japanese message asking to close $locked"; exit 1; }
    [ "$before" = "$after" ] || { echo "FAIL: outputs changed:"; diff <(echo "$before") <(echo "$after"); exit 1; }
  done
  step "held-open outputs reported and kept"
fi

echo "windows test: passed in $((SECONDS - total_start)) s"
