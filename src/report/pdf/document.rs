//! The committee document (行財政改革推進委員会資料): cover, contents, summary, item list,
//! one section per item and the effect amounts, laid out twice so the contents carry the
//! real page numbers.

use super::chart;
use super::fonts::FontError;
use super::layout::{
    ACCENT, ALERT, Align, Cell, Col, Doc, GREY_TEXT, LABEL_FILL, MARGIN_X, PAGE_W, Style, TocEntry,
};
use crate::fiscal_year::{FiscalYear, era_date};
use crate::form::circled;
use crate::merge::{ItemState, ItemYear, YearProgress};
use crate::numbers::format_grouped;
use crate::plan::{Item, date_parts};
use crate::report::figures::{self, Rate, SummaryKind};

/// Text for values the plan leaves open.
const UNSET: &str = "未設定";

/// Everything the document is made from.
pub type PdfInput<'a> = crate::report::ReportInput<'a>;

/// The file name of the document for a year.
pub fn file_name(year: FiscalYear) -> String {
    format!("行財政改革推進委員会資料_{}.pdf", year.era_label())
}

/// Lays the document out (twice, for the contents' page numbers) and returns the PDF bytes.
pub fn committee_pdf(input: &PdfInput<'_>) -> Result<Vec<u8>, FontError> {
    let first = render(input, None)?;
    let toc = first.toc.clone();
    let second = render(input, Some(&toc))?;
    Ok(second.finish())
}

fn render(input: &PdfInput<'_>, toc: Option<&[TocEntry]>) -> Result<Doc, FontError> {
    let year = input.year.year;
    let title = format!(
        "{} {} {}",
        input.plan.title,
        year.label(),
        input.settings.report.title
    );
    let mut doc = if toc.is_some() {
        Doc::new(&title)?
    } else {
        Doc::measuring(&title)?
    };
    doc.running_header = format!("{} {}", year.label(), input.settings.report.title);
    cover(&mut doc, input);
    contents(&mut doc, input, toc);
    overview(&mut doc, input);
    item_list(&mut doc, input);
    items(&mut doc, input);
    effects(&mut doc, input);
    Ok(doc)
}

fn cover(doc: &mut Doc, input: &PdfInput<'_>) {
    let w = doc.body_width();
    let year = input.year.year;
    doc.set_cursor(210.0);
    for line in doc.wrap(&input.plan.title, Style::BOLD.sized(20.0), w) {
        let y = doc.cursor();
        doc.text_in(
            MARGIN_X,
            y,
            w,
            &line,
            Style::BOLD.sized(20.0),
            Align::Center,
        );
        doc.space(32.0);
    }
    doc.space(16.0);
    let subtitle = format!("{} {}", year.label(), input.settings.report.title);
    let y = doc.cursor();
    doc.text_in(
        MARGIN_X,
        y,
        w,
        &subtitle,
        Style::BOLD.sized(16.0).colored(ACCENT),
        Align::Center,
    );
    doc.space(40.0);
    let y = doc.cursor();
    doc.line(MARGIN_X + 60.0, y, PAGE_W - MARGIN_X - 60.0, y, 0.8, ACCENT);
    doc.space(24.0);
    let y = doc.cursor();
    doc.text_in(
        MARGIN_X,
        y,
        w,
        &format!("{} 資料", input.settings.report.committee),
        Style::BODY.sized(13.0),
        Align::Center,
    );
    if input.plan.has_sample() {
        doc.space(60.0);
        let y = doc.cursor();
        let box_w = 300.0;
        let x = MARGIN_X + (w - box_w) / 2.0;
        doc.stroke_rect(x, y, box_w, 46.0, 1.2, ALERT);
        doc.text_in(
            x,
            y + 8.0,
            box_w,
            "サンプル",
            Style::BOLD.sized(14.0).colored(ALERT),
            Align::Center,
        );
        doc.text_in(
            x,
            y + 28.0,
            box_w,
            "架空の部署・値を含む実行例です",
            Style::SMALL.colored(ALERT),
            Align::Center,
        );
    }
    let schedule = input.settings.schedule_for(year.western());
    doc.set_cursor(640.0);
    if let Some((y, m, d)) = schedule.report_date.as_ref().and_then(date_parts) {
        let top = doc.cursor();
        doc.text_in(
            MARGIN_X,
            top,
            w,
            &era_date(y, m, d),
            Style::BODY.sized(12.0),
            Align::Center,
        );
        doc.space(30.0);
    }
    let top = doc.cursor();
    doc.text_in(
        MARGIN_X,
        top,
        w,
        &input.plan.municipality,
        Style::BOLD.sized(16.0),
        Align::Center,
    );
    doc.space(26.0);
    let top = doc.cursor();
    doc.text_in(
        MARGIN_X,
        top,
        w,
        &input.settings.report.secretariat,
        Style::BODY.sized(11.0),
        Align::Center,
    );
}

