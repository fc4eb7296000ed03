//! Reading one submitted workbook: identify it by its meta sheet and check that it belongs to
//! the plan, year and department (this file), then read every item sheet through the form's
//! layout (`sheet.rs`, its input cells in `inputs.rs`).

mod inputs;
mod sheet;

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::file::read_regular_file;
use super::meta::{Identified, Meta, open_identified};
use super::value::Value;
use super::{Diagnostic, Severity};
use crate::fiscal_year::FiscalYear;
use crate::form::{self, Cell, Field, SheetForm, SheetKind, meta};
use crate::plan::{Plan, Settings};

/// What the reader needs to know about the plan and year, with each department's form
/// layout computed once.
pub struct ReadContext<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The settings.
    pub settings: &'a Settings,
    /// The fiscal year read.
    pub year: FiscalYear,
    /// Last year's committee opinions, shown on the forms and answered in them.
    pub opinions: form::Opinions,
    /// Department → (its sheet forms, their layout fingerprint).
    forms: BTreeMap<String, (Vec<SheetForm>, String)>,
}

impl<'a> ReadContext<'a> {
    /// Prepares reading the submissions of `year` (no committee opinions of the year before).
    pub fn new(plan: &'a Plan, settings: &'a Settings, year: FiscalYear) -> ReadContext<'a> {
        ReadContext::with_opinions(plan, settings, year, form::Opinions::new())
    }

    /// Prepares reading the submissions of `year`, whose forms show last year's committee
    /// opinions and ask for responses.
    pub fn with_opinions(
        plan: &'a Plan,
        settings: &'a Settings,
        year: FiscalYear,
        opinions: form::Opinions,
    ) -> ReadContext<'a> {
        let forms = plan
            .departments
            .iter()
            .map(|d| {
                let forms = form::department_forms(plan, settings, &opinions, d);
                let fingerprint = form::layout_fingerprint(&forms);
                (d.clone(), (forms, fingerprint))
            })
            .collect();
        ReadContext {
            plan,
            settings,
            year,
            opinions,
            forms,
        }
    }

    /// A department's sheet forms and layout fingerprint.
    fn forms_of(&self, dept: &str) -> Option<&(Vec<SheetForm>, String)> {
        self.forms.get(dept)
    }
}

/// The values read from one item sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetValues {
    /// 管理番号 of the item.
    pub item_code: String,
    /// Whether the sheet is the lead sheet or a contribution.
    pub kind: SheetKind,
    /// Usable values with the field and the cell they were read from, in form order.
    pub values: Vec<(Field, Cell, Value)>,
    /// Number of error diagnostics on this sheet.
    pub errors: usize,
}

impl SheetValues {
    /// The value of a field, if usable.
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.values
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, _, v)| v)
    }

    /// The field and value read from a cell (A1), if usable.
    pub fn at(&self, a1: &str) -> Option<(Field, &Value)> {
        self.values
            .iter()
            .find(|(_, c, _)| c.a1() == a1)
            .map(|(f, _, v)| (*f, v))
    }
}

/// One submitted file, read.
#[derive(Debug, Clone)]
pub struct SubmittedFile {
    /// File name (no folder).
    pub name: String,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Department from the meta sheet (NFKC-normalised).
    pub department: Option<String>,
    /// Fiscal year from the meta sheet.
    pub year: Option<u16>,
    /// The item sheets the form was made with, as its meta sheet lists them (what identifies a
    /// past year's form whose department has since been renamed).
    pub form_sheets: Option<String>,
    /// The layout fingerprint its meta sheet holds.
    pub form_layout: Option<String>,
    /// True when the meta sheet names a department that the plan read under does not have, and
    /// the form's item sheets show the same name (a form made under an earlier name).
    pub unknown_department: bool,
    /// Item sheets read (empty when the file could not be used).
    pub sheets: Vec<SheetValues>,
    /// Everything found while reading.
    pub diagnostics: Vec<Diagnostic>,
    /// False when the file as a whole cannot be used (corrupt, other year, …).
    pub usable: bool,
}

impl SubmittedFile {
    fn refuse(&mut self, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::file(Severity::Error, &self.name, message));
        self.usable = false;
    }
}

