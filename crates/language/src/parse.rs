//! Parsing: question text → typed [`Question`], with pest and `grammar/question.pest`.

use std::collections::HashSet;
use std::sync::LazyLock;

use pest::Parser as _;
pub(crate) use pest::iterators::Pair;
use pest::iterators::Pairs;

use crate::ast::{Form, Modifiers, Moment, Name, Question, Run, Span, TimeFilter, Word};
use crate::diagnostic::{Diagnostic, Text};

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
            Text::new(
                format!(
                    "the question is {} bytes long; the limit is {MAX_QUESTION_BYTES}",
                    text.len()
                ),
                format!(
                    "la domanda è lunga {} byte; il limite è {MAX_QUESTION_BYTES}",
                    text.len()
                ),
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(ParseError::advising(
            Span::new(0, text.len()),
            Text::new("empty question", "domanda vuota"),
            Text::new(
                "try `who depends on NVIDIA` or `.help`",
                "prova `chi dipende da NVIDIA` o `.help`",
            ),
        ));
    }
    let mut pairs =
        QuestionParser::parse(Rule::question, text).map_err(|e| syntax_error(text, &e))?;
    let question = pairs.next().ok_or_else(|| {
        ParseError::new(
            Span::new(0, text.len()),
            Text::new("not a question", "non è una domanda"),
        )
    })?;
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
                    Text::new(
                        format!(
                            "the period ends ({end}) before it starts ({start}): give the earlier first"
                        ),
                        format!(
                            "il periodo finisce ({end}) prima di cominciare ({start}): metti prima \
                             la data più lontana"
                        ),
                    ),
                ));
            }
            TimeFilter::between(*start, *end)
        }
        _ => return Err(expected(span, &year())),
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
                moment.year = part.as_str().parse().map_err(|_| expected(span, &year()))?;
                has_year = true;
            }
            Rule::month_name => moment.month = month_number(part.as_str()),
            _ => {}
        }
    }
    if !has_year {
        return Err(expected(span, &year()));
    }
    Ok(moment)
}

/// The month a name means, in English or Italian (1–12).
fn month_number(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    crate::ast::MONTHS
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
            Rule::page => modifiers.first = Some(page_size(&item)?),
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
                                &Text::new(
                                    format!(
                                        "a time filter ({previous}, at {})",
                                        previous_span.start + 1
                                    ),
                                    format!(
                                        "un filtro di tempo ({previous}, alla colonna {})",
                                        previous_span.start + 1
                                    ),
                                ),
                            ));
                        }
                    },
                });
            }
            Rule::with_sources => {
                if seen_sources.is_some() {
                    return Err(repeated(span, &Text::same(format!("`{}`", item.as_str()))));
                }
                seen_sources = Some(span);
                modifiers.with_sources = true;
            }
            Rule::transitively => {
                if modifiers.transitive.is_some() {
                    return Err(repeated(span, &Text::same(format!("`{}`", item.as_str()))));
                }
                modifiers.transitive = Some(span);
            }
            Rule::EOI => {}
            _ => form = Some(Form::build(item)?),
        }
    }
    let form =
        form.ok_or_else(|| expected(Span::default(), &Text::new("a question", "una domanda")))?;
    Ok(Question {
        explain,
        form,
        modifiers,
    })
}

/// The most rows `first N` shows at once: a page, not a dump.
pub const MAX_PAGE: u32 = 10_000;

/// The number of `first N …`: from 1 to [`MAX_PAGE`].
fn page_size(page: &Pair<Rule>) -> Result<u32, ParseError> {
    let Some(number) = page
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::count_limit)
    else {
        return Err(expected(span_of(page), &Text::new("a number", "un numero")));
    };
    match crate::ast::number(number.as_str()) {
        Some(size) if (1..=MAX_PAGE).contains(&size) => Ok(size),
        _ => Err(ParseError::advising(
            span_of(&number),
            Text::new(
                format!("`{}` rows is not a page", number.as_str()),
                format!("`{}` righe non sono una pagina", number.as_str()),
            ),
            Text::new(
                format!("give a number from 1 to {MAX_PAGE}"),
                format!("scegli un numero da 1 a {MAX_PAGE}"),
            ),
        )),
    }
}

