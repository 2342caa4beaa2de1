//! Parsing: question text → typed [`Question`], with pest and `grammar/question.pest`.

use std::collections::HashSet;
use std::sync::LazyLock;

use pest::Parser as _;
pub(crate) use pest::iterators::Pair;
use pest::iterators::Pairs;

use crate::ast::{Form, Modifiers, Moment, Name, Question, Run, Span, TimeFilter, Word};
use crate::diagnostic::Diagnostic;

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/question.pest"]
struct QuestionParser;

/// The longest question accepted: longer text is refused before parsing.
pub const MAX_QUESTION_BYTES: usize = 16 * 1024;

/// Why a question does not parse: a [`Diagnostic`] with its place in the question.
pub type ParseError = Diagnostic;

/// The words that may start a question, for suggestions when the first word is wrong.
pub use crate::forms::LEADING_KEYWORDS;

/// Parses one question.
pub fn parse(text: &str) -> Result<Question, ParseError> {
    if text.len() > MAX_QUESTION_BYTES {
        return Err(ParseError::new(
            Span::new(0, text.len()),
            format!(
                "the question is {} bytes long; the limit is {MAX_QUESTION_BYTES}",
                text.len()
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(ParseError::advising(
            Span::new(0, text.len()),
            "empty question",
            "try `who depends on NVIDIA` or `.help`",
        ));
    }
    let mut pairs =
        QuestionParser::parse(Rule::question, text).map_err(|e| syntax_error(text, &e))?;
    let question = pairs
        .next()
        .ok_or_else(|| ParseError::new(Span::new(0, text.len()), "not a question"))?;
    build_question(question)
}

pub(crate) fn span_of(pair: &Pair<Rule>) -> Span {
    Span::new(pair.as_span().start(), pair.as_span().end())
}

/// The filter of a time modifier's pair.
fn time_filter(item: &Pair<Rule>) -> Result<TimeFilter, ParseError> {
    let span = span_of(item);
    let moments = item
        .clone()
        .into_inner()
        .filter(|p| matches!(p.as_rule(), Rule::moment | Rule::month))
        .map(|p| moment(&p))
        .collect::<Result<Vec<Moment>, ParseError>>()?;
    Ok(match (item.as_rule(), moments.as_slice()) {
        (Rule::time_in, [at]) => TimeFilter::during(*at),
        (Rule::time_since, [at]) => TimeFilter::since(*at),
        (Rule::time_before, [at]) => TimeFilter::before(*at),
        (Rule::time_range | Rule::time_between, [start, end]) => {
            if end < start {
                return Err(ParseError::new(
                    span,
                    format!(
                        "the period ends ({end}) before it starts ({start}): give the earlier first"
                    ),
                ));
            }
            TimeFilter::between(*start, *end)
        }
        _ => return Err(expected(span, "a four-digit year")),
    })
}

/// A year, or a month and its year.
fn moment(pair: &Pair<Rule>) -> Result<Moment, ParseError> {
    let span = span_of(pair);
    let mut moment = Moment::year(0);
    let mut has_year = false;
    for part in pair.clone().into_inner() {
        match part.as_rule() {
            Rule::year => {
                moment.year = part
                    .as_str()
                    .parse()
                    .map_err(|_| expected(span, "a four-digit year"))?;
                has_year = true;
            }
            Rule::month_name => moment.month = month_number(part.as_str()),
            _ => {}
        }
    }
    if !has_year {
        return Err(expected(span, "a four-digit year"));
    }
    Ok(moment)
}

/// The month a name means, in English or Italian (1–12).
fn month_number(name: &str) -> Option<u8> {
    const NAMES: [[&str; 2]; 12] = [
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
    let name = name.to_lowercase();
    NAMES
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn build_question(pair: Pair<Rule>) -> Result<Question, ParseError> {
    let mut explain = false;
    let mut form = None;
    let mut modifiers = Modifiers::default();
    let mut seen_sources: Option<Span> = None;
    for item in pair.into_inner() {
        let span = span_of(&item);
        match item.as_rule() {
            Rule::explain => explain = true,
            Rule::time_in
            | Rule::time_since
            | Rule::time_before
            | Rule::time_range
            | Rule::time_between => {
                let filter = time_filter(&item)?;
                modifiers.time = Some(match modifiers.time {
                    None => (filter, span),
                    Some((previous, previous_span)) => match previous.and(filter) {
                        // `since 2023 before 2025`: one period, bounded at both ends.
                        Some(both) => (both, previous_span.join(span)),
                        None => {
                            return Err(repeated(
                                span,
                                &format!(
                                    "a time filter ({previous}, at {})",
                                    previous_span.start + 1
                                ),
                            ));
                        }
                    },
                });
            }
            Rule::with_sources => {
                if seen_sources.is_some() {
                    return Err(repeated(span, "`with sources`"));
                }
                seen_sources = Some(span);
                modifiers.with_sources = true;
            }
            Rule::transitively => {
                if modifiers.transitive.is_some() {
                    return Err(repeated(span, "`transitively`"));
                }
                modifiers.transitive = Some(span);
            }
            Rule::EOI => {}
            _ => form = Some(Form::build(item)?),
        }
    }
    let form = form.ok_or_else(|| expected(Span::default(), "a question"))?;
    Ok(Question {
        explain,
        form,
        modifiers,
    })
}

pub(crate) fn repeated(span: Span, what: &str) -> ParseError {
    ParseError::new(span, format!("{what} is given more than once"))
}

/// `expected …`, with what was expected kept as data.
pub(crate) fn expected(span: Span, what: &str) -> ParseError {
    ParseError::new(span, format!("expected {what}")).with_expected(vec![what.to_owned()])
}

/// The pairs inside a form's pair, keywords left out: what its node is built from.
pub(crate) struct Parts<'i> {
    span: Span,
    pairs: Pairs<'i, Rule>,
}

impl<'i> Parts<'i> {
    pub(crate) fn of(pair: Pair<'i, Rule>) -> Self {
        Self {
            span: span_of(&pair),
            pairs: pair.into_inner(),
        }
    }

    /// The span of the whole form.
    pub(crate) fn span(&self) -> Span {
        self.span
    }

    /// The next part, which the grammar guarantees; an error names it if it is missing.
    pub(crate) fn required(&mut self, what: &str) -> Result<Pair<'i, Rule>, ParseError> {
        let span = self.span;
        self.next().ok_or_else(|| expected(span, what))
    }
}

impl<'i> Iterator for Parts<'i> {
    type Item = Pair<'i, Rule>;

    fn next(&mut self) -> Option<Self::Item> {
        self.pairs.find(|pair| !is_keyword(pair.as_rule()))
    }
}

/// The names of a form's optional filters, each of the rule given (with how the filter is
/// written, for errors); a filter given twice is an error, other parts are ignored.
pub(crate) fn filters<'i, const N: usize>(
    parts: impl Iterator<Item = Pair<'i, Rule>>,
    kinds: [(Rule, &str); N],
) -> Result<[Option<Name>; N], ParseError> {
    let mut found: [Option<Name>; N] = std::array::from_fn(|_| None);
    for filter in parts {
        let rule = filter.as_rule();
        if let Some(i) = kinds.iter().position(|(kind, _)| *kind == rule) {
            found[i] = Some(filter_name(filter, &mut found[i], kinds[i].1)?);
        }
    }
    Ok(found)
}

fn filter_name(
    pair: Pair<Rule>,
    current: &mut Option<Name>,
    what: &str,
) -> Result<Name, ParseError> {
    let span = span_of(&pair);
    if current.is_some() {
        return Err(repeated(span, what));
    }
    pair.into_inner()
        .find(|p| !is_keyword(p.as_rule()))
        .map(name)
        .ok_or_else(|| expected(span, &format!("a name after {what}")))
}

/// The grammar's keyword rules, by the grammar's convention: their names start with `kw_`.
static KEYWORD_RULES: LazyLock<HashSet<Rule>> = LazyLock::new(|| {
    Rule::all_rules()
        .iter()
        .copied()
        .filter(|rule| format!("{rule:?}").starts_with("kw_"))
        .collect()
});

fn is_keyword(rule: Rule) -> bool {
    KEYWORD_RULES.contains(&rule)
}

/// A run of words from a rule made of `word`s (directly or through a nested run); a quoted
/// name in a run is one word holding the text between the quotes.
pub(crate) fn run(pair: Pair<Rule>) -> Run {
    Run {
        words: pair
            .into_inner()
            .flatten()
            .flat_map(|p| match p.as_rule() {
                Rule::word => split_elision(p.as_str(), span_of(&p)),
                Rule::quoted => vec![Word {
                    text: p
                        .clone()
                        .into_inner()
                        .next()
                        .map(|q| q.as_str().to_owned())
                        .unwrap_or_default(),
                    span: span_of(&p),
                    quoted: true,
                }],
                _ => vec![],
            })
            .collect(),
    }
}

/// A word, or an elided Italian preposition and the word it is joined to (`dell'UE` →
/// `dell'`, `UE`), so that phrases meet it word by word.
fn split_elision(text: &str, span: Span) -> Vec<Word> {
    let word = |text: &str, start: usize, end: usize| Word {
        text: text.to_owned(),
        span: Span::new(start, end),
        quoted: false,
    };
    if let Some((at, apostrophe)) = text.char_indices().find(|(_, c)| matches!(c, '\'' | '’')) {
        let cut = at + apostrophe.len_utf8();
        if cut < text.len() && crate::vocabulary::simple_preposition(&text[..cut]).is_some() {
            return vec![
                word(&text[..cut], span.start, span.start + cut),
                word(&text[cut..], span.start + cut, span.end),
            ];
        }
    }
    vec![word(text, span.start, span.end)]
}

/// A name from a `name*` rule: the quoted text, or the words joined by single spaces.
pub(crate) fn name(pair: Pair<Rule>) -> Name {
    let quoted = pair
        .clone()
        .into_inner()
        .flatten()
        .find(|p| p.as_rule() == Rule::quoted);
    if let Some(quoted) = quoted {
        let text = quoted
            .clone()
            .into_inner()
            .next()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        return Name {
            text,
            span: span_of(&quoted),
            quoted: true,
        };
    }
    let words = run(pair);
    Name {
        text: words.text(),
        span: words.span(),
        quoted: false,
    }
}

/// Turns pest's error into a message with a position, what was expected, and close words.
fn syntax_error(text: &str, error: &pest::error::Error<Rule>) -> ParseError {
    let position = match error.location {
        pest::error::InputLocation::Pos(position) => position,
        pest::error::InputLocation::Span((start, _)) => start,
    };
    let rest = &text[position.min(text.len())..];
    let found: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    let first = rest.chars().next();
    let (mut diagnostic, end) = match first {
        None => (
            ParseError::new(Span::default(), "the question ends too early"),
            position,
        ),
        Some(quote @ ('"' | '“')) if !rest[quote.len_utf8()..].contains(['"', '”']) => (
            ParseError::advising(
                Span::default(),
                "unterminated quote",
                "close the name with a matching \"",
            ),
            text.len(),
        ),
        Some(c) if !c.is_alphanumeric() => (
            ParseError::new(Span::default(), format!("unexpected character `{c}`")),
            position + c.len_utf8(),
        ),
        Some(_) => (
            ParseError::new(Span::default(), format!("unexpected `{found}`")),
            position + found.len(),
        ),
    };
    let mut expected: Vec<String> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .filter_map(|rule| describe_rule(*rule))
            .map(str::to_owned)
            .collect(),
        pest::error::ErrorVariant::CustomError { .. } => vec![],
    };
    expected.sort();
    expected.dedup();
    if !expected.is_empty() {
        diagnostic
            .message
            .push_str(&format!("; expected {}", expected.join(" or ")));
    }
    diagnostic.span = Span::new(position, end.max(position));
    diagnostic.with_expected(expected)
}

fn describe_rule(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::year => "a year",
        Rule::count_limit => "a number",
        Rule::word | Rule::run | Rule::name | Rule::quoted => "a name",
        Rule::kw_to => "`to`",
        Rule::kw_per => "`by`",
        Rule::kw_from => "`from`",
        Rule::kw_releases => "`releases`",
        Rule::kw_deals => "`deals`",
        Rule::kw_cloud => "`cloud`",
        Rule::kw_open_source => "`open source`",
        Rule::EOI => "the end of the question",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{
        cloud_deals::CloudDeals,
        concerns::Concerns,
        free::Free,
        list::List,
        path::Path,
        releases::{ReleaseFilter, Releases},
        sparql::Sparql,
        top::Top,
        what::What,
        who::Who,
    };

    fn form(text: &str) -> Form {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e}")).form
    }

    fn words(run: &Run) -> String {
        run.text()
    }

    #[test]
    fn who_and_what_keep_their_word_runs() {
        match form("who depends on NVIDIA") {
            Form::Who(Who { run, .. }) => assert_eq!(words(&run), "depends on NVIDIA"),
            other => panic!("{other:?}"),
        }
        match form("What does NVIDIA depend on") {
            Form::What(What(run)) => assert_eq!(words(&run), "NVIDIA depend on"),
            other => panic!("{other:?}"),
        }
        match form("chi dipende da NVIDIA") {
            Form::Who(Who { run, .. }) => assert_eq!(words(&run), "dipende da NVIDIA"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn modifiers_are_split_off_the_end() {
        let question = parse("who invested in OpenAI in 2019 with sources").expect("parses");
        assert_eq!(
            question.modifiers.time.map(|t| t.0),
            Some(TimeFilter::during(Moment::year(2019)))
        );
        assert!(question.modifiers.with_sources);
        match question.form {
            Form::Who(Who { run, .. }) => assert_eq!(words(&run), "invested in OpenAI"),
            other => panic!("{other:?}"),
        }
        let question = parse("chi dipende da TSMC transitivamente con fonti").expect("parses");
        assert!(question.modifiers.transitive.is_some());
        assert!(question.modifiers.with_sources);
        let question = parse("open-source releases prima del 2025").expect("parses");
        assert_eq!(
            question.modifiers.time.map(|t| t.0),
            Some(TimeFilter::before(Moment::year(2025)))
        );
    }

    // One assertion per fixed form, side by side: a flat table of cases, so it stays one test.
    #[test]
    fn fixed_forms() {
        assert_eq!(
            form("path from OpenAI to TSMC"),
            Form::Path(Path {
                from: Name {
                    text: "OpenAI".into(),
                    span: Span::new(10, 16),
                    quoted: false
                },
                to: Name {
                    text: "TSMC".into(),
                    span: Span::new(20, 24),
                    quoted: false
                },
            })
        );
        match form("list companies in France") {
            Form::List(List(run)) => assert_eq!(words(&run), "companies in France"),
            other => panic!("{other:?}"),
        }
        match form("list models by \"Mistral AI\"") {
            Form::List(List(run)) => {
                let last = run.words.last().expect("a word");
                assert_eq!(last.text, "Mistral AI");
                assert!(last.quoted);
            }
            other => panic!("{other:?}"),
        }
        match form("membri dell'UE") {
            Form::Free(Free(run)) => assert_eq!(words(&run), "membri dell' UE"),
            other => panic!("{other:?}"),
        }
        match form("top 3 chatbots by traffic share") {
            Form::Top(Top {
                limit: 3,
                class,
                measure,
                ..
            }) => {
                assert_eq!(words(&class), "chatbots");
                assert_eq!(words(&measure), "traffic share");
            }
            other => panic!("{other:?}"),
        }
        match form("open-source releases by companies in China") {
            Form::Releases(Releases(Some(ReleaseFilter::ClassIn { class, place }))) => {
                assert_eq!(words(&class), "companies");
                assert_eq!(place.text, "China");
            }
            other => panic!("{other:?}"),
        }
        match form("rilasci open source di DeepSeek") {
            Form::Releases(Releases(Some(ReleaseFilter::By(name)))) => {
                assert_eq!(name.text, "DeepSeek")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            form("exclusive cloud deals"),
            Form::CloudDeals(CloudDeals {
                exclusive_only: true
            })
        );
        assert_eq!(
            form("accordi cloud esclusivi"),
            Form::CloudDeals(CloudDeals {
                exclusive_only: true
            })
        );
        match form("preoccupazioni sollevate da FTC") {
            Form::Concerns(Concerns {
                raised_by: Some(name),
                about: None,
            }) => assert_eq!(name.text, "FTC"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            form("explain who depends on NVIDIA"),
            Form::Who(_)
        ));
        assert!(
            parse("spiega chi dipende da NVIDIA")
                .expect("parses")
                .explain
        );
        assert_eq!(
            form("sparql SELECT * WHERE { ?s ?p ?o }"),
            Form::Sparql(Sparql("SELECT * WHERE { ?s ?p ?o }".into()))
        );
    }

    #[test]
    fn free_runs_are_left_to_the_resolver() {
        match form("traffic share of ChatGPT") {
            Form::Free(Free(run)) => assert_eq!(words(&run), "traffic share of ChatGPT"),
            other => panic!("{other:?}"),
        }
        match form("da cosa dipende NVIDIA?") {
            Form::Free(Free(run)) => assert_eq!(words(&run), "da cosa dipende NVIDIA"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_have_positions() {
        let error = parse("who depends on \"NVIDIA").expect_err("unterminated");
        assert_eq!(error.span.start, 15);
        assert!(error.message.contains("unterminated quote"), "{error}");
        let error = parse("who depends on “NVIDIA").expect_err("unterminated curly quote");
        assert!(error.message.contains("unterminated quote"), "{error}");
        let error = parse("who depends on {NVIDIA}").expect_err("brace");
        assert_eq!(error.span.start, 15);
        assert!(
            error.message.contains("unexpected character `{`"),
            "{error}"
        );
        let error = parse("who invested in OpenAI in 2019 in 2020").expect_err("repeated");
        assert!(error.message.contains("more than once"), "{error}");
        assert!(parse("   ").is_err());
        assert!(parse(&"a ".repeat(MAX_QUESTION_BYTES)).is_err());
        let error = parse("top 0 chatbots by traffic share").expect_err("zero");
        assert!(error.message.contains("top 0"), "{error}");
    }
}
