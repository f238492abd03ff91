//! One row's values, by the column keys of a form file.

/// The values of one row of a list form, keyed as the form file's columns are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record(Vec<(&'static str, String)>);

impl Record {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the value of `key`.
    #[must_use]
    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
        self
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}
