//! The index page: the year's results in figures, the evaluation scale, the summary by
//! 取組方針 (chart and table), the 実施状況 and the committee's opinions, the list of items
//! and the documents and data of the publication.

use std::fmt::Write as _;

use super::{INDEX, classed_table, esc, href, page, paragraphs, size_label, standing_html, svg};
use crate::plan::{PublishField, Words};
use crate::publish::{Publication, PublishedFile, opendata};
use crate::report::model::{ReportModel, Summary, SummaryKind, UNRATED, UNRATED_PLAIN};

/// Text of a count change: +1, −1, 0.
fn change_text(change: i64) -> String {
    match change {
        c if c > 0 => format!("+{c}"),
        c if c < 0 => format!("−{}", -c),
        _ => "0".into(),
    }
}

/// The evaluation summary's column headings: each level with its label, then 未評価.
fn level_headings(model: &ReportModel) -> Vec<String> {
    let mut headings: Vec<String> = model
        .levels
        .iter()
        .map(|l| format!("{}（{}）", l.code, l.label))
        .collect();
    headings.push(UNRATED_PLAIN.to_string());
    headings
}

/// A summary table: one row per 取組方針 (`policy`: the city's word; subtotals, total), per
/// column this year's count, the previous year's and the change.
fn summary_table(summary: &Summary, headings: &[String], policy: &str) -> String {
    let previous = summary.has_previous();
    let per = if previous { 3 } else { 1 };
    // 計 is the number of items in the row (the same every year): this year's only.
    let mut t = String::from("<colgroup><col></colgroup>");
    for _ in headings {
        let _ = write!(t, "<colgroup span=\"{per}\"></colgroup>");
    }
    t.push_str("<colgroup><col></colgroup><thead><tr>");
    let rowspan = if previous { " rowspan=\"2\"" } else { "" };
    let _ = write!(t, "<th scope=\"col\"{rowspan}>{}</th>", esc(policy));
    for h in headings {
        if previous {
            let _ = write!(t, "<th scope=\"colgroup\" colspan=\"3\">{}</th>", esc(h));
        } else {
            let _ = write!(t, "<th scope=\"col\">{}</th>", esc(h));
        }
    }
    let _ = write!(
        t,
        "<th scope=\"col\" class=\"nowrap\"{rowspan}>計</th></tr>"
    );
    if previous {
        t.push_str("<tr>");
        for _ in headings {
            t.push_str(
                "<th scope=\"col\">今年度</th><th scope=\"col\">前年度</th><th scope=\"col\">増減</th>",
            );
        }
        t.push_str("</tr>");
    }
    t.push_str("</thead><tbody>");
    for row in &summary.rows {
        let class = if row.kind == SummaryKind::Policy {
            ""
        } else {
            " class=\"total\""
        };
        let _ = write!(t, "<tr{class}><th scope=\"row\">{}</th>", esc(&row.label()));
        for (k, current) in row.current.iter().enumerate() {
            let _ = write!(t, "<td class=\"num\">{current}</td>");
            if previous {
                let prev = row
                    .previous
                    .as_ref()
                    .and_then(|p| p.get(k))
                    .map_or_else(|| "―".to_string(), |v| v.to_string());
                let change = row.change(k).map_or_else(|| "―".to_string(), change_text);
                let _ = write!(
                    t,
                    "<td class=\"num\">{prev}</td><td class=\"num\">{change}</td>"
                );
            }
        }
        let _ = write!(t, "<td class=\"num\">{}</td></tr>", row.total());
    }
    t.push_str("</tbody>");
    t
}

