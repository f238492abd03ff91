//! Contractors (委託先・再委託先): their register and contract clauses, what is due about
//! them, and their evaluation sheets (別紙3).

pub(crate) mod contractor;
pub(crate) mod evaluation;

pub use contractor::*;
pub use evaluation::*;
