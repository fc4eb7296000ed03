//! The plan master: verbatim seed facts, validation errors, and the `plan` command.

mod common;

use std::path::Path;

use gyokaku::plan::{Implementers, load_plan, parse_plan};

fn plan_text() -> String {
    std::fs::read_to_string(common::root().join("input/plan.toml")).unwrap()
}

#[test]
fn all_19_titles_from_the_seed() {
    let plan = load_plan(&common::root().join("input/plan.toml")).unwrap();
    let want = [
        ("1101", "市民ニーズに応じた情報提供"),
        ("1102", "積極的な情報公開の推進"),
        ("1201", "広聴活動の充実"),
        ("1202", "意見聴取チャネルの創出"),
        ("1301", "地域・市民活動団体との協働"),
        ("1302", "市民活動団体のネットワーク化"),
        ("1401", "市民の行政への参画"),
        ("1402", "企業との連携・協働"),
        ("2101", "効果的な行財政運営"),
        ("2102", "公共施設の適切な管理・配置"),
        ("2103", "未利用資産の活用・処分"),
        ("2201", "ICTを活用した行政手続の推進"),
        ("2202", "地域共生社会の実現に向けた包括的支援体制の整備"),
        ("2203", "広域連携の強化"),
        ("2301", "収納業務の対策強化"),
        (
            "2302",
            "ふるさと納税・クラウドファンディングを活用した事業促進",
        ),
        ("2303", "受益者負担の最適化"),
        ("2401", "人財育成の推進"),
        ("2402", "柔軟な働き方の実現"),
    ];
    assert_eq!(plan.items.len(), 19);
    for (item, (code, title)) in plan.items.iter().zip(want) {
        assert_eq!(item.code(), code);
        assert_eq!(item.title, title);
    }
    assert_eq!(plan.title, "第3次伊豆の国市行財政改革大綱 後期行動計画");
    assert_eq!(
        (
            plan.start_year.western(),
            plan.end_year.western(),
            plan.baseline_year.western(),
            plan.target_year.western()
        ),
        (2022, 2025, 2021, 2025)
    );
    assert_eq!(plan.basic_policies.len(), 4);
    assert_eq!(plan.viewpoints.len(), 2);
    let policies: Vec<String> = plan.groups().map(|g| g.label()).collect();
    assert_eq!(
        policies,
        [
            "1-1 わかりやすい情報提供",
            "1-2 市民ニーズの把握",
            "1-3 市民活動の推進",
            "1-4 市民力の活用",
            "2-1 行政運営の見直し",
            "2-2 行政サービスの見直し",
            "2-3 安定した歳入の確保",
            "2-4 職員力の強化"
        ]
    );
}

#[test]
fn seed_texts_of_1101_and_1102_are_verbatim() {
    let plan = load_plan(&common::root().join("input/plan.toml")).unwrap();
    let i1101 = plan.item("1101").unwrap();
    assert_eq!(i1101.lead.as_deref(), Some("協働まちづくり課"));
    assert_eq!(i1101.implementers, Implementers::All);
    assert!(!i1101.sample_departments);
    assert_eq!(
        i1101.outcome.as_deref(),
        Some(
            "広報誌やホームページだけでなく、ソーシャルネットワークサービス（SNS）やFMラジオ、専用アプリケーションなど様々な手段によって、市民が市の情報を入手することができる。"
        )
    );
    assert_eq!(
        i1101.situation,
        [
            "令和●年度に実施した市民意向調査によると、市政や地域の活動に関する情報を入手するための手段は「広報いずのくに」が●%となっている。",
            "広報紙は、市政や地域活動に関する情報を知っていただく最も有効な媒体だが、提供できる情報や、広報紙の配布先が限られることから、市ホームページやSNSを活用し、情報入手方法の多様化を図るとともに、情報の質を高める必要がある。",
        ]
    );
    assert_eq!(
        i1101.actions,
        [
            "最新の市政の取組や現状など情報をわかりやすく整理するため、ホームページをリニューアルする。",
            "SNSの利用マニュアルを作成し、SNSによる情報発信を新たに行う。",
            "ホームページの多言語表示（google 翻訳）を利用して、外国人にもわかりやすく情報を提供する。",
        ]
    );
    let names: Vec<(&str, &str)> = i1101
        .indicators
        .iter()
        .map(|i| (i.name.as_str(), i.unit.as_str()))
        .collect();
    assert_eq!(
        names,
        [("市HP閲覧ビュー", "件"), ("公式LINE登録者数", "人")]
    );
    // ● in the seed: unset, never 0.
    assert!(
        i1101
            .indicators
            .iter()
            .all(|i| i.baseline.is_none() && i.target.is_none())
    );

    let i1102 = plan.item("1102").unwrap();
    assert_eq!(i1102.lead.as_deref(), Some("行政経営課"));
    assert_eq!(
        i1102.outcome.as_deref(),
        Some("開示請求の手続きに基づかなくとも、いつでも誰もが必要とする情報を自由に入手できる。")
    );
    assert_eq!(
        i1102.situation,
        [
            "開示請求の多い情報であっても、開示請求という手続きを経ないと手に入らない情報がある。全部開示が可能な情報は、市民の利便性の向上と事務の効率化を踏まえると、開示請求の手続きは不要と考えられる。",
            "また、予算の執行状況や決算について法令により公表しているが、市民の関心度が低く、市の財政状況について十分理解されているとは言えない。",
        ]
    );
    assert_eq!(
        i1102.actions,
        [
            "全部開示が可能な案件を類型化し、開示請求の手続きに基づかない情報提供を推進する。",
            "市の財政状況に対する市民の関心度を高めるため、広報誌やホームページ等を通じて、市の財政状況をわかりやすく情報発信する。",
        ]
    );
    assert_eq!(i1102.indicators.len(), 1);
    assert_eq!(i1102.indicators[0].name, "情報提供件数");
    assert_eq!(
        i1102.indicators[0].aggregation,
        gyokaku::plan::Aggregation::Sum
    );
    // Every other item's departments are invented, and marked so.
    assert!(plan.items.iter().skip(2).all(|i| i.sample_departments));
}

