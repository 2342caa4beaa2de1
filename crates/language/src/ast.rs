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

/// A moment as precisely as it was typed: a year, or a month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    pub year: i32,
    /// 1–12.
    pub month: Option<u8>,
}

impl Moment {
    pub fn year(year: i32) -> Self {
        Self { year, month: None }
    }

    /// The moment as the start of a lexical date: `2025`, `2025-01`. A date, year-month or year
    /// that starts with it lies within it; one that sorts before it begins earlier.
    pub fn key(&self) -> String {
        match self.month {
            Some(month) => format!("{:04}-{month:02}", self.year),
            None => format!("{:04}", self.year),
        }
    }
}

/// The months' names in English and Italian, January first: what the grammar's `month_name`
/// accepts (a test holds them together) and how a moment is written.
pub const MONTHS: [[&str; 2]; 12] = [
    ["january", "gennaio"],
    ["february", "febbraio"],
    ["march", "marzo"],
    ["april", "aprile"],
    ["may", "maggio"],
    ["june", "giugno"],
    ["july", "luglio"],
    ["august", "agosto"],
    ["september", "settembre"],
    ["october", "ottobre"],
    ["november", "novembre"],
    ["december", "dicembre"],
];

/// The numbers a question may spell out, one to twenty, in English and Italian: what the
/// grammar's `number_word` accepts (a test holds them together).
pub const NUMBER_WORDS: [[&str; 2]; 20] = [
    ["one", "uno"],
    ["two", "due"],
    ["three", "tre"],
    ["four", "quattro"],
    ["five", "cinque"],
    ["six", "sei"],
    ["seven", "sette"],
    ["eight", "otto"],
    ["nine", "nove"],
    ["ten", "dieci"],
    ["eleven", "undici"],
    ["twelve", "dodici"],
    ["thirteen", "tredici"],
    ["fourteen", "quattordici"],
    ["fifteen", "quindici"],
    ["sixteen", "sedici"],
    ["seventeen", "diciassette"],
    ["eighteen", "diciotto"],
    ["nineteen", "diciannove"],
    ["twenty", "venti"],
];

/// A number in digits or in words (`3`, `three`, `tre`).
pub fn number(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    lower.parse().ok().or_else(|| {
        NUMBER_WORDS
            .iter()
            .position(|words| words.contains(&lower.as_str()))
            .and_then(|i| u32::try_from(i + 1).ok())
    })
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self
            .month
            .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)))
            .map(|[english, _]| capitalized(english))
        {
            Some(month) => write!(f, "{month} {}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

/// How a time filter's period ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Up to and including the moment (`in 2024`, `to 2024`, `e il 2023`).
    Through(Moment),
    /// Up to the moment, not including it (`before 2025`).
    Before(Moment),
}

/// A time filter on dated facts: the facts whose date (or period) overlaps the period from
/// `start` to `end`, either open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimeFilter {
    pub start: Option<Moment>,
    pub end: Option<End>,
}

impl TimeFilter {
    /// `in 2024`, `a gennaio 2025`
    pub fn during(moment: Moment) -> Self {
        Self {
            start: Some(moment),
            end: Some(End::Through(moment)),
        }
    }

    /// `since 2023`, `dal 2023` (inclusive)
    pub fn since(moment: Moment) -> Self {
        Self {
            start: Some(moment),
            end: None,
        }
    }

    /// `before 2025`, `prima del 2025` (exclusive)
    pub fn before(moment: Moment) -> Self {
        Self {
            start: None,
            end: Some(End::Before(moment)),
        }
    }

    /// `between 2019 and 2023`, `dal 2019 al 2024` (both inclusive)
    pub fn between(start: Moment, end: Moment) -> Self {
        Self {
            start: Some(start),
            end: Some(End::Through(end)),
        }
    }

    /// This filter and another on the other end (`since 2023 before 2025`), if they do not
    /// both bound the same end.
    pub fn and(self, other: Self) -> Option<Self> {
        let start = match (self.start, other.start) {
            (Some(_), Some(_)) => return None,
            (start, other) => start.or(other),
        };
        let end = match (self.end, other.end) {
            (Some(_), Some(_)) => return None,
            (end, other) => end.or(other),
        };
        Some(Self { start, end })
    }
}

impl fmt::Display for TimeFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.start, self.end) {
            (Some(start), Some(End::Through(end))) if start == end => write!(f, "in {start}"),
            (Some(start), Some(End::Through(end))) => write!(f, "from {start} to {end}"),
            (Some(start), Some(End::Before(end))) => write!(f, "since {start} before {end}"),
            (Some(start), None) => write!(f, "since {start}"),
            (None, Some(End::Through(end))) => write!(f, "up to {end}"),
            (None, Some(End::Before(end))) => write!(f, "before {end}"),
            (None, None) => write!(f, "at any time"),
        }
    }
}

/// Modifiers that may follow any question, at most once each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub time: Option<(TimeFilter, Span)>,
    pub with_sources: bool,
    pub transitive: Option<Span>,
    /// `first 20 …`: the answer is shown this many rows at a time.
    pub first: Option<u32>,
}

/// A parsed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// `explain …`: print the SPARQL instead of running it.
    pub explain: bool,
    pub form: Form,
    pub modifiers: Modifiers,
}
