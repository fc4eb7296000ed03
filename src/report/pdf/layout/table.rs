//! Tables: columns and cells, rows that move to the next page when they do not fit, rows
//! taller than a page split, the header repeated on every page a table continues on.

use super::{
    Align, Attr, BLACK, CELL_PAD, Doc, Face, HEAD_FILL, LABEL_FILL, MARGIN_BOTTOM, MARGIN_TOP,
    MARGIN_X, PAGE_H, RULE, Rgb8, Style, Target,
};

/// A table column: width in points and alignment of its body cells.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// Width in points.
    pub width: f32,
    /// Alignment of the body cells.
    pub align: Align,
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// The text (wrapped to the column).
    pub text: String,
    /// Bold face.
    pub bold: bool,
    /// Background fill.
    pub fill: Option<Rgb8>,
    /// Text colour other than black.
    pub color: Option<Rgb8>,
}

impl Cell {
    /// A plain cell.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A bold cell.
    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: true,
            ..Cell::default()
        }
    }

    /// With a background.
    pub fn filled(mut self, fill: Rgb8) -> Cell {
        self.fill = Some(fill);
        self
    }

    /// The style of the cell's text at `size` (bold when the cell or its whole row is).
    fn style(&self, size: f32, bold_row: bool) -> Style {
        Style {
            face: if self.bold || bold_row {
                Face::Bold
            } else {
                Face::Regular
            },
            size,
            color: self.color.unwrap_or(BLACK),
        }
    }

    /// With a text colour.
    pub fn colored(mut self, color: Rgb8) -> Cell {
        self.color = Some(color);
        self
    }
}

impl Doc {
    /// A table at the cursor. Rows move to the next page when they do not fit; a row taller
    /// than a page is split; the header row is repeated on every page the table continues on.
    pub fn table(&mut self, cols: &[Col], header: &[Cell], rows: &[Vec<Cell>], size: f32) {
        self.rows_keeping(cols, Some(header), rows, size, 0.0);
    }

    /// A table without a header row (rows still move and split across pages).
    pub fn table_without_header(&mut self, cols: &[Col], rows: &[Vec<Cell>], size: f32) {
        self.rows_keeping(cols, None, rows, size, 0.0);
    }

    /// A two-column block of label and value, the label column shaded (個票 style).
    pub fn key_values(&mut self, rows: &[(String, String)], label_width: f32) {
        let cols = [
            Col {
                width: label_width,
                align: Align::Left,
            },
            Col {
                width: self.body_width() - label_width,
                align: Align::Left,
            },
        ];
        let body: Vec<Vec<Cell>> = rows
            .iter()
            .map(|(k, v)| {
                vec![
                    Cell::bold(k.clone()).filled(LABEL_FILL),
                    Cell::new(v.clone()),
                ]
            })
            .collect();
        self.table_without_header(&cols, &body, 9.5);
    }

