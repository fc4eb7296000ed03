//! The committee's filled workbook is read whatever the case of its extension.

mod common;

#[test]
fn an_upper_case_extension_is_read_like_xlsx() {
    let build_opinions = |rename: bool| {
        let p = common::Project::with_samples();
        if rename {
            std::fs::rename(
                p.path().join("input/committee/2023.xlsx"),
                p.path().join("input/committee/2023.XLSX"),
            )
            .unwrap();
        }
        let out = p.run(&["build", "--year", "2023"]);
        assert!(out.status.success(), "{:?}", common::text(&out));
        // The opinions workbook of 2023 carries the opinions read from the committee's file.
        std::fs::read(p.path().join("output/2023/委員会意見_令和5年度.xlsx")).unwrap()
    };
    let with_xlsx = build_opinions(false);
    let with_upper = build_opinions(true);
    assert_eq!(with_xlsx, with_upper, "2023.XLSX is read as 2023.xlsx is");
    // And without the file, the workbook differs (the opinions are really read).
    let p = common::Project::with_samples();
    std::fs::remove_file(p.path().join("input/committee/2023.xlsx")).unwrap();
    assert!(p.run(&["build", "--year", "2023"]).status.success());
    let without = std::fs::read(p.path().join("output/2023/委員会意見_令和5年度.xlsx")).unwrap();
    assert_ne!(with_xlsx, without);
}

/// The warnings of `check --format json` about files of input/committee/.
fn committee_warnings(p: &common::Project, cmd: &str) -> Vec<(String, String)> {
    let out = p.run(&[cmd, "--year", "2023", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{cmd}: {e} {:?}", common::text(&out)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["severity"] == "warning"
                && d["file"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("committee/"))
        })
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_committee_file_under_another_name_is_named_with_the_name_to_use() {
    let p = common::Project::with_samples();
    let dir = p.path().join("input/committee");
    // The sample set reads every file of the folder: nothing to say.
    assert!(committee_warnings(&p, "check").is_empty());
    std::fs::rename(dir.join("2023.xlsx"), dir.join("委員会意見_令和5年度.xlsx")).unwrap();
    std::fs::write(dir.join("メモ.txt"), "committee notes").unwrap();
    std::fs::copy(dir.join("2022.xlsx"), dir.join("2022.xlsm")).unwrap();
    let expect = [
        (
            "committee/2022.xlsm",
            "2022.xlsm は読み込んでいません（同じ年度の 2022.xlsx を読み込みました）。使う記入表だけを 2022.xlsx という名前で残してください",
        ),
        (
            "committee/メモ.txt",
            "メモ.txt は Excel ファイル（.xlsx）ではないため読み込んでいません。委員会意見の記入表は 2023.xlsx という名前で保存してください",
        ),
        (
            "committee/委員会意見_令和5年度.xlsx",
            "委員会意見_令和5年度.xlsx は読み込んでいません。2023.xlsx という名前で保存してください",
        ),
    ];
    let found = committee_warnings(&p, "check");
    for (file, message) in expect {
        assert!(
            found.iter().any(|(f, m)| f == file && m == message),
            "check: {file} {found:?}"
        );
    }
    assert_eq!(found.len(), 3, "{found:?}");
    // build says the same.
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let (stdout, stderr) = common::text(&out);
    for (_, message) in expect {
        assert!(
            stdout.contains(message) || stderr.contains(message),
            "build: {message}\n{stdout}\n{stderr}"
        );
    }
    // Saved under the name given, it is read and nothing is said.
    std::fs::rename(dir.join("委員会意見_令和5年度.xlsx"), dir.join("2023.xlsx")).unwrap();
    std::fs::remove_file(dir.join("メモ.txt")).unwrap();
    std::fs::remove_file(dir.join("2022.xlsm")).unwrap();
    assert!(committee_warnings(&p, "check").is_empty());
}
