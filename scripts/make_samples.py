#!/usr/bin/env python3
"""Makes the sample submissions (サンプル) in input/submissions/2022 and input/submissions/2023.

Departments fill in the workbooks that `gyokaku templates` makes and send them back. This script
does the same the way a department would: it generates the templates with the gyokaku binary,
fills the yellow input cells with a different writer (openpyxl), and re-saves three departments'
files per year through LibreOffice headless, so the sample also proves that files written by
other programs are read. 福祉課 does not submit in 2023, so that the 未提出 case shows.

Every value written is recorded in tests/fixtures/expected_samples.json
({year: {department: {sheet: {cell: value}}}}) for the read-back test (tests/submissions.rs).

Usage:  python3 scripts/make_samples.py [path/to/gyokaku]     (default: target/release/gyokaku)
Needs:  openpyxl (scripts/requirements.txt) and LibreOffice (`soffice`) on PATH.

Deterministic: no randomness; zip entry times and document dates are fixed after saving, so a
re-run with the same binary and plan gives the same values (and, for openpyxl files, the same
bytes). The 2023 templates show the 2022 sample values beside the inputs (前年度の報告), so
2022 is written before the 2023 templates are made.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
YEARS = (2022, 2023)
# Departments that do not submit (their file is left out).
MISSING = {2022: set(), 2023: {"福祉課"}}
# Departments whose file is re-saved by LibreOffice after openpyxl filled it, per year.
LIBREOFFICE = {
    2022: ["収納課", "商工観光課", "都市計画課"],
    2023: ["協働まちづくり課", "財政課", "管財課"],
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
GUIDE_SHEET = "記入方法"
META_SHEET = "_meta"
CONTRIBUTION_SUFFIX = "_取組部署"

# ── 個票（担当部署）の記入内容 ─────────────────────────────────────────────

# 評価 per item: (2022, 2023). Mostly A, some S and B, a couple of C.
EVALUATION = {
    "1101": ("A", "S"), "1102": ("A", "A"), "1201": ("B", "A"), "1202": ("C", "B"),
    "1301": ("A", "A"), "1302": ("B", "B"), "1401": ("A", "A"), "1402": ("B", "A"),
    "2101": ("A", "A"), "2102": ("B", "B"), "2103": ("C", "C"), "2201": ("A", "S"),
    "2202": ("A", "A"), "2203": ("A", "A"), "2301": ("A", "A"), "2302": ("S", "S"),
    "2303": ("B", "A"), "2401": ("A", "A"), "2402": ("B", "B"),
}

# 具体的な取組①②… の状況 per item: (2022, 2023); they only move forward.
STATUS = {
    # ① ホームページのリニューアル ② SNS利用マニュアル・SNS発信 ③ 多言語表示
    "1101": (["取組中", "取組中", "未着手"], ["完了", "完了", "取組中"]),
    # ① 全部開示が可能な案件の類型化 ② 財政状況のわかりやすい発信
    "1102": (["取組中", "未着手"], ["完了", "取組中"]),
}

# 実施内容 / 課題 / 今後の方向性 per item: (2022, 2023); 2023 builds on 2022.
TEXTS = {
    "1101": (
        ("ホームページのリニューアルに向けて、アクセス解析で閲覧の多いページと問合せの多い情報を洗い出し、掲載情報の整理方針とページ構成案をまとめた。"
         "令和4年7月に公式LINEを開設し、防災・子育て・イベント情報の配信を始めた。",
         "広報いずのくに以外の媒体を利用していない高齢者が多く、デジタル媒体だけでは情報が届かない層がある。"
         "SNS発信の担当が各課で決まっておらず、発信の頻度と内容にばらつきがある。",
         "令和5年度中にホームページをリニューアルし、SNS利用マニュアルを作成して全庁で運用を始める。"),
        ("令和5年10月にホームページをリニューアルし、目的別メニューとスマートフォン表示に対応させた。"
         "SNS利用マニュアルを作成して全課に説明会を行い、公式LINEの登録者は1万人を超えた。"
         "主要ページで多言語表示（google 翻訳）の運用を始めた。",
         "各課の更新頻度に差があり、掲載期限を過ぎた情報が残っているページがある。"
         "多言語表示は機械翻訳のため、制度の名称などが正しく訳されない箇所がある。",
         "掲載情報の定期点検を年2回実施する仕組みを作り、多言語表示の対象を生活関連の全ページに広げる。"),
    ),
    "1102": (
        ("過去3年間の開示請求を分析し、全部開示となった請求が多い文書（工事の設計書、補助金の交付実績など）の洗い出しに着手した。"
         "各課から情報提供の候補を集め、類型化の案を作った。",
         "開示請求によらずに提供する際の手順と判断基準が各課で統一されていない。"
         "財政状況の発信は法定の公表にとどまっている。",
         "類型化を完了して情報提供の手順を定め、ホームページで公開する情報を増やす。"
         "財政状況をわかりやすく伝える資料の作成に着手する。"),
        ("全部開示が可能な案件を12類型に整理し、開示請求によらずに情報提供する手順を定めて全庁に通知した。"
         "決算の概要を図表で示した「わかりやすい財政のはなし」を作成し、広報いずのくに9月号とホームページに掲載した。",
         "財政情報のページの閲覧数が伸びておらず、市民の関心を高める工夫が必要である。"
         "類型に当てはまらない文書の扱いについて、各課から問合せが続いている。",
         "公式LINEと出前講座で財政情報を発信する。"
         "類型を毎年見直し、判断に迷う事例を集めたQ&Aを作成する。"),
    ),
    "1201": (
        ("市長への手紙とメール受付の運用を見直し、担当課への照会を電子化して回答までの期間を短縮した。",
         "寄せられる意見の多くが60歳以上からで、若い世代の意見が少ない。",
         "高校生や子育て世代の意見を直接聞く機会を設ける。"),
        ("市内の高校と連携して高校生との意見交換会を2回開催し、出された提案のうち2件を翌年度の事業に反映した。"
         "市長への手紙の回答期間を平均14日から9日に短縮した。",
         "意見交換会の参加者の確保に苦労しており、毎回同じ学校からの参加にとどまっている。",
         "子育て支援センターでの出張意見交換会を加え、参加の呼びかけを学校と地域団体を通じて行う。"),
    ),
    "1202": (
        ("オンラインアンケートの導入を検討したが、費用と個人情報の取扱いの整理が終わらず、システムの選定に至らなかった。",
         "予算の確保とシステム選定が遅れている。",
         "既存の電子申請システムのアンケート機能を使い、令和5年度中に試行する。"),
        ("電子申請システムのアンケート機能を使い、公園の利用と図書館サービスなど3件のオンラインアンケートを試行し、計812件の回答を得た。",
         "回答者が30～50代に偏り、周知の方法によって回答数に大きな差が出た。",
         "公式LINEからの回答案内を標準とし、紙の回答票と併用して幅広い年代の意見を集める。"),
    ),
    "1301": (
        ("地域づくり協議会との協働事業を5件実施し、防災訓練と子どもの見守り活動を共同で行った。",
         "協議会の役員の高齢化が進み、担い手が不足している。",
         "協働事業の成果を広報いずのくにで紹介し、新たな担い手の参加を呼びかける。"),
        ("地域づくり協議会との協働事業を7件実施し、うち2件は大学生のボランティア団体が企画から参加した。"
         "協働事業の事例集を作成し、全協議会に配布した。",
         "事業の継続に必要な資金の確保が課題である。",
         "協働事業補助金の対象を見直し、クラウドファンディングの活用を協議会に提案する。"),
    ),
    "1302": (
        ("市民活動団体の名簿を3年ぶりに更新し、142団体の活動分野と連絡先を整理した。"
         "団体間の情報交換会を1回開催し、28団体が参加した。",
         "分野を越えた団体同士の交流が少なく、同じような事業が別々に行われている。",
         "福祉・環境・子育ての分野別に交流会を開催する。"),
        ("福祉と環境の分野別交流会を2回開催し、団体間の共同事業（フードドライブ）が1件生まれた。",
         "交流会の企画と運営を市が担っており、団体の自主的な運営に移行できていない。",
         "市民活動支援センターの運営団体と連携し、交流会の運営を段階的に団体へ移す。"),
    ),
    "1401": (
        ("審議会等の委員公募を6件実施し、公募委員の割合を前年度の18%から22%に高めた。",
         "応募者が1人もいない審議会があり、応募者の顔ぶれも固定化している。",
         "募集期間を延ばし、公式LINEとSNSで募集を周知する。"),
        ("審議会の委員公募を8件実施し、すべての審議会で定員を満たした。"
         "女性委員の割合は前年度から3ポイント上昇して34%となった。",
         "会議の開催が平日の昼間に限られ、働いている市民が参加しにくい。",
         "夜間の開催やオンライン参加を認める運用を、審議会ごとに検討する。"),
    ),
    "1402": (
        ("包括連携協定を締結している2社と、観光PR動画の制作と市内周遊イベントを共同で実施した。",
         "連携事業の成果を数値で示せておらず、協定の効果が見えにくい。",
         "連携事業ごとに成果指標を定め、年度末に協定先と振り返りを行う。"),
        ("新たに2社と包括連携協定を締結し、防災備蓄品の提供と健康づくりの分野で共同事業を始めた。"
         "連携事業ごとに成果指標を定め、協定先4社と振り返り会議を行った。",
         "協定を結んでから事業が具体化するまでに時間がかかっている。",
         "担当課と協定先の定期協議を年2回設け、事業化までの期間を短くする。"),
    ),
    "2101": (
        ("事務事業評価を全312事業で実施し、評価結果を令和5年度の予算編成に反映した。",
         "評価シートの項目が多く、各課の作業負担が大きい。",
         "評価シートの項目を見直して簡素化する。"),
        ("評価シートの項目を28から16に減らし、作業時間を約3割削減した。"
         "評価結果に基づいて5事業を統合・廃止し、経費を削減した。",
         "見直した事業について、市民サービスへの影響の検証が十分でない。",
         "見直した事業の効果と影響を翌年度の評価で検証し、予算編成に反映する。"),
    ),
    "2102": (
        ("公共施設の個別施設計画に基づき、地区公民館2施設の統合に向けて地元説明会を4回開催した。",
         "統合について地元の理解が十分に得られておらず、跡地の活用方法を示せていない。",
         "跡地の活用案を示し、説明の機会を増やして合意形成を図る。"),
        ("地区公民館1施設の統合を完了し、延床面積を約2,500㎡削減した。"
         "残る1施設の統合について説明会を3回開催し、跡地を防災倉庫として活用する案を示した。",
         "施設の老朽化が計画より早く進み、想定外の修繕が増えている。",
         "劣化調査の結果に基づき、改修と統合の優先順位を見直す。"),
    ),
    "2103": (
        ("未利用地38筆の一覧を作成し、売却の可能性を調査した。",
         "境界が確定していない土地が多く、すぐには売却できない。",
         "売却の見込みがある土地から境界確定を進める。"),
        ("境界確定を2件行ったが、入札の不調により売却には至らなかった。",
         "形状や接道の条件から、売却の見込みが立たない土地がある。",
         "貸付や地元自治会への管理委託など、売却以外の活用も検討する。"),
    ),
    "2201": (
        ("電子申請システムを導入し、各種証明書の交付申請など8手続をオンライン化した。",
         "オンライン化する手続の選定と、様式の見直しに時間がかかった。",
         "申請件数の多い手続から順にオンライン化し、マイナンバーカードによる本人確認に対応する。"),
        ("子育て・介護・税の分野で新たに手続をオンライン化し、マイナンバーカードによる本人確認に対応した。"
         "オンライン申請の操作説明をホームページと窓口で案内した。",
         "オンライン申請の利用率は対象手続の申請全体の12%にとどまっている。",
         "窓口でのオンライン申請の案内と、添付書類の省略を進めて利用率を高める。"),
    ),
    "2202": (
        ("重層的支援体制整備事業の実施に向けて、高齢・障害・子ども・生活困窮の各相談機関と検討会議を4回開催した。",
         "相談を受ける部署の間で、支援対象者の情報を共有する方法が定まっていない。",
         "本人の同意の取り方を含めた情報共有の仕組みを作る。"),
        ("重層的支援体制整備事業への移行準備事業を実施し、多機関協働の支援会議を試行した。",
         "支援会議の運営体制と、関係機関の役割分担が決まっていない。",
         "令和6年度の本格実施に向けて、支援会議の運営要領を定める。"),
    ),
    "2203": (
        ("近隣の2市1町とごみ処理の広域化について協議を3回行った。",
         "施設の建設費と運営費の負担割合について、考え方を調整する必要がある。",
         "負担割合の考え方を整理し、協議を継続する。"),
        ("近隣の2市1町とごみ処理の広域化の基本合意に向けた協議を6回行い、費用負担の考え方を整理した。",
         "新施設の立地について合意に至っていない。",
         "令和6年度中の基本合意を目指し、候補地の比較検討を進める。"),
    ),
    "2301": (
        ("口座振替の推奨とコンビニ収納の周知により、現年度分の収納率が前年度から0.1ポイント向上した。",
         "滞納繰越分の整理が進んでいない。",
         "財産調査を早めに行い、滞納処分を計画的に進める。"),
        ("スマートフォン決済（4種類）を導入し、納付方法を拡充した。"
         "滞納繰越分について預貯金の財産調査を強化し、差押えを前年度より15件多く行った。",
         "高額滞納案件の対応に時間がかかっている。",
         "静岡地方税滞納整理機構へ高額案件を移管し、早期の解決を図る。"),
    ),
    "2302": (
        ("返礼品を30品目追加し、ふるさと納税の寄附額が前年度から約8千万円増加した。",
         "寄附が温泉旅館の宿泊券など特定の品目に集中している。",
         "農業体験など体験型の返礼品を開発する。"),
        ("体験型返礼品を12品目追加し、ふるさと納税の寄附額は10億円を超えた。"
         "クラウドファンディング型ふるさと納税で韮山反射炉周辺の整備費として820万円を集めた。",
         "返礼品を提供する事業者の受注・発送の事務負担が大きい。",
         "中間事業者への委託範囲を広げ、事業者の事務を支援する。"),
    ),
    "2303": (
        ("使用料・手数料の原価計算を行い、受益者負担の割合についての見直し方針の案を作成した。",
         "見直しには施設の利用者の理解が必要である。",
         "見直し方針を決定し、利用者に説明する。"),
        ("使用料の見直し方針を決定し、体育館など3施設の使用料を令和6年4月から改定することとした。",
         "改定の影響を受ける利用団体への説明と、減免の基準の整理が必要である。",
         "改定後の利用状況を確認し、他の施設の見直しを順次進める。"),
    ),
    "2401": (
        ("階層別研修に加えて、デジタル技術の活用研修を新設した。",
         "研修の受講が一部の職員に偏っている。",
         "オンライン研修を導入し、業務の都合で集合研修に出られない職員も受講できるようにする。"),
        ("オンライン研修を導入し、受講者数が前年度から35人増加した。"
         "若手職員の政策提案制度を始め、6件の提案のうち1件を事業化した。",
         "研修で学んだことが業務にどう生かされたかが見えにくい。",
         "研修後に職場での実践を報告する仕組みを作る。"),
    ),
    "2402": (
        ("テレワークの試行を始め、20人が延べ146日利用した。",
         "時間外勤務が税務・福祉など特定の部署に集中している。",
         "部署間の応援体制を作り、業務量の平準化を進める。"),
        ("テレワークを本格実施し、時差出勤制度を導入した。"
         "申告期の税務課に他課から延べ32人を応援に出した。",
         "職員1人当たりの時間外勤務時間は減ったが、目標にはまだ届いていない。",
         "業務の見直しと人員配置の検討を進め、時間外勤務の多い部署を重点的に支援する。"),
    ),
}

# 指標実績 of the lead sheet per item and year (the lead's own count for summed indicators).
LEAD_VALUES = {
    "1101": {2022: [1_012_480, 8_126], 2023: [1_138_920, 10_984]},  # 市HP閲覧ビュー（件）, 公式LINE登録者数（人）
    "1102": {2022: [24], 2023: [38]},  # 情報提供件数（件） of 行政経営課
    "2102": {2022: [211_860], 2023: [209_340]},  # 公共施設の延床面積（㎡） 212,400 → 205,000
    "2201": {2022: [8], 2023: [14]},  # オンライン申請が可能な手続数（件） of 行政経営課
    "2301": {2022: [98.7], 2023: [98.8]},  # 市税収納率（現年度分）（%）
    "2302": {2022: [931_560], 2023: [1_048_270]},  # ふるさと納税寄附額（千円）
    "2401": {2022: [336], 2023: [371]},  # 職員研修の受講者数（人）
    "2402": {2022: [158], 2023: [149]},  # 職員1人当たり年間時間外勤務時間（時間）
}

# 効果額（千円） per item: (2022, 2023); only where the item saves or earns money.
EFFECT = {
    "2101": (12_400, 18_900),  # 事務事業の見直しによる削減額
    "2102": (None, 6_300),  # 施設統合による維持管理費の削減額
    "2301": (3_200, 4_100),  # 収納率向上による増収額
    "2303": (None, 2_800),  # 使用料改定による増収見込額
}

# ── 取組部署シートの記入内容 ──────────────────────────────────────────────

# 1101 市民ニーズに応じた情報提供: each department's own information work, (2022, 2023).
CONTRIB_1101 = {
    "総務課": ("防災行政無線の放送内容を公式LINEでも配信する運用を始めた。",
               "防災情報の配信をホームページ・公式LINE・FMラジオで同時に行う手順を定め、台風接近時に運用した。"),
    "行政経営課": ("行財政改革の進捗状況をホームページに掲載した。",
                "行財政改革の進捗状況を図表入りの概要版にまとめ、新しいホームページに掲載した。"),
    "財政課": ("予算の概要をホームページに掲載し、広報いずのくにで周知した。",
             "予算の概要ページを新しいホームページの構成に合わせて作り直し、公式LINEで公開を知らせた。"),
    "税務課": ("確定申告の会場と日程を公式LINEで案内した。",
             "確定申告の会場の混雑状況を公式LINEで毎日配信した。"),
    "収納課": ("納期限のお知らせを公式LINEで配信した。",
             "スマートフォン決済の導入を公式LINEとホームページで案内し、納期限の前に配信した。"),
    "管財課": ("公共施設の休館日と予約方法をホームページに掲載した。",
             "公共施設の空き状況をホームページで確認できるようにした。"),
    "企画政策課": ("総合計画の市民アンケートの結果をホームページに掲載した。",
               "総合計画の進捗をまとめたページを新しいホームページに作成し、SNSで周知した。"),
    "市民課": ("マイナンバーカードの休日交付の日程を公式LINEで案内した。",
             "窓口の混雑予想をホームページに掲載し、マイナンバーカードの申請サポートの日程を公式LINEで配信した。"),
    "福祉課": ("福祉サービスの案内ページを見直し、申請書をダウンロードできるようにした。",
             "子育て・介護の相談窓口の案内を公式LINEのメニューに加えた。"),
    "商工観光課": ("観光イベントの情報を公式LINEとSNSで発信した。",
               "観光情報の英語・中国語ページを多言語表示に合わせて整理した。"),
    "都市計画課": ("都市計画の縦覧の案内をホームページに掲載した。",
               "都市計画図をホームページで閲覧できるようにした。"),
}

# 1102 積極的な情報公開の推進: text per department and year, and 情報提供件数 (3–40 件).
CONTRIB_1102 = {
    "総務課": ("例規の改正履歴と審議会の会議録をホームページで公開した。",
             "審議会の会議録を会議後1か月以内に公開する運用とした。", 12, 18),
    "財政課": ("予算書・決算書の全文をホームページで公開した。",
             "財政状況資料集と公会計の財務書類をホームページで公開した。", 8, 15),
    "税務課": ("固定資産税の路線価の閲覧方法をホームページで案内した。",
             "税の統計資料をホームページで公開した。", 5, 9),
    "収納課": ("収納率の推移をホームページで公開した。",
             "滞納整理の実績をホームページで公開した。", 3, 4),
    "管財課": ("公有財産の一覧をホームページで公開した。",
             "公共施設の利用状況と維持管理費を施設ごとに公開した。", 6, 10),
    "企画政策課": ("総合計画の評価結果をホームページで公開した。",
               "補助金の交付実績を開示請求によらずに公開した。", 9, 14),
    "協働まちづくり課": ("地域づくり協議会への補助金の交付実績を公開した。",
                   "市民活動団体への補助金の交付実績と事業報告を公開した。", 7, 11),
    "市民課": ("窓口の取扱件数をホームページで公開した。",
             "住民基本台帳の人口統計を毎月公開した。", 15, 22),
    "福祉課": ("福祉施設の指定管理の評価結果を公開した。",
             "地域福祉計画の進捗状況を公開した。", 11, 13),
    "商工観光課": ("観光客数の統計をホームページで公開した。",
               "観光関連補助金の交付実績を開示請求によらずに公開した。", 10, 16),
    "都市計画課": ("工事の設計書の閲覧方法を見直した。",
               "工事の設計書を開示請求によらずに閲覧できるようにした。", 13, 21),
}

# Other contribution sheets: (item, department) → (2022, 2023) text, and summed indicator values.
CONTRIB_OTHER = {
    ("1201", "協働まちづくり課"): ("地域づくり協議会の会合で出された意見を企画政策課に伝えた。",
                              "高校生との意見交換会の会場の確保と、地域団体への参加の呼びかけを行った。"),
    ("1401", "総務課"): ("審議会等の委員の選任状況を調査し、公募委員の割合を集計した。",
                      "審議会の委員公募の要綱を改正し、募集期間を1か月に延ばした。"),
    ("1402", "企画政策課"): ("包括連携協定の締結に向けて、協定書のひな形を作成した。",
                        "新たな協定先2社との協議に参加し、連携事業の成果指標の設定を支援した。"),
    ("2101", "財政課"): ("事務事業評価の結果を予算査定の資料として活用した。",
                      "事務事業評価で見直しとなった事業について、予算の削減額を集計した。"),
    ("2102", "行政経営課"): ("公共施設の統合について、行財政改革の観点から地元説明会の資料作成を支援した。",
                        "施設の統合による効果額の算定方法を管財課と定めた。"),
    ("2102", "都市計画課"): ("統合対象の施設の周辺の土地利用について、都市計画の観点から助言した。",
                        "跡地の防災倉庫としての活用について、用途地域の制限を確認した。"),
    ("2201", "市民課"): ("住民票の写しと印鑑登録証明書の交付申請をオンライン化した。",
                      "転出届と各種証明書の郵送請求をオンライン化した。"),
    ("2201", "税務課"): ("所得証明書の交付申請をオンライン化した。",
                      "軽自動車税の減免申請と税の証明書の郵送請求をオンライン化した。"),
    ("2201", "福祉課"): ("児童手当の現況届をオンライン化した。",
                      "保育施設の入所申込みと介護保険の手続をオンライン化した。"),
    ("2301", "税務課"): ("納税通知書に口座振替の申込書を同封した。",
                      "納税通知書にスマートフォン決済の案内を載せ、課税と収納の情報連携を強化した。"),
    ("2302", "企画政策課"): ("ふるさと納税の使い道の選択肢を見直し、事業ごとに寄附を募った。",
                        "クラウドファンディング型ふるさと納税の対象事業の選定に協力した。"),
    ("2303", "管財課"): ("所管する施設の維持管理費を集計し、原価計算の資料を提供した。",
                      "使用料を改定する3施設の利用団体への説明に同席した。"),
    ("2303", "福祉課"): ("福祉施設の利用料の原価計算を行った。",
                      "福祉施設の利用料の減免の基準を整理した。"),
}
# 2201 オンライン申請が可能な手続数 (summed): each implementing department's own count.
CONTRIB_2201_COUNT = {"市民課": (12, 22), "税務課": (6, 11), "福祉課": (7, 15)}


def contribution(code, dept, year_index):
    """(実施内容, {indicator index: value}) of a department's contribution sheet."""
    if code == "1101":
        return CONTRIB_1101[dept][year_index], {}
    if code == "1102":
        entry = CONTRIB_1102[dept]
        return entry[year_index], {0: entry[2 + year_index]}
    text = CONTRIB_OTHER[(code, dept)][year_index]
    if code == "2201":
        return text, {0: CONTRIB_2201_COUNT[dept][year_index]}
    return text, {}


