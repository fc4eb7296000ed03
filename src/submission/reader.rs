//! Reading one submitted workbook: identify it by its meta sheet, check its layout by the
//! anchors of the form, and read every input cell.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, Sheets};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::value::{Reading, Value, raw_text, read_cell};
use super::{Diagnostic, Severity};
use crate::fiscal_year::FiscalYear;
use crate::form::{self, COL_LABEL, COL_TEXT, Cell, Field, InputKind, SheetForm, SheetKind, meta};
use crate::plan::{Plan, Settings};

/// What the reader needs to know about the plan and year, with each department's form
/// layout computed once.
pub struct ReadContext<'a> {
    pub plan: &'a Plan,
    pub settings: &'a Settings,
    pub year: FiscalYear,
    /// Department → (its sheet forms, their layout fingerprint).
    forms: BTreeMap<String, (Vec<SheetForm>, String)>,
}

impl<'a> ReadContext<'a> {
    /// Prepares reading the submissions of `year`.
    pub fn new(plan: &'a Plan, settings: &'a Settings, year: FiscalYear) -> ReadContext<'a> {
        let forms = plan
            .departments
            .iter()
            .map(|d| {
                let forms = form::department_forms(plan, d);
                let fingerprint = form::layout_fingerprint(&forms);
                (d.clone(), (forms, fingerprint))
            })
            .collect();
        ReadContext {
            plan,
            settings,
            year,
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
    pub item_code: String,
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

/// Reads a file from disk. Never panics: any failure is an error diagnostic.
pub fn read_file(path: &Path, ctx: &ReadContext<'_>) -> SubmittedFile {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&name, &bytes, ctx),
        Err(e) => {
            let mut f = empty(&name, String::new());
            f.refuse(format!("ファイルを読み込めません: {e}"));
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

/// Reads a file's bytes (`name` is used in messages).
pub fn read_bytes(name: &str, bytes: &[u8], ctx: &ReadContext<'_>) -> SubmittedFile {
    let mut file = empty(name, sha256_hex(bytes));
    // calamine is robust, but a panic on a hostile file must still become a diagnostic.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut f = file.clone();
        read_into(&mut f, bytes, ctx);
        f
    }));
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
    if bytes.is_empty() {
        file.refuse("ファイルが空です（0バイト）");
        return;
    }
    if is_encrypted_ooxml(bytes) {
        file.refuse("パスワードで保護（暗号化）されているため読み込めません。パスワードを解除して保存し直してください");
        return;
    }
    let mut workbook = match open(bytes, &file.name) {
        Some(wb) => wb,
        None => {
            file.refuse(
                "Excel ファイルとして読み込めません（壊れているか、Excel 形式ではありません）",
            );
            return;
        }
    };
    let sheet_names = workbook.sheet_names();
    let Some(meta) = read_meta(&mut workbook, &sheet_names) else {
        file.refuse(format!(
            "gyokaku の入力シートではありません（{} シートがありません）。配布した入力シートに記入してください",
            meta::SHEET
        ));
        return;
    };
    if !identify(file, &meta, ctx) {
        return;
    }
    let Some(dept) = file.department.clone() else {
        return;
    };
    let Some((forms, _)) = ctx.forms_of(&dept) else {
        return;
    };
    let expected: Vec<&str> = forms.iter().map(|f| f.sheet_name.as_str()).collect();
    for name in &sheet_names {
        let known =
            expected.contains(&name.as_str()) || name == form::GUIDE_SHEET || *name == meta.sheet;
        if !known {
            file.diagnostics.push(Diagnostic::file(
                Severity::Warning,
                &file.name,
                format!("想定外のシート「{name}」があります（このシートは読み込みません）"),
            ));
        }
    }
    for f in forms {
        if !sheet_names.contains(&f.sheet_name) {
            file.diagnostics.push(Diagnostic::file(
                Severity::Error,
                &file.name,
                format!(
                    "シート「{}」がありません（シート名を変更・削除しないでください）",
                    f.sheet_name
                ),
            ));
            continue;
        }
        match workbook.worksheet_range(&f.sheet_name) {
            Ok(range) => {
                if let Some(values) = read_sheet(file, f, &range, ctx) {
                    file.sheets.push(values);
                }
            }
            Err(e) => file.diagnostics.push(Diagnostic::file(
                Severity::Error,
                &file.name,
                format!("シート「{}」を読み込めません: {e}", f.sheet_name),
            )),
        }
    }
    for d in &mut file.diagnostics {
        d.department.get_or_insert_with(|| dept.clone());
    }
}

/// An encrypted OOXML file is an OLE compound file holding an `EncryptionInfo` stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !bytes.starts_with(&OLE) {
        return false;
    }
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn open<'a>(bytes: &'a [u8], name: &str) -> Option<Sheets<Cursor<&'a [u8]>>> {
    let cursor = Cursor::new(bytes);
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let direct = match ext.as_str() {
        "xlsx" | "xlsm" => calamine::open_workbook_from_rs(cursor.clone())
            .ok()
            .map(Sheets::Xlsx),
        "xls" => calamine::open_workbook_from_rs(cursor.clone())
            .ok()
            .map(Sheets::Xls),
        "ods" => calamine::open_workbook_from_rs(cursor.clone())
            .ok()
            .map(Sheets::Ods),
        "xlsb" => calamine::open_workbook_from_rs(cursor.clone())
            .ok()
            .map(Sheets::Xlsb),
        _ => None,
    };
    direct.or_else(|| calamine::open_workbook_auto_from_rs(cursor).ok())
}

