//! Hidden rows and columns of an .xlsx sheet, read from the sheet's XML (`<row hidden="1">`,
//! `<col min max hidden="1">`): calamine reads their cells like any other and does not say
//! they are hidden. The package was checked by the zip guard when the book was opened.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// The hidden rows and column ranges of one sheet (0-based).
#[derive(Debug, Default)]
pub(super) struct Hidden {
    pub rows: BTreeSet<u32>,
    /// Inclusive column ranges.
    pub cols: Vec<(u32, u32)>,
}

impl Hidden {
    /// Whether a cell is in a hidden row or column.
    pub fn covers(&self, row: u32, col: u32) -> bool {
        self.rows.contains(&row) || self.cols.iter().any(|(a, b)| (*a..=*b).contains(&col))
    }
}

/// The hidden rows and columns of each named sheet of an .xlsx/.xlsm package; empty for any
/// other format or when a part cannot be read (the cell reader reports broken files).
pub(super) fn hidden_parts(bytes: &[u8], sheets: &[&str]) -> Vec<Hidden> {
    let empty = || sheets.iter().map(|_| Hidden::default()).collect();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return empty();
    };
    let (Some(workbook), Some(rels)) = (
        part(&mut zip, "xl/workbook.xml"),
        part(&mut zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return empty();
    };
    let ids = elements(&workbook, "sheet", &["name", "r:id"]);
    let targets = elements(&rels, "Relationship", &["Id", "Target"]);
    sheets
        .iter()
        .map(|sheet| {
            let path = ids
                .iter()
                .find(|v| v[0].as_deref() == Some(*sheet))
                .and_then(|v| v[1].clone())
                .and_then(|id| {
                    targets
                        .iter()
                        .find(|t| t[0].as_deref() == Some(id.as_str()))
                        .and_then(|t| t[1].clone())
                })
                .map(|t| match t.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{t}"),
                });
            path.and_then(|p| part(&mut zip, &p))
                .map(|xml| sheet_hidden(&xml))
                .unwrap_or_default()
        })
        .collect()
}

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut file = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    // The zip guard bounds every part; this bound keeps a lying header harmless.
    (&mut file)
        .take(crate::workbook_read::zip_guard::MAX_ENTRY_BYTES)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            // r:id is matched by its local name (the prefix may differ).
            a.key.as_ref() == name
                || name
                    .split_once(':')
                    .is_some_and(|(_, local)| a.key.local_name().as_ref() == local)
        })
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.to_string())
        })
}

/// The given attributes of every element of a name.
fn elements(xml: &[u8], tag: &str, names: &[&str]) -> Vec<Vec<Option<String>>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == tag => {
                out.push(names.iter().map(|n| attr(&e, n)).collect());
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

fn is_true(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "true"))
}

fn sheet_hidden(xml: &[u8]) -> Hidden {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut hidden = Hidden::default();
    let mut next_row: u32 = 0;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "row" => {
                    let row = attr(&e, "r")
                        .and_then(|r| r.trim().parse::<u32>().ok())
                        .map_or(next_row, |r| r.saturating_sub(1));
                    next_row = row.saturating_add(1);
                    if is_true(attr(&e, "hidden")) {
                        hidden.rows.insert(row);
                    }
                }
                "col" if is_true(attr(&e, "hidden")) => {
                    let n = |k| attr(&e, k).and_then(|v| v.trim().parse::<u32>().ok());
                    if let (Some(min), Some(max)) = (n("min"), n("max")) {
                        hidden
                            .cols
                            .push((min.saturating_sub(1), max.saturating_sub(1)));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return hidden,
            Ok(_) => {}
        }
    }
}
