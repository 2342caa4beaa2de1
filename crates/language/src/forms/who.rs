//! `who ‹relation phrase› X`: the subjects of a relation (`who depends on NVIDIA`, `chi
//! dipende da NVIDIA`); the phrases come from the ontology.

use super::{Kind, QuestionForm, Syntax, both, english, words};
use crate::ast::{Run, Word};
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Direction, Phrases, Plan, ResolveError, Resolver};
use crate::vocabulary::Relation;

pub const FORM: QuestionForm = QuestionForm {
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
        both(
            "who are the investors in OpenAI",
            "chi sono gli investitori di OpenAI",
        ),
        english("who raised concerns about Microsoft"),
        english("who is member of UALink"),
    ],
    listed: true,
};

/// The question word as typed (`who`, `chi`) and the words after it: a relation phrase and a
/// name, or a copula and a relation's noun (`who are the members of GAMMA`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub asker: Word,
    pub run: Run,
}

impl Syntax for Who {
    const RULE: Rule = Rule::who;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        let asker = parts.required_word(&Text::new("`who`", "`chi`"))?;
        Ok(Self {
            asker,
            run: run(parts.required(&Text::new(
                "a relation and a name",
                "una relazione e un nome",
            ))?),
        })
    }

    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError> {
        let words = &self.run.words;
        if let Some((relation, rest)) = resolver.find_leading_phrase(words, Phrases::Direct) {
            return match resolver.entity_words(rest, &self.run) {
                Ok(entity) => Ok(Plan::Related {
                    relation,
                    entity,
                    direction: Direction::Subjects,
                    transitive,
                }),
                // `who depends on NVIDIA and TSMC`, `chi dipende da NVIDIA o da TSMC`.
                Err(error) => names_joined(resolver, &relation, rest).ok_or(error),
            };
        }
        // Italian inverse leads that start with the question word: `chi ha fondato Mistral AI`.
        let mut asked = vec![self.asker.clone()];
        asked.extend_from_slice(words);
        if let Some((relation, rest)) = resolver.find_leading_phrase(&asked, Phrases::Inverse) {
            return Ok(Plan::Related {
                relation,
                entity: resolver.entity_words(rest, &self.run)?,
                direction: Direction::Objects,
                transitive,
            });
        }
        if let Some(plan) = super::which::copula_reading(resolver, &self.run, transitive)? {
            return Ok(plan);
        }
        let (relation, rest) = resolver.leading_phrase(words, Phrases::Direct)?;
        Ok(Plan::Related {
            relation,
            entity: resolver.entity_words(rest, &self.run)?,
            direction: Direction::Subjects,
            transitive,
        })
    }
}

/// `NVIDIA and TSMC`, `NVIDIA or TSMC` after a relation's phrase: the things related to
/// both, or to either, as a list. A name may repeat the phrase's preposition (`or on TSMC`,
/// `e da TSMC`); quoted names are read whole, never split.
fn names_joined(resolver: &Resolver<'_>, relation: &Relation, rest: &[Word]) -> Option<Plan> {
    let mut kept: Vec<Word> = Vec::new();
    for (i, word) in rest.iter().enumerate() {
        let after_conjunction = i > 0 && crate::noun_phrase::is_conjunction(&rest[i - 1]);
        if word.quoted || !(after_conjunction && resolver.repeats_preposition(relation, word)) {
            kept.push(word.clone());
        }
    }
    let (entities, all) = resolver.name_list_of_words(&kept)?;
    resolver
        .related_to_all(relation, Direction::Subjects, entities, all)
        .map(Plan::List)
}
