//! The typed syntax tree of a question, as the parser leaves it: every name and word run
//! keeps its span so that later stages can point at it.

use std::fmt;

/// The forms of the language: each form's node lives with the form, in [`crate::forms`].
pub use crate::forms::Form;

/// A byte range in the question text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One word of a run, with its place in the question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
    /// A quoted name inside a run (`who depends on "Mistral AI"`) is one word.
    pub quoted: bool,
}

/// A run of words the resolver will interpret (a relation phrase plus a name, a class, a
/// measure…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub words: Vec<Word>,
}

impl Run {
    pub fn span(&self) -> Span {
        match (self.words.first(), self.words.last()) {
            (Some(first), Some(last)) => first.span.join(last.span),
            _ => Span::default(),
        }
    }

    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// An entity name as typed: quoted (`"Mistral AI"`) or bare words (`Mistral AI`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
    pub quoted: bool,
}

/// A time filter on dated facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFilter {
    /// `in 2024`, `nel 2024`
    In(i32),
    /// `since 2023`, `dal 2023` (inclusive)
    Since(i32),
    /// `before 2025`, `prima del 2025` (exclusive)
    Before(i32),
}

impl fmt::Display for TimeFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::In(year) => write!(f, "in {year}"),
            Self::Since(year) => write!(f, "since {year}"),
            Self::Before(year) => write!(f, "before {year}"),
        }
    }
}

/// Modifiers that may follow any question, at most once each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub time: Option<(TimeFilter, Span)>,
    pub with_sources: bool,
    pub transitive: Option<Span>,
}

/// A parsed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// `explain …`: print the SPARQL instead of running it.
    pub explain: bool,
    pub form: Form,
    pub modifiers: Modifiers,
}
