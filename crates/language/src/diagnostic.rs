//! One diagnostic for input catena cannot read — a question that does not parse or resolve,
//! a SPARQL query that does not parse — and its two renderings: for people (the message,
//! then the input's line with carets under the problem) and as JSON (for the `/ask`
//! endpoint).

use std::fmt;

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::ast::Span;
use crate::suggest;
use crate::vocabulary::Lang;

/// A sentence in both languages of the questions: a diagnostic is told in the question's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub it: String,
}

impl Text {
    pub fn new(en: impl Into<String>, it: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            it: it.into(),
        }
    }

    /// A text that is the same in both languages: another component's message (the SPARQL
    /// parser's), which catena cannot translate.
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            it: text.clone(),
            en: text,
        }
    }

    /// The text in `language`; English when the language is not known.
    pub fn get(&self, language: Option<Lang>) -> &str {
        match language {
            Some(Lang::It) => &self.it,
            _ => &self.en,
        }
    }

    /// Both languages' texts, each changed alike: `{self}: {other}`, `{self}; {other}`.
    pub fn join(&self, separator: &str, other: &Text) -> Text {
        Text::new(
            format!("{}{separator}{}", self.en, other.en),
            format!("{}{separator}{}", self.it, other.it),
        )
    }
}

/// What is wrong with a piece of input, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The byte range of the problem in the input; an empty span is a point (the end of a
    /// question that stops too early).
    pub span: Span,
    /// The sentence people read, whole: it says what was expected and what to do, in words
    /// — in both languages; [`Self::message`] gives the question's.
    pub text: Box<Text>,
    /// What the parser expected at the span, as data (the message says it in words). Boxed
    /// slices, as `hints`, keep the errors that hold a diagnostic small.
    pub expected: Box<[String]>,
    /// The advice the message gives, as data.
    pub hints: Box<[Text]>,
    /// Close valid words or names, best first, each a replacement that works.
    pub suggestions: Vec<String>,
    /// A whole question close to the one typed that translates: what "did you mean" offers
    /// first.
    pub question: Option<String>,
    /// The language the question is written in, when the error or the words tell it.
    pub language: Option<Lang>,
}

impl Diagnostic {
    pub fn new(span: Span, text: Text) -> Self {
        Self {
            span,
            text: Box::new(text),
            expected: Box::default(),
            hints: Box::default(),
            suggestions: vec![],
            question: None,
            language: None,
        }
    }

    /// `headline: hint`, with the hint kept as data too.
    pub fn advising(span: Span, headline: Text, hint: Text) -> Self {
        Self::new(span, headline.join(": ", &hint)).with_hint(hint)
    }

    /// The message in the question's language.
    pub fn message(&self) -> &str {
        self.text.get(self.language)
    }

    /// The hints in the question's language.
    pub fn hint_texts(&self) -> Vec<String> {
        self.hints
            .iter()
            .map(|hint| hint.get(self.language).to_owned())
            .collect()
    }

    /// The message with `more` after it, in both languages.
    pub fn extended(mut self, separator: &str, more: &Text) -> Self {
        self.text = Box::new(self.text.join(separator, more));
        self
    }

    pub fn with_question(mut self, question: Option<String>) -> Self {
        self.question = question;
        self
    }

    pub fn with_suggestions(mut self, suggestions: Vec<String>) -> Self {
        self.suggestions = suggestions;
        self
    }

    pub fn with_expected(mut self, expected: Vec<String>) -> Self {
        self.expected = expected.into_boxed_slice();
        self
    }

    pub fn with_hint(mut self, hint: Text) -> Self {
        let mut hints = std::mem::take(&mut self.hints).into_vec();
        hints.push(hint);
        self.hints = hints.into_boxed_slice();
        self
    }

    pub fn in_language(mut self, language: Option<Lang>) -> Self {
        self.language = language;
        self
    }

    /// The same diagnostic for an input that holds this one's at `offset` (a `sparql …`
    /// question holds its query after the keyword).
    pub fn shifted(mut self, offset: usize) -> Self {
        self.span = Span::new(self.span.start + offset, self.span.end + offset);
        self
    }

    /// The 1-based line and column (in characters) of the problem in `input`.
    pub fn line_column(&self, input: &str) -> Option<(usize, usize)> {
        let before = input.get(..self.span.start.min(input.len()))?;
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        Some((line, column))
    }

    /// The message, then the input's line with carets under the problem, as questions show
    /// it: a blank gutter.
    pub fn report(&self, input: &str) -> String {
        self.render(input, Gutter::Blank)
    }

