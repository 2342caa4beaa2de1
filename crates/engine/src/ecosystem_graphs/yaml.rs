//! A small, forgiving YAML tree for the asset files: scalars keep their text (the importer
//! decides what `2022` or `unknown` means for each field), a repeated key keeps its first
//! value instead of failing the whole file, and every top-level record keeps its line.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar as written; `plain` when it was unquoted (so `null`, `~` and the empty
    /// scalar mean "no value").
    Scalar {
        text: String,
        plain: bool,
    },
    List(Vec<Node>),
    /// Keys in file order; non-scalar keys are kept as their text form.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// No value: `null`, `~` or an empty plain scalar.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a non-null scalar.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, .. } if !self.is_null() => Some(text),
            _ => None,
        }
    }

    /// A short description of the value's shape, for messages.
    pub fn shape(&self) -> &'static str {
        match self {
            _ if self.is_null() => "nothing",
            Node::Scalar { .. } => "a single value",
            Node::List(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// One element of a file's top-level list, with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub line: usize,
    pub node: Node,
    /// Keys given twice in this record (the first value is kept).
    pub repeated_keys: Vec<String>,
}

/// Why a file is not a YAML document of records: `line:column: message` when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The YAML scanner's error is read into the line, column and message.
impl std::error::Error for SyntaxError {}

/// Most nodes a file may expand to, aliases included: a guard against alias bombs.
const MAX_NODES: usize = 2_000_000;

/// Parses a file whose top level is a list of records. A file whose top level is a single
/// mapping is read as one record; anything else is a syntax error at line 1.
pub fn parse_records(text: &str) -> Result<Vec<Located>, SyntaxError> {
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, true).map_err(|e| SyntaxError {
        line: e.marker().line(),
        column: e.marker().col() + 1,
        message: e.info().to_owned(),
    })?;
    if let Some(error) = builder.error {
        return Err(error);
    }
    match builder.root {
        None => Ok(vec![]),
        Some(Node::List(items)) => Ok(items
            .into_iter()
            .zip(builder.records)
            .map(|(node, (line, repeated_keys))| Located {
                line,
                node,
                repeated_keys,
            })
            .collect()),
        Some(node @ Node::Map(_)) => Ok(vec![Located {
            line: builder.records.first().map_or(1, |r| r.0),
            node,
            repeated_keys: builder.records.into_iter().next().map_or(vec![], |r| r.1),
        }]),
        Some(node) if node.is_null() => Ok(vec![]),
        Some(_) => Err(SyntaxError {
            line: 1,
            column: 1,
            message: "expected a list of asset records".to_owned(),
        }),
    }
}

/// An open collection on the builder's stack.
enum Open {
    List(Vec<Node>),
    Map {
        entries: Vec<(String, Node)>,
        pending_key: Option<String>,
    },
}

#[derive(Default)]
struct TreeBuilder {
    stack: Vec<(Open, usize)>,
    root: Option<Node>,
    /// Anchored nodes, by anchor id.
    anchors: std::collections::HashMap<usize, Node>,
    /// Line and repeated keys of each record (depth-1 collection) in order.
    records: Vec<(usize, Vec<String>)>,
    nodes: usize,
    error: Option<SyntaxError>,
}

impl TreeBuilder {
    fn fail(&mut self, mark: Marker, message: &str) {
        if self.error.is_none() {
            self.error = Some(SyntaxError {
                line: mark.line(),
                column: mark.col() + 1,
                message: message.to_owned(),
            });
        }
    }

    fn count(&mut self, weight: usize, mark: Marker) -> bool {
        self.nodes = self.nodes.saturating_add(weight);
        if self.nodes > MAX_NODES {
            self.fail(mark, "the file expands to too many values (alias bomb?)");
            return false;
        }
        true
    }

    /// Places a finished node in its parent (or as the root).
    fn attach(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let depth = self.stack.len();
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some((Open::List(items), _)) => items.push(node),
            Some((
                Open::Map {
                    entries,
                    pending_key,
                },
                _,
            )) => match pending_key.take() {
                None => *pending_key = Some(key_text(&node)),
                Some(key) => {
                    if entries.iter().any(|(k, _)| *k == key) {
                        // The record at depth 2 (root list → record map) remembers it.
                        if depth == 2
                            && let Some(record) = self.records.last_mut()
                        {
                            record.1.push(key);
                        }
                    } else {
                        entries.push((key, node));
                    }
                }
            },
        }
    }
}

fn key_text(node: &Node) -> String {
    match node {
        Node::Scalar { text, .. } => text.clone(),
        Node::List(_) => "[list]".to_owned(),
        Node::Map(_) => "{mapping}".to_owned(),
    }
}

