//! The committee PDF: a small layout engine on printpdf (fonts, line breaking, layout,
//! charts) and the document built with it.

pub mod chart;
pub mod document;
pub mod fonts;
pub mod layout;
pub mod linebreak;

pub use document::{PdfInput, committee_pdf, file_name};
