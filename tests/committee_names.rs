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
