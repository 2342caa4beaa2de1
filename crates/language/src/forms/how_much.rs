//! `how much did Microsoft invest in OpenAI`, `when did Microsoft invest in OpenAI`, `quanto
//! ha investito Microsoft in OpenAI`, `quando ha investito Microsoft in OpenAI`: a relation
//! between two named ends, with its statements' amounts and dates.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::{Run, Word};
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Ends, Phrases, Plan, ResolveError, Resolver};
use crate::vocabulary::{Relation, phrase_key};

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
        both(
            "when was DeepSeek founded",
            "quando è stata fondata DeepSeek",
        ),
    ],
    listed: true,
};

/// The question word as typed (`how much`, `when`, `quanto`, `quando`) and the words after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HowMuch {
    pub asker: Word,
    pub run: Run,
}

impl Syntax for HowMuch {
    const RULE: Rule = Rule::how_much;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        let asker = parts.required_word(&Text::new("`how much`", "`quanto`"))?;
        let what = Text::new(
            "a name, a relation and a name",
            "un nome, una relazione e un nome",
        );
        Ok(Self {
            asker,
            run: run(parts.required(&what)?),
        })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        let words = &self.run.words;
        // English puts an auxiliary before the subject (`did Microsoft invest`).
        let skip = crate::noun_phrase::auxiliary_words(words);
        let asked = self.asked_column();
        between(resolver, &words[skip..], asked)
            .or_else(|| between_italian(resolver, words, asked))
            .or_else(|| one_end(resolver, words, asked))
            .or_else(|| worth(resolver, words, asked))
            // `when did Microsoft and OpenAI revise their agreement`.
            .or_else(|| {
                (asked == Some("date"))
                    .then(|| dates_between(resolver, words))
                    .flatten()
            })
            // `when was Stargate announced`: the dates of the one name in the question.
            .or_else(|| {
                (asked == Some("date"))
                    .then(|| crate::measure_words::single_name(resolver, words))
                    .flatten()
                    .map(Plan::Dates)
            })
            // An amount the documents state (`how much did DeepSeek spend on infrastructure`).
            .or_else(|| {
                crate::measure_words::measure_reading(
                    resolver,
                    words,
                    crate::measure_words::Asked::ForANumber,
                )
            })
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

impl HowMuch {
    /// The column the question word asks for: the date for `when`, the amount otherwise.
    fn asked_column(&self) -> Option<&'static str> {
        let word = self.asker.text.to_lowercase();
        Some(if word == "when" || word == "quando" {
            "date"
        } else {
            "amount"
        })
    }
}

const VERB: &[Phrases] = &[Phrases::Inverse, Phrases::Direct, Phrases::Plural];

/// `Microsoft invest in OpenAI`: a subject, the relation, an object.
fn between(resolver: &Resolver<'_>, words: &[Word], asked: Option<&'static str>) -> Option<Plan> {
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
                ends: Ends::Both { subject, object },
                asked,
            });
        }
    }
    None
}

/// `ha investito Microsoft in OpenAI`: the verb, the subject, then the preposition that ends
/// the relation's phrase and the object.
fn between_italian(
    resolver: &Resolver<'_>,
    words: &[Word],
    asked: Option<&'static str>,
) -> Option<Plan> {
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
                ends: Ends::Both { subject, object },
                asked,
            });
        }
    }
    None
}

/// Whether `words` are one of the relation's phrases of `VERB`, whole or without the
/// preposition it ends in (`did Microsoft invest`, `ha investito Microsoft`: `invest in`,
/// `ha investito in`).
fn verb_of(resolver: &Resolver<'_>, words: &[Word]) -> Option<Relation> {
    if words.is_empty() || words.iter().any(|w| w.quoted) {
        return None;
    }
    let typed = phrase_key(&crate::resolve::join(words));
    resolver
        .vocabulary()
        .relations
        .iter()
        .filter(|relation| relation.statement.is_some())
        .find(|relation| {
            VERB.iter().flat_map(|kind| kind.of(relation)).any(|p| {
                p.key == typed
                    || p.key
                        .rsplit_once(' ')
                        .is_some_and(|(verb, _)| verb == typed)
            })
        })
        .cloned()
}

