//! Limits checked before an .xls (BIFF in an OLE compound file) is opened.
//!
//! calamine reads every sheet of an .xls when opening it and keeps each as a dense grid from
//! its first to its last cell (and reserves what the sheet's DIMENSIONS record claims), so a
//! stray value in a far cell would cost gigabytes. This module finds the Workbook stream with a
//! small compound-file reader and walks the BIFF records the way calamine does, adding up the
//! grid sizes; a file over the limit is refused before calamine sees it.

/// Most grid cells calamine may build for all sheets together (about 56 bytes each: value
/// and formula text). A form sheet is about 60 × 5 cells.
pub const MAX_GRID_CELLS: u64 = 1_000_000;
/// Most sheets in an .xls.
const MAX_SHEETS: usize = 1_000;

const NO_SECTOR: u32 = 0xFFFF_FFFE; // end of chain
const FREE: u32 = 0xFFFF_FFFF;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A compound file's sectors and allocation table.
struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn new(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        let shift = u32::from(u16_at(bytes, 0x1E)?);
        if shift != 9 && shift != 12 {
            return None;
        }
        let sector_size = 1usize << shift;
        let sectors = bytes.len() / sector_size + 1;
        let mut cfb = Cfb {
            bytes,
            shift,
            fat: Vec::new(),
        };
        // FAT sector ids: 109 in the header, then chained DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|s| *s < NO_SECTOR)
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let mut steps = 0;
        while difat < NO_SECTOR && steps < sectors {
            let sector = cfb.sector(difat)?;
            let per = sector_size / 4 - 1;
            fat_sectors.extend(
                (0..per)
                    .filter_map(|i| u32_at(sector, 4 * i))
                    .filter(|s| *s < NO_SECTOR),
            );
            difat = u32_at(sector, 4 * per)?;
            steps += 1;
        }
        fat_sectors.truncate(sectors);
        for s in fat_sectors {
            let Some(sector) = cfb.sector(s) else {
                continue;
            };
            let ids: Vec<u32> = (0..sector_size / 4)
                .filter_map(|i| u32_at(sector, 4 * i))
                .collect();
            cfb.fat.extend(ids);
        }
        Some(cfb)
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The bytes of a chain of sectors (cycles and bad ids end the chain).
    fn chain(&self, first: u32, limit: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut id = first;
        let mut steps = 0;
        while id < NO_SECTOR && id != FREE && out.len() < limit && steps <= self.fat.len() {
            let Some(sector) = self.sector(id) else { break };
            out.extend_from_slice(sector);
            id = self.fat.get(id as usize).copied().unwrap_or(NO_SECTOR);
            steps += 1;
        }
        out.truncate(limit);
        out
    }

    /// The Workbook (or Book) stream.
    fn workbook_stream(&self) -> Option<Vec<u8>> {
        let dir = self.chain(u32_at(self.bytes, 0x30)?, self.bytes.len());
        let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
        let name = |e: &[u8]| -> String {
            let len = usize::from(u16_at(e, 0x40).unwrap_or(0)).min(64);
            let units: Vec<u16> = (0..len / 2)
                .filter_map(|i| u16_at(e, 2 * i))
                .take_while(|u| *u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        };
        let root = entries.first()?;
        let entry = entries
            .iter()
            .find(|e| e.get(0x42) == Some(&2) && matches!(name(e).as_str(), "Workbook" | "Book"))?;
        let start = u32_at(entry, 0x74)?;
        let size = (u32_at(entry, 0x78)? as usize).min(self.bytes.len());
        let cutoff = u32_at(self.bytes, 0x38).unwrap_or(4096) as usize;
        if size >= cutoff {
            return Some(self.chain(start, size));
        }
        // A small stream lives in the mini stream (64-byte sectors).
        let mini_stream = self.chain(u32_at(root, 0x74)?, self.bytes.len());
        let mini_fat_bytes = self.chain(u32_at(self.bytes, 0x3C)?, self.bytes.len());
        let mini_fat: Vec<u32> = mini_fat_bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id < NO_SECTOR && out.len() < size && steps <= mini_fat.len() {
            let at = id as usize * 64;
            let Some(chunk) = mini_stream.get(at..at + 64) else {
                break;
            };
            out.extend_from_slice(chunk);
            id = mini_fat.get(id as usize).copied().unwrap_or(NO_SECTOR);
            steps += 1;
        }
        out.truncate(size);
        Some(out)
    }
}

/// BIFF records: (type, data) with CONTINUE records left as their own records.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let len = usize::from(u16_at(rest, 2)?);
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// Bounding box of the cells calamine keeps for one sheet, plus what DIMENSIONS reserves.
#[derive(Default)]
struct Extent {
    cells: Option<(u32, u32, u32, u32)>,
    reserved: u64,
    far: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let b = self.cells.get_or_insert((row, row, col, col));
        *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(col));
        if self.far.is_none_or(|(r, c)| (row, col) > (r, c)) {
            self.far = Some((row, col));
        }
    }

    fn grid(&self) -> u64 {
        self.cells.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

fn sheet_extent(stream: &[u8]) -> Extent {
    let mut extent = Extent::default();
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (typ, data) in records(stream) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let rc = || Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                let (rf, rl, cf, cl) = match data.len() {
                    10 => (
                        u32::from(u16_at(data, 0).unwrap_or(0)),
                        u32::from(u16_at(data, 2).unwrap_or(0)),
                        u32::from(u16_at(data, 4).unwrap_or(0)),
                        u32::from(u16_at(data, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u32_at(data, 0).unwrap_or(0),
                        u32_at(data, 4).unwrap_or(0),
                        u32::from(u16_at(data, 8).unwrap_or(0)),
                        u32::from(u16_at(data, 10).unwrap_or(0)),
                    ),
                    _ => continue,
                };
                // As calamine computes it (u32 arithmetic that wraps in release builds).
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                let (er, ec) = if rl >= 1 && cl >= 1 {
                    (rl - 1, cl - 1)
                } else {
                    (rf, cf)
                };
                let rows = u64::from(er.wrapping_sub(rf).wrapping_add(1));
                let cols = u64::from(ec.wrapping_sub(cf).wrapping_add(1));
                extent.reserved = extent.reserved.saturating_add(rows.saturating_mul(cols));
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let Some((r, c)) = rc() {
                    extent.add(r, c);
                }
            }
            0x00BD => {
                if let (Some((r, first)), Some(last)) = (
                    rc(),
                    data.len().checked_sub(2).and_then(|at| u16_at(data, at)),
                ) {
                    extent.add(r, first);
                    extent.add(r, u32::from(last).max(first));
                }
            }
            _ => {}
        }
    }
    extent
}