fn contents(doc: &mut Doc, input: &PdfInput<'_>, toc: Option<&[TocEntry]>) {
    doc.new_page();
    let w = doc.body_width();
    let y = doc.cursor();
    doc.text_in(
        MARGIN_X,
        y,
        w,
        "目　次",
        Style::BOLD.sized(15.0),
        Align::Center,
    );
    doc.space(36.0);
    // The first pass has no page numbers yet; it reserves the same lines.
    let entries: Vec<TocEntry> = match toc {
        Some(t) => t.to_vec(),
        None => planned_contents(input),
    };
    for e in &entries {
        let (style, indent, gap) = match e.level {
            1 => (Style::BOLD.sized(11.0), 0.0, 20.0),
            _ => (Style::BODY.sized(9.5), 18.0, 15.5),
        };
        doc.ensure(gap);
        let y = doc.cursor();
        let page = if toc.is_some() {
            e.page.to_string()
        } else {
            "00".into()
        };
        let title_w = doc.text_width(&e.title, style);
        let page_w = doc.text_width(&page, style);
        doc.text_at(MARGIN_X + indent, y, &e.title, style);
        doc.text_at(MARGIN_X + w - page_w, y, &page, style);
        // Dot leaders.
        let dot = "・";
        let dot_w = doc.text_width(dot, Style::SMALL).max(1.0);
        let from = MARGIN_X + indent + title_w + 6.0;
        let to = MARGIN_X + w - page_w - 6.0;
        if to > from {
            let n = ((to - from) / dot_w) as usize;
            let dots = dot.repeat(n);
            doc.text_at(
                to - n as f32 * dot_w,
                y + (style.size - 8.5) / 2.0,
                &dots,
                Style::SMALL,
            );
        }
        doc.space(gap);
    }
}

/// The headings the document will have, for the first layout pass.
fn planned_contents(input: &PdfInput<'_>) -> Vec<TocEntry> {
    let mut out = vec![
        entry(1, "1 進捗状況の概要"),
        entry(1, "2 取組一覧"),
        entry(1, "3 個別取組"),
    ];
    out.extend(input.plan.items.iter().map(|i| entry(2, &item_heading(i))));
    if has_effects(input) {
        out.push(entry(1, "4 効果額"));
    }
    out
}

fn entry(level: u8, title: &str) -> TocEntry {
    TocEntry {
        level,
        title: title.to_string(),
        page: 0,
    }
}

fn item_heading(item: &Item) -> String {
    format!("{} {}", item.code(), item.title)
}