# ── ワークブックの記入 ─────────────────────────────────────────────────────


def make_templates(binary, out_dir, year):
    """Runs `gyokaku templates` for one year; returns the folder of the department workbooks."""
    subprocess.run(
        [str(binary), "--input", str(ROOT / "input"), "--templates", str(ROOT / "templates"),
         "--output", str(out_dir), "templates", "--year", str(year)],
        check=True, capture_output=True,
    )
    return Path(out_dir) / str(year) / "templates"


def label_rows(ws):
    """Column A label → row number (first occurrence)."""
    out = {}
    for row in range(1, ws.max_row + 1):
        v = ws.cell(row=row, column=1).value
        if isinstance(v, str):
            out.setdefault(v.strip(), row)
    return out


def input_cells(ws):
    """Input field label → A1 address of its input cell, found by the labels in column A."""
    rows = label_rows(ws)
    cells = {}
    for label, row in rows.items():
        if label in ("実施内容", "課題", "今後の方向性"):
            cells[label] = f"B{row}"
        elif (label in ("評価", "効果額（千円）") or label.startswith("指標実績")
              or (label.startswith("具体的な取組") and label.endswith("の状況"))):
            cells[label] = f"C{row}"
    return cells


def item_sheets(wb):
    return [ws for ws in wb.worksheets if ws.title not in (GUIDE_SHEET, META_SHEET)]