    /// The message, then the input's line with carets under the problem (a window of the
    /// line around it when the line is long). Carets are placed and sized by display width,
    /// so they stand under wide characters (CJK, emoji) and after combining accents
    /// correctly; a tab is shown as one space.
    pub fn render(&self, input: &str, gutter: Gutter) -> String {
        let mut report = self.to_string();
        let Some((line, column)) = self.line_column(input) else {
            return report;
        };
        let Some(text) = input.lines().nth(line - 1) else {
            return report;
        };
        let chars: Vec<char> = text.chars().collect();
        let at = column - 1;
        let span_chars = input
            .get(self.span.start.min(input.len())..self.span.end.min(input.len()))
            .map_or(1, |s| s.chars().count());
        // A long line is shown as a window around the problem, not echoed whole.
        let from = if chars.len() > ECHO_WIDTH {
            at.saturating_sub(ECHO_CONTEXT)
        } else {
            0
        };
        let to = (from + ECHO_WIDTH).min(chars.len());
        let before = if from > 0 { ELLIPSIS } else { "" };
        let after = if to < chars.len() { ELLIPSIS } else { "" };
        let shown: String = chars[from..to]
            .iter()
            .map(|&c| if c == '\t' { ' ' } else { c })
            .collect();
        // The problem may start past the shown characters (after a stripped `\r`): one
        // column each.
        let problem_start = at.min(to);
        let indent = width(before) + columns(&chars[from..problem_start]) + (at - problem_start);
        let problem_end = at.saturating_add(span_chars).min(to).max(problem_start);
        let carets = columns(&chars[problem_start..problem_end]).max(1);
        let (label, blank) = match gutter {
            Gutter::Blank => (String::new(), String::new()),
            Gutter::LineNumber => (line.to_string(), " ".repeat(line.to_string().len())),
        };
        report.push_str(&format!(
            "\n {label} | {before}{shown}{after}\n {blank} | {}{}",
            " ".repeat(indent),
            "^".repeat(carets)
        ));
        report
    }

    /// The diagnostic as the `/ask` endpoint answers it: `error` (the message with its
    /// suggestions), `report` (as [`Self::report`]), `line` and `column` (1-based, in
    /// characters), `span` (`start`, `end`: bytes), `message`, `expected`, `hints`,
    /// `suggestions`, `question` (a whole question that works, or null) and `language` (`en`,
    /// `it` or null). The texts are in the question's language.
    pub fn to_json(&self, input: &str) -> serde_json::Value {
        let (line, column) = self.line_column(input).unzip();
        json(Json {
            error: self.to_string(),
            report: self.report(input),
            line,
            column,
            span: Some(JsonSpan {
                start: self.span.start,
                end: self.span.end,
            }),
            message: self.message(),
            expected: &self.expected,
            hints: &self.hint_texts(),
            suggestions: &self.suggestions,
            question: self.question.as_deref(),
            language: self.language.map(language_code),
        })
    }
}

/// The JSON of an error that points nowhere in the input (a query that ran and failed): the
/// fields of [`Diagnostic::to_json`], with no place, and the message as the report.
pub fn placeless_json(message: &str) -> serde_json::Value {
    json(Json {
        error: message.to_owned(),
        report: message.to_owned(),
        line: None,
        column: None,
        span: None,
        message,
        expected: &[],
        hints: &[],
        suggestions: &[],
        question: None,
        language: None,
    })
}

/// The empty span at a 1-based line and column (in characters, as the SPARQL parser counts
/// them), to place a parser's error given by position; a column past its line's end is the
/// line's end.
pub fn span_at(text: &str, line: usize, column: usize) -> Option<Span> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = text.get(line_start..)?;
    let line_text = rest.split('\n').next().unwrap_or_default();
    let within = line_text
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map_or(line_text.len(), |(at, _)| at);
    Some(Span::new(line_start + within, line_start + within))
}

/// How the echoed line is labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gutter {
    /// `  | who depends on X`: questions, one line almost always.
    Blank,
    /// ` 2 | WHERE { ?x cat:develops }`: SPARQL queries, often several lines.
    LineNumber,
}

/// The most characters of a line echoed under an error, and how many of them come before
/// the problem.
const ECHO_WIDTH: usize = 100;
const ECHO_CONTEXT: usize = 30;
/// Marks a line cut short by the window.
const ELLIPSIS: &str = "…";

/// The columns a character takes on a terminal: a tab is shown as one space, a control
/// character as nothing.
fn column_width(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

fn columns(chars: &[char]) -> usize {
    chars.iter().copied().map(column_width).sum()
}

fn width(text: &str) -> usize {
    text.chars().map(column_width).sum()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())?;
        let did_you_mean = match self.language {
            Some(Lang::It) => "forse intendevi",
            _ => "did you mean",
        };
        let or = match self.language {
            Some(Lang::It) => "o",
            _ => "or",
        };
        // A whole question that works says more than a word that fits.
        match &self.question {
            Some(question) => write!(f, "; {did_you_mean} `{question}`?"),
            None if !self.suggestions.is_empty() => write!(
                f,
                "; {did_you_mean} {}?",
                suggest::quote_list(&self.suggestions, or)
            ),
            None => Ok(()),
        }
    }
}

