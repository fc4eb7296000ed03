//! The committee PDF: a small layout engine (fonts, line breaking, layout, charts), a PDF
//! writer with font subsetting, and the document built with them.

pub mod chart;
pub mod document;
mod embed;
pub mod fonts;
pub mod layout;
pub mod linebreak;
mod writer;

pub use document::{PdfInput, committee_pdf, file_name};
