//! Reading one submitted workbook: identify it by its meta sheet, check its layout by the
//! anchors of the form, and read every input cell.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::Path;

use calamine::Data;
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::cells::{Book, CellInfo};
use super::meta::{self as meta_sheet, Meta, is_encrypted_ooxml};
use super::value::{CellContext, Reading, Value, raw_text, read_input};
use super::{Diagnostic, Severity, zip_guard};
use crate::fiscal_year::FiscalYear;
use crate::form::{self, COL_LABEL, COL_TEXT, Cell, Field, InputKind, SheetForm, SheetKind, meta};
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

/// Reads a file from disk. Never panics: any failure is an error diagnostic. Only a regular
/// file (or a link to one) is opened, and only up to [`zip_guard::MAX_FILE_BYTES`].
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

/// The bytes of a regular file of bounded size; the error is the Japanese reason.
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("ファイルを読み込めません: {}", crate::text::io_reason(&e)))?;
    if !meta.is_file() {
        return Err(format!(
            "通常のファイルではない（{}）ため開きません",
            special_kind(&meta)
        ));
    }
    if meta.len() > zip_guard::MAX_FILE_BYTES {
        return Err(format!(
            "ファイルが大きすぎるため読み込みません（{}、上限 {}）。入力シートに記入し直してください",
            zip_guard::human_bytes(meta.len()),
            zip_guard::human_bytes(zip_guard::MAX_FILE_BYTES)
        ));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| format!("ファイルを読み込めません: {}", crate::text::io_reason(&e)))?;
    let mut bytes = Vec::new();
    file.take(zip_guard::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("ファイルを読み込めません: {}", crate::text::io_reason(&e)))?;
    if bytes.len() as u64 > zip_guard::MAX_FILE_BYTES {
        return Err("ファイルが大きすぎるため読み込みません".to_string());
    }
    Ok(bytes)
}

/// What a non-regular file is, in Japanese.
pub fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "フォルダ";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "名前付きパイプ";
        }
        if t.is_socket() {
            return "ソケット";
        }
        if t.is_block_device() || t.is_char_device() {
            return "デバイス";
        }
    }
    if t.is_symlink() {
        return "リンク";
    }
    "特殊なファイル"
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
    if bytes.is_empty() {
        file.refuse("ファイルが空です（0バイト）");
        return;
    }
    if is_encrypted_ooxml(bytes) {
        file.refuse("パスワードで保護（暗号化）されているため読み込めません。パスワードを解除して保存し直してください");
        return;
    }
    let ext = file
        .name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mut book = match Book::open(bytes, &ext) {
        Ok(b) => b,
        Err(reason) => {
            file.refuse(reason);
            return;
        }
    };
    let sheet_names = book.sheet_names();
    let meta = match meta_sheet::read_meta(&mut book, &sheet_names, meta::MARKER) {
        Ok(Some(meta)) => meta,
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
        return;
    }
    let Some(dept) = file.department.clone() else {
        return;
    };
    check_file_name(file, &dept, ctx);
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
        if let Some(values) = read_sheet(file, &mut book, f, ctx) {
            file.sheets.push(values);
        }
    }
    for d in &mut file.diagnostics {
        d.department.get_or_insert_with(|| dept.clone());
    }
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