/// `did Microsoft invest`, `ha investito Microsoft`: one name and a relation recorded with
/// details (amounts, dates), its subject.
fn one_end(resolver: &Resolver<'_>, words: &[Word], asked: Option<&'static str>) -> Option<Plan> {
    let skip = crate::noun_phrase::auxiliary_words(words);
    let english = (skip + 1..words.len()).find_map(|split| {
        let relation = verb_of(resolver, &words[split..])?;
        Some((relation, resolver.find_entity(&words[skip..split])?))
    });
    let italian = || {
        (1..words.len()).find_map(|split| {
            let relation = verb_of(resolver, &words[..split])?;
            Some((relation, resolver.find_entity(&words[split..])?))
        })
    };
    let (relation, subject) = english.or_else(italian)?;
    Some(Plan::Between {
        relation,
        ends: Ends::Subject(subject),
        asked,
    })
}

/// Words around a name that ask what it is worth: `is … worth`, `vale …`, `the value of …`.
const WORTH: &[(&[&str], &[&str])] = &[
    (&["is"], &["worth"]),
    (&["was"], &["worth"]),
    (&["vale"], &[]),
    (&["valeva"], &[]),
    (&["è", "il", "valore", "di"], &[]),
];

/// `how much is the France AI plan worth`, `quanto vale il piano della Francia`: the amounts
/// committed to a name, through the relations whose statements carry an amount.
fn worth(resolver: &Resolver<'_>, words: &[Word], asked: Option<&'static str>) -> Option<Plan> {
    let keys: Vec<String> = words.iter().map(|w| phrase_key(&w.text)).collect();
    let name = WORTH.iter().find_map(|(before, after)| {
        let (starts, ends) = (before.len(), keys.len().checked_sub(after.len())?);
        (ends > starts
            && keys[..starts].iter().zip(*before).all(|(k, w)| k == w)
            && keys[ends..].iter().zip(*after).all(|(k, w)| k == w))
        .then(|| &words[starts..ends])
    })?;
    let object = resolver.find_entity(name)?;
    let relation = resolver
        .vocabulary()
        .relations
        .iter()
        .find(|relation| {
            relation.statement.as_ref().is_some_and(|link| {
                link.details
                    .iter()
                    .any(|(detail, _)| detail.as_str().ends_with("#amount"))
            })
        })?
        .clone();
    Some(Plan::Between {
        relation,
        ends: Ends::Object(object),
        asked,
    })
}

/// `did Microsoft and OpenAI revise their agreement`, `Microsoft e OpenAI hanno rivisto il
/// loro accordo`, `hanno firmato l'accordo Microsoft e OpenAI`: two names joined by `and`
/// at either end of the words; the other words may name which dates (a date property whose
/// header shares a stem with one of them: `revise`, `revision date`).
fn dates_between(resolver: &Resolver<'_>, words: &[Word]) -> Option<Plan> {
    let skip = crate::noun_phrase::auxiliary_words(words);
    let words = &words[skip..];
    let pair = |part: &[Word]| match resolver.name_list_of_words(part) {
        Some((entities, true)) => <[_; 2]>::try_from(entities).ok(),
        _ => None,
    };
    let (names, rest) = (2..=words.len())
        .rev()
        .find_map(|end| Some((pair(&words[..end])?, &words[end..])))
        .or_else(|| {
            (0..words.len().saturating_sub(2))
                .find_map(|start| Some((pair(&words[start..])?, &words[..start])))
        })?;
    let stems: Vec<String> = rest
        .iter()
        .map(|w| phrase_key(&w.text))
        .filter(|w| w.chars().count() >= 5)
        .map(|w| w.chars().take(5).collect())
        .collect();
    let mut properties = Vec::new();
    for form in &resolver.vocabulary().statement_forms {
        for attribute in &form.attributes {
            let named = attribute.header.split_whitespace().any(|word| {
                stems
                    .iter()
                    .any(|stem| word.to_lowercase().starts_with(stem))
            });
            if named && !properties.contains(&attribute.property) {
                properties.push(attribute.property.clone());
            }
        }
    }
    Some(Plan::DatesBetween { names, properties })
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
        Text::new(
            "expected two names and the relation between them (`how much did Microsoft invest \
             in OpenAI`, `when did Microsoft invest in OpenAI`), a measure (`how much did \
             NVIDIA earn`) or, after when, one name (`when was DeepSeek founded`)",
            "servono due nomi e la relazione tra loro (`quanto ha investito Microsoft in \
             OpenAI`, `quando ha investito Microsoft in OpenAI`), una misura (`quanto ha \
             fatturato NVIDIA`) o, dopo quando, un nome (`quando è stata fondata DeepSeek`)",
        ),
    )
    .with_expected(vec!["a name, a relation and a name".to_owned()])
}
