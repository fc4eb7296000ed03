//! The committee PDF: a small layout engine on printpdf and the document built with it.