fn overview(doc: &mut Doc, input: &PdfInput<'_>) {
    let year = input.year.year;
    let plan = input.plan;
    doc.heading(1, "1 進捗状況の概要", true, 0.0);
    let subs = input.submissions;
    let intro = format!(
        "{}（計画期間 {}〜{}）に掲げる{}の取組項目について、{}の進捗状況を取りまとめました。各取組の担当部署が自己評価を行い、事務局（{}）が集計しています（提出 {}/{} 部署）。",
        plan.title,
        plan.start_year.label(),
        plan.end_year.label(),
        plan.items.len(),
        year.label(),
        input.settings.report.secretariat,
        subs.submitted_count(),
        subs.departments.len()
    );
    doc.paragraph(&intro, Style::BODY, 0.0);
    let missing: Vec<&str> = input
        .year
        .items
        .iter()
        .filter(|i| !i.state.has_record())
        .map(|i| i.code.as_str())
        .collect();
    if !missing.is_empty() {
        doc.space(4.0);
        doc.paragraph(
            &format!(
                "未提出・要確認の取組項目（{}件: {}）は「未評価」として集計しています。",
                missing.len(),
                missing.join("、")
            ),
            Style::BODY.colored(ALERT),
            0.0,
        );
    }

    doc.heading(2, "(1) 評価の基準", false, 60.0);
    let w = doc.body_width();
    let cols = [
        Col {
            width: 50.0,
            align: Align::Center,
        },
        Col {
            width: 170.0,
            align: Align::Left,
        },
        Col {
            width: w - 220.0,
            align: Align::Left,
        },
    ];
    let rows: Vec<Vec<Cell>> = input
        .settings
        .evaluation
        .levels
        .iter()
        .map(|l| {
            vec![
                Cell::bold(l.code.clone()),
                Cell::new(l.label.clone()),
                Cell::new(l.meaning.clone()),
            ]
        })
        .collect();
    doc.table(
        &cols,
        &[Cell::new("評価"), Cell::new("内容"), Cell::new("目安")],
        &rows,
        9.5,
    );

    doc.heading(2, "(2) 取組方針別の評価", false, 80.0);
    let summary = figures::evaluation_summary(plan, input.settings, input.history, input.year);
    let codes = figures::summary_columns(input.settings);
    let n = codes.len();
    let first_w = 150.0;
    let count_w = (w - first_w) / (n as f32 + 1.0);
    let mut cols = vec![Col {
        width: first_w,
        align: Align::Left,
    }];
    cols.extend((0..=n).map(|_| Col {
        width: count_w,
        align: Align::Center,
    }));
    let mut header = vec![Cell::new("取組方針")];
    header.extend(codes.iter().map(|c| Cell::new(c.clone())));
    header.push(Cell::new("計"));
    let rows: Vec<Vec<Cell>> = summary
        .iter()
        .map(|r| {
            let strong = r.kind != SummaryKind::Policy;
            let label = match r.kind {
                SummaryKind::Policy => format!("{} {}", r.id, r.name),
                SummaryKind::Subtotal => format!("{} {}", r.id, r.name),
                SummaryKind::Total => "合計".to_string(),
            };
            let mut cells = vec![styled(Cell::new(label), strong)];
            for k in 0..=n {
                let (cur, prev) = if k < n {
                    (r.current[k], r.previous.as_ref().map(|p| p[k]))
                } else {
                    (r.total(), r.previous.as_ref().map(|p| p.iter().sum()))
                };
                let text = match prev {
                    Some(p) if k < n => format!("{cur}（{}）", signed(cur as i64 - p as i64)),
                    _ => cur.to_string(),
                };
                cells.push(styled(Cell::new(text), strong));
            }
            cells
        })
        .collect();
    doc.table(&cols, &header, &rows, 9.0);
    let prev_note = if summary.first().is_some_and(|r| r.previous.is_some()) {
        format!("（ ）内は前年度（{}）との増減。", year.previous().label())
    } else {
        "前年度の集計はありません。".to_string()
    };
    doc.space(3.0);
    doc.paragraph(
        &format!(
            "単位: 件。{prev_note}{} = 評価が未記入、または未提出・要確認の取組項目。",
            figures::UNRATED
        ),
        Style::SMALL,
        0.0,
    );

    doc.heading(2, "(3) 取組方針別の評価の分布", false, 250.0);
    let policies: Vec<&figures::SummaryRow> = summary
        .iter()
        .filter(|r| r.kind == SummaryKind::Policy)
        .collect();
    let categories: Vec<String> = policies
        .iter()
        .map(|r| format!("{} {}", r.id, r.name))
        .collect();
    let values: Vec<Vec<f64>> = policies
        .iter()
        .map(|r| r.current.iter().map(|v| *v as f64).collect())
        .collect();
    chart::stacked_bars(
        doc,
        &format!("{} 取組方針別の評価（件数）", year.label()),
        &categories,
        &codes,
        &values,
        250.0,
    );
}