def fill_workbook(wb, dept, year):
    """Fills every item sheet of a department's workbook; returns {sheet: {cell: value}}."""
    yi = YEARS.index(year)
    written = {}
    for ws in item_sheets(wb):
        code = str(ws["B6"].value)
        cells = input_cells(ws)
        rec = written.setdefault(ws.title, {})

        def put(label, value):
            if value is None:
                return
            cell = cells[label]
            ws[cell] = value
            rec[cell] = value

        if ws.title.endswith(CONTRIBUTION_SUFFIX):
            text, values = contribution(code, dept, yi)
            put("実施内容", text)
            for i, v in values.items():
                put(f"指標実績{CIRCLED[i]}", v)
            continue
        put("評価", EVALUATION[code][yi])
        for i, status in enumerate(STATUS.get(code, ((), ()))[yi]):
            put(f"具体的な取組{CIRCLED[i]}の状況", status)
        for i, value in enumerate(LEAD_VALUES.get(code, {}).get(year, [])):
            put(f"指標実績{CIRCLED[i]}", value)
        put("効果額（千円）", EFFECT.get(code, (None, None))[yi])
        work, issues, next_steps = TEXTS[code][yi]
        put("実施内容", work)
        put("課題", issues)
        put("今後の方向性", next_steps)
    return written