/// What a time's number must be.
fn year() -> Text {
    Text::new("a four-digit year", "un anno di quattro cifre")
}

pub(crate) fn repeated(span: Span, what: &Text) -> ParseError {
    ParseError::new(
        span,
        Text::new(
            format!("{} is given more than once", what.en),
            format!("{} compare più di una volta", what.it),
        ),
    )
}

/// `expected …`, with what was expected kept as data.
pub(crate) fn expected(span: Span, what: &Text) -> ParseError {
    ParseError::new(
        span,
        Text::new(
            format!("expected {}", what.en),
            format!("serve {}", what.it),
        ),
    )
    .with_expected(vec![what.en.clone()])
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
    pub(crate) fn required(&mut self, what: &Text) -> Result<Pair<'i, Rule>, ParseError> {
        let span = self.span;
        self.next().ok_or_else(|| expected(span, what))
    }

    /// The next part as a word, as typed: a question word (`who`, `dove`) its form keeps.
    pub(crate) fn required_word(&mut self, what: &Text) -> Result<Word, ParseError> {
        let pair = self.required(what)?;
        Ok(Word {
            text: pair.as_str().to_owned(),
            span: span_of(&pair),
            quoted: false,
        })
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
    kinds: [Rule; N],
) -> Result<[Option<Name>; N], ParseError> {
    let mut found: [Option<Name>; N] = std::array::from_fn(|_| None);
    for filter in parts {
        let rule = filter.as_rule();
        if let Some(i) = kinds.iter().position(|kind| *kind == rule) {
            found[i] = Some(filter_name(filter, &mut found[i])?);
        }
    }
    Ok(found)
}

/// The name of a filter (`by Microsoft`); errors quote the filter's words as typed.
fn filter_name(pair: Pair<Rule>, current: &mut Option<Name>) -> Result<Name, ParseError> {
    let span = span_of(&pair);
    let typed: Vec<&str> = pair
        .clone()
        .into_inner()
        .filter(|p| is_keyword(p.as_rule()))
        .map(|p| p.as_str())
        .collect();
    let what = format!("`{}`", typed.join(" "));
    if current.is_some() {
        return Err(repeated(span, &Text::same(what)));
    }
    pair.into_inner()
        .find(|p| !is_keyword(p.as_rule()))
        .map(name)
        .ok_or_else(|| {
            expected(
                span,
                &Text::new(
                    format!("a name after {what}"),
                    format!("un nome dopo {what}"),
                ),
            )
        })
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
    let (diagnostic, end) = match first {
        None => (
            ParseError::new(
                Span::default(),
                Text::new(
                    "the question ends too early",
                    "la domanda finisce troppo presto",
                ),
            ),
            position,
        ),
        Some(quote @ ('"' | '“')) if !rest[quote.len_utf8()..].contains(['"', '”']) => (
            ParseError::advising(
                Span::default(),
                Text::new("unterminated quote", "virgolette non chiuse"),
                Text::new(
                    "close the name with a matching \"",
                    "chiudi il nome con le virgolette \"",
                ),
            ),
            text.len(),
        ),
        Some(c) if !c.is_alphanumeric() => (
            ParseError::new(
                Span::default(),
                Text::new(
                    format!("unexpected character `{c}`"),
                    format!("carattere inatteso `{c}`"),
                ),
            ),
            position + c.len_utf8(),
        ),
        Some(_) => (
            ParseError::new(
                Span::default(),
                Text::new(
                    format!("unexpected `{found}`"),
                    format!("`{found}` inatteso"),
                ),
            ),
            position + found.len(),
        ),
    };
    let mut expected: Vec<(&str, &str)> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .filter_map(|rule| describe_rule(*rule))
            .collect(),
        pest::error::ErrorVariant::CustomError { .. } => vec![],
    };
    expected.sort();
    expected.dedup();
    let mut diagnostic = diagnostic;
    if !expected.is_empty() {
        let (en, it): (Vec<&str>, Vec<&str>) = expected.iter().copied().unzip();
        diagnostic = diagnostic.extended(
            "; ",
            &Text::new(
                format!("expected {}", en.join(" or ")),
                format!("serve {}", it.join(" o ")),
            ),
        );
    }
    diagnostic.span = Span::new(position, end.max(position));
    diagnostic.with_expected(expected.iter().map(|(en, _)| (*en).to_owned()).collect())
}

