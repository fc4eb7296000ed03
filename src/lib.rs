//! gyokaku — 行財政改革 進捗管理バッチ (progress cycle of a municipal reform plan).
//!
//! Layers: [`plan`] (the plan master and settings), [`submission`] (reading and checking the
//! department workbooks), [`merge`] (the yearly progress model), [`report`] (department templates,
//! consolidated workbook and committee PDF), [`cli`] (commands).

pub mod report;
