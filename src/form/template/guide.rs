//! The 記入方法 sheet: how to fill the workbook, the evaluation scale, the deadline and the
//! sheets of the file.

use rust_xlsxwriter::Worksheet;

use super::page::{self, print_setup};
use super::{Styles, TemplateContext, protect};
use crate::fiscal_year::era_date;

use crate::plan::date_parts;
use crate::xlsx::WriteError;

/// Widths of columns A to D (characters).
const WIDTHS: [f64; 4] = [4.0, 16.0, 30.0, 44.0];

/// Writes the instructions sheet of a department's workbook.
pub(super) fn write_guide(
    ws: &mut Worksheet,
    ctx: &TemplateContext<'_>,
    dept: &str,
    s: &Styles,
) -> Result<(), WriteError> {
    ws.set_name(crate::form::GUIDE_SHEET)?;
    page::set_widths(ws, &WIDTHS)?;
    let schedule = ctx.settings.schedule_for(ctx.year.western());
    let deadline = schedule.deadline.as_ref().and_then(date_parts).map_or_else(
        || "事務局からの連絡をご確認ください".to_string(),
        |(y, m, d)| era_date(y, m, d),
    );
    let plan = ctx.plan;
    let words = &ctx.settings.words;
    let mut row = 0u32;
    ws.write_with_format(
        row,
        0,
        format!(
            "{} {} 記入方法",
            ctx.year.label(),
            ctx.settings.template.title
        ),
        &s.title,
    )?;
    row += 2;
    let facts = [
        ("計画", plan.title.clone()),
        (
            "対象年度",
            format!(
                "{}（{}年4月〜{}年3月）",
                ctx.year.label(),
                ctx.year.western(),
                ctx.year.western() + 1
            ),
        ),
        ("部署名", dept.to_string()),
        ("提出期限", deadline),
        ("提出先・問合せ", ctx.settings.contact().to_string()),
    ];
    for (label, value) in facts {
        ws.write_with_format(row, 1, label, &s.label)?;
        ws.merge_range(row, 2, row, 3, &value, &s.fact)?;
        row += 1;
    }
    if plan.has_sample() {
        row += 1;
        ws.write_with_format(
            row,
            0,
            "サンプル: この計画には実行例のための架空の部署・値（サンプル）が含まれています。",
            &s.sample,
        )?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "1 この報告の目的", &s.guide_head)?;
    row += 1;
    let to_committee = ctx
        .settings
        .report
        .committee
        .as_ref()
        .map_or_else(String::new, |c| format!("{c}へ報告するとともに、"));
    let purpose = format!(
        "{}の各{}について、{}の進捗状況を報告していただくものです。報告内容は事務局（{}）が取りまとめ、{to_committee}市民へ公表します。",
        plan.title,
        words.item,
        ctx.year.label(),
        ctx.settings.report.secretariat,
    );
    ws.merge_range(row, 1, row, 3, &purpose, &s.guide_text)?;
    ws.set_row_height(row, 45)?;
    row += 2;

    ws.write_with_format(row, 0, "2 評価の基準", &s.guide_head)?;
    row += 1;
    column_heads(ws, row, ["評価", "内容", "目安"], s)?;
    row += 1;
    for level in &ctx.settings.evaluation.levels {
        ws.write_with_format(row, 1, &level.code, &s.unit)?;
        ws.write_with_format(row, 2, &level.label, &s.fact)?;
        ws.write_with_format(row, 3, &level.meaning, &s.fact)?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "3 記入のしかた", &s.guide_head)?;
    row += 1;
    let statuses = ctx.settings.evaluation.statuses.join("・");
    let participant = &words.participant;
    let required: Vec<String> = ctx
        .settings
        .template
        .required
        .iter()
        .map(|name| words.reword(name))
        .collect();
    let steps = [
        "黄色のセルだけに入力してください（必ず入力する項目は、未入力の間は赤色です）。灰色・青色のセルは計画の内容で、変更できません。".to_string(),
        "「評価」はプルダウンから選んでください（上の評価の基準を参照）。".to_string(),
        format!("「{}」ごとの状況は、プルダウン（{statuses}）から選んでください。", words.action),
        format!(
            "指標実績{}は数値だけを入力してください（単位・「約」・「●」などは付けない）。",
            if ctx.settings.effect.is_some() { format!("・{}", words.effect) } else { String::new() }
        ),
        format!("{participant}のシート（シート名の末尾が「_{participant}」）には、その取組で自部署が行った内容と件数を入力してください。"),
        format!("必ず入力する項目: {}", if required.is_empty() { "なし".to_string() } else { required.join("、") }),
        "E列「前年度の報告」は、前年度に提出された内容です（参考）。".to_string(),
    ];
    for (i, step) in steps.iter().enumerate() {
        line_item(ws, row, &format!("({})", i + 1), step, s)?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "4 ご注意", &s.guide_head)?;
    row += 1;
    for caution in [
        "シート名の変更、シートの追加・削除、行・列の挿入や削除はしないでください（集計できなくなります）。",
        "ファイル名は変更してもかまいませんが、他の部署・他の年度のファイルを上書きしないでください。",
        "1つの部署につき1ファイルを提出してください。",
    ] {
        line_item(ws, row, "・", caution, s)?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "5 提出する前に", &s.guide_head)?;
    row += 1;
    for check in [
        format!(
            "最初の「{}」シートに、このファイルのシートごとに、必ず入力する項目のうち未入力のものの数が表示されます。「未入力 0件 — このまま提出できます」と表示されたら提出してください。",
            crate::form::STATUS_SHEET
        ),
        "未入力の必須項目のセルは赤色で表示され、入力すると黄色に戻ります。".to_string(),
        "各シートは A4 縦で印刷できます（課内の決裁用）。長い文章で行が足りないときは、行の高さを広げてください。".to_string(),
    ] {
        line_item(ws, row, "・", &check, s)?;
        row += 1;
    }
    print_setup(
        ws,
        ctx,
        dept,
        crate::form::GUIDE_SHEET,
        page::print_scale(&WIDTHS, None),
    );
    protect(ws, &ctx.settings.template.password);
    Ok(())
}

/// The headings of a table in columns B to D.
fn column_heads(
    ws: &mut Worksheet,
    row: u32,
    heads: [&str; 3],
    s: &Styles,
) -> Result<(), WriteError> {
    for (col, head) in (1..).zip(heads) {
        ws.write_with_format(row, col, head, &s.column_head)?;
    }
    Ok(())
}

/// A numbered or bulleted line: the marker in column A, the text across B to D.
fn line_item(
    ws: &mut Worksheet,
    row: u32,
    marker: &str,
    text: &str,
    s: &Styles,
) -> Result<(), WriteError> {
    ws.write_with_format(row, 0, marker, &s.guide_text)?;
    ws.merge_range(row, 1, row, 3, text, &s.guide_text)?;
    ws.set_row_height(row, 30)?;
    Ok(())
}
