//! Stacks pieces down the pages: a chapter starts a page, a heading goes to the next page with
//! the line after it, space is dropped at the top of a page, and a piece taller than a page
//! (never made by the cutter) still gets a page of its own.

use super::pieces::{body_height, Piece};

/// Rounding slack (points).
const EPSILON: f32 = 0.01;

/// Where each piece went: per page, (piece index, top from the body's top).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Paged {
    pub pages: Vec<Vec<(usize, f32)>>,
    /// The page (0-based) of each table-of-contents anchor, by anchor number.
    pub anchors: Vec<usize>,
}

/// Lays `pieces` on pages of the body's height.
pub(crate) fn paginate(pieces: &[Piece]) -> Paged {
    let room = body_height();
    let mut paged = Paged {
        pages: vec![Vec::new()],
        anchors: Vec::new(),
    };
    let mut y = 0.0f32;
    for (index, piece) in pieces.iter().enumerate() {
        let at_top = paged.pages.last().is_none_or(Vec::is_empty);
        if piece.is_space && at_top {
            continue;
        }
        // The height of this piece and the ones it is kept with.
        let chain: f32 = pieces[index..]
            .iter()
            .scan(true, |go_on, p| {
                let take = *go_on;
                *go_on = p.keep_with_next;
                take.then_some(p.height)
            })
            .sum();
        let wanted = if chain <= room { chain } else { piece.height };
        if !at_top && (piece.break_before || y + wanted > room + EPSILON) {
            paged.pages.push(Vec::new());
            y = 0.0;
            if piece.is_space {
                continue;
            }
        }
        if let Some(anchor) = piece.anchor {
            if paged.anchors.len() <= anchor {
                paged.anchors.resize(anchor + 1, 0);
            }
            if let Some(slot) = paged.anchors.get_mut(anchor) {
                *slot = paged.pages.len() - 1;
            }
        }
        if let Some(page) = paged.pages.last_mut() {
            page.push((index, y));
        }
        y += piece.height;
    }
    if paged.pages.last().is_some_and(Vec::is_empty) && paged.pages.len() > 1 {
        paged.pages.pop();
    }
    paged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(height: f32) -> Piece {
        Piece {
            height,
            ..Piece::default()
        }
    }

    #[test]
    fn chapters_start_pages_and_headings_keep_with_the_next_line() {
        let room = body_height();
        let mut pieces = vec![piece(10.0), piece(room - 25.0)];
        // A heading near the bottom: it and its first line do not both fit.
        pieces.push(Piece {
            keep_with_next: true,
            anchor: Some(0),
            ..piece(10.0)
        });
        pieces.push(piece(10.0));
        pieces.push(Piece {
            break_before: true,
            anchor: Some(1),
            ..piece(10.0)
        });
        let paged = paginate(&pieces);
        assert_eq!(paged.pages.len(), 3);
        assert_eq!(paged.pages[1][0], (2, 0.0));
        assert_eq!(paged.anchors, [1, 2]);
    }

    #[test]
    fn space_is_dropped_at_the_top_of_a_page() {
        let room = body_height();
        let space = Piece {
            is_space: true,
            ..piece(30.0)
        };
        let paged = paginate(&[space.clone(), piece(room), space, piece(5.0)]);
        assert_eq!(paged.pages, [vec![(1, 0.0)], vec![(3, 0.0)]]);
    }
}
