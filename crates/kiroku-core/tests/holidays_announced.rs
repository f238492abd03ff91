//! The 祝日 table against the days announced for 2019–2030 (tests/data/shukujitsu_2019_2030.txt):
//! every announced day is a day off under its name, and no other day of those years is.
#![allow(clippy::unwrap_used)]

use chrono::{Duration, NaiveDate};
use kiroku_core::holidays::day_off;

#[test]
fn every_announced_day_and_no_other_is_a_day_off_2019_to_2030() {
    let announced: Vec<(NaiveDate, String)> = include_str!("data/shukujitsu_2019_2030.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (d, name) = l.split_once(' ').unwrap();
            (d.parse().unwrap(), name.trim().to_owned())
        })
        .collect();
    assert!(
        announced.len() > 200,
        "the list is whole: {}",
        announced.len()
    );
    let mut d = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2030, 12, 31).unwrap();
    let mut wrong = Vec::new();
    while d <= end {
        let expected = announced
            .iter()
            .find(|(a, _)| *a == d)
            .map(|(_, n)| n.as_str());
        let got = day_off(d).map(|o| o.name());
        if expected != got {
            wrong.push(format!("{d}: announced {expected:?}, table {got:?}"));
        }
        d += Duration::days(1);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
