//! Everything the program writes: templates, the consolidated workbook and the committee PDF.

pub mod pdf;