/// The key/value rows of the meta sheet.
struct Meta {
    sheet: String,
    values: BTreeMap<String, String>,
}

/// Finds the meta sheet by name, or else by its marker in A1 (LibreOffice may rename nothing,
/// but may change visibility, so visibility is never relied on).
fn read_meta(wb: &mut Sheets<Cursor<&[u8]>>, names: &[String]) -> Option<Meta> {
    let mut candidates: Vec<&String> = names.iter().filter(|n| *n == meta::SHEET).collect();
    candidates.extend(names.iter().filter(|n| *n != meta::SHEET));
    for name in candidates {
        let Ok(range) = wb.worksheet_range(name) else {
            continue;
        };
        if cell_text(&range, Cell { row: 0, col: 0 }) != meta::MARKER {
            continue;
        }
        let mut values = BTreeMap::new();
        for row in 0..16 {
            let key = cell_text(&range, Cell { row, col: 0 });
            if !key.is_empty() {
                values.insert(key, cell_text(&range, Cell { row, col: 1 }));
            }
        }
        return Some(Meta {
            sheet: name.clone(),
            values,
        });
    }
    None
}

/// Checks the meta values against the plan and year; false when the file cannot be used.
fn identify(file: &mut SubmittedFile, meta: &Meta, ctx: &ReadContext<'_>) -> bool {
    let get = |k: &str| meta.values.get(k).cloned().unwrap_or_default();
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
            get(meta::PLAN_TITLE),
            ctx.plan.title
        ));
        return false;
    }
    let dept: String = get(meta::DEPARTMENT)
        .nfkc()
        .collect::<String>()
        .trim()
        .to_string();
    file.department = (!dept.is_empty()).then(|| dept.clone());
    let year = get(meta::FISCAL_YEAR)
        .trim()
        .parse::<f64>()
        .ok()
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
        file.refuse(format!("部署「{dept}」は計画の部署一覧にありません"));
        return false;
    }
    let Some((forms, fingerprint)) = ctx.forms_of(&dept) else {
        return false;
    };
    if forms.is_empty() {
        file.refuse(format!(
            "部署「{dept}」が担当・取組する取組項目は計画にありません"
        ));
        return false;
    }
    if get(meta::LAYOUT) != *fingerprint {
        file.refuse(
            "計画の版が異なる入力シートです（取組項目・指標の構成が現在の計画と違います）。今年度配布した入力シートに記入してください",
        );
        return false;
    }
    true
}

