//! The committee PDF: a small layout engine on printpdf (fonts, line breaking, layout,
//! column tables, charts) and the document laid out with it from the report model.

pub mod chart;
pub mod document;
pub mod fonts;
pub mod layout;
pub mod linebreak;
pub mod table;

pub use document::committee_pdf;
