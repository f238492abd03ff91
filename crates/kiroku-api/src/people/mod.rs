//! The people of the office's records: data subjects (本人・扶養家族), the users who keep the
//! records (利用者), and the affair catalog (関係事務).

pub(crate) mod affairs;
pub(crate) mod person_correction;
pub(crate) mod persons;
pub(crate) mod users;

pub use affairs::*;
pub use person_correction::*;
pub use persons::*;
pub use users::*;
