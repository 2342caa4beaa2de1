//! Everything else: an Italian inverse form (`da cosa dipende NVIDIA`), a relation's noun
//! (`the investors in OpenAI`), a list without `list` (`open models by Google`) or a measure
//! of a name (`traffic share of ChatGPT`), told apart here by the lexicon.

use super::{Kind, QuestionForm, Syntax, both, english, words};
use crate::ast::{Run, Word};
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Direction, Phrases, Plan, ResolveError, Resolver};
use crate::suggest;

/// The row of `.help` for a measure of a name, the reading that needs no keyword.
pub const FORM: QuestionForm = QuestionForm {
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
};

/// Words that join a measure to its entity in attribute questions.
const OF_WORDS: &[&str] = &[
    "of", "di", "del", "della", "dello", "dei", "degli", "delle", "for", "per",
];

/// A run of words no keyword starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Free(pub Run);

impl Syntax for Free {
    const RULE: Rule = Rule::free;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(parts.required("a question")?)))
    }

    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError> {
        let run = &self.0;
        if let Some((phrase, count)) = resolver.fronted_question(run) {
            return Ok(if count {
                Plan::Count {
                    phrase,
                    group: None,
                }
            } else {
                Plan::List(phrase)
            });
        }
        if let Some((relation, rest)) = resolver.find_leading_phrase(&run.words, Phrases::Inverse) {
            return Ok(Plan::Related {
                relation,
                entity: resolver.entity_words(rest, run)?,
                direction: Direction::Objects,
                transitive,
            });
        }
        // A relation's noun (`the investors in OpenAI`), a list without `list` (`open models
        // by Google`, `companies that depend on NVIDIA`) or a measure of a name.
        super::which::noun_reading(resolver, run, transitive)
    }
}

/// A measure of a name (`revenue of NVIDIA`); else the error of the first measure tried, or,
/// when no reading is left, an error that suggests what a question may start with.
pub(super) fn attribute(resolver: &Resolver<'_>, run: &Run) -> Result<Plan, ResolveError> {
    // The longest measure before an "of": "quota di traffico di ChatGPT" splits at the
    // second "di".
    let mut first_failed = None;
    for split in (1..run.words.len()).rev() {
        if !OF_WORDS.contains(&run.words[split].text.to_lowercase().as_str()) {
            continue;
        }
        let measure_words = Run {
            words: run.words[..split].to_vec(),
        };
        match resolver.find_measure(&measure_words) {
            Some(measure) => {
                let entity = resolver.entity_words(&run.words[split + 1..], run)?;
                return Ok(Plan::Attribute { measure, entity });
            }
            None => {
                first_failed.get_or_insert(measure_words);
            }
        }
    }
    // The error (with its suggestions) only once no reading is left.
    if let Some(measure_words) = first_failed {
        return Err(resolver.unknown_measure(&measure_words));
    }
    Err(not_understood(resolver, &run.words[0]))
}

/// Nothing fits: suggest from everything a question may start with.
fn not_understood(resolver: &Resolver<'_>, first: &Word) -> ResolveError {
    let starts: Vec<String> = super::LEADING_KEYWORDS
        .iter()
        .map(|k| k.to_string())
        .chain(resolver.all_phrases(Phrases::Inverse).map(|p| p.text.clone()))
        .chain(
            resolver
                .vocabulary()
                .measures
                .iter()
                .flat_map(|m| m.phrases.iter().map(|p| p.text.clone())),
        )
        .collect();
    let first_words: Vec<&str> = starts
        .iter()
        .filter_map(|s| s.split_whitespace().next())
        .collect();
    ResolveError::new(
        first.span,
        format!(
            "I don't understand `{}`: a question starts with who, what does, which, how many, \
             list, count, top, describe, path from, investments, open-source releases, cloud \
             deals, concerns, a kind (`companies that depend on NVIDIA`), a measure (`revenue \
             of NVIDIA`) or sparql",
            first.text
        ),
    )
    .with_suggestions(suggest::closest(&first.text, first_words, 3))
}
