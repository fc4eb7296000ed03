#!/usr/bin/env python3
"""Makes the sample submissions in input/submissions/2022 and 2023 (サンプル).

Departments fill in the workbooks that `gyokaku templates` makes; this script does the same
with a different writer (openpyxl), then re-saves some files through LibreOffice headless, so
the sample also proves that both programs' files are read. 福祉課 is left out in 2023 so that
a missing department (未提出) shows. Every value written is recorded in
tests/fixtures/expected_samples.json for the read-back test.

Usage: python3 scripts/sample_data.py [path/to/gyokaku]   (default: target/release/gyokaku)
Needs: openpyxl, soffice (LibreOffice). Deterministic: same inputs, same values.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
YEARS = (2022, 2023)
MISSING = {2023: {"福祉課"}}
# Departments whose file is re-saved by LibreOffice, per year.
LIBREOFFICE = {2022: ["収納課", "商工観光課", "都市計画課"], 2023: ["協働まちづくり課", "財政課", "管財課"]}

# Evaluation per item and year.
EVALUATION = {
    "1101": ("A", "S"), "1102": ("A", "A"), "1201": ("B", "A"), "1202": ("C", "B"),
    "1301": ("A", "A"), "1302": ("B", "B"), "1401": ("A", "A"), "1402": ("B", "A"),
    "2101": ("A", "A"), "2102": ("B", "B"), "2103": ("C", "C"), "2201": ("A", "S"),
    "2202": ("A", "A"), "2203": ("A", "A"), "2301": ("A", "A"), "2302": ("S", "S"),
    "2303": ("B", "A"), "2401": ("A", "A"), "2402": ("B", "B"),
}

# 実施内容 / 課題 / 今後の方向性 per item: (2022, 2023).
TEXTS = {
    "1101": (
        ("ホームページのリニューアルに向けて、閲覧数の多いページと問合せの多い情報を分析し、掲載情報の整理方針を定めた。公式LINEを開設し、防災・子育て・イベント情報の配信を開始した。",
         "高齢者など、デジタル媒体で情報を受け取りにくい市民への配慮が必要である。",
         "令和5年度にホームページをリニューアルし、SNS利用マニュアルを作成して全庁で運用する。"),
        ("ホームページをリニューアルし、目的別の検索とスマートフォン表示に対応した。SNS利用マニュアルを作成して各課に周知し、多言語表示（google 翻訳）を導入した。",
         "各課の更新頻度に差があり、古い情報が残っているページがある。",
         "掲載情報の定期点検の仕組みを作り、情報の質を高める。"),
    ),
    "1102": (
        ("開示請求の多い文書を洗い出し、全部開示が可能な案件の類型化に着手した。広報いずのくにで予算の概要を特集した。",
         "類型化した情報を公開する手順が各課で統一されていない。",
         "情報提供の手順を定め、ホームページで公開する情報を増やす。"),
        ("全部開示が可能な案件を12類型に整理し、開示請求によらず情報提供する手順を定めた。決算の概要を図表で示した「わかりやすい財政のはなし」を作成し公表した。",
         "財政情報の閲覧数が伸びておらず、市民の関心を高める工夫が必要である。",
         "SNSと連携して財政情報を発信し、出前講座でも説明する。"),
    ),
    "1201": (
        ("市長への手紙とメール受付の運用を見直し、回答までの期間を短縮した。",
         "寄せられる意見が特定の年代に偏っている。",
         "若い世代の意見を聞く機会を設ける。"),
        ("高校生との意見交換会を2回開催し、若い世代の意見を施策に反映した。市長への手紙の回答期間を平均14日から9日に短縮した。",
         "意見交換会の参加者の確保に苦労している。",
         "学校や地域団体と連携し、参加の呼びかけを強化する。"),
    ),
    "1202": (
        ("オンラインアンケートの導入を検討したが、システムの選定に至らなかった。",
         "予算の確保とシステム選定が遅れている。",
         "令和5年度中にオンラインアンケートを試行する。"),
        ("電子申請システムのアンケート機能を使い、オンラインアンケートを3件試行した。",
         "回答数が少なく、周知の方法に課題がある。",
         "公式LINEと連携して回答を呼びかける。"),
    ),
    "1301": (
        ("地域づくり協議会との協働事業を5件実施した。",
         "担い手の高齢化が進んでいる。",
         "協働事業の成果を地域に発信し、新たな担い手を募る。"),
        ("地域づくり協議会との協働事業を7件実施し、うち2件は若者団体が参加した。",
         "事業の継続に必要な資金の確保が課題である。",
         "補助制度の見直しと、クラウドファンディングの活用を検討する。"),
    ),
    "1302": (
        ("市民活動団体の名簿を更新し、団体間の情報交換会を1回開催した。",
         "団体同士の交流が少ない。",
         "分野別の交流会を開催する。"),
        ("分野別の交流会を2回開催し、団体間の共同事業が1件生まれた。",
         "交流会の運営を市が担っており、自主的な運営に移行できていない。",
         "中間支援団体と連携し、運営の自立を支援する。"),
    ),
    "1401": (
        ("審議会等の委員公募を拡大し、公募委員の割合を高めた。",
         "応募者が少ない審議会がある。",
         "募集方法を見直し、応募しやすくする。"),
        ("審議会の委員公募を8件実施し、女性委員の割合が前年度から3ポイント上昇した。",
         "会議の開催時間が平日昼間に限られ、参加できる市民が限られる。",
         "夜間・オンラインでの会議開催を検討する。"),
    ),
    "1402": (
        ("包括連携協定を締結した企業と、観光振興の共同事業を実施した。",
         "連携の成果を数値で示せていない。",
         "連携事業の効果を測る指標を定める。"),
        ("新たに2社と包括連携協定を締結し、防災と健康づくりの分野で共同事業を開始した。",
         "協定を結んだ後の事業の具体化に時間がかかっている。",
         "担当課と企業の定期的な協議の場を設ける。"),
    ),
    "2101": (
        ("事務事業評価を全事業で実施し、評価結果を予算編成に反映した。",
         "評価作業の負担が大きい。",
         "評価シートを簡素化する。"),
        ("評価シートを簡素化し、作業時間を約3割削減した。評価結果に基づき5事業を見直した。",
         "見直し後の効果の検証が十分でない。",
         "見直した事業の効果を翌年度に検証する。"),
    ),
    "2102": (
        ("公共施設の個別施設計画に基づき、2施設の統合に向けた地元説明会を開催した。",
         "統合に対する地元の理解が十分に得られていない。",
         "説明の機会を増やし、跡地の活用方法を示す。"),
        ("1施設の統合を完了し、延床面積を削減した。残る施設の統合について説明会を3回開催した。",
         "施設の老朽化が計画より早く進んでいる。",
         "改修の優先順位を見直す。"),
    ),
    "2103": (
        ("未利用地の一覧を作成し、売却の可能性を調査した。",
         "境界が未確定の土地が多い。",
         "境界確定を進める。"),
        ("境界確定を2件行ったが、売却には至らなかった。",
         "売却の見込みが立たない土地がある。",
         "貸付など売却以外の活用も検討する。"),
    ),
    "2201": (
        ("電子申請システムを導入し、15手続をオンライン化した。",
         "オンライン化の対象手続の選定に時間がかかった。",
         "利用の多い手続から順にオンライン化する。"),
        ("子育て・介護など30手続を新たにオンライン化し、マイナンバーカードによる本人確認に対応した。",
         "オンライン申請の利用率がまだ低い。",
         "窓口での案内とホームページでの周知を強化する。"),
    ),
    "2202": (
        ("重層的支援体制整備事業の実施に向けて、関係機関との検討会議を4回開催した。",
         "相談を受ける部署間の情報共有の方法が定まっていない。",
         "情報共有の仕組みを作る。"),
        ("重層的支援体制整備事業の移行準備を進めた。",
         "支援会議の運営体制が決まっていない。",
         "令和6年度の本格実施に向けて準備する。"),
    ),
    "2203": (
        ("近隣市町とごみ処理の広域化について協議を行った。",
         "費用負担の考え方で調整が必要である。",
         "協議を継続する。"),
        ("近隣市町とごみ処理の広域化の基本合意に向けた協議を6回行った。",
         "施設の立地について合意に至っていない。",
         "令和6年度中の基本合意を目指す。"),
    ),
    "2301": (
        ("口座振替の推奨とコンビニ収納の周知により、現年度分の収納率が向上した。",
         "滞納繰越分の整理が進んでいない。",
         "滞納処分を計画的に進める。"),
        ("スマートフォン決済を導入し、納付方法を拡充した。滞納繰越分の財産調査を強化した。",
         "高額滞納案件の対応に時間がかかっている。",
         "県の滞納整理機構と連携して対応する。"),
    ),
    "2302": (
        ("返礼品を30品目追加し、ふるさと納税の寄附額が増加した。",
         "返礼品の偏りがあり、特定の品目に寄附が集中している。",
         "体験型の返礼品を開発する。"),
        ("体験型返礼品を12品目追加し、クラウドファンディングで文化財保存の事業費を集めた。",
         "返礼品事業者の事務負担が大きい。",
         "受注・発送の事務を支援する仕組みを検討する。"),
    ),
    "2303": (
        ("使用料・手数料の原価計算を行い、見直し方針の案を作成した。",
         "見直しに対する利用者の理解が必要である。",
         "見直し方針を決定し、周知する。"),
        ("使用料の見直し方針を決定し、3施設の使用料を改定した。",
         "改定の影響を受ける利用団体への説明が必要である。",
         "改定後の利用状況を確認する。"),
    ),
    "2401": (
        ("階層別研修に加え、デジタル研修を新設した。",
         "研修の受講が一部の職員に偏っている。",
         "オンライン研修を導入し、受講しやすくする。"),
        ("オンライン研修を導入し、受講者数が増加した。若手職員の政策提案制度を始めた。",
         "研修成果の業務への活用が見えにくい。",
         "研修後の実践報告の仕組みを作る。"),
    ),
    "2402": (
        ("テレワークの試行を開始し、20人が利用した。",
         "時間外勤務が特定の部署に集中している。",
         "業務量の平準化を進める。"),
        ("テレワークを本格実施し、時差出勤制度を導入した。",
         "時間外勤務の削減が目標に届いていない。",
         "業務の見直しと人員配置の検討を進める。"),
    ),
}

# Indicator values by item: year → list per indicator (lead's value).
LEAD_VALUES = {
    "1101": {2022: [1_020_000, 8_120], 2023: [1_184_500, 11_050]},
    "1102": {2022: [24], 2023: [38]},
    "2102": {2022: [212_400], 2023: [209_850]},
    "2201": {2022: [15], 2023: [33]},
    "2301": {2022: [98.7], 2023: [98.9]},
    "2302": {2022: [918_400], 2023: [1_052_300]},
    "2401": {2022: [338], 2023: [372]},
    "2402": {2022: [158], 2023: [151]},
}
# 効果額（千円） by item and year.
EFFECT = {"2101": (12_400, 18_900), "2102": (0, 6_300), "2301": (3_200, 4_100), "2302": (45_000, 52_700), "2303": (None, 2_800)}
STATUS_FLOW = (["取組中", "未着手", "取組中"], ["完了", "取組中", "完了"])



def contribution_text(dept, code, year_index):
    base = {
        "1101": ("所管する事業のお知らせをホームページと公式LINEで発信した。", "所管ページを新しいホームページの構成に合わせて作り直し、公式LINEで月2回以上発信した。"),
        "1102": ("開示請求の多い所管文書を洗い出した。", "所管文書のうち全部開示が可能なものを、開示請求によらず情報提供した。"),
    }.get(code)
    if base:
        return base[year_index]
    if year_index == 0:
        return "担当部署と役割分担を確認し、所管業務での実施に向けて準備した。"
    return "担当部署と連携し、所管業務での取組を実施した。"


def contribution_value(dept, code, year_index, depts):
    """Summed indicators: a department's share (deterministic)."""
    k = depts.index(dept) + 1
    if code == "1102":
        return 3 + (k * 7 + year_index * 5) % 19
    if code == "2201":
        return 2 + (k * 3 + year_index * 4) % 9
    return None


