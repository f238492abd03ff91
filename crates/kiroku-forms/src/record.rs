//! One row's values, by the column keys of a form file.

/// The values of one row of a list form, keyed as the form file's columns are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    values: Vec<(&'static str, String)>,
    /// Printed struck through (a record withdrawn as entered by mistake).
    struck: bool,
}

impl Record {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the value of `key`.
    #[must_use]
    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self.values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((key, value)),
        }
        self
    }

    /// The row is printed struck through (its 備考 says why).
    #[must_use]
    pub fn struck_through(mut self) -> Self {
        self.struck = true;
        self
    }

    pub fn is_struck(&self) -> bool {
        self.struck
    }

    /// Takes the value of `key` out (an export moves the values on instead of copying them).
    pub fn take(&mut self, key: &str) -> Option<String> {
        self.values
            .iter_mut()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| std::mem::take(v))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}