/// The 実施状況 of the 具体的な取組 and, once recorded, the committee's opinions.
fn cycle_sections(m: &mut String, p: &Publication<'_>, n: &mut Numbers) {
    let model = p.model;
    let year = model.year.label();
    let status = &model.status_summary;
    let w = p.words;
    let _ = writeln!(m, "<h2 id=\"jisshi\">{}の実施状況</h2>", esc(&w.action));
    let _ = writeln!(
        m,
        "<p>{}ごとに定めた{}について、{}が報告した{}の状況を数えています。</p>",
        esc(&w.item),
        esc(&w.action),
        esc(&w.lead),
        esc(&year)
    );
    let mut headings: Vec<String> = status.columns.clone();
    if let Some(last) = headings.last_mut() {
        *last = format!("{last}（報告なし）");
    }
    // Only the 取組方針 whose items have 具体的な取組 (a row of zeros says nothing).
    let rows: Vec<_> = status
        .rows
        .iter()
        .filter(|r| r.total() > 0)
        .cloned()
        .collect();
    if rows.is_empty() {
        let _ = writeln!(
            m,
            "<p>計画に{}を定めた{}はありません。</p>",
            esc(&w.action),
            esc(&w.item)
        );
    } else {
        let shown = Summary {
            rows,
            ..status.clone()
        };
        let (policy, action) = (&w.policy, &w.action);
        let caption = if status.has_previous() {
            format!(
                "{} {policy}ごとの{action}の状況（{year}と前年度、増減。{action}のある{policy}のみ）",
                n.next()
            )
        } else {
            format!(
                "{} {policy}ごとの{action}の状況（{year}。{action}のある{policy}のみ）",
                n.next()
            )
        };
        m.push_str(&classed_table(
            "table-status",
            "summary sticky",
            &caption,
            &summary_table(&shown, &headings, &w.policy),
        ));
    }
    if !p.shows(PublishField::CommitteeOpinions) {
        return;
    }
    if let Some(committee) = &model.committee {
        let name = model.facts.committee.as_deref().unwrap_or("委員会");
        let _ = writeln!(m, "<h2 id=\"iken\">{}からの意見</h2>", esc(name));
        if let Some(general) = &committee.general {
            let _ = writeln!(m, "<h3>総評</h3>\n{}", paragraphs(general));
        }
        if committee.opinions > 0 {
            let _ = writeln!(
                m,
                "<p>{}件の{}に意見がありました。意見は各{}のページに載せています。</p>",
                committee.opinions,
                esc(&w.item),
                esc(&w.item)
            );
        }
    }
    if let Some(previous) = &model.previous_committee {
        let _ = writeln!(
            m,
            "<p>{}の委員会意見（{}件）への{}の対応は、各{}のページに載せています。</p>",
            esc(&previous.year.label()),
            previous.opinions,
            esc(&w.lead),
            esc(&w.item)
        );
    }
}

/// Table numbers of a page: 表1, 表2, … in order of appearance, never twice.
pub(super) struct Numbers(pub(super) usize);

impl Numbers {
    /// The next number: "表1".
    pub(super) fn next(&mut self) -> String {
        self.0 += 1;
        format!("表{}", self.0)
    }
}

/// The index page: the year's results, the scale, the summary chart and tables, the
/// 実施状況 and committee sections, the period summary, the item list, and the documents
/// and data.
pub(super) fn index(p: &Publication<'_>, files: &[PublishedFile], pages: &[String]) -> String {
    let model = p.model;
    let facts = &model.facts;
    let year = model.year.label();
    let mut n = Numbers(0);
    let mut m = String::new();
    let _ = writeln!(m, "<h1>{} {}</h1>", esc(&year), esc(&facts.report_title));
    headline(&mut m, p, pages, &year);
    let _ = writeln!(
        m,
        "<p>{}は「{}」（{}〜{}）に基づいて、{}の{}を進めています。このページでは、{}の取組の進み具合をお知らせします。</p>",
        esc(&facts.municipality),
        esc(&facts.plan_title),
        esc(&facts.period.0.label()),
        esc(&facts.period.1.label()),
        model.items.len(),
        esc(&p.words.item),
        esc(&year),
    );
    if facts.has_sample {
        m.push_str("<p class=\"notice\">この資料には、計画に記載のない値を試行のために補った「サンプル」の値が含まれます。</p>\n");
    }
    let w = p.words;
    figures(&mut m, model, w, &year);
    scale(&mut m, model, w);
    summary(&mut m, model, w, &year, &mut n);
    cycle_sections(&mut m, p, &mut n);
    super::period::period_section(&mut m, p, pages, &mut n);
    item_list(&mut m, model, w, pages, &year, &mut n);
    documents(&mut m, p, files, &year);
    page(
        p,
        INDEX,
        &format!("{year} {}", facts.report_title),
        None,
        &m,
    )
}

