//! `how many companies depend on NVIDIA`, `quanti modelli ha sviluppato Google`: a count of
//! the things a noun phrase names, as `count` gives it.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::{Run, Word};
use crate::diagnostic::Text;
use crate::noun_phrase::NounPhrase;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Direction, Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "how many",
    kind: Kind::Body,
    help: "how many things of a kind there are (with restrictions), in all or grouped",
    english: words(&["how many"], &["how many"]),
    italian: words(&["quanti", "quante"], &["quanti", "quante"]),
    examples: &[
        both(
            "how many companies depend on NVIDIA",
            "quante aziende dipendono da NVIDIA",
        ),
        both(
            "how many models did Google develop",
            "quanti modelli ha sviluppato Google",
        ),
        both(
            "how many GPUs does DeepSeek hold",
            "quante GPU possiede DeepSeek",
        ),
    ],
    listed: true,
};

/// The words after `how many`: a noun phrase, then perhaps a grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HowMany(pub Run);

impl Syntax for HowMany {
    const RULE: Rule = Rule::how_many;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(
            parts.required(&Text::new("what to count", "cosa contare"))?
        )))
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        // A number the documents state (`how many GPUs does DeepSeek hold`).
        let stated_so =
            |asked| crate::measure_words::measure_reading(resolver, &self.0.words, asked);
        let stated = || stated_so(crate::measure_words::Asked::ForANumber);
        if let Some(plan) = partitive(resolver, &self.0.words) {
            return Ok(plan);
        }
        match super::count::counted(resolver, &self.0) {
            // A count whose relation does not take such things at that end (`quante GPU
            // possiede DeepSeek`: what is owned is an organisation) gives way to a number
            // the documents state, when one reads.
            Ok((phrase, group)) if !resolver.fits_its_relations(&phrase) => {
                Ok(stated().unwrap_or(Plan::Count { phrase, group }))
            }
            // Words that read wholly as a measure's (`how many GPUs did Grok 3 use`) ask for
            // the documents' figure, and, when they state none for the name, the count.
            Ok((phrase, None)) => {
                let count = Plan::Count {
                    phrase,
                    group: None,
                };
                Ok(
                    match stated_so(crate::measure_words::Asked::ForANumberWholly) {
                        Some(stated) => Plan::Either {
                            first: Box::new(stated),
                            otherwise: Box::new(count),
                        },
                        None => count,
                    },
                )
            }
            Ok((phrase, group)) => Ok(Plan::Count { phrase, group }),
            // A relation's noun and its name (`how many members does UALink have`), or a
            // stated number.
            Err(error) => noun_count(resolver, &self.0.words)
                .or_else(stated)
                .ok_or(error),
        }
    }
}

/// Words that take a part of a phrase's things (`how many of the models…`, `quanti dei
/// modelli…`), with the relative pronoun that makes the rest a clause.
const PARTITIVES: &[(&str, &str)] = &[
    ("of", "that"),
    ("dei", "che"),
    ("degli", "che"),
    ("delle", "che"),
    ("tra", "che"),
    ("fra", "che"),
];

/// `how many of Google's models are open`, `quanti dei modelli di Google sono aperti`: the
/// things of a noun phrase that the rest says something of, counted as the phrase with the
/// rest as its clause (`models by Google that are open`). The phrase is the shortest start
/// that reads so; `None` when no split does.
fn partitive(resolver: &Resolver<'_>, words: &[Word]) -> Option<Plan> {
    let (first, rest) = words.split_first()?;
    let lowered = first.text.to_lowercase();
    let (_, relative) = PARTITIVES
        .iter()
        .find(|(word, _)| !first.quoted && *word == lowered)?;
    (1..rest.len()).find_map(|split| {
        let (things, said) = rest.split_at(split);
        let things = Run {
            words: things.to_vec(),
        };
        let mut words = resolver
            .without_possessive(&things, "by")
            .unwrap_or(things)
            .words;
        words.push(Word {
            text: (*relative).to_owned(),
            span: said[0].span,
            quoted: false,
        });
        words.extend_from_slice(said);
        let (phrase, group) = super::count::counted(resolver, &Run { words }).ok()?;
        Some(Plan::Count { phrase, group })
    })
}

/// Words that make `how many members does UALink have` a sentence: read past.
const HAVING: &[&str] = &[
    "does", "do", "did", "has", "have", "had", "ha", "hanno", "aveva", "avevano", "got",
];

/// `how many members does UALink have`, `quanti membri ha UALink`, `how many investors does
/// OpenAI have`: the count of the things a relation's noun names for the name.
fn noun_count(resolver: &Resolver<'_>, words: &[Word]) -> Option<Plan> {
    let words: Vec<Word> = words
        .iter()
        .filter(|w| w.quoted || !HAVING.contains(&w.text.to_lowercase().as_str()))
        .cloned()
        .collect();
    // A relation's noun is a few words (`members`, `technical partners`, `cloud provider`).
    (1..words.len().min(5)).find_map(|split| {
        ["of", "di"].iter().find_map(|of| {
            let mut probe = words[..split].to_vec();
            probe.push(Word {
                text: (*of).to_owned(),
                span: words[split].span,
                quoted: false,
            });
            probe.extend_from_slice(&words[split..]);
            let (relation, direction, entity) =
                resolver.relation_noun(&Run { words: probe }).ok()??;
            Some(Plan::Count {
                phrase: counted_by_relation(resolver, relation, direction, entity)?,
                group: None,
            })
        })
    })
}

/// The things at the other end of `relation` from `entity`, of the class its domain (or
/// range) names, or of any class.
fn counted_by_relation(
    resolver: &Resolver<'_>,
    relation: crate::vocabulary::Relation,
    direction: Direction,
    entity: crate::vocabulary::Entity,
) -> Option<NounPhrase> {
    resolver.related_to_all(&relation, direction, vec![entity], true)
}