/// What a rule the parser expected is, in English and Italian.
fn describe_rule(rule: Rule) -> Option<(&'static str, &'static str)> {
    Some(match rule {
        Rule::year => ("a year", "un anno"),
        Rule::count_limit => ("a number", "un numero"),
        Rule::word | Rule::run | Rule::name | Rule::quoted => ("a name", "un nome"),
        Rule::kw_to => ("`to`", "`a`"),
        Rule::kw_per => ("`by`", "`per`"),
        Rule::kw_from => ("`from`", "`da`"),
        Rule::kw_releases => ("`releases`", "`releases`"),
        Rule::kw_deals => ("`deals`", "`accordi`"),
        Rule::kw_cloud => ("`cloud`", "`cloud`"),
        Rule::kw_open_source => ("`open source`", "`open source`"),
        Rule::EOI => ("the end of the question", "la fine della domanda"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted words of the grammar rule that starts with `head`.
    fn rule_words(head: &str) -> Vec<&'static str> {
        let grammar = include_str!("../../../grammar/question.pest");
        let start = grammar.find(head).expect("the grammar has the rule");
        let rule = &grammar[start..start + grammar[start..].find('}').expect("rule ends")];
        rule.split('"').skip(1).step_by(2).collect()
    }

    #[test]
    fn the_grammar_accepts_exactly_the_number_words() {
        let mut in_grammar = rule_words("number_word  = @{");
        let mut in_table: Vec<&str> = crate::ast::NUMBER_WORDS.iter().flatten().copied().collect();
        in_grammar.sort_unstable();
        in_table.sort_unstable();
        assert_eq!(in_grammar, in_table);
        assert_eq!(crate::ast::number("Three"), Some(3));
        assert_eq!(crate::ast::number("diciassette"), Some(17));
        assert_eq!(crate::ast::number("12"), Some(12));
        assert_eq!(crate::ast::number("zillion"), None);
    }

    #[test]
    fn the_grammar_accepts_exactly_the_month_table() {
        let mut in_grammar = rule_words("month_name   = @{");
        let mut in_table: Vec<&str> = crate::ast::MONTHS.iter().flatten().copied().collect();
        in_grammar.sort_unstable();
        in_table.sort_unstable();
        assert_eq!(in_grammar, in_table);
        for (i, [english, italian]) in crate::ast::MONTHS.iter().enumerate() {
            let number = u8::try_from(i + 1).ok();
            assert_eq!(month_number(english), number);
            assert_eq!(month_number(&italian.to_uppercase()), number);
        }
    }
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
        assert!(error.message().contains("unterminated quote"), "{error}");
        let error = parse("who depends on “NVIDIA").expect_err("unterminated curly quote");
        assert!(error.message().contains("unterminated quote"), "{error}");
        let error = parse("who depends on {NVIDIA}").expect_err("brace");
        assert_eq!(error.span.start, 15);
        assert!(
            error.message().contains("unexpected character `{`"),
            "{error}"
        );
        let error = parse("who invested in OpenAI in 2019 in 2020").expect_err("repeated");
        assert!(error.message().contains("more than once"), "{error}");
        assert!(parse("   ").is_err());
        assert!(parse(&"a ".repeat(MAX_QUESTION_BYTES)).is_err());
        let error = parse("top 0 chatbots by traffic share").expect_err("zero");
        assert!(error.message().contains("top 0"), "{error}");
    }
}
