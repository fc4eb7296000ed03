//! The committee PDF: a small layout engine (fonts, line breaking, layout, column tables,
//! charts), a PDF writer with font subsetting, and the document laid out with them from the
//! report model.

pub mod chart;
pub mod document;
mod embed;
/// The embedded fonts, from the neutral [`crate::typography`] (submission checks glyphs too).
pub use crate::typography as fonts;
pub mod layout;
pub mod linebreak;
pub mod table;
mod writer;

pub use document::committee_pdf;