/// A diagnostic is a leaf: it describes the input, and no other error caused it.
impl std::error::Error for Diagnostic {}

/// The fields `/ask` answers with. Serialized through [`serde_json::Value`], whose keys are
/// sorted, as the endpoint's answers have always been.
#[derive(Serialize)]
struct Json<'a> {
    error: String,
    report: String,
    line: Option<usize>,
    column: Option<usize>,
    span: Option<JsonSpan>,
    message: &'a str,
    expected: &'a [String],
    hints: &'a [String],
    suggestions: &'a [String],
    question: Option<&'a str>,
    language: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

fn json(fields: Json<'_>) -> serde_json::Value {
    serde_json::to_value(fields).expect("strings, numbers and lists always serialize")
}

/// The language's BCP 47 tag, as the graph's labels carry it.
fn language_code(language: Lang) -> &'static str {
    match language {
        Lang::En => "en",
        Lang::It => "it",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(Span::new(start, end), Text::same("wrong here"))
    }

    /// The diagnostic under `needle`'s first occurrence in `input`.
    fn under(input: &str, needle: &str) -> Diagnostic {
        let start = input.find(needle).expect("the needle is in the input");
        at(start, start + needle.len())
    }

    /// The echoed line and the caret line of a report, without the gutters.
    fn echo_and_carets(report: &str) -> (String, String) {
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), 3, "{report}");
        let strip = |line: &str| line.strip_prefix("  | ").unwrap_or(line).to_owned();
        (strip(lines[1]), strip(lines[2]))
    }

    /// The text shown above the carets, as a terminal lays it out.
    fn above_carets(echo: &str, carets: &str) -> String {
        let indent = carets.len() - carets.trim_start().len();
        let wanted = carets.trim_start().len();
        let mut column = 0;
        let mut text = String::new();
        for c in echo.chars() {
            let w = column_width(c);
            if column >= indent && column < indent + wanted {
                text.push(c);
            }
            column += w;
        }
        text
    }

    #[test]
    fn ascii_questions_get_a_caret_per_character() {
        let report = at(4, 11).report("who deponds on X");
        assert_eq!(report, "wrong here\n  | who deponds on X\n  |     ^^^^^^^");
    }

    #[test]
    fn a_point_at_the_end_gets_one_caret_after_the_text() {
        let report = at(11, 11).report("who depends");
        assert_eq!(report, "wrong here\n  | who depends\n  |            ^");
    }

    #[test]
    fn italian_accented_letters_take_one_column() {
        // Precomposed (à) and decomposed (e + U+0301) accents: one column each.
        for question in [
            "chi è più grande di Città X",
            "chi e\u{301} più grande di Città X",
        ] {
            let report = under(question, "X").report(question);
            let (echo, carets) = echo_and_carets(&report);
            assert_eq!(above_carets(&echo, &carets), "X", "{report}");
            assert_eq!(carets.trim_start(), "^");
        }
    }

    #[test]
    fn carets_stand_under_wide_characters() {
        // Each CJK character and the emoji take two columns: carets under them are two
        // wide each, and those after them move right by as much.
        let question = "who depends on 日本電気 and 🚀Rocket";
        let report = under(question, "日本電気").report(question);
        let (echo, carets) = echo_and_carets(&report);
        assert_eq!(carets, format!("{}{}", " ".repeat(15), "^".repeat(8)));
        assert_eq!(above_carets(&echo, &carets), "日本電気");
        let report = under(question, "Rocket").report(question);
        let (echo, carets) = echo_and_carets(&report);
        assert_eq!(above_carets(&echo, &carets), "Rocket", "{report}");
        assert_eq!(carets.trim_start().len(), 6);
        let report = under(question, "🚀").report(question);
        let (_, carets) = echo_and_carets(&report);
        assert_eq!(carets.trim_start(), "^^");
    }

    #[test]
    fn a_long_line_is_echoed_as_a_window_around_the_problem() {
        let question = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let report = at(5000, 5003).report(&question);
        let (echo, carets) = echo_and_carets(&report);
        assert_eq!(echo.chars().count(), ECHO_WIDTH + 2, "{echo}");
        assert!(echo.starts_with("…aaa") && echo.contains("BADbbb") && echo.ends_with('…'));
        assert_eq!(above_carets(&echo, &carets), "BAD");
        assert_eq!(carets.trim_start(), "^^^");
        // Wide characters in the window: the carets still find the problem.
        let wide = format!("{}BAD{}", "日".repeat(200), "本".repeat(200));
        let report = at(600, 603).report(&wide);
        let (echo, carets) = echo_and_carets(&report);
        assert_eq!(above_carets(&echo, &carets), "BAD", "{report}");
    }

    #[test]
    fn a_span_past_the_window_is_cut_at_its_edge() {
        let question = format!("{}{}", "a".repeat(10), "b".repeat(500));
        let report = at(10, 510).report(&question);
        let (echo, carets) = echo_and_carets(&report);
        assert!(echo.ends_with('…'));
        assert_eq!(carets.trim_start().len(), ECHO_WIDTH - 10);
    }

    #[test]
    fn multi_line_input_echoes_the_line_of_the_problem() {
        let query = "SELECT ?x\nWHERE { ?x 日本 ?y }\n";
        let start = query.find("?y").expect("in the query");
        let diagnostic = Diagnostic::new(
            Span::new(start, start),
            Text::same("invalid SPARQL at 2:15: here"),
        );
        assert_eq!(diagnostic.line_column(query), Some((2, 15)));
        assert_eq!(
            diagnostic.render(query, Gutter::LineNumber),
            format!(
                "invalid SPARQL at 2:15: here\n 2 | WHERE {{ ?x 日本 ?y }}\n   | {}^",
                " ".repeat(16)
            )
        );
        assert_eq!(
            diagnostic.report(query),
            format!(
                "invalid SPARQL at 2:15: here\n  | WHERE {{ ?x 日本 ?y }}\n  | {}^",
                " ".repeat(16)
            )
        );
    }

    #[test]
    fn numbered_lines_are_as_catena_sparql_shows_them() {
        // tests/snapshots/bad_inputs__bad_inputs.snap, unknown-prefix.rq.
        let query = "SELECT ?x WHERE { ?x nope:p ?y }\n";
        let diagnostic = Diagnostic::new(
            Span::new(27, 27),
            Text::same("invalid SPARQL at 1:28: unknown"),
        );
        assert_eq!(
            diagnostic.render(query, Gutter::LineNumber),
            format!(
                "invalid SPARQL at 1:28: unknown\n 1 | SELECT ?x WHERE {{ ?x nope:p ?y }}\n   | {}^",
                " ".repeat(27)
            )
        );
    }

    #[test]
    fn tabs_are_shown_as_one_space_so_carets_line_up() {
        let report = under("who\tdepends on X", "X").report("who\tdepends on X");
        assert_eq!(
            report,
            "wrong here\n  | who depends on X\n  |                ^"
        );
    }

    #[test]
    fn a_span_past_the_input_reports_the_message_alone() {
        assert_eq!(at(4, 4).report("ab"), "wrong here\n  | ab\n  |   ^");
        assert_eq!(at(1, 2).report("日"), "wrong here");
    }

    #[test]
    fn suggestions_follow_the_message() {
        let diagnostic = Diagnostic::new(Span::new(15, 21), Text::same("unknown entity `Nvidea`"))
            .with_suggestions(vec!["NVIDIA".to_owned()]);
        assert_eq!(
            diagnostic.to_string(),
            "unknown entity `Nvidea`; did you mean \"NVIDIA\"?"
        );
        let advised = Diagnostic::advising(
            Span::new(0, 0),
            Text::same("empty question"),
            Text::same("try `.help`"),
        );
        assert_eq!(advised.message(), "empty question: try `.help`");
        assert_eq!(advised.hint_texts(), ["try `.help`"]);
    }

    #[test]
    fn json_holds_what_ask_answered_and_the_diagnostic() {
        let question = "chi dipende da Nvidiaa";
        let diagnostic = under(question, "Nvidiaa")
            .with_suggestions(vec!["NVIDIA".to_owned()])
            .with_expected(vec!["a name".to_owned()])
            .with_hint(Text::same("type a label"))
            .in_language(Some(Lang::It));
        let json = diagnostic.to_json(question);
        assert_eq!(
            json,
            serde_json::json!({
                "error": "wrong here; forse intendevi \"NVIDIA\"?",
                "report": "wrong here; forse intendevi \"NVIDIA\"?\n  | chi dipende da Nvidiaa\n  |                ^^^^^^^",
                "line": 1,
                "column": 16,
                "span": {"start": 15, "end": 22},
                "message": "wrong here",
                "expected": ["a name"],
                "hints": ["type a label"],
                "suggestions": ["NVIDIA"],
                "question": null,
                "language": "it",
            })
        );
        // The keys come out sorted, as /ask has always written them.
        let text = json.to_string();
        assert!(text.starts_with("{\"column\":16,\"error\":"), "{text}");
        assert_eq!(
            placeless_json("query cancelled"),
            serde_json::json!({
                "error": "query cancelled",
                "report": "query cancelled",
                "line": null,
                "column": null,
                "span": null,
                "message": "query cancelled",
                "expected": [],
                "hints": [],
                "suggestions": [],
                "question": null,
                "language": null,
            })
        );
    }
}