/// The headline: the result in one sentence, the items behind (linked) and the 効果額.
fn headline(m: &mut String, p: &Publication<'_>, pages: &[String], year: &str) {
    let h = p.headline();
    let _ = writeln!(
        m,
        "<div class=\"headline\"><p class=\"lead\"><strong>{}</strong>{}</p>",
        esc(&h.sentence(year)),
        esc(&h.behind_sentence())
    );
    if !h.behind.is_empty() {
        m.push_str("<p>次の取組は、計画より遅れています。</p><ul>");
        for it in &h.behind {
            let page = p
                .model
                .items
                .iter()
                .position(|i| i.code == it.code)
                .and_then(|k| pages.get(k));
            let name = format!("{} {}", it.code, it.title);
            match page {
                Some(page) => {
                    let _ = write!(
                        m,
                        "<li><a href=\"{}\">{}</a>（{}）</li>",
                        href(page),
                        esc(&name),
                        esc(&crate::publish::standing(it, p.words))
                    );
                }
                None => {
                    let _ = write!(m, "<li>{}</li>", esc(&name));
                }
            }
        }
        m.push_str("</ul>");
    }
    if let Some(effect) = h.effect_sentence(p.model) {
        let _ = write!(m, "<p>{}</p>", esc(&effect));
    }
    m.push_str("</div>\n");
}

/// 結果のあらまし: the year in figures, one count per level and 評価なし.
fn figures(m: &mut String, model: &ReportModel, w: &Words, year: &str) {
    let levels = model.levels.len();
    let total = model.summary.rows.last();
    let _ = writeln!(m, "<h2 id=\"gaiyou\">{}の結果のあらまし</h2>", esc(year));
    if let Some(total) = total {
        let rated: usize = total.current.iter().take(levels).sum();
        let _ = writeln!(
            m,
            "<p>{}の{}のうち、{}の{}で{}による評価がありました。評価の内訳は次のとおりです。</p>",
            total.total(),
            esc(&w.item),
            rated,
            esc(&w.item),
            esc(&w.lead)
        );
        m.push_str("<ul class=\"figures\">");
        for (k, l) in model.levels.iter().enumerate() {
            let n = total.current.get(k).copied().unwrap_or(0);
            let _ = write!(
                m,
                "<li><span class=\"{}\">{}</span>{}<strong>{n}件</strong></li>",
                svg::level_class(k, model.ranked_levels()),
                esc(&l.code),
                esc(&l.label)
            );
        }
        let unrated = total.current.get(levels).copied().unwrap_or(0);
        let _ = writeln!(
            m,
            "<li><span class=\"{}\">―</span>{UNRATED_PLAIN}<strong>{unrated}件</strong></li></ul>",
            svg::level_class(levels, levels)
        );
        if unrated > 0 {
            let _ = writeln!(
                m,
                "<p>評価のない{unrated}件は、報告が届いていないか、内容を確認している{}です。一覧では「未提出（集計中）」などと表示しています。</p>",
                esc(&w.item)
            );
        }
    }
}

/// 評価の見方: each level with its code, label and meaning.
fn scale(m: &mut String, model: &ReportModel, w: &Words) {
    let levels = model.levels.len();
    m.push_str("<h2 id=\"mikata\">評価の見方</h2>\n");
    let _ = writeln!(
        m,
        "<p>各{}の{}が、1年間の進み具合を次の{levels}段階で評価しています。記号の色は見分けやすくするためのもので、意味は記号と言葉で示しています。</p>",
        esc(&w.item),
        esc(&w.lead)
    );
    m.push_str("<ul class=\"levels\">");
    for (k, l) in model.levels.iter().enumerate() {
        let _ = write!(
            m,
            "<li><span class=\"{}\">{}</span><strong>{}</strong>",
            svg::level_class(k, model.ranked_levels()),
            esc(&l.code),
            esc(&l.label)
        );
        if !l.meaning.trim().is_empty() {
            let _ = write!(m, "<span class=\"meaning\">{}</span>", esc(&l.meaning));
        }
        m.push_str("</li>");
    }
    m.push_str("</ul>\n");
}

