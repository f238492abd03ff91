//! Kiroku's domain: the types and rules of My Number handling records.
//!
//! Architecture invariant: this crate does no I/O. It never reads a clock, a file, the
//! network or a random source; callers pass time and randomness in.

pub mod affair_templates;
pub mod audit;
pub mod choice;
pub mod clock;
pub mod contract_clauses;
pub mod contractor;
pub mod entry_form;
pub mod evaluation;
pub mod event_fields;
pub mod field;
mod field_error;
pub mod fiscal_year;
pub mod glyphs;
pub mod guard;
pub mod handling;
pub mod holidays;
pub mod import;
pub mod incident;
pub mod ledger;
pub mod lifecycle;
pub mod login_delay;
pub mod period;
pub mod person;
pub mod recovery_code;
pub mod reminders;
pub mod retention;
pub mod schedule;
pub mod user;
pub mod wareki;
pub mod yearly_check;

pub use field::FieldError;
