//! The geometry of every chart, shared by the committee PDF's charts (`report::pdf::chart`)
//! and the web pages' SVG charts (`publish::html::svg`): the value axis, how bars stack into
//! segments, how a line with missing years breaks into runs, and where labels go so that
//! they neither overlap nor leave the chart. The renderers only turn these into drawing
//! operations of their format, so the same figures get the same chart in both.

pub mod axis;
pub mod bars;
pub mod lines;