/// 取組方針ごとの評価: the stacked bar chart and the same figures as a table.
fn summary(m: &mut String, model: &ReportModel, w: &Words, year: &str, n: &mut Numbers) {
    let policy = &w.policy;
    let _ = writeln!(m, "<h2 id=\"shuukei\">{}ごとの評価</h2>", esc(policy));
    let rows: Vec<_> = model.summary.policy_rows().collect();
    let categories: Vec<String> = rows.iter().map(|r| r.label()).collect();
    let values: Vec<Vec<usize>> = rows.iter().map(|r| r.current.clone()).collect();
    let mut series: Vec<(String, String)> = model
        .levels
        .iter()
        .map(|l| (l.code.clone(), l.label.clone()))
        .collect();
    series.push(("―".into(), UNRATED.into()));
    let desc: Vec<String> = rows
        .iter()
        .map(|r| {
            let parts: Vec<String> = r
                .current
                .iter()
                .zip(&series)
                .filter(|(n, _)| **n > 0)
                .map(|(n, (code, label))| {
                    if code == "―" {
                        format!("{label}{n}件")
                    } else {
                        format!("{code}（{label}）{n}件")
                    }
                })
                .collect();
            let parts = if parts.is_empty() {
                format!("{}なし", w.item)
            } else {
                parts.join("、")
            };
            format!("{}: {parts}", r.label())
        })
        .collect();
    let chart = svg::stacked_bars(
        "chart-summary",
        &format!("図1 {policy}ごとの評価の件数（{year}）"),
        &desc.join("。"),
        &categories,
        &series,
        &values,
        model.ranked_levels(),
    );
    let _ = writeln!(
        m,
        "<figure>{chart}<figcaption>図1 {}ごとの評価の件数（{}）。帯の中の記号と数字が評価と件数です。同じ数値を表{}に示します。</figcaption></figure>",
        esc(policy),
        esc(year),
        n.0 + 1
    );
    let number = n.next();
    let caption = if model.summary.has_previous() {
        format!("{number} {policy}ごとの評価の件数（{year}と前年度、増減）")
    } else {
        format!("{number} {policy}ごとの評価の件数（{year}）")
    };
    if !model.summary.has_previous() {
        m.push_str("<p>前年度の記録がないため、前年度との比較はありません。</p>\n");
    }
    let _ = writeln!(
        m,
        "<p class=\"scroll-hint\">表が画面に収まらないときは、表を横に動かして見ることができます（左端の{}は動きません）。</p>",
        esc(policy)
    );
    m.push_str(&classed_table(
        "table-summary",
        "summary sticky",
        &caption,
        &summary_table(&model.summary, &level_headings(model), policy),
    ));
}

/// 取組の一覧: every item with a link to its page and, beside its name, its evaluation.
fn item_list(
    m: &mut String,
    model: &ReportModel,
    w: &Words,
    pages: &[String],
    year: &str,
    n: &mut Numbers,
) {
    m.push_str("<h2 id=\"ichiran\">取組の一覧</h2>\n");
    let _ = writeln!(
        m,
        "<p>{}の名前を選ぶと、その取組の内容と指標の推移を詳しく見ることができます。</p>",
        esc(&w.item)
    );
    let (code, item, policy, lead) = (esc(&w.code), esc(&w.item), esc(&w.policy), esc(&w.lead));
    let mut t = format!(
        "<thead><tr><th scope=\"col\" class=\"nowrap\">{code}</th><th scope=\"col\">{item}</th><th scope=\"col\">評価</th><th scope=\"col\">{policy}</th><th scope=\"col\">{lead}</th></tr></thead><tbody>",
    );
    for (item, page) in model.items.iter().zip(pages) {
        let sample = if item.sample {
            "（サンプル）"
        } else {
            ""
        };
        let _ = write!(
            t,
            "<tr><td class=\"nowrap\" data-label=\"{code}\">{}</td><th scope=\"row\"><a href=\"{}\">{}</a>{sample}</th><td data-label=\"評価\">{}</td><td data-label=\"{policy}\">{}</td><td data-label=\"{lead}\">{}</td></tr>",
            esc(&item.code),
            href(page),
            esc(&item.title),
            standing_html(model, item),
            esc(&item.policy),
            esc(item.lead.as_deref().unwrap_or("未設定")),
        );
    }
    t.push_str("</tbody>");
    m.push_str(&classed_table(
        "table-items",
        "items cards",
        &format!(
            "{} {}の一覧と{year}の評価（{}件）",
            n.next(),
            w.item,
            model.items.len()
        ),
        &t,
    ));
}

