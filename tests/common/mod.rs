//! Helpers shared by the integration tests: a scratch project folder and running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch project: input/ (plan.toml copied), templates/ (report.toml copied), output/.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A project with the repository's plan and settings and no submissions.
    pub fn new() -> Project {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("input/submissions")).unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::copy(
            root().join("input/plan.toml"),
            dir.path().join("input/plan.toml"),
        )
        .unwrap();
        std::fs::copy(
            root().join("templates/report.toml"),
            dir.path().join("templates/report.toml"),
        )
        .unwrap();
        Project { dir }
    }

    /// A project with a copy of the bundled sample submissions and committee opinions.
    pub fn with_samples() -> Project {
        let p = Project::new();
        for folder in ["input/submissions", "input/committee"] {
            copy_dir(&root().join(folder), &p.path().join(folder));
        }
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// input/submissions/<year>
    pub fn submissions(&self, year: u16) -> PathBuf {
        let d = self.path().join("input/submissions").join(year.to_string());
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Replaces the `[words]` of the project's report.toml with another city's words
    /// ([`OTHER_WORDS`]), as a city whose plan names its parts differently would.
    pub fn use_other_words(&self) {
        let path = self.path().join("templates/report.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let start = text.find("[words]").expect("report.toml has [words]");
        let end = start
            + text[start..]
                .find("\n[template]")
                .expect("[template] after [words]");
        let mut words = String::from("[words]\n");
        for (key, _, word) in OTHER_WORDS {
            words.push_str(&format!("{key} = \"{word}\"\n"));
        }
        let text = format!("{}{}{}", &text[..start], words, &text[end..]);
        std::fs::write(&path, text).unwrap();
    }

    /// Sets `[publish] base_url` in the project's report.toml (the bundled file has it
    /// commented out).
    pub fn set_base_url(&self, url: &str) {
        let path = self.path().join("templates/report.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("# base_url = "))
            .expect("commented base_url in report.toml")
            .to_string();
        std::fs::write(&path, text.replace(&line, &format!("base_url = \"{url}\""))).unwrap();
    }

    /// Revises the sample plan during its period, as a city does: 2303 begun in 2023, 2402
    /// ended (完了) in 2022, the target of 2401 revised in 2023.
    pub fn revise_sample_plan(&self) {
        let path = self.path().join("input/plan.toml");
        let plan = std::fs::read_to_string(&path).unwrap();
        let revised = plan
            .replace("id = \"2303\"\n", "id = \"2303\"\nfrom = 2023\n")
            .replace(
                "id = \"2402\"\n",
                "id = \"2402\"\nend = { year = 2022, reason = \"完了\" }\n",
            )
            .replace(
                "id = \"2401\"\n",
                "id = \"2401\"\nrevisions = [{ year = 2023, target = 450, note = \"研修を拡充\" }]\n",
            );
        assert_ne!(revised, plan, "the sample plan has the items to revise");
        std::fs::write(&path, revised).unwrap();
    }

    /// Runs gyokaku with the project's folders, expecting success (exit code 0); returns
    /// stdout and stderr together.
    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stdout}\n{stderr}");
        format!("{stdout}\n{stderr}")
    }

    /// Runs gyokaku with the project's folders, expecting it to refuse (exit code 1) with
    /// every one of `expected` in its messages; returns stderr.
    pub fn run_refused(&self, args: &[&str], expected: &[&str]) -> String {
        let out = self.run(args);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        for fragment in expected {
            assert!(stderr.contains(fragment), "want {fragment}: {stderr}");
        }
        stderr
    }

    /// Runs gyokaku with the project's folders.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gyokaku"))
            .current_dir(self.path())
            .args(args)
            .output()
            .expect("run gyokaku")
    }
}

/// Another city's words for the parts of its plan: (key of `[words]`, today's default word,
/// the other city's word). Tests set them with [`Project::use_other_words`] and check that
/// every output uses the second word and none prints the first (outside the plan's own text).
pub const OTHER_WORDS: [(&str, &str, &str); 7] = [
    ("policy", "取組方針", "重点改革項目"),
    ("item", "取組項目", "行動計画項目"),
    ("action", "具体的な取組", "実施事項"),
    ("lead", "担当部署", "所管課"),
    ("participant", "取組部署", "関係課"),
    ("effect", "効果額", "財政効果"),
    ("code", "管理番号", "項目番号"),
];

/// Every file under `dir` with its bytes, by path relative to `dir` ('/'-separated on
/// Linux); empty when `dir` does not exist.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// One word of a PDF as `pdftotext -bbox` gives it: its page (from 0), its text (as
/// escaped in the XML) and its box in points.
#[derive(Debug)]
pub struct PdfWord {
    pub page: usize,
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

impl PdfWord {
    /// The height of the word's box (its type size).
    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }
}

/// Every word of a PDF, page by page (`pdftotext -bbox`).
pub fn pdf_words(pdf: &Path) -> Vec<PdfWord> {
    let xml = pdf_text(pdf, &["-bbox"]);
    let mut words = Vec::new();
    for (page, markup) in xml.split("<page ").skip(1).enumerate() {
        for w in markup.split("<word ").skip(1) {
            let number = |name: &str| -> f64 {
                xml_attr(w, name)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("{name} of <word {w}"))
            };
            let text = w.split_once('>').and_then(|(_, t)| t.split_once("</word>"));
            words.push(PdfWord {
                page,
                text: text.map_or("", |(t, _)| t).to_string(),
                x_min: number("xMin"),
                y_min: number("yMin"),
                x_max: number("xMax"),
                y_max: number("yMax"),
            });
        }
    }
    words
}

