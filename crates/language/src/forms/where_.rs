//! `where is Mistral AI based`, `where does DeepSeek come from`, `where is the AI Action
//! Summit held`, `dove ha sede Mistral AI`, `dov'è iGenius`: the places a name is in, through
//! the relations whose range is a place (`cat:Place`); with no verb, through all of them.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::{Run, Word};
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Direction, Phrases, Plan, ResolveError, Resolver};
use crate::vocabulary::{AnswerKind, COPULAS, Lang, Relation, phrase_key};

pub const FORM: QuestionForm = QuestionForm {
    name: "where",
    kind: Kind::Body,
    help: "where a name is: the places the ontology's place relations give it",
    english: words(&["where"], &["where"]),
    italian: words(&["dove"], &["dove", "dov'è", "dov’è"]),
    examples: &[
        both("where is Mistral AI based", "dove ha sede Mistral AI"),
        both(
            "where is the AI Action Summit held",
            "dove si tiene l'AI Action Summit",
        ),
    ],
    listed: true,
};

/// The question word as typed (`where`, `dove`, `dov'è`) and the words after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Where {
    pub asker: Word,
    pub run: Run,
}

impl Syntax for Where {
    const RULE: Rule = Rule::where_;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        let asker = parts.required_word(&Text::new("`where`", "`dove`"))?;
        let run = run(parts.required(&Text::new("a name", "un nome"))?);
        Ok(Self { asker, run })
    }

    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError> {
        let related = |relation, entity| Plan::Related {
            relation,
            entity,
            direction: Direction::Objects,
            transitive,
        };
        // Italian phrases that start with the question word: `dove ha sede Mistral AI`.
        let mut asked = vec![self.asker.clone()];
        asked.extend_from_slice(&self.run.words);
        if let Some((relation, rest)) = resolver.find_leading_phrase(&asked, Phrases::Inverse) {
            return Ok(related(relation, resolver.entity_words(rest, &self.run)?));
        }
        // `is`, `does`, `è`: the auxiliary before the name.
        let words = &self.run.words[leading_auxiliary(&self.run.words)..];
        // `where is the headquarters of DeepSeek`: a place relation's noun and its name.
        let noun = Run {
            words: words.to_vec(),
        };
        if let Ok(Some((relation, Direction::Objects, entity))) = resolver.relation_noun(&noun)
            && relation.object_kind == AnswerKind::Place
        {
            return Ok(related(relation, entity));
        }
        // The longest name first, then what follows it: a place relation's verb, or nothing.
        for end in (1..=words.len()).rev() {
            let Some(entity) = resolver.find_entity(&words[..end]) else {
                continue;
            };
            if let Some(relation) = place_relation(resolver, &words[end..]) {
                return Ok(related(relation, entity));
            }
        }
        let asked_in = if self.asker.text.eq_ignore_ascii_case("where") {
            Lang::En
        } else {
            Lang::It
        };
        Err(not_read(resolver, words, &self.run).in_language(Some(asked_in)))
    }
}

/// How many words at the start are an auxiliary or a copula (`is`, `does`, `è`, `si`).
fn leading_auxiliary(words: &[Word]) -> usize {
    const OTHERS: &[&str] = &["does", "do", "did", "si"];
    let first = words.first().map(|w| w.text.to_lowercase());
    match first {
        Some(word) if COPULAS.contains(&word.as_str()) || OTHERS.contains(&word.as_str()) => 1,
        _ => 0,
    }
}

/// The place relation the words after the name ask about: none typed, every place relation;
/// else one whose phrase they are, without its copula and its closing preposition (`based`
/// for `is based in`, `come from`, `held` for `is held in`).
fn place_relation(resolver: &Resolver<'_>, rest: &[Word]) -> Option<Relation> {
    let places = resolver
        .vocabulary()
        .relations
        .iter()
        .filter(|r| r.object_kind == AnswerKind::Place);
    if rest.is_empty() {
        return any_place(places);
    }
    let typed = phrase_key(
        &rest
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    places
        .into_iter()
        .find(|relation| {
            let phrases = relation
                .phrases
                .iter()
                .chain(&relation.inverse_phrases)
                .chain(&relation.plural_phrases)
                .chain(&relation.participles);
            phrases.flat_map(|p| verb_forms(&p.key)).any(|v| v == typed)
        })
        .cloned()
}

/// A phrase's key, with and without its copula and with and without its last preposition.
fn verb_forms(key: &str) -> Vec<String> {
    const CLOSING: &[&str] = &["in", "at", "a", "on"];
    let mut forms = vec![key.to_owned()];
    for copula in COPULAS.iter().chain(&["be"]) {
        if let Some(rest) = key.strip_prefix(copula).and_then(|r| r.strip_prefix(' ')) {
            forms.push(rest.to_owned());
        }
    }
    let shortened: Vec<String> = forms
        .iter()
        .filter_map(|form| {
            let (head, last) = form.rsplit_once(' ')?;
            CLOSING.contains(&last).then(|| head.to_owned())
        })
        .collect();
    forms.extend(shortened);
    forms
}

/// Every place relation as one: `where is NVIDIA` asks where it is based, located, held….
fn any_place<'r>(mut places: impl Iterator<Item = &'r Relation>) -> Option<Relation> {
    let mut merged = places.next()?.clone();
    for relation in places {
        for property in &relation.with_sub_properties {
            if !merged.with_sub_properties.contains(property) {
                merged.with_sub_properties.push(property.clone());
            }
        }
    }
    // The properties' statements differ; none applies to them all.
    merged.statement = None;
    merged.label = "located".to_owned();
    Some(merged)
}

/// No reading: the name's error when no name starts the words, else what the form takes.
fn not_read(resolver: &Resolver<'_>, words: &[Word], run: &Run) -> ResolveError {
    let named = (1..=words.len()).any(|end| resolver.find_entity(&words[..end]).is_some());
    if !named && let Err(error) = resolver.entity_words(words, run) {
        return error;
    }
    ResolveError::new(
        run.span(),
        Text::new(
            "expected a name, then how it is placed: `where is Mistral AI based`, `where is \
             the AI Action Summit held`, `where is iGenius`",
            "serve un nome, e come si colloca: `dove ha sede Mistral AI`, `dove si tiene \
             l'AI Action Summit`, `dov'è iGenius`",
        ),
    )
    .with_expected(vec!["a name and a place relation".to_owned()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_drop_the_copula_and_the_closing_preposition() {
        let forms = verb_forms("is based in");
        for form in ["is based in", "based in", "based", "is based"] {
            assert!(forms.contains(&form.to_owned()), "{form}: {forms:?}");
        }
        assert!(verb_forms("come from").contains(&"come from".to_owned()));
        assert!(!verb_forms("come from").contains(&"come".to_owned()));
    }
}