/// Text of a cell, trimmed ("" when empty or absent).
fn cell_text(range: &Range<Data>, cell: Cell) -> String {
    range
        .get_value((cell.row, u32::from(cell.col)))
        .map(raw_text)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Normalises a label for comparison: NFKC, no whitespace.
fn label_key(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn read_sheet(
    file: &mut SubmittedFile,
    f: &SheetForm,
    range: &Range<Data>,
    ctx: &ReadContext<'_>,
) -> Option<SheetValues> {
    // Layout check: every label where the form puts it, and the item code in B6.
    let code_cell = Cell {
        row: form::ROW_CODE,
        col: COL_TEXT,
    };
    let mut altered = Vec::new();
    let found_code = cell_text(range, code_cell);
    if label_key(&found_code) != f.item_code {
        altered.push((code_cell, f.item_code.clone(), found_code));
    }
    for l in &f.labels {
        let cell = Cell {
            row: l.row,
            col: COL_LABEL,
        };
        let found = cell_text(range, cell);
        if found != l.label && label_key(&found) != label_key(&l.label) {
            altered.push((cell, l.label.clone(), found));
        }
    }
    if let Some((cell, want, found)) = altered.first() {
        let found = if found.is_empty() {
            "空欄".to_string()
        } else {
            format!("「{found}」")
        };
        file.diagnostics.push(Diagnostic::cell(
            Severity::Error,
            &file.name,
            &f.sheet_name,
            cell.a1(),
            format!(
                "シートのレイアウトが変更されています（{} には「{want}」があるはずですが{found}です）。行・列の挿入や削除をせず、配布した入力シートに記入し直してください。このシートは読み込みません",
                cell.a1()
            ),
            None,
        ));
        return None;
    }

    let levels = ctx.settings.level_codes();
    let statuses = &ctx.settings.evaluation.statuses;
    let mut out = SheetValues {
        item_code: f.item_code.clone(),
        kind: f.kind,
        values: Vec::new(),
        errors: 0,
    };
    for input in &f.inputs {
        let data = range
            .get_value((input.cell.row, u32::from(input.cell.col)))
            .cloned()
            .unwrap_or(Data::Empty);
        let choices: &[String] = match input.kind {
            InputKind::Evaluation => &levels,
            InputKind::Status => statuses,
            _ => &[],
        };
        let a1 = || input.cell.a1();
        let raw = || raw_text(&data);
        let label = || input.field.label();
        match read_cell(&data, &input.kind, choices) {
            Reading::Empty => {
                if is_required(ctx.settings, f.kind, input.field) {
                    out.errors += 1;
                    file.diagnostics.push(Diagnostic::cell(
                        Severity::Error,
                        &file.name,
                        &f.sheet_name,
                        a1(),
                        format!("必須項目「{}」が入力されていません", label()),
                        None,
                    ));
                }
            }
            Reading::Ok(value, notes) => {
                for (severity, note) in notes {
                    file.diagnostics.push(Diagnostic::cell(
                        severity,
                        &file.name,
                        &f.sheet_name,
                        a1(),
                        format!("{}: {note}", label()),
                        Some(raw()),
                    ));
                }
                out.values.push((input.field, input.cell, value));
            }
            Reading::Invalid(message) => {
                out.errors += 1;
                file.diagnostics.push(Diagnostic::cell(
                    Severity::Error,
                    &file.name,
                    &f.sheet_name,
                    a1(),
                    format!("{}: {message}", label()),
                    Some(raw()),
                ));
            }
        }
    }
    Some(out)
}

fn is_required(settings: &Settings, kind: SheetKind, field: Field) -> bool {
    use crate::plan::RequiredField as R;
    let required = match (kind, field) {
        (SheetKind::Lead, Field::Evaluation) => R::Evaluation,
        (SheetKind::Lead, Field::ActionStatus(_)) => R::ActionStatus,
        (SheetKind::Lead, Field::WorkDone) => R::WorkDone,
        (_, Field::Indicator(_)) => R::IndicatorValues,
        (SheetKind::Lead, Field::EffectAmount) => R::EffectAmount,
        (SheetKind::Lead, Field::Issues) => R::Issues,
        (SheetKind::Lead, Field::NextSteps) => R::NextSteps,
        (SheetKind::Contribution, Field::WorkDone) => R::ContributionWork,
        _ => return false,
    };
    settings.is_required(required)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encrypted_ooxml() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        assert!(!is_encrypted_ooxml(&bytes));
        bytes.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_encrypted_ooxml(&bytes));
    }
}