/// Checks an .xls file; the error is the Japanese reason.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let Some(stream) = Cfb::new(bytes).and_then(|c| c.workbook_stream()) else {
        // calamine reports the real reason (not an OLE file, no Workbook stream).
        return Ok(());
    };
    // Sheet positions from the BOUNDSHEET records of the globals substream.
    let mut positions = Vec::new();
    for (typ, data) in records(&stream) {
        match typ {
            0x0085 => positions.push(u32_at(data, 0).unwrap_or(0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    if positions.len() > MAX_SHEETS {
        return Err(format!(
            "シートが多すぎるため読み込みません（{}枚）。入力シートに記入し直してください",
            positions.len()
        ));
    }
    let mut total = 0u64;
    for pos in positions {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        let extent = sheet_extent(sheet);
        total = total
            .saturating_add(extent.grid())
            .saturating_add(extent.reserved);
        if total > MAX_GRID_CELLS {
            let far = extent.far.map_or_else(String::new, |(r, c)| {
                format!(
                    "（セル {}{} など）",
                    crate::xlsx::column_letters(c.min(16_383)),
                    u64::from(r) + 1
                )
            });
            return Err(format!(
                "入力シートの範囲から遠く離れたセルに値があるため、.xls 形式では読み込めません{far}。不要な値を削除するか、「Excel ブック（.xlsx）」として保存し直してください"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn far_cells_make_a_large_grid() {
        let mut s = record(0x0809, &[0; 16]);
        s.extend(number(0, 0));
        s.extend(number(65_535, 255));
        s.extend(record(0x000A, &[]));
        let e = sheet_extent(&s);
        assert_eq!(e.grid(), 65_536 * 256);
        assert_eq!(e.far, Some((65_535, 255)));
        let mut s = record(0x0809, &[0; 16]);
        s.extend(number(3, 1));
        s.extend(number(40, 4));
        s.extend(record(0x000A, &[]));
        assert_eq!(sheet_extent(&s).grid(), 38 * 4);
    }

    #[test]
    fn garbage_is_left_to_calamine() {
        assert_eq!(check(b"not an ole file"), Ok(()));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(4096, 0xFF);
        assert_eq!(check(&ole), Ok(()));
    }
}