fn node_weight(node: &Node) -> usize {
    match node {
        Node::Scalar { .. } => 1,
        Node::List(items) => 1 + items.iter().map(node_weight).sum::<usize>(),
        Node::Map(entries) => {
            1 + entries
                .iter()
                .map(|(_, v)| 1 + node_weight(v))
                .sum::<usize>()
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if !self.count(1, mark) {
                    return;
                }
                // A collection whose parent is the root list is a record.
                if self.stack.len() == 1 && matches!(self.stack[0].0, Open::List(_)) {
                    self.records.push((mark.line(), vec![]));
                }
                let open = if matches!(event, Event::SequenceStart(..)) {
                    Open::List(vec![])
                } else {
                    Open::Map {
                        entries: vec![],
                        pending_key: None,
                    }
                };
                self.stack.push((open, anchor));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((open, anchor)) = self.stack.pop() {
                    let node = match open {
                        Open::List(items) => Node::List(items),
                        Open::Map { entries, .. } => Node::Map(entries),
                    };
                    self.attach(node, anchor);
                }
            }
            Event::Scalar(text, style, anchor, _) => {
                if !self.count(1, mark) {
                    return;
                }
                if self.stack.len() == 1 && matches!(self.stack[0].0, Open::List(_)) {
                    self.records.push((mark.line(), vec![]));
                }
                let plain = style == TScalarStyle::Plain;
                self.attach(Node::Scalar { text, plain }, anchor);
            }
            Event::Alias(id) => {
                let node = self.anchors.get(&id).cloned();
                match node {
                    Some(node) => {
                        if !self.count(node_weight(&node), mark) {
                            return;
                        }
                        if self.stack.len() == 1 && matches!(self.stack[0].0, Open::List(_)) {
                            self.records.push((mark.line(), vec![]));
                        }
                        self.attach(node, 0);
                    }
                    None => self.fail(mark, "alias to an unknown anchor"),
                }
            }
            Event::DocumentEnd => {
                // Only the first document counts; later ones would be silently mixed in.
            }
            Event::DocumentStart if self.root.is_some() => {
                self.fail(
                    mark,
                    "more than one YAML document: an asset file holds one list",
                );
            }
            Event::DocumentStart | Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Node {
        Node::Scalar {
            text: text.to_owned(),
            plain: true,
        }
    }

    #[test]
    fn reads_records_with_their_lines() {
        let records = parse_records("- name: A\n  type: model\n\n- name: B\n  dependencies: [A]\n")
            .expect("valid");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].line, 1);
        assert_eq!(records[1].line, 4);
        assert_eq!(records[1].node.get("name"), Some(&scalar("B")));
        assert_eq!(
            records[1].node.get("dependencies"),
            Some(&Node::List(vec![scalar("A")]))
        );
    }

    #[test]
    fn keeps_scalars_as_text_and_knows_quoting() {
        let records =
            parse_records("- created_date: 2022\n  size: '7B'\n  license: ~\n").expect("valid");
        let record = &records[0].node;
        assert_eq!(record.get("created_date"), Some(&scalar("2022")));
        assert_eq!(
            record.get("size"),
            Some(&Node::Scalar {
                text: "7B".into(),
                plain: false
            })
        );
        assert!(record.get("license").is_some_and(Node::is_null));
    }

    #[test]
    fn a_repeated_key_keeps_the_first_value_and_is_reported() {
        let records = parse_records("- name: A\n  type: model\n  type: dataset\n").expect("valid");
        assert_eq!(records[0].node.get("type"), Some(&scalar("model")));
        assert_eq!(records[0].repeated_keys, vec!["type".to_owned()]);
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let error = parse_records("- name: A\n  type: [model\n- name: B\n").expect_err("broken");
        assert!(error.line >= 2, "{error:?}");
        assert!(!error.message.is_empty());
    }

    #[test]
    fn a_top_level_scalar_is_not_a_record_list() {
        let error = parse_records("just text\n").expect_err("not a list");
        assert_eq!(error.line, 1);
    }

    #[test]
    fn an_alias_bomb_is_refused() {
        let mut text = String::from("- a: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let prev = level - 1;
            text.push_str(&format!(
                "  a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let error = parse_records(&text).expect_err("bomb");
        assert!(error.message.contains("too many"), "{error:?}");
    }

    #[test]
    fn empty_files_hold_no_records() {
        assert_eq!(parse_records("").expect("empty"), vec![]);
        assert_eq!(parse_records("# only a comment\n").expect("empty"), vec![]);
    }
}