/// Normalises a label for comparison: NFKC, no whitespace, no invisible characters.
fn label_key(s: &str) -> String {
    crate::text::clean(s)
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether the template writes something in a cell (labels, plan facts, units, last year's
/// values, headings): a value anywhere else is outside the form.
fn template_cell(f: &SheetForm, row: u32, col: u32) -> bool {
    if col > u32::from(form::COL_PREVIOUS) {
        return false;
    }
    if row <= 2 {
        return true;
    }
    if row == f.last_row + 2 {
        return col <= u32::from(COL_TEXT);
    }
    if row == f.input_header_row && col >= u32::from(form::COL_INPUT) {
        return true;
    }
    if let Some(input) = f.inputs.iter().find(|i| i.cell.row == row) {
        if col == u32::from(input.cell.col) {
            return true;
        }
        if input.kind != InputKind::Text
            && (col == u32::from(form::COL_UNIT) || col == u32::from(form::COL_PREVIOUS))
        {
            return true;
        }
    }
    f.labels.iter().any(|l| {
        l.row == row
            && (col == u32::from(COL_LABEL) || (col == u32::from(COL_TEXT) && l.text.is_some()))
    })
}

/// Most cells outside the form named in one warning.
const STRAY_LISTED: usize = 5;

fn read_sheet(
    file: &mut SubmittedFile,
    book: &mut Book<'_>,
    f: &SheetForm,
    ctx: &ReadContext<'_>,
) -> Option<SheetValues> {
    // The cells kept: column A and B of every label row, and the inputs.
    let mut wanted: BTreeMap<(u32, u32), CellInfo> = BTreeMap::new();
    for l in &f.labels {
        wanted.insert((l.row, u32::from(COL_LABEL)), CellInfo::default());
        wanted.insert((l.row, u32::from(COL_TEXT)), CellInfo::default());
    }
    wanted.insert((form::ROW_CODE, u32::from(COL_TEXT)), CellInfo::default());
    for i in &f.inputs {
        wanted.insert((i.cell.row, u32::from(i.cell.col)), CellInfo::default());
    }
    let mut stray: Vec<String> = Vec::new();
    let mut stray_count = 0usize;
    let outcome = book.visit(&f.sheet_name, &mut |run, cell| {
        if run.rows == 1 && run.cols == 1 {
            if let Some(slot) = wanted.get_mut(&(run.row, run.col)) {
                *slot = cell.clone();
            } else if !template_cell(f, run.row, run.col) {
                stray_count += 1;
                if stray.len() < STRAY_LISTED {
                    stray.push(a1(run.row, run.col));
                }
            }
            return ControlFlow::Continue(());
        }
        // A run of repeated cells (.ods): keep the wanted cells inside it, and name the
        // first of its cells that is outside the form.
        for (&(r, c), slot) in wanted.range_mut((run.row, 0)..) {
            if r >= run.row.saturating_add(run.rows) {
                break;
            }
            if run.contains(r, c) {
                *slot = cell.clone();
            }
        }
        let outside = (run.row..run.row.saturating_add(run.rows))
            .take(f.last_row as usize + 4)
            .flat_map(|r| {
                (run.col..run.col.saturating_add(run.cols))
                    .take(8)
                    .map(move |c| (r, c))
            })
            .find(|&(r, c)| !template_cell(f, r, c) && !wanted.contains_key(&(r, c)))
            .or_else(|| {
                let (r, c) = (run.row + run.rows - 1, run.col + run.cols - 1);
                (!template_cell(f, r, c)).then_some((r, c))
            });
        if let Some((r, c)) = outside {
            stray_count += 1;
            if stray.len() < STRAY_LISTED {
                stray.push(a1(r, c));
            }
        }
        ControlFlow::Continue(())
    });
    if let Err(reason) = outcome {
        file.diagnostics.push(Diagnostic::file(
            Severity::Error,
            &file.name,
            format!("シート「{}」を読み込めません: {reason}", f.sheet_name),
        ));
        return None;
    }
    let text_at = |row: u32, col: u16| -> String {
        wanted
            .get(&(row, u32::from(col)))
            .map(|c| raw_text(&c.data))
            .unwrap_or_default()
            .trim()
            .to_string()
    };

    // Layout check: every label where the form puts it, and the item code in B6.
    let code_cell = Cell {
        row: form::ROW_CODE,
        col: COL_TEXT,
    };
    let mut altered = Vec::new();
    let found_code = text_at(code_cell.row, code_cell.col);
    if label_key(&found_code) != label_key(&f.item_code) {
        altered.push((code_cell, f.item_code.clone(), found_code));
    }
    for l in &f.labels {
        let cell = Cell {
            row: l.row,
            col: COL_LABEL,
        };
        let found = text_at(l.row, COL_LABEL);
        if found != l.label && label_key(&found) != label_key(&l.label) {
            altered.push((cell, l.label.clone(), found));
        }
    }
    if let Some((cell, want, found)) = altered.first() {
        let found = if found.is_empty() {
            "空欄".to_string()
        } else {
            format!("「{}」", crate::text::abbreviate(found, 40))
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

    if stray_count > 0 {
        let more = if stray_count > stray.len() {
            format!(" ほか{}か所", stray_count - stray.len())
        } else {
            String::new()
        };
        file.diagnostics.push(Diagnostic::cell(
            Severity::Warning,
            &file.name,
            &f.sheet_name,
            stray[0].clone(),
            format!(
                "入力欄の外のセル（{}{more}）に値があります。集計には使いません。報告する内容は黄色の入力欄に記入してください",
                stray.join("、")
            ),
            None,
        ));
    }

    // Plan facts (locked, column B above the report block) edited after removing protection.
    for l in f
        .labels
        .iter()
        .filter(|l| l.row < f.input_header_row && l.row != form::ROW_CODE)
    {
        let Some(plan_text) = &l.text else { continue };
        let found = text_at(l.row, COL_TEXT);
        if fact_key(&found) != fact_key(plan_text) {
            let shown = |s: &str| {
                if s.trim().is_empty() {
                    "空欄".to_string()
                } else {
                    format!("「{}」", crate::text::abbreviate(s.trim(), 60))
                }
            };
            file.diagnostics.push(Diagnostic::cell(
                Severity::Warning,
                &file.name,
                &f.sheet_name,
                Cell {
                    row: l.row,
                    col: COL_TEXT,
                }
                .a1(),
                format!(
                    "計画の記載（{}）が変更されています: {}→{}。計画の内容は変更できません（集計には計画の記載を使います）。変更が必要な場合は事務局に連絡してください",
                    l.label,
                    shown(plan_text),
                    shown(&found)
                ),
                None,
            ));
        }
    }

    // Percent formats: only looked up for numbers in % indicators (a second pass in .xlsx).
    let percent_inputs: Vec<(u32, u32)> = f
        .inputs
        .iter()
        .filter(|i| {
            i.unit
                .as_deref()
                .is_some_and(|u| u.trim() == "%" || u.trim() == "％")
        })
        .map(|i| (i.cell.row, u32::from(i.cell.col)))
        .filter(|pos| {
            wanted
                .get(pos)
                .is_some_and(|c| matches!(c.data, Data::Float(_) | Data::Int(_)))
        })
        .collect();
    if !percent_inputs.is_empty()
        && let Ok(cells) = book.percent_cells(&f.sheet_name, &percent_inputs)
    {
        for pos in cells {
            if let Some(c) = wanted.get_mut(&pos) {
                c.percent = true;
            }
        }
    }

    let levels = ctx.settings.level_codes();
    let statuses = &ctx.settings.evaluation.statuses;
    let item = ctx.plan.item(&f.item_code);
    let mut out = SheetValues {
        item_code: f.item_code.clone(),
        kind: f.kind,
        values: Vec::new(),
        errors: 0,
    };
    for input in &f.inputs {
        let cell = wanted
            .get(&(input.cell.row, u32::from(input.cell.col)))
            .cloned()
            .unwrap_or_default();
        let choices: &[String] = match input.kind {
            InputKind::Evaluation => &levels,
            InputKind::Status => statuses,
            _ => &[],
        };
        let a1 = || input.cell.a1();
        let raw = || raw_text(&cell.data);
        let label = || input.label.clone();
        let mut diag = |severity: Severity, message: String, value: Option<String>| {
            file.diagnostics.push(Diagnostic::cell(
                severity,
                &file.name,
                &f.sheet_name,
                a1(),
                message,
                value,
            ));
        };
        if cell.formula_without_value {
            out.errors += 1;
            diag(
                Severity::Error,
                format!(
                    "{}: 数式の計算結果が保存されていません（数式だけで値のないセルです）。Excel で開いて保存し直すか、数式を使わず値を入力してください",
                    label()
                ),
                None,
            );
            continue;
        }
        let cx = CellContext {
            choices,
            unit: input.unit.as_deref(),
            percent_format: cell.percent,
        };
        match read_input(&cell.data, &input.kind, &cx) {
            Reading::Empty => {
                if is_required(ctx, f, input.field) {
                    out.errors += 1;
                    let note = if matches!(&cell.data, Data::String(s) if !s.is_empty()) {
                        "（見えない文字だけが入力されています）"
                    } else {
                        ""
                    };
                    diag(
                        Severity::Error,
                        format!("必須項目「{}」が入力されていません{note}", label()),
                        None,
                    );
                }
            }
            Reading::Ok(value, notes) => {
                for (severity, note) in notes {
                    diag(severity, format!("{}: {note}", label()), Some(raw()));
                }
                if let (Field::Indicator(i), Value::Number(v)) = (input.field, &value)
                    && let Some(ind) = item.and_then(|it| it.indicators.get(i))
                    && let Some(note) = implausible(*v, ind, f.kind)
                {
                    diag(
                        Severity::Warning,
                        format!("{}: {note}", label()),
                        Some(raw()),
                    );
                }
                if let Value::Text(t) = &value {
                    let missing = missing_glyphs(t);
                    if !missing.is_empty() {
                        let list: Vec<String> = missing
                            .iter()
                            .take(10)
                            .map(|c| format!("「{c}」({})", crate::text::code_point(*c)))
                            .collect();
                        diag(
                            Severity::Warning,
                            format!(
                                "{}: PDF のフォントにない文字があります: {}。PDF では 〓 などに置き換えて印刷されます（絵文字・外字は使わないでください）",
                                label(),
                                list.join("、")
                            ),
                            None,
                        );
                    }
                }
                out.values.push((input.field, input.cell, value));
            }
            Reading::Invalid(message) => {
                out.errors += 1;
                diag(
                    Severity::Error,
                    format!("{}: {message}", label()),
                    Some(raw()),
                );
            }
        }
    }
    Some(out)
}

fn a1(row: u32, col: u32) -> String {
    Cell {
        row,
        col: u16::try_from(col).unwrap_or(u16::MAX),
    }
    .a1()
}

/// Plan text compared without invisible characters, line-ending and spacing differences.
fn fact_key(s: &str) -> String {
    crate::text::clean(s)
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A warning when an indicator value is far off the scale of its baseline and target
/// (100 times larger, or a hundredth; a department's part of a summed indicator may be
/// small).
fn implausible(v: f64, ind: &crate::plan::Indicator, kind: SheetKind) -> Option<String> {
    let scale = match (ind.baseline, ind.target) {
        (Some(b), Some(t)) => b.max(t),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return None,
    };
    if scale.is_nan() || scale <= 0.0 || v <= 0.0 {
        return None;
    }
    let part = kind == SheetKind::Contribution || ind.aggregation == crate::plan::Aggregation::Sum;
    let fmt = |x: f64| crate::numbers::format_grouped(x, ind.decimals);
    let range = match (ind.baseline, ind.target) {
        (Some(b), Some(t)) => format!("基準値 {}・目標値 {}", fmt(b), fmt(t)),
        (Some(b), None) => format!("基準値 {}", fmt(b)),
        (None, Some(t)) => format!("目標値 {}", fmt(t)),
        (None, None) => String::new(),
    };
    if v >= scale * 100.0 {
        Some(format!(
            "値 {} は{range}（{}）と比べて100倍以上です。単位や桁を確認してください",
            fmt(v),
            ind.unit
        ))
    } else if !part && v <= scale / 100.0 {
        Some(format!(
            "値 {} は{range}（{}）と比べて100分の1以下です。単位や桁（% を小数で入力していないかなど）を確認してください",
            fmt(v),
            ind.unit
        ))
    } else {
        None
    }
}

/// Characters of a text the PDF font cannot show (each listed once, in order).
fn missing_glyphs(text: &str) -> Vec<char> {
    use crate::report::pdf::fonts::{self, Face};
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    let Ok(font) = fonts::font(Face::Regular) else {
        return out;
    };
    for c in text.chars() {
        if c.is_ascii() || c.is_control() || out.contains(&c) {
            continue;
        }
        if !font.has_glyph(c) {
            out.push(c);
        }
    }
    out
}

fn is_required(ctx: &ReadContext<'_>, f: &SheetForm, field: Field) -> bool {
    use crate::plan::RequiredField as R;
    let required = match (f.kind, field) {
        (SheetKind::Lead, Field::Evaluation) => R::Evaluation,
        (SheetKind::Lead, Field::ActionStatus(_)) => R::ActionStatus,
        (SheetKind::Lead, Field::WorkDone) => R::WorkDone,
        (_, Field::Indicator(_)) => R::IndicatorValues,
        (SheetKind::Lead, Field::EffectAmount) => R::EffectAmount,
        (SheetKind::Lead, Field::Issues) => R::Issues,
        (SheetKind::Lead, Field::NextSteps) => R::NextSteps,
        (SheetKind::Contribution, Field::WorkDone) => R::ContributionWork,
        // A response is asked for only where the committee gave an opinion.
        (SheetKind::Lead, Field::Response) if ctx.opinions.contains_key(&f.item_code) => {
            R::CommitteeResponse
        }
        _ => return false,
    };
    ctx.settings.is_required(required)
}
