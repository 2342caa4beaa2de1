//! The question forms, in one table: their keywords in English and Italian, examples and a
//! line of help. The keywords the REPL completes, the words "did you mean" offers for a wrong
//! first word, and the examples of `.help` (and `catena --help-language`) all come from here;
//! a test holds README's list and the grammar's keywords to it.
//!
//! Adding a question form touches three places: `grammar/question.pest` (its shape), this
//! table (its keywords, help and examples), and the resolve/compile code (its meaning).
//! README's list of forms is checked against the table: the test prints the lines to paste.

use std::sync::LazyLock;

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

const fn words(phrases: &'static [&'static str], keywords: &'static [&'static str]) -> Words {
    Words { phrases, keywords }
}

const fn both(english: &'static str, italian: &'static str) -> Example {
    Example {
        english,
        italian: Some(italian),
    }
}

const fn english(english: &'static str) -> Example {
    Example {
        english,
        italian: None,
    }
}

/// Every question form, in the order `.help` lists them.
pub const FORMS: &[QuestionForm] = &[
    QuestionForm {
        name: "who",
        kind: Kind::Body,
        help: "who stands in a relation to a name; the relation phrases come from the ontology",
        english: words(&["who"], &["who"]),
        italian: words(&["chi"], &["chi"]),
        examples: &[
            both("who depends on NVIDIA", "chi dipende da NVIDIA"),
            both("who invested in OpenAI", "chi ha investito in OpenAI"),
            both(
                "who is the cloud provider of OpenAI",
                "chi è il fornitore cloud di OpenAI",
            ),
            english("who raised concerns about Microsoft"),
            english("who is member of UALink"),
        ],
        listed: true,
    },
    QuestionForm {
        name: "what",
        kind: Kind::Body,
        help: "what a name stands in a relation to (in Italian, the relation phrase comes first)",
        english: words(&["what does"], &["what does", "what do"]),
        italian: words(&[], &[]),
        examples: &[both("what does NVIDIA depend on", "da cosa dipende NVIDIA")],
        listed: true,
    },
    QuestionForm {
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
    },
    QuestionForm {
        name: "investments",
        kind: Kind::Body,
        help: "investments, by investor (`by`) or recipient (`in`)",
        english: words(&["investments"], &["investments", "by", "in"]),
        italian: words(
            &["investimenti"],
            &[
                "investimenti",
                "di",
                "da",
                "del",
                "della",
                "in",
                "nel",
                "nella",
            ],
        ),
        examples: &[both(
            "investments by Microsoft",
            "investimenti di Microsoft",
        )],
        listed: true,
    },
    QuestionForm {
        name: "releases",
        kind: Kind::Body,
        help: "open-source releases, by a developer or by the companies of a place",
        english: words(
            &["open-source releases"],
            &[
                "open-source",
                "open source",
                "opensource",
                "releases",
                "release",
                "by",
                "in",
            ],
        ),
        italian: words(
            &["rilasci open source"],
            &[
                "rilasci",
                "open source",
                "open-source",
                "opensource",
                "di",
                "da",
                "del",
                "della",
                "in",
                "nel",
                "nella",
            ],
        ),
        examples: &[
            both(
                "open-source releases by DeepSeek",
                "rilasci open source di DeepSeek",
            ),
            english("open-source releases by companies in China"),
        ],
        listed: true,
    },
    QuestionForm {
        name: "cloud_deals",
        kind: Kind::Body,
        help: "cloud deals, or only the exclusive ones",
        english: words(
            &["exclusive cloud deals", "cloud deals"],
            &["exclusive", "cloud", "deals", "agreements"],
        ),
        italian: words(
            &["accordi cloud esclusivi"],
            &["accordi", "cloud", "esclusivi", "esclusive"],
        ),
        examples: &[both("exclusive cloud deals", "accordi cloud esclusivi")],
        listed: true,
    },
    QuestionForm {
        name: "concerns",
        kind: Kind::Body,
        help: "antitrust and policy concerns, by who raised them or what they are about",
        english: words(&["concerns"], &["concerns", "raised by", "about"]),
        italian: words(
            &["preoccupazioni"],
            &[
                "preoccupazioni",
                "sollevate da",
                "su",
                "sul",
                "sulla",
                "riguardo a",
            ],
        ),
        examples: &[both(
            "concerns raised by FTC",
            "preoccupazioni sollevate da FTC",
        )],
        listed: true,
    },
    QuestionForm {
        name: "list",
        kind: Kind::Body,
        help: "the members of a class, by whom (`by`) and where (`in`); `list` may be left out",
        english: words(&["list"], &["list", "by", "in"]),
        italian: words(
            &["elenca"],
            &["elenca", "di", "da", "del", "della", "in", "nel", "nella"],
        ),
        examples: &[
            both("list companies in France", "elenca aziende in Francia"),
            both("list models by Google", "elenca modelli di Google"),
            both(
                "open models by Google in 2024",
                "modelli aperti di Meta nel 2023",
            ),
        ],
        listed: true,
    },
    QuestionForm {
        name: "count",
        kind: Kind::Body,
        help: "how many members a class has, in all or grouped by a relation",
        english: words(&["count"], &["count", "by"]),
        italian: words(&["conta"], &["conta", "per"]),
        examples: &[
            both(
                "count models by developer",
                "conta modelli per sviluppatore",
            ),
            english("count open models by developer"),
        ],
        listed: true,
    },
    QuestionForm {
        name: "top",
        kind: Kind::Body,
        help: "the members of a class ranked by a measure",
        english: words(&["top"], &["top", "by"]),
        italian: words(&["primi"], &["primi", "prime", "per"]),
        examples: &[english("top 3 chatbots by traffic share")],
        listed: true,
    },
    QuestionForm {
        name: "attribute",
        kind: Kind::Body,
        help: "a measure of a name (the measures come from the ontology)",
        english: words(&[], &[]),
        italian: words(&[], &[]),
        examples: &[
            both("traffic share of ChatGPT", "quota di traffico di ChatGPT"),
            english("revenue of NVIDIA"),
        ],
        listed: true,
    },
    QuestionForm {
        name: "describe",
        kind: Kind::Body,
        help: "every fact about a name",
        english: words(&["describe"], &["describe"]),
        italian: words(&["descrivi"], &["descrivi"]),
        examples: &[both("describe NVIDIA", "descrivi NVIDIA")],
        listed: true,
    },
    QuestionForm {
        name: "path",
        kind: Kind::Body,
        help: "the shortest chain of relations between two names, in either direction",
        english: words(&["path from"], &["path", "from", "to"]),
        italian: words(&["percorso da"], &["percorso", "da", "a"]),
        examples: &[both(
            "path from OpenAI to TSMC",
            "percorso da OpenAI a TSMC",
        )],
        listed: true,
    },
    QuestionForm {
        name: "sparql",
        kind: Kind::Body,
        help: "a SPARQL query, run as it is",
        english: words(&["sparql"], &["sparql"]),
        italian: words(&[], &[]),
        examples: &[english(
            "sparql SELECT ?who WHERE { ?who cat:dependsOn ent:NVIDIA }",
        )],
        listed: true,
    },
    QuestionForm {
        name: "time",
        kind: Kind::Modifier,
        help: "dated facts of a year, since a year or before one",
        english: words(&["since", "before"], &["in", "since", "from", "before"]),
        italian: words(
            &["prima del"],
            &["nel", "nella", "dal", "dall'", "prima del", "prima dell'"],
        ),
        examples: &[
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
    },
    QuestionForm {
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
    },
    QuestionForm {
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
    },
];

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
        let grammar = include_str!("../../../grammar/question.pest");
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
