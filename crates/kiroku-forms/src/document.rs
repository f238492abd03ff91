//! What a printed form is made of: a page frame repeated on every page (form number, title,
//! header lines, seal boxes, page numbers) and a flow of blocks laid out from top to bottom.

use serde::Deserialize;

/// A4 portrait (別紙3, the recovery sheet) or landscape (the tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => (210.0, 297.0),
            Orientation::Landscape => (297.0, 210.0),
        }
    }
}

/// Where text sits in its cell or line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width_mm: f32,
    pub align: Align,
    /// Filled light grey: a label column, or the pattern column that applies.
    pub shaded: bool,
}

/// A table: the header is repeated on every page the table continues on. A row that does not
/// fit under the rows above goes whole to the next page; a row taller than a page is split at
/// line boundaries, each cell continuing its own lines under the repeated header.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBlock {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// The rows (by index) printed struck through: records withdrawn as entered by mistake.
    pub struck: Vec<usize>,
    /// The column that says why a struck row was withdrawn: never struck itself.
    pub reason_column: Option<usize>,
    pub show_header: bool,
    pub size_pt: f32,
}

/// A piece of the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Table(TableBlock),
    /// A paragraph wrapped to the width of the page; it may continue on the next page.
    Text {
        text: String,
        size_pt: f32,
        align: Align,
    },
    /// Tick boxes on one line, e.g. ☑採用 ☐不採用.
    Checks {
        items: Vec<(String, bool)>,
        size_pt: f32,
    },
    /// Vertical space (dropped at the top of a page).
    Space {
        mm: f32,
    },
}

/// A whole form, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub orientation: Orientation,
    /// The form's name: printed as the title and the PDF's only metadata.
    pub title: String,
    /// 別紙1 …, printed at the top left.
    pub form_no: Option<String>,
    /// 団体名, 期間, 作成日 …: printed under the title on every page.
    pub header_lines: Vec<String>,
    /// Labels of the seal boxes (担当者, 責任者 …) at the top right of every page.
    pub seals: Vec<String>,
    pub blocks: Vec<Block>,
}

/// Body text size of the tables.
pub const BODY_PT: f32 = 9.0;
