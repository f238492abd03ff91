//! Builders that fill a form file's layout with the values of one print-out.

pub mod check;
pub mod evaluation;
pub mod incident;
pub mod list;
pub mod recovery;
