//! The My Number rule for numeric cells (text cells go through `guard::holds_my_number`): a
//! cell that holds a check-digit-valid 12-digit number is dropped as it is read — the core's
//! rule, so the reader and the importer never disagree on a cell.

use kiroku_core::guard;

/// Whether a numeric cell is a 個人番号 (Excel keeps a 12-digit number typed into a cell as
/// a number, and one with a leading zero as an 11-digit number).
pub(crate) fn number_holds(n: f64) -> bool {
    guard::number_is_my_number(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_number_in_any_form_is_caught_and_an_invalid_one_is_not() {
        assert!(guard::holds_my_number("528473910645"));
        assert!(guard::holds_my_number("５２８４ ７３９１ ０６４５"));
        assert!(!guard::holds_my_number("528473910646"));
        assert!(number_holds(528_473_910_645.0));
        assert!(!number_holds(528_473_910_646.0));
        assert!(!number_holds(52_847_391_064.0));
        // 012345678903 typed into a numeric cell: Excel keeps 12345678903.
        assert!(number_holds(12_345_678_903.0));
        assert!(!number_holds(12_345_678_904.0));
    }
}