fn signed(v: i64) -> String {
    match v {
        0 => "±0".into(),
        v if v > 0 => format!("+{v}"),
        v => format!("−{}", -v),
    }
}

fn styled(cell: Cell, strong: bool) -> Cell {
    if strong {
        Cell { bold: true, ..cell }.filled(LABEL_FILL)
    } else {
        cell
    }
}

fn evaluation_cell(record: &ItemYear) -> Cell {
    match (&record.evaluation, record.state) {
        (Some(e), _) => Cell::bold(e.clone()),
        (None, ItemState::Missing | ItemState::Unusable | ItemState::NeedsReview) => {
            Cell::new(record.state.label()).colored(ALERT)
        }
        (None, ItemState::NoLead) => Cell::new(ItemState::NoLead.label()).colored(ALERT),
        (None, ItemState::Reported) => Cell::new("未記入").colored(ALERT),
    }
}

fn shorten(text: &str, max: usize) -> String {
    let first = text.split('\n').next().unwrap_or("");
    if first.chars().count() <= max {
        first.to_string()
    } else {
        format!("{}…", first.chars().take(max).collect::<String>())
    }
}

fn item_list(doc: &mut Doc, input: &PdfInput<'_>) {
    doc.heading(1, "2 取組一覧", true, 0.0);
    let w = doc.body_width();
    let cols = [
        Col {
            width: 48.0,
            align: Align::Center,
        },
        Col {
            width: 110.0,
            align: Align::Left,
        },
        Col {
            width: 72.0,
            align: Align::Left,
        },
        Col {
            width: 40.0,
            align: Align::Center,
        },
        Col {
            width: w - 270.0,
            align: Align::Left,
        },
    ];
    let header = [
        "管理番号",
        "取組項目",
        "担当部署",
        "評価",
        "実施内容（要約）",
    ]
    .map(Cell::new);
    let rows: Vec<Vec<Cell>> = input
        .plan
        .items
        .iter()
        .zip(&input.year.items)
        .map(|(item, record)| {
            let work = match (&record.work_done, record.state) {
                (Some(t), _) => Cell::new(shorten(t, 70)),
                (None, s) if !s.has_record() => Cell::new(s.label()).colored(ALERT),
                (None, _) => Cell::new("―"),
            };
            vec![
                Cell::new(item.code()),
                Cell::new(item.title.clone()),
                Cell::new(item.lead.clone().unwrap_or_else(|| UNSET.into())),
                evaluation_cell(record),
                work,
            ]
        })
        .collect();
    doc.table(&cols, &header, &rows, 8.5);
    doc.space(4.0);
    let legend: Vec<String> = input
        .settings
        .evaluation
        .levels
        .iter()
        .map(|l| format!("{}：{}", l.code, l.label))
        .collect();
    doc.paragraph(&format!("評価　{}", legend.join("　")), Style::SMALL, 0.0);
}

fn value_text(v: Option<f64>, decimals: u8) -> String {
    v.map_or_else(|| "―".to_string(), |v| format_grouped(v, decimals))
}

fn items(doc: &mut Doc, input: &PdfInput<'_>) {
    doc.heading(1, "3 個別取組", true, 0.0);
    let plan = input.plan;
    for (n, (item, record)) in plan.items.iter().zip(&input.year.items).enumerate() {
        if n > 0 {
            doc.new_page();
        }
        item_section(doc, input, item, record);
    }
}