/// Reads a file from disk. Never panics: any failure is an error diagnostic. Only a regular
/// file (or a link to one) is opened, and only up to [`super::zip_guard::MAX_FILE_BYTES`].
pub fn read_file(path: &Path, ctx: &ReadContext<'_>) -> SubmittedFile {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    match read_regular_file(path) {
        Ok(bytes) => read_bytes(&name, &bytes, ctx),
        Err(reason) => {
            let mut f = empty(&name, String::new());
            f.refuse(reason);
            f
        }
    }
}

fn empty(name: &str, sha256: String) -> SubmittedFile {
    SubmittedFile {
        name: name.to_string(),
        sha256,
        department: None,
        year: None,
        form_sheets: None,
        form_layout: None,
        unknown_department: false,
        sheets: Vec::new(),
        diagnostics: Vec::new(),
        usable: true,
    }
}

/// SHA-256 of bytes as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

thread_local! {
    /// True while this thread reads a workbook (its panics become diagnostics).
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the panic message of a library that fails on a hostile file (it becomes an error
/// diagnostic) off the terminal; other panics are reported as before.
pub fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Reads a file's bytes (`name` is used in messages and for the format).
pub fn read_bytes(name: &str, bytes: &[u8], ctx: &ReadContext<'_>) -> SubmittedFile {
    let mut file = empty(name, sha256_hex(bytes));
    // The libraries are robust, but a panic on a hostile file must still become a diagnostic.
    READING.with(|r| r.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut f = file.clone();
        read_into(&mut f, bytes, ctx);
        f
    }));
    READING.with(|r| r.set(false));
    match outcome {
        Ok(f) => f,
        Err(_) => {
            file.refuse(
                "ファイルの内容が壊れているため読み込めません（読み込み中に異常が発生しました）",
            );
            file
        }
    }
}

fn read_into(file: &mut SubmittedFile, bytes: &[u8], ctx: &ReadContext<'_>) {
    let Identified {
        mut book,
        sheet_names,
        meta,
    } = match open_identified(&file.name, bytes, meta::MARKER) {
        Ok(Some(opened)) => opened,
        Ok(None) => {
            file.refuse(format!(
                "gyokaku の入力シートではありません（{} シートがありません）。配布した入力シートに記入してください",
                meta::SHEET
            ));
            return;
        }
        Err(reason) => {
            file.refuse(reason);
            return;
        }
    };
    if !identify(file, &meta, ctx) {
        if file.unknown_department {
            file.unknown_department = names_its_department(file, &mut book, &sheet_names);
        }
        return;
    }
    let Some(dept) = file.department.clone() else {
        return;
    };
    check_file_name(file, &dept, ctx);
    let Some((forms, _)) = ctx.forms_of(&dept) else {
        return;
    };
    let found = located_sheets(forms, &sheet_names, file.form_sheets.as_deref());
    for name in &sheet_names {
        let known = found.iter().any(|n| n.as_deref() == Some(name.as_str()))
            || forms.iter().any(|f| f.sheet_name == *name)
            || name == form::GUIDE_SHEET
            || name == form::STATUS_SHEET
            || *name == meta.sheet;
        if !known {
            file.diagnostics.push(Diagnostic::file(
                Severity::Warning,
                &file.name,
                format!(
                    "想定外のシート「{name}」があります（このシートは読み込みません）。報告する内容は、配布した入力シートの各{}のシートに記入してください",
                    ctx.settings.words.item
                ),
            ));
        }
    }
    for (f, name) in forms.iter().zip(found) {
        let Some(name) = name else {
            file.diagnostics.push(Diagnostic::file(
                Severity::Error,
                &file.name,
                format!(
                    "シート「{0}」がありません（シート名を変更・削除しないでください）。配布した入力シートの「{0}」シートに記入して提出し直してください",
                    f.sheet_name
                ),
            ));
            continue;
        };
        let renamed;
        let f = if name == f.sheet_name {
            f
        } else {
            // A form printed under earlier [words]: its sheet keeps the name it was made with.
            renamed = SheetForm {
                sheet_name: name,
                ..f.clone()
            };
            &renamed
        };
        if let Some(values) = sheet::read_sheet(file, &mut book, f, ctx) {
            file.sheets.push(values);
        }
    }
    for d in &mut file.diagnostics {
        d.department.get_or_insert_with(|| dept.clone());
    }
}