fn invalid(text: &str) -> String {
    parse_plan(text, Path::new("plan.toml"))
        .unwrap_err()
        .to_string()
}

#[test]
fn duplicate_code_is_refused_with_both_lines() {
    let text = plan_text().replace("id = \"1102\"", "id = \"1101\"");
    let err = invalid(&text);
    assert!(err.contains("管理番号 1101 が重複しています"), "{err}");
    assert!(err.contains("行目にもあります"), "{err}");
}

#[test]
fn any_numbering_and_one_level_pillars_are_accepted() {
    // Free codes and ids, an item in another policy than its code suggests, a pillar with
    // no second level holding items directly, and no 前期計画 anywhere.
    let text = plan_text()
        .replacen("id = \"1101\"", "id = \"No.12\"", 1)
        .replacen("id = \"1102\"", "id = \"1-(1)-①\"", 1)
        .replacen("policy = \"1-1\"", "policy = \"2-1\"", 1)
        .replace("continuity = \"継続\"\n", "")
        + "\n[[pillars]]\nid = \"第3章\"\nname = \"柱だけの方針\"\n\n[[items]]\nid = \"A-01\"\npolicy = \"第3章\"\ntitle = \"柱に直接属する取組\"\n";
    let plan = parse_plan(&text, Path::new("plan.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.item("No.12").unwrap().policy_id(), "2-1");
    assert!(plan.item("1-(1)-①").is_some());
    assert!(!plan.has_continuity());
    let direct = plan.item("A-01").unwrap();
    assert_eq!(plan.group_label(direct), "第3章 柱だけの方針");
    assert_eq!(plan.groups().last().unwrap().policy, None);
}

#[test]
fn an_item_cannot_name_a_pillar_that_has_policies() {
    let text = plan_text().replacen("policy = \"1-1\"", "policy = \"(1)\"", 1);
    let err = invalid(&text);
    assert!(
        err.contains("取組方針「(1)」には下位の取組方針があります"),
        "{err}"
    );
    assert!(err.contains("行目:"), "{err}");
}

#[test]
fn unknown_policy_is_refused() {
    let text = plan_text().replacen("policy = \"1-2\"", "policy = \"9-9\"", 1);
    let err = invalid(&text);
    assert!(
        err.contains("取組項目 1201 の取組方針「9-9」は計画の取組方針（pillars）にありません"),
        "{err}"
    );
}

#[test]
fn bad_toml_names_the_line() {
    let text = plan_text().replacen(
        "title = \"市民ニーズに応じた情報提供\"",
        "title = \"市民ニーズに応じた情報提供",
        1,
    );
    let err = invalid(&text);
    assert!(err.contains("書式が正しくありません"), "{err}");
    let line = text
        .lines()
        .position(|l| l.starts_with("title = \"市民ニーズに応じた情報提供"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("{line}行目")), "{err}");
}

#[test]
fn unknown_department_and_bad_indicator_are_refused() {
    let text = plan_text()
        .replacen("lead = \"収納課\"", "lead = \"収納係\"", 1)
        .replacen("unit = \"人\"", "unit = \"\"", 1);
    let err = invalid(&text);
    assert!(
        err.contains("担当部署「収納係」が departments にありません"),
        "{err}"
    );
    assert!(err.contains("unit（単位）が空です"), "{err}");
}

#[test]
fn plan_command_prints_the_outline_and_fails_on_an_invalid_plan() {
    let p = common::Project::new();
    let out = p.run(&["plan"]);
    let (stdout, _) = common::text(&out);
    assert!(out.status.success());
    assert!(stdout.contains("(1) 市民へのアプローチ"));
    assert!(
        stdout.contains(
            "1101 市民ニーズに応じた情報提供［継続］ 担当: 協働まちづくり課　取組: 全部署"
        )
    );
    assert!(stdout.contains("指標: 市HP閲覧ビュー（件） 基準 未設定 → 目標 未設定"));

    let broken = plan_text().replace("id = \"1102\"", "id = \"1101\"");
    std::fs::write(p.path().join("input/plan.toml"), broken).unwrap();
    let out = p.run(&["plan"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("管理番号 1101 が重複しています"),
        "{stderr}"
    );
}

#[test]
fn year_option_accepts_japanese_eras_and_refuses_years_outside_the_plan() {
    let p = common::Project::new();
    for year in ["令和５", "R5", "r5", "2023", "令和5年度"] {
        let out = p.run(&["templates", "--year", year]);
        assert!(out.status.success(), "{year}: {:?}", common::text(&out));
    }
    let out = p.run(&["templates", "--year", "令和9"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("令和9(2027)年度は計画期間（令和4(2022)年度〜令和7(2025)年度）の外です"),
        "{stderr}"
    );
    let out = p.run(&["templates", "--year", "らいねん"]);
    assert!(
        common::text(&out)
            .1
            .contains("年度「らいねん」を読み取れません")
    );
}
