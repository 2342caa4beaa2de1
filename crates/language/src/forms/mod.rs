//! The question forms: one module per form of the grammar, each with its syntax node (built
//! from its pest pair), its resolution to a [`Plan`] and its row of the table below — the
//! keywords in English and Italian, examples and a line of help. The keywords the REPL
//! completes, the words "did you mean" offers for a wrong first word, and the examples of
//! `.help` (and `catena --help-language`) all come from the table; a test holds README's list
//! and the grammar's keywords to it.
//!
//! Adding a question form touches three files: `grammar/question.pest` (its rule and its
//! keywords), a new module here (its node, its plan and its row), and this file (one line in
//! `forms!` and its row's place in [`FORMS`]). Its plan is one the compiler already has
//! ([`Plan`]); a new kind of answer is a new plan, in `resolve.rs` and `compile.rs`.

use std::sync::LazyLock;

use crate::parse::{Pair, ParseError, Parts, Rule};
use crate::resolve::{Plan, ResolveError, Resolver};
use crate::vocabulary::Lang;

/// What every form's node does: built from the pairs of its grammar rule (keywords left
/// out), then resolved to a plan.
pub(crate) trait Syntax: Sized {
    /// The grammar rule the form parses as.
    const RULE: Rule;
    fn build(parts: Parts<'_>) -> Result<Self, ParseError>;
    /// `transitive` is the question's `transitively`: a plan that cannot use it ignores it,
    /// and resolution refuses the question.
    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError>;
}

/// The forms: their modules, their variants of [`Form`], and the dispatch from a grammar rule
/// to a node and from a node to its plan.
macro_rules! forms {
    ($($(#[$doc:meta])* $module:ident :: $node:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// The forms of the language, one per module of [`crate::forms`].
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Form {
            $($(#[$doc])* $node($module::$node),)*
        }

        impl Form {
            /// The node of a form's pair, by its rule.
            pub(crate) fn build(pair: Pair<'_, Rule>) -> Result<Self, ParseError> {
                let rule = pair.as_rule();
                let parts = Parts::of(pair);
                $(if rule == <$module::$node as Syntax>::RULE {
                    return Ok(Self::$node(<$module::$node as Syntax>::build(parts)?));
                })*
                Err(ParseError::new(
                    parts.span(),
                    crate::diagnostic::Text::new(
                        "unexpected part of a question",
                        "parte inattesa di una domanda",
                    ),
                ))
            }

            pub(crate) fn plan(
                &self,
                resolver: &Resolver<'_>,
                transitive: bool,
            ) -> Result<Plan, ResolveError> {
                match self {
                    $(Self::$node(node) => node.plan(resolver, transitive),)*
                }
            }
        }
    };
}

forms! {
    /// `sparql SELECT …`
    sparql::Sparql,
    /// `describe NVIDIA`
    describe::Describe,
    /// `path from OpenAI to TSMC`
    path::Path,
    /// `list companies in France`, `list models by Google`
    list::List,
    /// `count models by developer`
    count::Count,
    /// `how many companies depend on NVIDIA`
    how_many::HowMany,
    /// `how much did Microsoft invest in OpenAI`, `when …`
    how_much::HowMuch,
    /// `top 3 chatbots by traffic share`
    top::Top,
    /// `investments by Microsoft`, `investments in OpenAI`
    investments::Investments,
    /// `open-source releases [by …]`
    releases::Releases,
    /// `exclusive cloud deals`, `cloud deals`
    cloud_deals::CloudDeals,
    /// `concerns raised by FTC`, `concerns about Microsoft`
    concerns::Concerns,
    /// `who ‹relation phrase› X`
    who::Who,
    /// `what does X ‹relation phrase›`
    what::What,
    /// `where is Mistral AI based`, `dove ha sede Mistral AI`
    where_::Where,
    /// `which companies depend on NVIDIA`, `what is the revenue of NVIDIA`
    which::Which,
    /// `does NVIDIA depend on TSMC`, `is DeepSeek Chinese`
    check::Check,
    /// Everything else: Italian inverse forms, lists without `list`, attributes.
    free::Free,
}

/// Where a form's words go in a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The body of a question: its phrases start one.
    Body,
    /// Before any question (`explain …`).
    Prefix,
    /// After any question (`… in 2024`, `… with sources`).
    Modifier,
}

/// A form's words in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The phrases the REPL completes; for a body or a prefix, what a question starts with.
    pub phrases: &'static [&'static str],
    /// Every keyword the grammar accepts in this form, with its variants.
    pub keywords: &'static [&'static str],
}

/// An example question, with its Italian translation when `.help` shows one.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub english: &'static str,
    pub italian: Option<&'static str>,
}