fn item_section(doc: &mut Doc, input: &PdfInput<'_>, item: &Item, record: &ItemYear) {
    let plan = input.plan;
    let w = doc.body_width();
    doc.heading(2, &item_heading(item), true, 80.0);
    if item.sample_departments || item.indicators.iter().any(|i| i.sample) {
        doc.paragraph(
            "サンプル（担当部署・指標値の一部は架空です）",
            Style::SMALL.colored(ALERT),
            0.0,
        );
    }
    match record.state {
        ItemState::Missing => doc.paragraph(
            "未提出　担当部署から報告の提出がありません。",
            Style::BOLD.colored(ALERT),
            0.0,
        ),
        ItemState::Unusable => doc.paragraph(
            "要確認　担当部署の提出ファイルを読み込めませんでした（検証結果を参照）。",
            Style::BOLD.colored(ALERT),
            0.0,
        ),
        ItemState::NeedsReview => doc.paragraph(
            "要確認　提出内容の一部に誤りがあります（検証結果を参照）。",
            Style::BOLD.colored(ALERT),
            0.0,
        ),
        ItemState::NoLead => doc.paragraph(
            "担当部署が計画で定められていません。",
            Style::BOLD.colored(ALERT),
            0.0,
        ),
        ItemState::Reported => {}
    }
    doc.space(2.0);
    let policy = plan.policy(item.policy_id()).map_or_else(
        || item.policy_id().to_string(),
        |(_, p)| format!("{} {}", p.id, p.name),
    );
    let or_unset = |s: Option<String>| s.unwrap_or_else(|| "（計画に記載なし）".to_string());
    let situation = (!item.situation.is_empty()).then(|| item.situation.join("\n"));
    doc.key_values(
        &[
            ("取組方針".into(), policy),
            ("前期計画".into(), item.continuity.label().to_string()),
            (
                "担当部署".into(),
                item.lead.clone().unwrap_or_else(|| UNSET.into()),
            ),
            (
                "取組部署".into(),
                plan.implementers_label(item).unwrap_or_else(|| "―".into()),
            ),
            ("アウトカム".into(), or_unset(item.outcome.clone())),
            ("現状・課題".into(), or_unset(situation)),
        ],
        90.0,
    );

    doc.heading(3, "評価", false, 20.0);
    let evaluation = match &record.evaluation {
        Some(code) => {
            let label = input.settings.level(code).map_or("", |l| l.label.as_str());
            format!("{code}：{label}")
        }
        None => figures::UNRATED.to_string(),
    };
    doc.paragraph(
        &evaluation,
        Style::BOLD
            .sized(11.0)
            .colored(if record.evaluation.is_some() {
                ACCENT
            } else {
                ALERT
            }),
        6.0,
    );

    doc.heading(3, "具体的な取組と状況", false, 30.0);
    if item.actions.is_empty() {
        doc.paragraph("（計画に記載なし）", Style::BODY.colored(GREY_TEXT), 6.0);
    } else {
        let cols = [
            Col {
                width: 24.0,
                align: Align::Center,
            },
            Col {
                width: w - 84.0,
                align: Align::Left,
            },
            Col {
                width: 60.0,
                align: Align::Center,
            },
        ];
        let rows: Vec<Vec<Cell>> = item
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let status = record.statuses.get(i).cloned().flatten();
                vec![
                    Cell::new(circled(i)),
                    Cell::new(a.clone()),
                    status.map_or_else(|| Cell::new("未記入").colored(GREY_TEXT), Cell::new),
                ]
            })
            .collect();
        doc.table(
            &cols,
            &[
                Cell::new("No"),
                Cell::new("具体的な取組"),
                Cell::new("状況"),
            ],
            &rows,
            9.0,
        );
    }

    prose(doc, "実施内容", record.work_done.as_deref());

    if !item.indicators.is_empty() {
        indicator_block(doc, input, item);
    }

    for (title, text) in [
        ("課題", &record.issues),
        ("今後の方向性", &record.next_steps),
    ] {
        doc.heading(3, title, false, 30.0);
        doc.paragraph(text.as_deref().unwrap_or("（報告なし）"), Style::BODY, 6.0);
    }

    if !record.contributions.is_empty() {
        doc.heading(3, "取組部署の取組", false, 40.0);
        let sums: Vec<(usize, &crate::plan::Indicator)> = item
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| i.aggregation == crate::plan::Aggregation::Sum)
            .collect();
        let value_w = 70.0 * sums.len() as f32;
        let mut cols = vec![
            Col {
                width: 80.0,
                align: Align::Left,
            },
            Col {
                width: w - 80.0 - value_w,
                align: Align::Left,
            },
        ];
        cols.extend(sums.iter().map(|_| Col {
            width: 70.0,
            align: Align::Right,
        }));
        let mut header = vec![Cell::new("部署"), Cell::new("実施内容")];
        header.extend(
            sums.iter()
                .map(|(_, ind)| Cell::new(format!("{}（{}）", ind.name, ind.unit))),
        );
        let rows: Vec<Vec<Cell>> =
            record
                .contributions
                .iter()
                .map(|c| {
                    let work = match (&c.work_done, c.state) {
                        (Some(t), _) => Cell::new(t.clone()),
                        (None, crate::submission::DeptState::Missing) => {
                            Cell::new("未提出").colored(ALERT)
                        }
                        (None, crate::submission::DeptState::Unusable) => {
                            Cell::new("要確認").colored(ALERT)
                        }
                        (None, _) => Cell::new("―"),
                    };
                    let mut cells = vec![Cell::new(c.department.clone()), work];
                    cells.extend(sums.iter().map(|(i, ind)| {
                        Cell::new(value_text(c.values.get(i).copied(), ind.decimals))
                    }));
                    cells
                })
                .collect();
        doc.table(&cols, &header, &rows, 8.5);
    }
}

