//! 操作マニュアル: the user guide built from its sources (`docs/manual/`): the chapters
//! `NN-*.md` in the order of their names, the glossary `terms.json` (the same entries as the
//! app's 「？」, in the file's order) and the screenshots the chapters name, read at build time
//! relative to the sources' folder. kiroku-forms renders it; no vault is opened.

use std::fmt;
use std::path::{Path, PathBuf};

use kiroku_core::FieldError;
use kiroku_forms::manual::{self, ChapterSource, ManualError, ManualSource, Term};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::ApiError;

/// The glossary's file in the sources' folder.
pub const TERMS_FILE: &str = "terms.json";

/// What `build_manual` made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManualReport {
    pub out: PathBuf,
    pub pages: usize,
    pub bytes: usize,
    /// The chapters' files, in order.
    pub chapters: Vec<String>,
    pub terms: usize,
}

/// One entry of `terms.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    term: String,
    text: String,
    source: String,
}

/// `terms.json`'s entries in the order the file gives them (its keys are the app's names).
struct OrderedTerms(Vec<Term>);

impl<'de> Deserialize<'de> for OrderedTerms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = OrderedTerms;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of terms")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedTerms, A::Error> {
                let mut terms = Vec::new();
                while let Some((_, e)) = map.next_entry::<String, TermEntry>()? {
                    terms.push(Term {
                        term: e.term,
                        text: e.text,
                        source: e.source,
                    });
                }
                Ok(OrderedTerms(terms))
            }
        }
        d.deserialize_map(InOrder)
    }
}

fn read_text(path: &Path) -> Result<String, ApiError> {
    std::fs::read_to_string(path)
        .map_err(|e| ApiError::Io(format!("{} を読めません（{e}）。", path.display())))
}

/// The chapters' files: `NN-*.md` (a name starting with a digit), sorted by name.
fn chapter_files(source: &Path) -> Result<Vec<PathBuf>, ApiError> {
    let entries = std::fs::read_dir(source).map_err(|e| {
        ApiError::NotFound(format!(
            "操作マニュアルの原稿のフォルダー {} を開けません（{e}）。",
            source.display()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".md") && name.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    files.sort();
    Ok(files)
}

fn source_error(e: ManualError) -> ApiError {
    match e {
        ManualError::Form(form) => form.into(),
        other => FieldError::new("操作マニュアルの原稿", other.to_string()).into(),
    }
}

/// Builds the manual from the sources in `source` and writes the PDF to `out` (its folder made
/// if needed).
pub fn build_manual(source: &Path, out: &Path) -> Result<ManualReport, ApiError> {
    let files = chapter_files(source)?;
    let chapters = files
        .iter()
        .map(|path| {
            Ok(ChapterSource {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                markdown: read_text(path)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let terms_path = source.join(TERMS_FILE);
    let OrderedTerms(terms) = serde_json::from_str(&read_text(&terms_path)?).map_err(|e| {
        ApiError::from(FieldError::new(
            "操作マニュアルの原稿",
            format!("{} が正しくありません（{e}）。", terms_path.display()),
        ))
    })?;
    let names = chapters.iter().map(|c| c.name.clone()).collect();
    let term_count = terms.len();
    let manual_source = ManualSource {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        chapters,
        terms,
    };
    let mut image = |path: &str| {
        std::fs::read(source.join(path)).map_err(|e| format!("ファイルを読めません: {e}"))
    };
    let rendered = manual::render_manual(&manual_source, &mut image).map_err(source_error)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| ApiError::Io(format!("{} を作れません（{e}）。", dir.display())))?;
    }
    std::fs::write(out, &rendered.pdf)
        .map_err(|e| ApiError::Io(format!("{} に書き込めません（{e}）。", out.display())))?;
    Ok(ManualReport {
        out: out.to_path_buf(),
        pages: rendered.pages,
        bytes: rendered.pdf.len(),
        chapters: names,
        terms: term_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_keep_the_files_order_and_refuse_unknown_fields() {
        let json = r#"{"b": {"term": "保存期限", "text": "t", "source": "s"},
                       "a": {"term": "関係事務", "text": "t", "source": "s"}}"#;
        let OrderedTerms(terms) = serde_json::from_str(json).unwrap();
        let names: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(names, ["保存期限", "関係事務"]);
        assert!(serde_json::from_str::<OrderedTerms>(r#"{"a": {"term": "x"}}"#).is_err());
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = build_manual(&dir.path().join("none"), &dir.path().join("m.pdf")).unwrap_err();
        assert!(
            err.to_string().contains("操作マニュアルの原稿のフォルダー"),
            "{err}"
        );
    }

    #[test]
    fn the_sources_folder_becomes_a_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path();
        std::fs::write(src.join("01-a.md"), "# はじめに\n\n本文。\n").unwrap();
        std::fs::write(src.join("02-b.md"), "# 用語集\n\n<!-- 用語 -->\n").unwrap();
        std::fs::write(src.join("README.md"), "# 原稿の書き方\n").unwrap();
        std::fs::write(
            src.join(TERMS_FILE),
            r#"{"a": {"term": "起算点", "text": "数え始める日", "source": "民法第140条"}}"#,
        )
        .unwrap();
        let out = src.join("out").join("m.pdf");
        let report = build_manual(src, &out).unwrap();
        assert_eq!(report.chapters, ["01-a.md", "02-b.md"]);
        assert_eq!(report.terms, 1);
        assert!(report.pages >= 4);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    }
}