/// 資料とデータ: the PDF files and the open data, each link with its format and size.
fn documents(m: &mut String, p: &Publication<'_>, files: &[PublishedFile], year: &str) {
    let model = p.model;
    let facts = &model.facts;
    m.push_str("<h2 id=\"shiryou\">資料とデータ</h2>\n<ul>");
    let size_of = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| size_label(f.bytes.len()))
    };
    if let Some((name, _)) = &p.committee_pdf {
        let what = facts
            .committee
            .as_ref()
            .map_or_else(|| "報告書".to_string(), |c| format!("{c}の資料"));
        let _ = write!(
            m,
            "<li><a href=\"{}\"{}>{}（PDF形式、{}）</a></li>",
            href(name),
            super::data_url(p, name),
            esc(&format!("{year} {what}")),
            size_of(name).unwrap_or_default()
        );
    }
    let newsletter = p.newsletter_name();
    if let Some(size) = size_of(&newsletter) {
        let _ = write!(
            m,
            "<li><a href=\"{}\"{}>広報誌掲載用の概要（PDF形式、A4判1ページ、{size}）</a></li>",
            href(&newsletter),
            super::data_url(p, &newsletter),
        );
    }
    m.push_str("</ul>\n");
    m.push_str("<h3 id=\"opendata\">オープンデータ</h3>\n");
    let _ = writeln!(
        m,
        "<p>この取組状況を、これまでのすべての年度（{}）について、表計算ソフトなどで利用できる形式で公開しています。CSV ファイルは文字コード UTF-8（BOM付き）、1行目が見出しで、年度は西暦です。全国地方公共団体コード・{}などの番号は、先頭の0を失わないよう文字列として引用符で囲んでいます。1つの欄に複数の値があるときは「;」で区切っています。各列の意味・型・単位は項目定義のファイルにあります。</p>",
        model
            .years
            .iter()
            .map(|y| y.label())
            .collect::<Vec<_>>()
            .join("、"),
        esc(&p.words.code)
    );
    m.push_str("<ul>");
    for (file, name, title) in opendata::titles(p) {
        let path = format!("{}/{file}", opendata::FOLDER);
        let _ = write!(
            m,
            "<li><a href=\"{}\"{}>{}（CSV形式、{}、{}）</a>: {}</li>",
            href(&path),
            super::data_url(p, &path),
            esc(&name),
            esc(&file),
            size_of(&path).unwrap_or_default(),
            esc(&title)
        );
    }
    let json_name = opendata::json_name(p);
    let json = format!("{}/{json_name}", opendata::FOLDER);
    let _ = writeln!(
        m,
        "<li><a href=\"{}\"{}>全データ（JSON形式、{}、{}）</a>: 上のすべてのデータを1つにまとめたもの（開発者向け）</li></ul>",
        href(&json),
        super::data_url(p, &json),
        esc(&json_name),
        size_of(&json).unwrap_or_default()
    );
    licence(m, p);
}

/// 利用条件とクレジット表示: the licence (linked when its address is set) and how to credit
/// the data.
fn licence(m: &mut String, p: &Publication<'_>) {
    let licence = p.settings.license.trim();
    if licence.is_empty() {
        return;
    }
    let facts = &p.model.facts;
    m.push_str("<h3 id=\"riyou\">利用条件とクレジットの表示</h3>\n");
    let named = match p.settings.license_url.as_deref() {
        Some(url) => format!("<a href=\"{}\">{}</a>", esc(url), esc(licence)),
        None => esc(licence),
    };
    let _ = writeln!(
        m,
        "<p>このページのオープンデータは、{named}の条件で利用できます。利用するときは、出典を次の例のように表示してください。</p>"
    );
    let source = format!(
        "{}「{} {}」オープンデータ",
        facts.municipality,
        p.model.year.label(),
        facts.report_title
    );
    let where_ = p.url().map(|u| format!("（{u}）")).unwrap_or_default();
    let _ = writeln!(
        m,
        "<ul><li>そのまま使う場合: 出典：{}{}</li><li>加工して使う場合: {}{}を加工して作成</li></ul>",
        esc(&source),
        esc(&where_),
        esc(&source),
        esc(&where_)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_have_a_sign() {
        assert_eq!(change_text(-2), "−2");
        assert_eq!(change_text(3), "+3");
    }

    #[test]
    fn summary_tables_head_their_rows_with_the_citys_word() {
        let row =
            |kind, id: &str, name: &str, current: Vec<usize>| crate::report::model::SummaryRow {
                kind,
                id: id.into(),
                name: name.into(),
                current,
                previous: None,
            };
        let summary = Summary {
            columns: vec!["A".into(), "未評価".into()],
            rows: vec![
                row(SummaryKind::Policy, "1-1", "情報提供", vec![2, 1]),
                row(SummaryKind::Total, "合計", "合計", vec![2, 1]),
            ],
        };
        let headings = vec!["A（順調）".to_string(), "未評価".to_string()];
        let table = summary_table(&summary, &headings, "重点改革項目");
        assert!(
            table.contains("<th scope=\"col\">重点改革項目</th>"),
            "{table}"
        );
        assert!(!table.contains("取組方針"), "{table}");
        let table = summary_table(&summary, &headings, &Words::default().policy);
        assert!(table.contains("<th scope=\"col\">取組方針</th>"), "{table}");
    }
}
