#!/usr/bin/env bash
# Runs the whole yearly cycle on the bundled sample data (input/), writing into output/:
#   1. gyokaku templates  部署別の入力シート
#   2. gyokaku check      提出ファイルの点検
#   3. gyokaku build      集計ワークブックと委員会資料 PDF
#   4. gyokaku publish    市民向けの公表資料（ホームページ・オープンデータ・広報誌用 PDF）
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
bin=target/release/gyokaku
"$bin" templates
"$bin" check
"$bin" build
"$bin" publish
echo
echo "出力:"
find output -type f | sort