    fn cell_lines(
        &self,
        cells: &[Cell],
        cols: &[Col],
        size: f32,
        bold_all: bool,
    ) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(cols)
            .map(|(c, col)| self.wrap(&c.text, c.style(size, bold_all), col.width - 2.0 * CELL_PAD))
            .collect()
    }

    /// Draws `count` lines (from line `from`) of a row at the cursor, each cell's text
    /// marked for its element in `tags` (none: an artifact, such as a repeated header).
    #[allow(clippy::too_many_arguments)]
    fn draw_row(
        &mut self,
        cols: &[Col],
        cells: &[Cell],
        lines: &[Vec<String>],
        span: std::ops::Range<usize>,
        size: f32,
        is_header: bool,
        tags: &[Option<usize>],
    ) {
        let line_h = size * 1.45;
        self.set_target(Target::Artifact);
        let (from, count) = (span.start, span.len());
        let h = count as f32 * line_h + 2.0 * CELL_PAD;
        let top = self.y;
        // Fills first, then all text in one text section, then the borders.
        let mut x = MARGIN_X;
        for (cell, col) in cells.iter().zip(cols) {
            let fill = if is_header {
                Some(HEAD_FILL)
            } else {
                cell.fill
            };
            if let Some(fill) = fill {
                self.fill_rect(x, top, col.width, h, fill);
            }
            x += col.width;
        }
        let mut x = MARGIN_X;
        for (k, ((cell, col), cell_lines)) in cells.iter().zip(cols).zip(lines).enumerate() {
            self.set_target(match tags.get(k).copied().flatten() {
                Some(id) => Target::Elem(id),
                None => Target::Artifact,
            });
            let style = cell.style(size, is_header);
            let align = if is_header { Align::Center } else { col.align };
            for (k, line) in cell_lines.iter().skip(from).take(count).enumerate() {
                let y = top + CELL_PAD + k as f32 * line_h + (line_h - size) / 2.0;
                self.text_in(
                    x + CELL_PAD,
                    y,
                    col.width - 2.0 * CELL_PAD,
                    line,
                    style,
                    align,
                );
            }
            x += col.width;
        }
        self.set_target(Target::Artifact);
        let mut x = MARGIN_X;
        for col in cols {
            self.stroke_rect(x, top, col.width, h, 0.5, RULE);
            x += col.width;
        }
        self.y += h;
    }

    /// A table followed by `after` points of content (its notes) that must stay on the
    /// page of its last rows.
    pub fn table_keeping(
        &mut self,
        cols: &[Col],
        header: &[Cell],
        rows: &[Vec<Cell>],
        size: f32,
        after: f32,
    ) {
        self.rows_keeping(cols, Some(header), rows, size, after);
    }

    /// Lays rows out: a row moves to the next page when it does not fit, a row taller than
    /// the room splits (at least two lines on each side), the last two rows stay together
    /// with the `after` points that follow the table, and the first row stays with the
    /// header (and with the heading before the table).
    fn rows_keeping(
        &mut self,
        cols: &[Col],
        header: Option<&[Cell]>,
        rows: &[Vec<Cell>],
        size: f32,
        after: f32,
    ) {
        let line_h = size * 1.45;
        let header = header.map(|h| {
            let lines = self.cell_lines(h, cols, size, true);
            let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
            (h, lines, n)
        });
        let header_h = header
            .as_ref()
            .map_or(0.0, |(_, _, n)| *n as f32 * line_h + 2.0 * CELL_PAD);
        // The header's cells are tagged the first time; repeated on later pages, it is an
        // artifact.
        let draw_header = |doc: &mut Doc, tags: &[Option<usize>]| {
            if let Some((cells, lines, n)) = &header {
                doc.draw_row(cols, cells, lines, 0..*n, size, true, tags);
            }
        };
        let page_room = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - header_h - 20.0;
        let laid: Vec<(Vec<Vec<String>>, usize)> = rows
            .iter()
            .map(|row| {
                let lines = self.cell_lines(row, cols, size, false);
                let total = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
                (lines, total)
            })
            .collect();
        let height = |lines: usize| lines as f32 * line_h + 2.0 * CELL_PAD;
        let n = laid.len();
        // What must fit with row i when it begins a page or follows another row.
        let keep = |i: usize| -> f32 {
            let own = height(laid[i].1);
            let want = if n >= 2 && i == n - 2 {
                own + height(laid[n - 1].1) + after
            } else if i + 1 == n {
                own + after
            } else {
                own
            };
            if want <= page_room {
                want
            } else if own <= page_room {
                own
            } else {
                height(2)
            }
        };
        let first = if n == 0 { height(1) } else { keep(0) };
        self.ensure(header_h + first);
        self.begin_tag("Table");
        let header_tags: Vec<Option<usize>> = match &header {
            Some((cells, _, _)) => {
                self.begin_tag("TR");
                let tags = cells
                    .iter()
                    .map(|_| {
                        let th = self.child_tag("TH");
                        self.set_attr(th, Attr::ColumnHeader);
                        th
                    })
                    .collect();
                self.end_tag();
                tags
            }
            None => Vec::new(),
        };
        draw_header(self, &header_tags);
        let mut on_page = 0;
        for (i, (row, (lines, total))) in rows.iter().zip(&laid).enumerate() {
            let total = *total;
            if on_page > 0 && keep(i) > self.remaining() {
                self.new_page();
                draw_header(self, &[]);
                on_page = 0;
            }
            self.begin_tag("TR");
            // Without a header row the first column labels each row (key–value blocks).
            let cell_tags: Vec<Option<usize>> = (0..row.len())
                .map(|k| {
                    if header.is_none() && k == 0 {
                        let th = self.child_tag("TH");
                        self.set_attr(th, Attr::RowHeader);
                        th
                    } else {
                        self.child_tag("TD")
                    }
                })
                .collect();
            let mut done = 0;
            while done < total {
                let fit = ((self.remaining() - 2.0 * CELL_PAD) / line_h)
                    .floor()
                    .max(0.0) as usize;
                let rest = total - done;
                let fits_on_new_page = height(rest) <= page_room;
                if fit == 0
                    || (fit < rest && fits_on_new_page && done == 0 && on_page > 0)
                    || (fit < rest && fit < 2 && done == 0 && on_page > 0)
                {
                    self.new_page();
                    draw_header(self, &[]);
                    on_page = 0;
                    continue;
                }
                // A split leaves at least two lines for the next page.
                let count = if fit >= rest {
                    rest
                } else if rest - fit < 2 && fit > 2 {
                    fit - 1
                } else {
                    fit
                };
                self.draw_row(
                    cols,
                    row,
                    lines,
                    done..done + count,
                    size,
                    false,
                    &cell_tags,
                );
                on_page += 1;
                done += count;
                if done < total {
                    self.new_page();
                    draw_header(self, &[]);
                    on_page = 0;
                }
            }
            self.end_tag();
        }
        self.end_tag();
    }
}
