//! Everything else: an Italian inverse form (`da cosa dipende NVIDIA`), a relation's noun
//! (`the investors in OpenAI`), a list without `list` (`open models by Google`) or a measure
//! of a name (`traffic share of ChatGPT`), told apart here by the lexicon.

use super::{Kind, QuestionForm, Syntax, both, english, words};
use crate::ast::{Run, Span, Word};
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Direction, Phrases, Plan, ResolveError, Resolver};
use crate::suggest;
use crate::vocabulary::Lang;

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
        Ok(Self(run(
            parts.required(&Text::new("a question", "una domanda"))?
        )))
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
            return match resolver.entity_words(rest, run) {
                Ok(entity) => Ok(Plan::Related {
                    relation,
                    entity,
                    direction: Direction::Objects,
                    transitive,
                }),
                // `open-source models`: an adjective and a kind, not a relation and a name.
                Err(error) => match resolver.noun_phrase(run) {
                    Ok(Some(phrase)) => Ok(Plan::List(phrase)),
                    _ => Err(error),
                },
            };
        }
        // `cosa ha rilasciato DeepSeek`, `che cosa produce Huawei`: what the name, the
        // subject after the verb as Italian puts it, stands in the relation to.
        if let Some(plan) = what_italian(resolver, run, transitive) {
            return Ok(plan);
        }
        // A statement form after its article (`gli accordi cloud esclusivi`, `le
        // preoccupazioni della FTC`), read as the form reads it.
        if crate::noun_phrase::article_words(&run.words) > 0
            && let Some(plan) = super::which::statement_reading(resolver, run)
        {
            return Ok(plan);
        }
        // A statement asked (`NVIDIA dipende da TSMC?`): yes or no.
        if let Ok(plan) = resolver.yes_or_no(run, None) {
            return Ok(plan);
        }
        // A relation's noun (`the investors in OpenAI`), a list without `list` (`open models
        // by Google`, `companies that depend on NVIDIA`) or a measure of a name.
        super::which::noun_reading(resolver, run, transitive)
    }
}

/// Italian `cosa` (`che cosa`, `che`) before a relation's singular phrase and its subject:
/// `cosa ha rilasciato DeepSeek` asks for DeepSeek's objects of the relation.
fn what_italian(resolver: &Resolver<'_>, run: &Run, transitive: bool) -> Option<Plan> {
    let words = &run.words;
    let typed = |i: usize| {
        words
            .get(i)
            .filter(|w| !w.quoted)
            .map(|w| w.text.to_lowercase())
    };
    let asked = match (typed(0).as_deref(), typed(1).as_deref()) {
        (Some("che"), Some("cosa")) => 2,
        (Some("cosa" | "che"), _) => 1,
        _ => return None,
    };
    let (relation, rest) = resolver.find_leading_phrase(&words[asked..], Phrases::Direct)?;
    let entity = resolver.find_entity(rest)?;
    Some(Plan::Related {
        relation,
        entity,
        direction: Direction::Objects,
        transitive,
    })
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
                return Ok(Plan::Attribute {
                    measure,
                    entity: Some(entity),
                });
            }
            None => {
                first_failed.get_or_insert(measure_words);
            }
        }
    }
    // A measure named in a sentence (`GPUs held by DeepSeek`, `universities offering AI
    // courses`).
    if let Some(plan) = crate::measure_words::measure_reading(
        resolver,
        &run.words,
        crate::measure_words::Asked::Unsaid,
    ) {
        return Ok(plan);
    }
    // The error (with its suggestions) only once no reading is left.
    if let Some(measure_words) = first_failed {
        return Err(resolver.unknown_measure(&measure_words));
    }
    if let Some(error) = misread_form(run) {
        return Err(error);
    }
    Err(not_understood(resolver, &run.words[0]))
}

/// A question that starts with another form's words (`path from OpenAI to`, `top three …`)
/// but did not read as that form: the error shows how that form is asked.
fn misread_form(run: &Run) -> Option<ResolveError> {
    let typed: Vec<String> = run.words.iter().map(|w| w.text.to_lowercase()).collect();
    let (form, language, phrase) = super::FORMS
        .iter()
        .filter(|form| form.kind == super::Kind::Body)
        .flat_map(|form| {
            [(Lang::En, &form.english), (Lang::It, &form.italian)]
                .into_iter()
                .flat_map(move |(lang, words)| words.phrases.iter().map(move |p| (form, lang, *p)))
        })
        .filter(|(_, _, phrase)| {
            let words: Vec<&str> = phrase.split(' ').collect();
            typed.len() >= words.len() && typed.iter().zip(&words).all(|(t, w)| t == w)
        })
        .max_by_key(|(_, _, phrase)| phrase.len())?;
    let example = form.examples.first()?;
    let italian = example.italian.unwrap_or(example.english);
    let end = run.span().end;
    let words = phrase.split(' ').count();
    let span = run.words[0].span.join(run.words[words - 1].span);
    Some(
        ResolveError::new(
            Span::new(span.start, end),
            Text::new(
                format!(
                    "this does not read as a `{phrase}` question: ask it as in `{}`",
                    example.english
                ),
                format!("non si legge come una domanda `{phrase}`: chiedila come in `{italian}`"),
            ),
        )
        .in_language(Some(language)),
    )
}

/// Nothing fits: suggest from everything a question may start with.
fn not_understood(resolver: &Resolver<'_>, first: &Word) -> ResolveError {
    let starts: Vec<String> = super::LEADING_KEYWORDS
        .iter()
        .map(|k| k.to_string())
        .chain(
            resolver
                .all_phrases(Phrases::Inverse)
                .map(|p| p.text.clone()),
        )
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
        Text::new(
            format!(
                "I don't understand `{}`: a question starts with {}, a kind (`companies that \
                 depend on NVIDIA`) or a measure (`revenue of NVIDIA`)",
                first.text,
                super::leading_phrases(Lang::En).join(", ")
            ),
            format!(
                "non capisco `{}`: una domanda comincia con {}, un tipo (`aziende che dipendono \
                 da NVIDIA`) o una misura (`fatturato di NVIDIA`)",
                first.text,
                super::leading_phrases(Lang::It).join(", ")
            ),
        ),
    )
    .with_suggestions(suggest::closest(&first.text, first_words, 3))
}
