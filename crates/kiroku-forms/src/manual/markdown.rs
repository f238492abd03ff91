//! The Markdown a chapter is written in, read into blocks (pulldown-cmark): headings `#`–`###`,
//! paragraphs, ordered and bullet lists (nested), images (`![alt](path)` or the
//! `<img src=… width=… alt=…>` form), block quotes (a boxed note) and code blocks (a box of
//! plain lines). Emphasis, links and inline code keep their text only. The comment
//! `<!-- 用語 -->` marks where the glossary's terms go.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The marker, in a chapter, of where the terms of the glossary (用語集) are set.
pub const TERMS_MARKER: &str = "<!-- 用語 -->";

/// One block of a chapter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MdBlock {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    List {
        /// The first number of an ordered list; `None` for bullets.
        start: Option<u64>,
        items: Vec<Vec<MdBlock>>,
    },
    Image {
        src: String,
        alt: String,
        /// The `width` of an `<img>`, in CSS pixels.
        width_px: Option<u32>,
    },
    /// A block quote: set in a box.
    Note(Vec<MdBlock>),
    /// A code block: its lines as they are, in a box.
    Code(String),
    /// Where the glossary's terms go.
    Terms,
}

/// What is being filled while the events come.
enum Open {
    Quote(Vec<MdBlock>),
    List {
        start: Option<u64>,
        items: Vec<Vec<MdBlock>>,
    },
    Item(Vec<MdBlock>),
}

/// Inline text being gathered: a heading's or a paragraph's.
struct Inline {
    heading: Option<u8>,
    text: String,
}

struct Builder {
    root: Vec<MdBlock>,
    open: Vec<Open>,
    inline: Option<Inline>,
    /// An image's alt text while inside `![…]`, with its path.
    image: Option<(String, String)>,
    code: Option<String>,
}

impl Builder {
    fn push(&mut self, block: MdBlock) {
        match self.open.last_mut() {
            Some(Open::Quote(blocks) | Open::Item(blocks)) => blocks.push(block),
            // Blocks directly in a list (outside an item) do not occur; keep them anyway.
            Some(Open::List { items, .. }) => items.push(vec![block]),
            None => self.root.push(block),
        }
    }

