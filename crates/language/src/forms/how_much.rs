//! `how much did Microsoft invest in OpenAI`, `when did Microsoft invest in OpenAI`, `quanto
//! ha investito Microsoft in OpenAI`, `quando ha investito Microsoft in OpenAI`: a relation
//! between two named ends, with its statements' amounts and dates.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::{Run, Word};
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Phrases, Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "how much",
    kind: Kind::Body,
    help: "how much and when a relation holds between two names (its statements' amounts and dates)",
    english: words(&["how much", "when"], &["how much", "when"]),
    italian: words(&["quanto", "quando"], &["quanto", "quando"]),
    examples: &[
        both(
            "how much did Microsoft invest in OpenAI",
            "quanto ha investito Microsoft in OpenAI",
        ),
        both(
            "when did Microsoft invest in OpenAI",
            "quando ha investito Microsoft in OpenAI",
        ),
    ],
    listed: true,
};

/// The words after `how much`, `when`, `quanto`, `quando`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HowMuch(pub Run);

impl Syntax for HowMuch {
    const RULE: Rule = Rule::how_much;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(parts.required("a name, a relation and a name")?)))
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        let words = &self.0.words;
        // English puts an auxiliary before the subject (`did Microsoft invest`).
        let skip = crate::noun_phrase::auxiliary_words(words);
        between(resolver, &words[skip..])
            .or_else(|| between_italian(resolver, words))
            .ok_or_else(|| {
                not_between(
                    resolver,
                    &Run {
                        words: words[skip..].to_vec(),
                    },
                )
            })
    }
}

const VERB: &[Phrases] = &[Phrases::Inverse, Phrases::Direct, Phrases::Plural];

/// `Microsoft invest in OpenAI`: a subject, the relation, an object.
fn between(resolver: &Resolver<'_>, words: &[Word]) -> Option<Plan> {
    for subject_end in 1..words.len() {
        let Some(subject) = resolver.find_entity(&words[..subject_end]) else {
            continue;
        };
        let rest = &words[subject_end..];
        let Some((relation, _, used)) = resolver.phrase_at(rest, VERB) else {
            continue;
        };
        if let Some(object) = resolver.find_entity(&rest[used..]) {
            return Some(Plan::Between {
                relation,
                subject,
                object,
            });
        }
    }
    None
}

/// `ha investito Microsoft in OpenAI`: the verb, the subject, then the preposition that ends
/// the relation's phrase and the object.
fn between_italian(resolver: &Resolver<'_>, words: &[Word]) -> Option<Plan> {
    for verb_end in 1..words.len() {
        for subject_end in verb_end + 1..words.len() {
            let mut phrase = words[..verb_end].to_vec();
            phrase.push(words[subject_end].clone());
            let Some((relation, _)) = resolver.whole_phrase(&phrase, VERB) else {
                continue;
            };
            let (Some(subject), Some(object)) = (
                resolver.find_entity(&words[verb_end..subject_end]),
                resolver.find_entity(&words[subject_end + 1..]),
            ) else {
                continue;
            };
            return Some(Plan::Between {
                relation,
                subject,
                object,
            });
        }
    }
    None
}

/// No reading: the object's error when a subject and a relation read (`how much did
/// Microsoft invest in Opena`), else what the form takes.
fn not_between(resolver: &Resolver<'_>, run: &Run) -> ResolveError {
    let words = &run.words;
    for subject_end in 1..words.len() {
        if resolver.find_entity(&words[..subject_end]).is_none() {
            continue;
        }
        let rest = &words[subject_end..];
        if let Some((_, _, used)) = resolver.phrase_at(rest, VERB)
            && let Err(error) = resolver.entity_words(&rest[used..], run)
        {
            return error;
        }
    }
    ResolveError::new(
        run.span(),
        "expected two names and the relation between them: `how much did Microsoft invest in \
         OpenAI`, `quanto ha investito Microsoft in OpenAI`",
    )
    .with_expected(vec!["a name, a relation and a name".to_owned()])
}