FIXED_TIME = (2023, 4, 1, 9, 0, 0)
FIXED_W3CDTF = "2023-04-01T09:00:00Z"


def normalize_zip(path):
    """Fixes zip entry times and the document dates so that re-runs give the same bytes.

    Only metadata changes (docProps/core.xml or meta.xml dates, zip timestamps); cells are
    untouched. Works for .xlsx and .ods (mimetype stays first and stored).
    """
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rf"\g<1>{FIXED_W3CDTF}\g<2>", text)
                data = text.encode("utf-8")
            elif info.filename == "meta.xml":  # OpenDocument (.ods)
                text = data.decode("utf-8")
                text = re.sub(r"(<(meta:creation-date|dc:date)>)[^<]*(</\2>)",
                              rf"\g<1>{FIXED_W3CDTF[:-1]}\g<3>", text)
                data = text.encode("utf-8")
            new = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            new.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            out.writestr(new, data)
    os.replace(tmp, path)


def save(wb, path):
    wb.save(path)
    normalize_zip(path)


def soffice_convert(src, out_dir, target, work):
    """Converts a file with LibreOffice headless; returns the path of the result."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(work) / "lo-profile"
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", target, "--outdir", str(out_dir), str(src)],
        check=True, capture_output=True, env={**os.environ, "HOME": str(work)},
    )
    ext = target.split(":")[0]
    result = out_dir / f"{Path(src).stem}.{ext}"
    if not result.exists():
        raise RuntimeError(f"LibreOffice did not write {result}")
    return result


def libreoffice_resave(path, work):
    """Opens an .xlsx in LibreOffice and saves it again as .xlsx, replacing the file."""
    result = soffice_convert(path, Path(work) / "lo-out", "xlsx:Calc MS Excel 2007 XML", work)
    shutil.move(str(result), path)
    normalize_zip(path)


def fill_file(template, dest, dept, year):
    """Copies a template, fills it with openpyxl and saves it as dest; returns what was written."""
    wb = openpyxl.load_workbook(template)
    written = fill_workbook(wb, dept, year)
    save(wb, dest)
    return written


README = """# 提出ファイル（サンプル）