/// The workbook's sheet of each form, in form order: the name with today's words, else the
/// name the meta sheet lists at the form's place (the form was printed under other `[words]`),
/// else a sheet that is the form's under other words; None when the workbook has none.
fn located_sheets(
    forms: &[SheetForm],
    sheet_names: &[String],
    listed: Option<&str>,
) -> Vec<Option<String>> {
    let listed: Vec<&str> = listed.map_or_else(Vec::new, |l| l.split(',').collect());
    let listed = if listed.len() == forms.len() {
        listed
    } else {
        Vec::new()
    };
    let present = |n: &str| sheet_names.iter().any(|s| s == n);
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(forms.len());
    for (i, f) in forms.iter().enumerate() {
        let name = if present(&f.sheet_name) {
            Some(f.sheet_name.clone())
        } else {
            listed
                .get(i)
                .filter(|n| present(n) && f.answers_to(n))
                .map(|n| (*n).to_string())
                .or_else(|| {
                    sheet_names
                        .iter()
                        .filter(|n| {
                            !forms
                                .iter()
                                .any(|o| o.sheet_name == **n || o.anchor_name == **n)
                        })
                        .find(|n| f.answers_to(n) && !taken.contains(n))
                        .cloned()
                })
        };
        if let Some(n) = &name {
            taken.push(n.clone());
        }
        out.push(name);
    }
    out
}

/// Whether the form's first item sheet shows the department its meta sheet names (a form made
/// while the department had that name, not a meta sheet edited by hand).
fn names_its_department(
    file: &SubmittedFile,
    book: &mut super::cells::Book<'_>,
    sheet_names: &[String],
) -> bool {
    let Some(dept) = file.department.as_deref() else {
        return false;
    };
    let listed = file.form_sheets.as_deref().unwrap_or_default();
    let Some(first) = listed
        .split(',')
        .next()
        .filter(|s| sheet_names.iter().any(|n| n == s))
    else {
        return false;
    };
    let mut shown = None;
    let _ = book.visit(first, &mut |run, cell| {
        if run.row > 1 {
            return std::ops::ControlFlow::Break(());
        }
        if run.contains(1, u32::from(form::COL_TEXT)) {
            shown = Some(
                crate::text::clean(&cell.data.to_string())
                    .nfkc()
                    .collect::<String>(),
            );
            return std::ops::ControlFlow::Break(());
        }
        std::ops::ControlFlow::Continue(())
    });
    shown.is_some_and(|s| s.trim() == dept)
}

/// A file named after another participating department (and not its own) holds this
/// department's form: probably renamed or mixed up, worth a look.
fn check_file_name(file: &mut SubmittedFile, dept: &str, ctx: &ReadContext<'_>) {
    let stem = file
        .name
        .rsplit_once('.')
        .map_or(file.name.as_str(), |(s, _)| s);
    let stem: String = stem.nfkc().collect();
    if stem.contains(dept) {
        return;
    }
    let other = ctx
        .plan
        .participating_departments()
        .into_iter()
        .filter(|d| *d != dept && stem.contains(d))
        .max_by_key(|d| d.chars().count());
    if let Some(other) = other {
        file.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            &file.name,
            format!(
                "ファイル名は「{other}」ですが、中身は {dept} の入力シートです（{dept} の提出として集計します）。{other} の入力シートと取り違えていないか確認してください"
            ),
        ));
    }
}