def make_templates(binary, out_dir, year):
    """Templates of one year; 2023's show the 2022 sample values beside the inputs."""
    subprocess.run([str(binary), "--input", str(ROOT / "input"), "--templates", str(ROOT / "templates"),
                    "--output", str(out_dir), "templates", "--year", str(year)], check=True)


def labels(ws):
    """Column A label → row number."""
    out = {}
    for row in range(1, ws.max_row + 1):
        v = ws.cell(row=row, column=1).value
        if isinstance(v, str):
            out.setdefault(v, row)
    return out


def fill(path, dept, year, depts, record):
    wb = openpyxl.load_workbook(path)
    yi = YEARS.index(year)
    for ws in wb.worksheets:
        if ws.title in ("記入方法", "_meta"):
            continue
        code = ws["B6"].value
        rows = labels(ws)
        sheet_rec = record.setdefault(ws.title, {})

        def put(cell, value):
            ws[cell] = value
            sheet_rec[cell] = value

        if ws.title.endswith("_取組部署"):
            put(f"B{rows['実施内容']}", contribution_text(dept, code, yi))
            if "指標実績①" in rows:
                v = contribution_value(dept, code, yi, depts)
                if v is not None:
                    put(f"C{rows['指標実績①']}", v)
            continue
        put(f"C{rows['評価']}", EVALUATION[code][yi])
        for i, status in enumerate(STATUS_FLOW[yi]):
            label = f"具体的な取組{'①②③④⑤'[i]}の状況"
            if label in rows:
                put(f"C{rows[label]}", status)
        for i, value in enumerate(LEAD_VALUES.get(code, {}).get(year, [])):
            put(f"C{rows['指標実績' + '①②③'[i]]}", value)
        effect = EFFECT.get(code, (None, None))[yi]
        if effect is not None:
            put(f"C{rows['効果額（千円）']}", effect)
        work, issues, plan_next = TEXTS[code][yi]
        put(f"B{rows['実施内容']}", work)
        put(f"B{rows['課題']}", issues)
        put(f"B{rows['今後の方向性']}", plan_next)
    wb.save(path)


