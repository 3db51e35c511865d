//! A YAML tree that remembers where every value was written.
//!
//! Moderators edit the FAQ by hand, so every problem must be reported with its file, line and
//! column. The tree is built from the parser's event stream with an explicit stack (no
//! recursion), refuses aliases (which no FAQ file needs and which make "billion laughs" files
//! possible) and refuses nesting deeper than [`MAX_DEPTH`].

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// How deep mappings and sequences may nest; the FAQ format needs four levels.
pub const MAX_DEPTH: usize = 32;

/// A position in a file, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    /// What a moderator would call this kind of value, for error messages.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a group of keys",
        }
    }
}

/// Why a file could not be read as YAML at all.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.pos.line, self.pos.column, self.message
        )
    }
}

impl std::error::Error for SyntaxError {}

enum Open {
    Seq(Pos, Vec<Node>),
    Map(Pos, Vec<(Node, Node)>, Option<Node>),
}

/// Parses the first document of `text` into a [`Node`] tree (`None` for an empty file).
///
/// # Errors
/// A syntax error, an alias, or nesting deeper than [`MAX_DEPTH`].
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| SyntaxError {
            pos: Pos {
                line: e.marker().line(),
                column: e.marker().col() + 1,
            },
            message: if e.info().contains("recursion limit") {
                format!("values are nested more than {MAX_DEPTH} levels deep")
            } else {
                e.info().to_owned()
            },
        })?;
        let pos = Pos {
            line: mark.line(),
            column: mark.col() + 1,
        };
        let done = match event {
            Event::StreamEnd | Event::DocumentEnd => return Ok(None),
            Event::Alias(_) => {
                return Err(SyntaxError {
                    pos,
                    message: "aliases (`*name`) are not allowed in FAQ files; write the value out"
                        .to_owned(),
                })
            }
            Event::Scalar(text, style, _, _) => Node {
                value: scalar(text, style),
                pos,
            },
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(SyntaxError {
                        pos,
                        message: format!("values are nested more than {MAX_DEPTH} levels deep"),
                    });
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(pos, Vec::new())
                } else {
                    Open::Map(pos, Vec::new(), None)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(pos, items)) => Node {
                    value: Value::Seq(items),
                    pos,
                },
                // A block mapping is reported where its first key is written.
                Some(Open::Map(pos, pairs, _)) => Node {
                    pos: pairs.first().map_or(pos, |(k, _)| k.pos),
                    value: Value::Map(pairs),
                },
                None => continue,
            },
            Event::Nothing | Event::StreamStart | Event::DocumentStart => continue,
        };
        match stack.last_mut() {
            None => return only_document(&mut parser).map(|()| Some(done)),
            Some(Open::Seq(_, items)) => items.push(done),
            Some(Open::Map(_, pairs, key)) => match key.take() {
                None => *key = Some(done),
                Some(k) => pairs.push((k, done)),
            },
        }
    }
}

/// Checks that nothing but empty documents follows the first: a second document after
/// `---` would otherwise be silently ignored.
fn only_document(parser: &mut Parser<std::str::Chars<'_>>) -> Result<(), SyntaxError> {
    loop {
        let (event, mark) = parser.next_token().map_err(|e| SyntaxError {
            pos: Pos {
                line: e.marker().line(),
                column: e.marker().col() + 1,
            },
            message: e.info().to_owned(),
        })?;
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Scalar(ref text, style, ..) if is_null(text, style) => {}
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) => {
                return Err(SyntaxError {
                    pos: Pos {
                        line: mark.line(),
                        column: mark.col() + 1,
                    },
                    message: "a second YAML document starts here (after `---`), and a file holds one; merge it into the first or move it to a file of its own".to_owned(),
                });
            }
            _ => {}
        }
    }
}

fn is_null(text: &str, style: TScalarStyle) -> bool {
    style == TScalarStyle::Plain && matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn scalar(text: String, style: TScalarStyle) -> Value {
    if is_null(&text, style) {
        Value::Null
    } else {
        Value::Str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_positions_of_keys_and_values() {
        let tree = parse("entries:\n  - id: a\n    question: Q\n")
            .unwrap()
            .unwrap();
        let Value::Map(top) = tree.value else {
            panic!("not a map")
        };
        let Value::Seq(items) = &top[0].1.value else {
            panic!("not a seq")
        };
        let Value::Map(entry) = &items[0].value else {
            panic!("not a map")
        };
        assert_eq!(entry[1].0.pos, Pos { line: 3, column: 5 });
        assert_eq!(entry[1].1.value, Value::Str("Q".into()));
    }

    #[test]
    fn refuses_aliases() {
        let err = parse("a: &x [1]\nb: *x\n").unwrap_err();
        assert_eq!(err.pos.line, 2);
        assert!(err.message.contains("aliases"));
    }

    #[test]
    fn refuses_deep_nesting() {
        let text = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&text).unwrap_err().message.contains("nested"));
    }

    #[test]
    fn empty_file_is_none() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("# only a comment\n").unwrap(), None);
    }
}
