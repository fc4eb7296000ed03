//! gyokaku — 行財政改革 進捗管理バッチ (progress cycle of a municipal reform plan).
//!
//! Layers: [`plan`] (the plan master and settings), [`form`] (where every field sits in a
//! department workbook), [`report`] (department templates, consolidated workbook and committee
//! PDF), [`publish`] (web pages, open data and the newsletter page for citizens), [`cli`] and
//! [`cmd`] (the commands).

#![warn(missing_docs)]

pub mod cli;
pub mod cmd;
pub mod file_name;
pub mod fiscal_year;
pub mod form;
pub mod merge;
pub mod numbers;
pub mod plan;
pub mod publish;
pub mod report;
pub mod submission;
pub mod text;
pub mod typography;
pub mod workbook_read;
pub mod xlsx;