/// A titled block of reported text.
fn prose(doc: &mut Doc, title: &str, text: Option<&str>) {
    doc.heading(3, title, false, 30.0);
    doc.paragraph(text.unwrap_or("（報告なし）"), Style::BODY, 6.0);
}

fn indicator_block(doc: &mut Doc, input: &PdfInput<'_>, item: &Item) {
    let plan = input.plan;
    let w = doc.body_width();
    doc.heading(3, "指標", false, 50.0);
    let years: Vec<&YearProgress> = input.history.years.iter().collect();
    let fixed = 100.0 + 34.0 + 3.0 * 62.0;
    let year_w = ((w - fixed) / years.len().max(1) as f32).max(40.0);
    let mut cols = vec![
        Col {
            width: 100.0,
            align: Align::Left,
        },
        Col {
            width: 34.0,
            align: Align::Center,
        },
        Col {
            width: 62.0,
            align: Align::Right,
        },
    ];
    cols.extend(years.iter().map(|_| Col {
        width: year_w,
        align: Align::Right,
    }));
    cols.push(Col {
        width: 62.0,
        align: Align::Right,
    });
    cols.push(Col {
        width: 62.0,
        align: Align::Right,
    });
    let mut header = vec![
        Cell::new("指標"),
        Cell::new("単位"),
        Cell::new(format!("基準値\n{}", plan.baseline_year.era_label())),
    ];
    header.extend(
        years
            .iter()
            .map(|y| Cell::new(format!("実績\n{}", y.year.era_label()))),
    );
    header.push(Cell::new(format!(
        "目標値\n{}",
        plan.target_year.era_label()
    )));
    header.push(Cell::new("達成率"));
    let mut rows = Vec::new();
    for (i, ind) in item.indicators.iter().enumerate() {
        let mut cells = vec![
            Cell::new(format!("{}{}", circled(i), ind.name)),
            Cell::new(ind.unit.clone()),
            Cell::new(
                ind.baseline
                    .map_or_else(|| UNSET.into(), |v| format_grouped(v, ind.decimals)),
            ),
        ];
        for y in &years {
            let v = y.item(item.code()).and_then(|r| r.indicators.get(i));
            let text = match v.and_then(|v| v.value) {
                Some(x) if v.is_some_and(|v| v.incomplete) => {
                    format!("{}※", format_grouped(x, ind.decimals))
                }
                Some(x) => format_grouped(x, ind.decimals),
                None => "未報告".into(),
            };
            cells.push(Cell::new(text));
        }
        cells.push(Cell::new(
            ind.target
                .map_or_else(|| UNSET.into(), |v| format_grouped(v, ind.decimals)),
        ));
        let actual = input
            .year
            .item(item.code())
            .and_then(|r| r.indicators.get(i))
            .and_then(|v| v.value);
        let rate = figures::achievement(input.settings.evaluation.achievement, ind, actual);
        cells.push(match rate {
            Rate::Value(_) => Cell::new(rate.label()),
            other => Cell::new(other.label()).colored(GREY_TEXT),
        });
        rows.push(cells);
    }
    doc.table(&cols, &header, &rows, 8.5);
    let incomplete = years.iter().any(|y| {
        y.item(item.code()).is_some_and(|r| {
            r.indicators
                .iter()
                .any(|v| v.incomplete && v.value.is_some())
        })
    });
    let mut notes = vec![
        input
            .settings
            .evaluation
            .achievement
            .description()
            .to_string(),
    ];
    if item
        .indicators
        .iter()
        .any(|i| i.baseline.is_none() || i.target.is_none())
    {
        notes.push("未設定 = 計画で値が定められていない。".into());
    }
    if incomplete {
        notes.push("※ 一部の部署が未報告の合計値。".into());
    }
    doc.space(2.0);
    doc.paragraph(&notes.join("　"), Style::SMALL, 0.0);
    for (i, ind) in item.indicators.iter().enumerate() {
        let values: Vec<Option<f64>> = years
            .iter()
            .map(|y| {
                y.item(item.code())
                    .and_then(|r| r.indicators.get(i))
                    .and_then(|v| v.value)
            })
            .collect();
        if values.iter().all(Option::is_none) {
            continue;
        }
        let mut labels = vec![format!("基準 {}", plan.baseline_year.era_label())];
        labels.extend(years.iter().map(|y| y.year.era_label()));
        let mut series = vec![ind.baseline];
        series.extend(values);
        doc.space(6.0);
        chart::line_chart(
            doc,
            &format!("{}{}の推移", circled(i), ind.name),
            &labels,
            &[(ind.name.clone(), series)],
            ind.target,
            &ind.unit,
            150.0,
        );
    }
}