def libreoffice_resave(path, work):
    out = work / "lo-out"
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                    "--outdir", str(out), str(path)], check=True, capture_output=True,
                   env={"HOME": str(work), "PATH": "/usr/bin:/bin"})
    shutil.copyfile(out / path.name, path)


def main():
    binary = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target/release/gyokaku"
    plan_depts = departments()
    expected = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for year in YEARS:
            make_templates(binary, work / "out", year)
            target = ROOT / "input/submissions" / str(year)
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            for template in sorted((work / "out" / str(year) / "templates").glob("*.xlsx")):
                dept = template.stem
                if dept in MISSING.get(year, set()):
                    continue
                dest = target / template.name
                shutil.copyfile(template, dest)
                record = expected.setdefault(str(year), {}).setdefault(dept, {})
                fill(dest, dept, year, plan_depts, record)
                if dept in LIBREOFFICE[year]:
                    libreoffice_resave(dest, work)
                    print(f"{year} {dept}: LibreOffice で保存し直しました")
    fixtures = ROOT / "tests/fixtures"
    fixtures.mkdir(parents=True, exist_ok=True)
    (fixtures / "expected_samples.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    print("sample submissions written")


def departments():
    import tomllib
    with open(ROOT / "input/plan.toml", "rb") as f:
        return tomllib.load(f)["departments"]


if __name__ == "__main__":
    main()