/// One question form.
#[derive(Debug, Clone, Copy)]
pub struct QuestionForm {
    /// What the form is called; the grammar rule it parses as, where it has its own.
    pub name: &'static str,
    pub kind: Kind,
    /// What the form asks, in one line.
    pub help: &'static str,
    pub english: Words,
    pub italian: Words,
    /// Examples that translate on the shipped graph.
    pub examples: &'static [Example],
    /// Whether `.help` and README list the examples; the other forms are told in the
    /// sentence that follows the list.
    pub listed: bool,
}

pub(crate) const fn words(
    phrases: &'static [&'static str],
    keywords: &'static [&'static str],
) -> Words {
    Words { phrases, keywords }
}

pub(crate) const fn both(english: &'static str, italian: &'static str) -> Example {
    Example {
        english,
        italian: Some(italian),
    }
}

pub(crate) const fn english(english: &'static str) -> Example {
    Example {
        english,
        italian: None,
    }
}

/// Every question form, in the order `.help` lists them.
pub const FORMS: &[QuestionForm] = &[
    who::FORM,
    what::FORM,
    which::FORM,
    how_many::FORM,
    how_much::FORM,
    where_::FORM,
    check::FORM,
    TRANSITIVELY,
    investments::FORM,
    releases::FORM,
    cloud_deals::FORM,
    concerns::FORM,
    list::FORM,
    count::FORM,
    top::FORM,
    free::FORM,
    describe::FORM,
    path::FORM,
    sparql::FORM,
    TIME,
    WITH_SOURCES,
    EXPLAIN,
    FIRST,
];

// The modifiers and the prefix: the question's own parser (`crate::parse`) reads them.

/// `… transitively`
const TRANSITIVELY: QuestionForm = QuestionForm {
    name: "transitively",
    kind: Kind::Modifier,
    help: "a relation followed step by step, with the chain of each answer",
    english: words(&["transitively"], &["transitively"]),
    italian: words(&["transitivamente"], &["transitivamente"]),
    examples: &[both(
        "who depends on TSMC transitively",
        "chi dipende da TSMC transitivamente",
    )],
    listed: true,
};

/// `… in 2024`, `… since 2023`, `… before 2025`
const TIME: QuestionForm = QuestionForm {
    name: "time",
    kind: Kind::Modifier,
    help: "dated facts of a year or a month, since one, before one, or between two",
    english: words(
        &["since", "before", "between"],
        &[
            "in", "since", "from", "before", "to", "until", "through", "between", "and",
        ],
    ),
    italian: words(
        &["prima del", "tra il"],
        &[
            "nel",
            "nella",
            "a",
            "ad",
            "dal",
            "dall'",
            "prima del",
            "prima dell'",
            "al",
            "fino al",
            "tra il",
            "fra il",
            "e il",
        ],
    ),
    examples: &[
        both(
            "investments by Microsoft between 2019 and 2022",
            "investimenti di Microsoft tra il 2019 e il 2022",
        ),
        both(
            "traffic share of ChatGPT in December 2024",
            "quota di traffico di ChatGPT a dicembre 2024",
        ),
        both(
            "investments by Microsoft since 2023",
            "investimenti di Microsoft dal 2023",
        ),
        both(
            "open-source releases before 2025",
            "rilasci open source prima del 2025",
        ),
    ],
    listed: false,
};

/// `… with sources`
const WITH_SOURCES: QuestionForm = QuestionForm {
    name: "with_sources",
    kind: Kind::Modifier,
    help: "the document and passage of every row",
    english: words(&["with sources"], &["with sources"]),
    italian: words(&["con fonti"], &["con fonti"]),
    examples: &[both(
        "who invested in OpenAI with sources",
        "chi ha investito in OpenAI con fonti",
    )],
    listed: false,
};

/// `explain …`
const EXPLAIN: QuestionForm = QuestionForm {
    name: "explain",
    kind: Kind::Prefix,
    help: "the SPARQL of a question instead of its answer",
    english: words(&["explain"], &["explain"]),
    italian: words(&["spiega"], &["spiega"]),
    examples: &[both(
        "explain who depends on NVIDIA",
        "spiega chi dipende da NVIDIA",
    )],
    listed: false,
};

