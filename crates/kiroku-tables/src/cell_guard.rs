//! The My Number rule for numeric cells (text cells go through `guard::holds_my_number`): a
//! cell that holds a check-digit-valid 12-digit number is dropped as it is read.

use kiroku_core::guard;
use zeroize::Zeroize;

/// Whether a numeric cell is a 個人番号 (Excel keeps a 12-digit number typed into a cell as
/// a number).
pub(crate) fn number_holds(n: f64) -> bool {
    if !(1e11..1e12).contains(&n) || n.fract() != 0.0 {
        return false;
    }
    // An integral value in [1e11, 1e12) is exactly representable and has 12 digits.
    let mut digits = format!("{}", n as u64);
    let holds = guard::is_my_number(&digits.bytes().map(|b| b - b'0').collect::<Vec<_>>());
    digits.zeroize();
    holds
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
    }
}