年度ごとのフォルダ（西暦）に、各部署から返送された入力シートを置きます。

ここにあるファイルは **サンプル** です。`scripts/make_samples.py` が `gyokaku templates` で作った
入力シートに、部署が記入するのと同じように openpyxl で架空の内容（実施内容・評価・指標の実績など）を
記入したものです。内容は架空で、実際の取組状況ではありません。

- LibreOffice で保存し直したファイル（別のソフトで保存されたファイルも読めることの確認用）:
{libreoffice}
- 2023年度は、未提出の例として **福祉課** のファイルを置いていません（意図的です）。

作り直すとき: `python3 scripts/make_samples.py [gyokaku の実行ファイル]`
（openpyxl と LibreOffice が必要です。記入した値は `tests/fixtures/expected_samples.json` にも書き出します。）
"""


def main():
    binary = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target/release/gyokaku"
    if not binary.exists():
        sys.exit(f"gyokaku binary not found: {binary} (build it or pass its path)")
    binary = binary.resolve()
    expected = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for year in YEARS:
            templates = make_templates(binary, work / "out", year)
            target = ROOT / "input/submissions" / str(year)
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            for template in sorted(templates.glob("*.xlsx")):
                dept = template.stem
                if dept in MISSING[year]:
                    print(f"{year} {dept}: 未提出（ファイルを置きません）")
                    continue
                dest = target / template.name
                written = fill_file(template, dest, dept, year)
                expected.setdefault(str(year), {})[dept] = written
                if dept in LIBREOFFICE[year]:
                    libreoffice_resave(dest, work)
                    print(f"{year} {dept}: LibreOffice で保存し直しました")
    fixtures = ROOT / "tests/fixtures"
    fixtures.mkdir(parents=True, exist_ok=True)
    (fixtures / "expected_samples.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    lo = "\n".join(f"  - {y}年度: {'・'.join(LIBREOFFICE[y])}" for y in YEARS)
    (ROOT / "input/submissions/README.md").write_text(README.format(libreoffice=lo), encoding="utf-8")
    count = sum(len(d) for d in expected.values())
    values = sum(len(c) for d in expected.values() for s in d.values() for c in s.values())
    print(f"{count} sample files, {values} values written")


if __name__ == "__main__":
    main()
