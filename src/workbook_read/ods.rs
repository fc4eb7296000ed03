//! The .ods reader: content.xml streamed with quick-xml, repeated cells kept as runs
//! (calamine expands `number-columns-repeated` / `number-rows-repeated` into a dense grid).

use std::io::Cursor;

use calamine::{CellErrorType, Data};
use quick_xml::events::{BytesStart, Event};

use super::{CellInfo, Reason, Run, missing_part, with_detail};

/// The cells of an .ods workbook, read from content.xml as runs of repeated cells.
pub struct OdsBook {
    sheets: Vec<OdsSheet>,
}

struct OdsSheet {
    name: String,
    cells: Vec<(Run, CellInfo)>,
}

/// Most rows and columns of a sheet (Excel's and LibreOffice's limits).
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLS: u64 = 16_384;
/// Longest text kept from one cell (anything longer is refused by the checks anyway).
const MAX_CELL_TEXT: usize = 100_000;

impl OdsBook {
    /// Sheet names in workbook order.
    pub(super) fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// The non-blank cells of a sheet as runs, in file order.
    pub(super) fn cells(&self, sheet: &str) -> Option<&[(Run, CellInfo)]> {
        self.sheets
            .iter()
            .find(|s| s.name == sheet)
            .map(|s| s.cells.as_slice())
    }

    /// Reads the cells of every sheet from the workbook's bytes.
    pub(super) fn read(bytes: &[u8]) -> Result<OdsBook, Reason> {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| with_detail("ファイルが壊れているため読み込めません", e))?;
        if let Ok(mut manifest) = zip.by_name("META-INF/manifest.xml") {
            let mut text = Vec::new();
            let _ = manifest.read_to_end(&mut text);
            if text
                .windows(b"encryption-data".len())
                .any(|w| w == b"encryption-data")
            {
                return Err("パスワードで保護（暗号化）されているため読み込めません。パスワードを解除して保存し直してください".into());
            }
        }
        let mut content = Vec::new();
        zip.by_name("content.xml")
            .map_err(|_| missing_part("content.xml"))?
            .read_to_end(&mut content)
            .map_err(|e| with_detail("ファイルが壊れているため読み込めません", e))?;
        parse_ods_content(&content).map_err(|e| {
            with_detail(
                "ファイルが壊れているため読み込めません（content.xml が壊れています）",
                e,
            )
        })
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.to_string())
        })
}

fn repeat(e: &BytesStart<'_>, name: &str, max: u64) -> u32 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, max) as u32
}