/// The heights of the words of a PDF (pdftotext -bbox), in points, smallest first.
pub fn word_heights(pdf: &Path) -> Vec<f64> {
    let mut heights: Vec<f64> = pdf_words(pdf).iter().map(PdfWord::height).collect();
    heights.sort_by(f64::total_cmp);
    heights
}

/// The value of the first attribute `name="…"` in a piece of XML.
pub fn xml_attr<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    xml.split(&format!("{name}=\"")).nth(1)?.split('"').next()
}

/// Asserts that no temporary file (`*.tmp`, left by an interrupted atomic write) is in `dir`.
pub fn assert_no_temporary_files(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

/// The entry of one department in the JSON of `check --format json`.
pub fn checked_department<'a>(json: &'a serde_json::Value, dept: &str) -> &'a serde_json::Value {
    json["departments"]
        .as_array()
        .expect("departments in the check JSON")
        .iter()
        .find(|d| d["department"] == dept)
        .unwrap_or_else(|| panic!("{dept} in the check JSON"))
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// stdout and stderr as text.
pub fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// Whether an external tool is on PATH; in CI a missing tool fails the test instead of skipping.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CI").is_some() {
        panic!("{tool} is required in CI");
    }
    if !found {
        eprintln!("skipping: {tool} not installed");
    }
    found
}

/// Reads one part of a zip (xlsx) file as text.
pub fn zip_part(path: &Path, part: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Text of a PDF by `pdftotext -layout` (table rows stay on one line).
pub fn pdf_layout_text(path: &Path) -> String {
    pdf_text(path, &["-layout"])
}

/// Text of a PDF by `pdftotext` with these options (none: reading order, table cells together).
pub fn pdf_text(path: &Path, options: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(options)
        .arg(path)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8(out.stdout).expect("pdftotext gives UTF-8")
}

/// `qpdf --check` passes on a PDF.
pub fn qpdf_check(pdf: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .expect("run qpdf");
    assert!(out.status.success(), "qpdf --check: {:?}", text(&out));
}

/// The fonts of a PDF as `pdffonts` lists them, each checked to be embedded, subset and
/// with a ToUnicode map; returns their names without the subset prefix (ABCDEF+).
pub fn embedded_fonts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("run pdffonts");
    let (fonts, stderr) = text(&out);
    assert!(out.status.success(), "pdffonts: {stderr}");
    let mut names = Vec::new();
    for row in fonts.lines().skip(2).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type type encoding emb sub uni id gen
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
        names.push(
            cols[0]
                .split_once('+')
                .map_or(cols[0], |(_, name)| name)
                .to_string(),
        );
    }
    assert!(!names.is_empty(), "{fonts}");
    names
}

/// Whether python3 with openpyxl is there (scripts/test.sh installs it); in CI a missing one
/// fails the test instead of skipping it.
pub fn python_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("CI").is_some() {
        panic!("python3 with openpyxl is required in CI (pip install -r scripts/requirements.txt)");
    }
    if !ok {
        eprintln!("skipping: python3 with openpyxl not installed");
    }
    ok
}

/// Every row of a workbook's sheet as calamine reads it, each cell as text.
pub fn sheet_rows(workbook: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> =
        open_workbook(workbook).unwrap_or_else(|e| panic!("{}: {e}", workbook.display()));
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{}: {sheet}: {e}", workbook.display()));
    range
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect()
}

/// Whether python3 can import pikepdf (the PDF structure checks); required in CI.
pub fn pikepdf_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pikepdf"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "pikepdf is needed in CI");
        eprintln!("SKIPPED: python3 with pikepdf");
    }
    ok
}

/// Runs one of the committed Python helpers of scripts/ as `script SRC DEST @json-file`.
pub fn python_script(script: &str, src: &Path, dest: &Path, spec: &str) {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), spec).unwrap();
    let out = Command::new("python3")
        .arg(root().join("scripts").join(script))
        .arg(src)
        .arg(dest)
        .arg(format!("@{}", file.path().display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{script}: {:?}", text(&out));
}

/// A department types into its form: {sheet: {cell: value}} as JSON (scripts/fill_cells.py).
pub fn fill_cells(form: &Path, dest: &Path, cells: &str) {
    python_script("fill_cells.py", form, dest, cells);
}

/// Converts files with LibreOffice headless (`soffice --convert-to FORMAT`) into `out_dir`;
/// its profile and HOME are under `home`, so that tests do not share one.
pub fn soffice_convert<P: AsRef<std::ffi::OsStr>>(
    format: &str,
    files: impl IntoIterator<Item = P>,
    out_dir: &Path,
    home: &Path,
) {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            home.join("lo-profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out_dir)
        .args(files)
        .env("HOME", home)
        .output()
        .expect("run soffice");
    assert!(out.status.success(), "soffice: {:?}", text(&out));
}

/// Every sheet of a workbook as LibreOffice shows it (its number formats applied), one CSV
/// text per sheet name; LibreOffice headless writes the files.
pub fn sheets_as_shown(workbook: &Path) -> std::collections::BTreeMap<String, String> {
    let out_dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    soffice_convert(
        // UTF-8, first line 1, "save cell contents as shown", every sheet (-1).
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        [workbook],
        out_dir.path(),
        profile.path(),
    );
    let stem = workbook.file_stem().unwrap().to_string_lossy().to_string();
    let mut sheets = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(out_dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if let Some(sheet) = name.strip_prefix(&format!("{stem}-")) {
            sheets.insert(sheet.to_string(), std::fs::read_to_string(&path).unwrap());
        }
    }
    sheets
}
