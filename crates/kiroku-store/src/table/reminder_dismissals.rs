//! `reminder_dismissals`: a reminder a user put aside until a day (the latest stands).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::{date_from_sql, text_conversion, time_to_sql};
use crate::StoreError;

/// Puts reminder `key` aside for `login_id` until `until` (replacing an earlier dismissal).
pub fn dismiss(
    conn: &Connection,
    login_id: &str,
    key: &str,
    until: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO reminder_dismissals (login_id, key, until_on, entered_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (login_id, key) DO UPDATE SET until_on = excluded.until_on,
                                                   entered_at = excluded.entered_at",
        params![login_id, key, until.to_string(), time_to_sql(at)],
    )?;
    Ok(())
}

/// The dismissals of `login_id`: (key, until).
pub fn of_user(conn: &Connection, login_id: &str) -> Result<Vec<(String, NaiveDate)>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT key, until_on FROM reminder_dismissals WHERE login_id = ?1")?;
    let rows = stmt.query_map([login_id], |r| {
        let key: String = r.get(0)?;
        let until: String = r.get(1)?;
        let until = date_from_sql(&until).map_err(|e| text_conversion(1, e))?;
        Ok((key, until))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