/// `first 20 …`
const FIRST: QuestionForm = QuestionForm {
    name: "first",
    kind: Kind::Prefix,
    help: "the answer a page at a time (`.more` shows the next page in the REPL)",
    english: words(&["first"], &["first"]),
    italian: words(&["primi"], &["primi", "prime"]),
    examples: &[both(
        "first 5 models by Google",
        "primi 5 modelli di Google",
    )],
    listed: false,
};

impl QuestionForm {
    /// The form's words in English and in Italian.
    pub fn languages(&self) -> [&Words; 2] {
        [&self.english, &self.italian]
    }
}

/// What a question may start with, in both languages: offered when the first word is wrong.
pub static LEADING_KEYWORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    FORMS
        .iter()
        .filter(|form| form.kind != Kind::Modifier)
        .flat_map(|form| form.languages().map(|words| words.phrases))
        .flatten()
        .copied()
        .collect()
});

/// What a question may start with in one language, in the order of [`FORMS`]: what "I
/// don't understand" lists.
pub fn leading_phrases(language: Lang) -> Vec<&'static str> {
    let mut phrases: Vec<&'static str> = vec![];
    let all = FORMS
        .iter()
        .filter(|form| form.kind != Kind::Modifier)
        .flat_map(|form| match language {
            Lang::En => form.english.phrases,
            Lang::It => form.italian.phrases,
        });
    // `primi` starts a top list and a page: said once.
    for phrase in all {
        if !phrases.contains(phrase) {
            phrases.push(phrase);
        }
    }
    phrases
}

/// Every phrase of every form, in both languages: what the REPL completes besides the
/// ontology's words and the entity names.
pub fn phrases() -> impl Iterator<Item = &'static str> {
    FORMS
        .iter()
        .flat_map(|form| form.languages().map(|words| words.phrases))
        .flatten()
        .copied()
}

/// The example lines of `.help` (and README): English, and its Italian beside it.
pub fn help_examples() -> String {
    let mut lines = String::new();
    for example in FORMS
        .iter()
        .filter(|form| form.listed)
        .flat_map(|form| form.examples)
    {
        let line = match example.italian {
            Some(italian) => format!("  {:<42} {italian}", example.english),
            None => format!("  {}", example.english),
        };
        lines.push_str(&line);
        lines.push('\n');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_form_has_an_example_and_a_line_of_help() {
        for form in FORMS {
            assert!(!form.examples.is_empty(), "{} has no example", form.name);
            assert!(
                !form.help.is_empty() && !form.help.contains('\n'),
                "{}: one line of help",
                form.name
            );
        }
    }

    /// The words of the grammar's keyword rules (`kw_… = @{ ^"who" | ^"chi" … }`).
    fn grammar_keywords() -> BTreeSet<String> {
        let grammar = include_str!("../../../../grammar/question.pest");
        grammar
            .lines()
            .filter(|line| line.starts_with("kw_"))
            .flat_map(|line| line.split('"').skip(1).step_by(2))
            .map(str::to_lowercase)
            .collect()
    }

    /// The words of the table's keywords.
    fn table_keywords() -> BTreeSet<String> {
        FORMS
            .iter()
            .flat_map(|form| form.languages())
            .flat_map(|words| words.keywords)
            .flat_map(|keyword| keyword.split_whitespace())
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn the_grammar_and_the_table_have_the_same_keywords() {
        let grammar = grammar_keywords();
        assert!(
            grammar.contains("who") && grammar.contains("dall'"),
            "{grammar:?}"
        );
        let table = table_keywords();
        let missing: Vec<_> = grammar.difference(&table).collect();
        assert!(
            missing.is_empty(),
            "keywords of the grammar missing from FORMS: {missing:?}"
        );
        let stale: Vec<_> = table.difference(&grammar).collect();
        assert!(
            stale.is_empty(),
            "keywords of FORMS the grammar does not have: {stale:?}"
        );
    }

    #[test]
    fn phrases_are_made_of_keywords() {
        let table = table_keywords();
        for phrase in phrases() {
            for word in phrase.split_whitespace() {
                assert!(
                    table.contains(word),
                    "`{phrase}`: `{word}` is not a keyword"
                );
            }
        }
    }

    #[test]
    fn a_question_starts_with_a_body_or_prefix_phrase() {
        assert!(LEADING_KEYWORDS.contains(&"who"));
        assert!(LEADING_KEYWORDS.contains(&"spiega"));
        assert!(!LEADING_KEYWORDS.contains(&"with sources"));
        assert!(phrases().any(|p| p == "prima del"));
    }
}