fn parse_ods_content(xml: &[u8]) -> Result<OdsBook, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut sheets: Vec<OdsSheet> = Vec::new();
    let mut in_table = false;
    let mut row: u64 = 0;
    let mut row_repeat: u32 = 1;
    let mut col: u64 = 0;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf)?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.to_owned()), false),
            Event::Empty(e) => (Some(e.to_owned()), true),
            Event::End(e) => {
                match e.name().as_ref() {
                    "table:table" => in_table = false,
                    "table:table-row" if in_table => {
                        row = (row + u64::from(row_repeat)).min(MAX_ROWS);
                        col = 0;
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(e) = start else { continue };
        match e.name().as_ref() {
            "table:table" if !in_table => {
                if let Some(name) = attr(&e, "table:name") {
                    sheets.push(OdsSheet {
                        name,
                        cells: Vec::new(),
                    });
                    in_table = !empty;
                    row = 0;
                    col = 0;
                }
            }
            "table:table-row" if in_table => {
                row_repeat = repeat(&e, "table:number-rows-repeated", MAX_ROWS);
                col = 0;
                if empty {
                    row = (row + u64::from(row_repeat)).min(MAX_ROWS);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if in_table => {
                let cols = repeat(&e, "table:number-columns-repeated", MAX_COLS);
                let cell = ods_cell(&mut reader, &e, empty)?;
                if !cell.is_blank() && row < MAX_ROWS && col < MAX_COLS {
                    let run = Run {
                        row: row as u32,
                        col: col as u32,
                        rows: row_repeat.min((MAX_ROWS - row) as u32),
                        cols: cols.min((MAX_COLS - col) as u32),
                    };
                    if let Some(sheet) = sheets.last_mut() {
                        sheet.cells.push((run, cell));
                    }
                }
                col = (col + u64::from(cols)).min(MAX_COLS);
            }
            _ => {}
        }
    }
    Ok(OdsBook { sheets })
}

/// Reads one table cell (its attributes and, for text, its paragraphs) up to its end tag.
fn ods_cell(
    reader: &mut quick_xml::Reader<&[u8]>,
    e: &BytesStart<'_>,
    empty: bool,
) -> Result<CellInfo, quick_xml::Error> {
    let value_type = attr(e, "office:value-type").unwrap_or_default();
    let formula = attr(e, "table:formula").is_some();
    let is_error = attr(e, "calcext:value-type").is_some_and(|t| t == "error");
    let number = || {
        attr(e, "office:value")
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map_or(Data::Empty, Data::Float)
    };
    let mut data = match value_type.as_str() {
        "float" | "currency" | "percentage" => number(),
        "date" => attr(e, "office:date-value").map_or(Data::Empty, Data::DateTimeIso),
        "time" => attr(e, "office:time-value").map_or(Data::Empty, Data::DurationIso),
        "boolean" => attr(e, "office:boolean-value")
            .map_or(Data::Empty, |v| Data::Bool(v == "true" || v == "TRUE")),
        "string" => attr(e, "office:string-value").map_or(Data::Empty, Data::String),
        _ => Data::Empty,
    };
    let text = if empty {
        String::new()
    } else {
        ods_text(reader)?
    };
    if is_error {
        data = Data::Error(text.trim().parse().unwrap_or(CellErrorType::Value));
    } else if value_type == "string" && matches!(data, Data::Empty) {
        data = Data::String(text);
    }
    Ok(CellInfo {
        formula_without_value: formula && value_type.is_empty(),
        percent: value_type == "percentage",
        data,
    })
}

/// The text of a cell up to its end tag: paragraphs joined with line breaks; annotations
/// (comments) skipped; `text:s` spaces and the whole text capped.
fn ods_text(reader: &mut quick_xml::Reader<&[u8]>) -> Result<String, quick_xml::Error> {
    let mut text = CellText::default();
    let mut depth = 0usize;
    let mut annotation = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    "office:annotation" => annotation += 1,
                    "text:p" | "text:h" if annotation == 0 => text.paragraph(),
                    "text:s" if annotation == 0 => text.spaces(&e),
                    _ => {}
                }
            }
            Event::Empty(e) if annotation == 0 => match e.name().as_ref() {
                "text:s" => text.spaces(&e),
                "text:tab" => text.push("\t"),
                "text:line-break" => text.push("\n"),
                "text:p" | "text:h" => text.paragraph(),
                _ => {}
            },
            Event::Text(t) if annotation == 0 => {
                text.push(&t.xml10_content());
            }
            Event::GeneralRef(r) if annotation == 0 => {
                let name = r.xml10_content();
                if let Some(entity) = quick_xml::escape::resolve_xml_entity(&name) {
                    text.push(entity);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => {
                if depth == 0 {
                    // The cell's own end tag.
                    return Ok(text.s);
                }
                depth -= 1;
                if e.name().as_ref() == "office:annotation" {
                    annotation = annotation.saturating_sub(1);
                }
            }
            Event::Eof => return Ok(text.s),
            _ => {}
        }
    }
}

/// The text of a cell as it is read, capped at [`MAX_CELL_TEXT`] bytes.
#[derive(Default)]
struct CellText {
    s: String,
    /// Paragraphs started so far (each after the first begins a new line).
    paragraphs: usize,
}

impl CellText {
    /// Appends text, cut at a character boundary where the cap is reached.
    fn push(&mut self, text: &str) {
        if self.s.len() < MAX_CELL_TEXT {
            let room = MAX_CELL_TEXT - self.s.len();
            let mut end = text.len().min(room);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            self.s.push_str(&text[..end]);
        }
    }

    /// Starts a paragraph (`text:p`, `text:h`).
    fn paragraph(&mut self) {
        if self.paragraphs > 0 {
            self.push("\n");
        }
        self.paragraphs += 1;
    }

    /// Appends the spaces of a `text:s` element (`text:c` of them).
    fn spaces(&mut self, e: &BytesStart<'_>) {
        let n = repeat(e, "text:c", 10_000) as usize;
        let spaces = " ".repeat(n.min(MAX_CELL_TEXT.saturating_sub(self.s.len())));
        self.push(&spaces);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ods(body: &str) -> OdsBook {
        let xml = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
        );
        parse_ods_content(xml.as_bytes()).unwrap()
    }

    #[test]
    fn ods_runs_are_not_expanded() {
        let book = ods(concat!(
            r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p><text:p>c</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="percentage" office:value="0.988"/></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="7"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:formula="of:=1+1"/></table:table-row></table:table>"#,
        ));
        let cells = &book.sheets[0].cells;
        assert_eq!(cells.len(), 4, "{cells:?}");
        assert_eq!(cells[0].1.data, Data::String("a  b\nc".into()));
        assert!(cells[1].1.percent);
        assert_eq!(cells[1].0, Run::one(0, 1));
        assert_eq!(cells[2].0, Run::one(1_048_571, 16_383));
        assert!(cells[3].1.formula_without_value);
    }

    #[test]
    fn ods_repeated_values_are_one_run() {
        let book = ods(
            r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
        );
        let cells = &book.sheets[0].cells;
        assert_eq!(cells.len(), 1);
        assert_eq!(cells[0].0.rows, 1_000_000);
        assert_eq!(cells[0].0.cols, 16_384);
        assert!(cells[0].0.contains(999_999, 16_383));
        assert!(!cells[0].0.contains(1_000_000, 0));
    }
}