/// Checks the meta values against the plan and year; false when the file cannot be used.
fn identify(file: &mut SubmittedFile, meta: &Meta, ctx: &ReadContext<'_>) -> bool {
    let get = |k: &str| meta.get(k);
    let version = get(meta::MARKER);
    if version != form::FORMAT_VERSION {
        file.refuse(format!(
            "入力シートの形式が古いか異なります（形式 {version}、必要な形式 {}）。今年度配布した入力シートに記入してください",
            form::FORMAT_VERSION
        ));
        return false;
    }
    if get(meta::PLAN_TITLE) != ctx.plan.title {
        file.refuse(format!(
            "別の計画の入力シートです（「{}」）。「{}」の入力シートに記入してください",
            crate::text::abbreviate(&get(meta::PLAN_TITLE), 80),
            ctx.plan.title
        ));
        return false;
    }
    let dept: String = crate::text::clean(&get(meta::DEPARTMENT))
        .nfkc()
        .collect::<String>()
        .trim()
        .to_string();
    file.department = (!dept.is_empty()).then(|| dept.clone());
    file.form_sheets = Some(get(meta::SHEETS));
    file.form_layout = Some(get(meta::LAYOUT));
    let year = get(meta::FISCAL_YEAR)
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|y| y.is_finite() && (1.0..=65535.0).contains(y))
        .map(|y| y as u16);
    file.year = year;
    match year {
        Some(y) if y == ctx.year.western() => {}
        Some(y) => {
            file.refuse(format!(
                "{}の入力シートです（{}のフォルダにあります）。{}の入力シートに記入してください",
                FiscalYear(y).label(),
                ctx.year.label(),
                ctx.year.label()
            ));
            return false;
        }
        None => {
            file.refuse("入力シートの年度を読み取れません（_meta シートが変更されています）");
            return false;
        }
    }
    if !ctx.plan.departments.contains(&dept) {
        file.unknown_department = true;
        file.refuse(format!(
            "部署「{}」は計画の部署一覧にありません",
            crate::text::abbreviate(&dept, 40)
        ));
        return false;
    }
    let Some((forms, fingerprint)) = ctx.forms_of(&dept) else {
        return false;
    };
    if forms.is_empty() {
        file.refuse(format!(
            "部署「{dept}」が担当・取組する{}は計画にありません",
            ctx.settings.words.item
        ));
        return false;
    }
    if get(meta::LAYOUT) != *fingerprint {
        file.refuse(format!(
            "計画の版が異なる入力シートです（{}・指標の構成が現在の計画と違います）。今年度配布した入力シートに記入してください",
            ctx.settings.words.item
        ));
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rest of item 1101 after [`crate::plan::testing::ITEM_1101`], and item 1102.
    const BODY: &str = r#"implementers = ["乙課"]
[[items]]
id = "1102"
policy = "1-1"
title = "項目2"
lead = "乙課"
implementers = ["甲課"]
"#;

    fn forms_with(words: &str) -> Vec<SheetForm> {
        use crate::plan::testing::{ITEM_1101, one_policy_plan};
        let plan = one_policy_plan(&["甲課", "乙課"], &format!("{ITEM_1101}{BODY}"));
        let text = format!("[report]\ntitle = \"報告\"\nsecretariat = \"事務局\"\n{words}");
        let settings = Settings::parse(&text, Path::new("report.toml")).unwrap();
        form::department_forms(&plan, &settings, &form::Opinions::new(), "甲課")
    }

    #[test]
    fn sheets_of_a_form_printed_under_other_words_are_found() {
        let today = forms_with("[words]\nparticipant = \"関係課\"\n");
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Printed with today's words.
        let found = located_sheets(&today, &names(&["1101", "1102_関係課"]), None);
        assert_eq!(found, [Some("1101".into()), Some("1102_関係課".into())]);
        // Printed with the default words, as its meta sheet lists.
        let found = located_sheets(
            &today,
            &names(&["1101", "1102_取組部署"]),
            Some("1101,1102_取組部署"),
        );
        assert_eq!(found, [Some("1101".into()), Some("1102_取組部署".into())]);
        // Printed under earlier words, the meta list lost: found by the code.
        let found = located_sheets(&today, &names(&["1101", "1102_協力課"]), None);
        assert_eq!(found, [Some("1101".into()), Some("1102_協力課".into())]);
        // A sheet deleted.
        let found = located_sheets(&today, &names(&["1102_関係課"]), Some("1101,1102_関係課"));
        assert_eq!(found, [None, Some("1102_関係課".into())]);
        let defaults = forms_with("");
        assert_eq!(
            form::layout_fingerprint(&defaults),
            form::layout_fingerprint(&today)
        );
    }
}