    /// Ends the heading or paragraph being gathered.
    fn flush(&mut self) {
        if let Some(inline) = self.inline.take() {
            let text = inline.text.trim().to_owned();
            match inline.heading {
                Some(level) => self.push(MdBlock::Heading { level, text }),
                None if text.is_empty() => {}
                None => self.push(MdBlock::Paragraph(text)),
            }
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, alt)) = self.image.as_mut() {
            alt.push_str(text);
            return;
        }
        if let Some(code) = self.code.as_mut() {
            code.push_str(text);
            return;
        }
        self.inline
            .get_or_insert_with(|| Inline {
                heading: None,
                text: String::new(),
            })
            .text
            .push_str(text);
    }

    /// A soft line break: Japanese text joins without a space, Latin words with one.
    fn soft_break(&mut self) {
        if let Some(inline) = self.inline.as_mut() {
            if inline
                .text
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c.is_ascii_punctuation())
            {
                inline.text.push(' ');
            }
        }
    }

    fn html(&mut self, html: &str) {
        let trimmed = html.trim();
        if trimmed == TERMS_MARKER {
            self.flush();
            self.push(MdBlock::Terms);
            return;
        }
        let mut rest = trimmed;
        while let Some(at) = rest.find("<img") {
            let after = &rest[at..];
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            let tag = &after[..end];
            if let Some(src) = attribute(tag, "src") {
                self.flush();
                self.push(MdBlock::Image {
                    src,
                    alt: attribute(tag, "alt").unwrap_or_default(),
                    width_px: attribute(tag, "width").and_then(|w| w.parse().ok()),
                });
            }
            rest = &after[end..];
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.inline = Some(Inline {
                    heading: Some(heading_level(level)),
                    text: String::new(),
                });
            }
            Tag::Paragraph => self.flush(),
            Tag::BlockQuote(_) => {
                self.flush();
                self.open.push(Open::Quote(Vec::new()));
            }
            Tag::List(start) => {
                self.flush();
                self.open.push(Open::List {
                    start,
                    items: Vec::new(),
                });
            }
            Tag::Item => {
                self.flush();
                self.open.push(Open::Item(Vec::new()));
            }
            Tag::Image { dest_url, .. } => {
                self.image = Some((dest_url.to_string(), String::new()));
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph => self.flush(),
            TagEnd::Image => {
                if let Some((src, alt)) = self.image.take() {
                    self.flush();
                    self.push(MdBlock::Image {
                        src,
                        alt,
                        width_px: None,
                    });
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.push(MdBlock::Code(code.trim_end().to_owned()));
                }
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                if let Some(Open::Quote(blocks)) = self.open.pop() {
                    self.push(MdBlock::Note(blocks));
                }
            }
            TagEnd::Item => {
                self.flush();
                if let Some(Open::Item(blocks)) = self.open.pop() {
                    if let Some(Open::List { items, .. }) = self.open.last_mut() {
                        items.push(blocks);
                    }
                }
            }
            TagEnd::List(_) => {
                self.flush();
                if let Some(Open::List { start, items }) = self.open.pop() {
                    self.push(MdBlock::List { start, items });
                }
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The value of `name="…"` (or `'…'`) in an HTML tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().last();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote == '"' || quote == '\'' {
            let inner = &value[1..];
            return inner.find(quote).map(|end| inner[..end].to_owned());
        }
        let end = value
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(value.len());
        return Some(value[..end].to_owned());
    }
    None
}

/// Reads `markdown` into blocks.
pub(crate) fn parse(markdown: &str) -> Vec<MdBlock> {
    let mut b = Builder {
        root: Vec::new(),
        open: Vec::new(),
        inline: None,
        image: None,
        code: None,
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(tag) => b.start(tag),
            Event::End(tag) => b.end(tag),
            Event::Text(t) | Event::Code(t) => b.text(&t),
            Event::SoftBreak => b.soft_break(),
            Event::HardBreak => b.text("\n"),
            Event::Html(h) | Event::InlineHtml(h) => b.html(&h),
            _ => {}
        }
    }
    b.flush();
    while let Some(open) = b.open.pop() {
        // An unclosed container (never from pulldown-cmark): keep what it holds.
        match open {
            Open::Quote(blocks) | Open::Item(blocks) => b.root.extend(blocks),
            Open::List { items, .. } => b.root.extend(items.into_iter().flatten()),
        }
    }
    b.root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_japanese_line_joins() {
        let blocks = parse("# 章\n\n本文の\n続き。\nKiroku\nis\n\n## 節\n");
        assert_eq!(
            blocks,
            [
                MdBlock::Heading {
                    level: 1,
                    text: "章".into()
                },
                MdBlock::Paragraph("本文の続き。Kiroku is".into()),
                MdBlock::Heading {
                    level: 2,
                    text: "節".into()
                },
            ]
        );
    }

    #[test]
    fn lists_nest_and_keep_their_numbers() {
        let blocks = parse("3. **一つ**目\n   - 下の項目\n4. 二つ目\n");
        let MdBlock::List { start, items } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(*start, Some(3));
        assert_eq!(items.len(), 2);
        assert_eq!(items[0][0], MdBlock::Paragraph("一つ目".into()));
        assert!(matches!(&items[0][1], MdBlock::List { start: None, items } if items.len() == 1));
    }

    #[test]
    fn images_in_both_forms_quotes_and_the_terms_marker() {
        let md = "![ホーム](../s/a.png)\n\n<img src=\"../s/b.png\" width=\"560\" alt=\"入力\">\n\n> 注意\n\n<!-- 用語 -->\n";
        let blocks = parse(md);
        assert_eq!(
            blocks,
            [
                MdBlock::Image {
                    src: "../s/a.png".into(),
                    alt: "ホーム".into(),
                    width_px: None
                },
                MdBlock::Image {
                    src: "../s/b.png".into(),
                    alt: "入力".into(),
                    width_px: Some(560)
                },
                MdBlock::Note(vec![MdBlock::Paragraph("注意".into())]),
                MdBlock::Terms,
            ]
        );
    }
}
