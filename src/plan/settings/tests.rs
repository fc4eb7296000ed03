//! Settings parsing, defaults and validation messages.

use super::*;

/// The keys every report.toml must have.
const REQUIRED: &str = "[report]\ntitle = \"進捗状況報告\"\nsecretariat = \"企画課\"\n";

fn parse(text: &str) -> Result<Settings, SettingsError> {
    Settings::parse(&format!("{REQUIRED}{text}"), Path::new("report.toml"))
}

#[test]
fn only_the_report_names_are_required_and_nothing_names_a_city() {
    let s = parse("").unwrap();
    assert_eq!(s.evaluation.levels.len(), 4);
    assert_eq!(s.evaluation.levels[1].code, "A");
    assert_eq!(s.evaluation.statuses, ["未着手", "取組中", "完了"]);
    assert_eq!(s.evaluation.achievement, AchievementFormula::Progress);
    assert!(s.effect.is_none(), "効果額 only when configured");
    assert_eq!(s.report.committee, None);
    assert_eq!(s.contact(), "企画課", "the secretariat by default");
    assert_eq!(s.output.workbook, "進捗状況_{年度}.xlsx");

    let err = Settings::parse("", Path::new("report.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("必須の項目「report」"), "{err}");
    let err = Settings::parse("[report]\ntitle = \"x\"\n", Path::new("report.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("[report] の表に必須の項目「secretariat」"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let err = Settings::load(&dir.path().join("report.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("gyokaku init"), "{err}");
}

#[test]
fn bad_values_name_their_key() {
    let err = parse(
        "[evaluation]\nlevels = [{code = \"A\", label = \"x\"}, {code = \"A\", label = \"\"}]\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("evaluation.levels[2].code「A」が重複しています"),
        "{err}"
    );
    assert!(err.contains("evaluation.levels[2].label が空です"), "{err}");

    let err = parse("[template]\nrequired = [\"評価\", \"感想\"]\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("template.required の「感想」"), "{err}");

    let err = parse("[evaluation]\nachievement = \"average\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("5行目"), "{err}");
    assert!(err.contains("使える値: ratio、progress"), "{err}");

    let err = parse("[schedule.2023]\ndeadline = 2024-04-30T10:00:00\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("schedule.2023.deadline"), "{err}");

    // A date in quotes (as the guide's 「" と " の間を書き換えます」 invites) is the same date.
    let quoted =
        parse("[schedule.2023]\ndeadline = \"2024-04-30\"\nreport_date = \" 2024-07-01 \"\n")
            .unwrap_or_else(|e| panic!("{e}"));
    let schedule = quoted.schedule_for(2023);
    assert_eq!(
        schedule.deadline.as_ref().and_then(date_parts),
        Some((2024, 4, 30))
    );
    assert_eq!(
        schedule.report_date.as_ref().and_then(date_parts),
        Some((2024, 7, 1))
    );
    let err = parse("[schedule.2023]\ndeadline = \"4月30日\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("「deadline」の値 \"4月30日\""), "{err}");
    assert!(err.contains("2024-04-30"), "{err}");

    let err = parse("[output]\nworkbook = \"集計/{年度}.xlsx\"\npdf = \"資料.txt\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("output.workbook"), "{err}");
    assert!(
        err.contains("output.pdf「資料.txt」は「.pdf」で終わる"),
        "{err}"
    );

    let err = Settings::parse(
        "[report]\ntitle = \"x\"\nsecretariat = \"y\"\ncomittee = \"x\"\n",
        Path::new("report.toml"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("項目名「comittee」は使えません"), "{err}");
    assert!(err.contains("4行目"), "{err}");
}

#[test]
fn publish_settings_default_and_validated() {
    let s = parse("").unwrap();
    assert_eq!(s.publish.folder, "公表");
    assert!(s.publish.publishes_all());
    assert_eq!(s.publish.base_url, None);
    assert_eq!(s.publish.contact_or("企画課"), "企画課");
    let s = parse(
        "[publish]\nfolder = \"web_{西暦}\"\nbase_url = \"https://example.jp/kaikaku/{西暦}/\"\nfields = [\"実施内容\", \"今後の方向性\"]\n[publish.dates]\n2023 = 2024-07-01\n",
    )
    .unwrap();
    let year = crate::fiscal_year::FiscalYear(2023);
    assert_eq!(
        s.publish.url_of(year).as_deref(),
        Some("https://example.jp/kaikaku/2023/")
    );
    assert!(s.publish.publishes(PublishField::WorkDone));
    assert!(!s.publish.publishes(PublishField::Issues));
    assert!(!s.publish.publishes_all());
    assert_eq!(s.publish.date_of(year), Some((2024, 7, 1)));
    assert_eq!(
        s.publish.date_of(crate::fiscal_year::FiscalYear(2022)),
        None
    );

    let err = parse(
        "[publish]\nfolder = \"a/b\"\nbase_url = \"www.example.jp\"\nfields = [\"感想\"]\nnewsletter = \"x.txt\"\nhighlights = [\" \"]\n[publish.dates]\n23 = 2024-07-01T09:00:00\n",
    )
    .unwrap_err()
    .to_string();
    for key in [
        "publish.folder「a/b」",
        "[publish] base_url「www.example.jp」は https://",
        "publish.fields の「感想」",
        "publish.newsletter「x.txt」",
        "publish.highlights に空の管理番号",
        "publish.dates の年度「23」",
        "publish.dates.23",
    ] {
        assert!(err.contains(key), "{key}: {err}");
    }
    let err = parse("[publish]\nbase_url = \"https://例え.jp/ \"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("そのまま書けない文字「例」"), "{err}");
}

#[test]
fn output_names_come_from_patterns() {
    let name = OutputSettings::file_name(
        "{西暦}_{年度}_{部署}.xlsx",
        crate::fiscal_year::FiscalYear(2023),
        "総務部/総務課",
    );
    assert_eq!(name, "2023_令和5年度_総務部／総務課.xlsx");
}

#[test]
fn on_plan_names_a_level_of_the_scale() {
    assert!(parse("[publish]\non_plan = \"A\"\n").is_ok());
    let err = parse("[publish]\non_plan = \"Z\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("[publish] on_plan「Z」"), "{err}");
}

#[test]
fn control_characters_in_any_text_are_refused_by_key() {
    let err = parse(
        "[template]\ntitle = \"様式\\u0007\"\n[publish]\ncontact = \"企画課\\u001b[31m\"\n[evaluation]\nlevels = [{ code = \"A\", label = \"順調\" }, { code = \"B\", label = \"遅\\u0000れ\" }]\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("template.title に制御文字（U+0007）があります"),
        "{err}"
    );
    assert!(
        err.contains("publish.contact に制御文字（U+001B）があります"),
        "{err}"
    );
    assert!(
        err.contains("evaluation.levels[2].label に制御文字（U+0000）があります"),
        "{err}"
    );
    // The report's own names too; a line break in a text is allowed.
    let err = Settings::parse(
        "[report]\ntitle = \"報告\\u0085\"\nsecretariat = \"企画課\"\n",
        Path::new("report.toml"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("report.title に制御文字（U+0085）"), "{err}");
    assert!(parse("[publish]\nlicense = \"\"\"CC BY 4.0\n（出典を明記）\"\"\"\n").is_ok());
}

#[test]
fn output_patterns_making_names_windows_refuses_are_refused() {
    for (text, expected) in [
        (
            "[output]\nworkbook = \"con.xlsx\"\n",
            "output.workbook「con.xlsx」から作るファイル名「con.xlsx」は Windows で使えません",
        ),
        ("[publish]\nfolder = \"公表.\"\n", "publish.folder「公表.」"),
        ("[publish]\nfolder = \"AUX\"\n", "予約名"),
        (
            "[output]\nopinions = \"意見<{年度}>.xlsx\"\n",
            "使えない文字（< >）",
        ),
    ] {
        let err = parse(text).unwrap_err().to_string();
        assert!(err.contains(expected), "{text}: {err}");
    }
}