fn has_effects(input: &PdfInput<'_>) -> bool {
    input
        .history
        .years
        .iter()
        .any(|y| y.items.iter().any(|i| i.effect_amount.is_some()))
}

fn effects(doc: &mut Doc, input: &PdfInput<'_>) {
    if !has_effects(input) {
        return;
    }
    doc.heading(1, "4 効果額", true, 0.0);
    doc.paragraph(
        "取組による経費の削減額・増収額（担当部署の報告）です。単位: 千円。",
        Style::BODY,
        0.0,
    );
    doc.space(6.0);
    let w = doc.body_width();
    let years: Vec<&YearProgress> = input.history.years.iter().collect();
    let num_w = 70.0;
    let title_w = w - 48.0 - num_w * (years.len() as f32 + 1.0);
    let mut cols = vec![
        Col {
            width: 48.0,
            align: Align::Center,
        },
        Col {
            width: title_w,
            align: Align::Left,
        },
    ];
    cols.extend((0..=years.len()).map(|_| Col {
        width: num_w,
        align: Align::Right,
    }));
    let mut header = vec![Cell::new("管理番号"), Cell::new("取組項目")];
    header.extend(years.iter().map(|y| Cell::new(y.year.era_label())));
    header.push(Cell::new("累計"));
    let mut totals = vec![0.0; years.len() + 1];
    let mut rows = Vec::new();
    for item in &input.plan.items {
        let amounts: Vec<Option<f64>> = years
            .iter()
            .map(|y| y.item(item.code()).and_then(|r| r.effect_amount))
            .collect();
        if amounts.iter().all(Option::is_none) {
            continue;
        }
        let mut cells = vec![Cell::new(item.code()), Cell::new(item.title.clone())];
        for (k, a) in amounts.iter().enumerate() {
            cells.push(Cell::new(value_text(*a, 0)));
            totals[k] += a.unwrap_or(0.0);
        }
        let sum: f64 = amounts.iter().flatten().sum();
        totals[years.len()] += sum;
        cells.push(Cell::bold(format_grouped(sum, 0)));
        rows.push(cells);
    }
    let mut total_row = vec![styled(Cell::new(""), true), styled(Cell::new("合計"), true)];
    total_row.extend(
        totals
            .iter()
            .map(|t| styled(Cell::new(format_grouped(*t, 0)), true)),
    );
    rows.push(total_row);
    doc.table(&cols, &header, &rows, 9.0);
}
