//! The library's pipelines of `build` and `publish` (plan → submissions → merge → model →
//! outputs), called in-process: the same functions the binary runs, so the binary's files are
//! their bytes.

mod common;

use gyokaku::cmd::Paths;
use gyokaku::cmd::build::{Built, make};
use gyokaku::cmd::publish;

/// The folders as the binary names them: relative to the project folder, the working
/// directory (the outputs print the submissions folder as given). This file holds one test, so
/// changing the process's directory affects no other test.
fn paths(p: &common::Project) -> Paths {
    std::env::set_current_dir(p.path()).expect("cd into the project");
    Paths {
        input: "input".into(),
        output: "output".into(),
        templates: "templates".into(),
    }
}

#[test]
fn build_and_publish_are_library_functions_shared_with_the_binary() {
    let p = common::Project::with_samples();
    let paths = paths(&p);
    let Built { year, files, data } = make(&paths, Some("2025"), false).expect("make");
    assert_eq!(year.western(), 2025);
    assert!(
        !data.submissions.files.is_empty(),
        "the sample's files were read"
    );
    assert!(
        !paths.output.exists(),
        "making the outputs writes nothing (output/ untouched)"
    );
    let names: Vec<String> = files
        .iter()
        .map(|(path, _)| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with(".xlsx")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");

    let again = make(&paths, Some("2025"), false).expect("make again");
    assert_eq!(
        files, again.files,
        "the same inputs make the same bytes (in-process)"
    );

    let out = p.run(&["build", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    for (path, bytes) in &files {
        let written = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            written == *bytes,
            "the binary wrote {} as the library made it",
            path.display()
        );
    }

    // publish: the same pipeline, then the publication folder.
    let published = publish::make(&paths, Some("2025"), false).expect("publish::make");
    assert!(published.files.iter().any(|f| f.path == "index.html"));
    assert!(
        !published.dir.exists(),
        "making the publication writes nothing"
    );
    let out = p.run(&["publish", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let written = common::snapshot(&published.dir);
    let made: std::collections::BTreeMap<String, Vec<u8>> = published
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        made.keys().collect::<Vec<_>>(),
        "the binary wrote the files the library made, and no other"
    );
    assert!(
        written == made,
        "the binary wrote the publication as the library made it"
    );
}
