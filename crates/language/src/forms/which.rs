//! Question words before a kind or a copula: `which companies depend on NVIDIA`, `quali
//! modelli ha sviluppato Google`, `what is the revenue of NVIDIA`, `qual è la quota di
//! traffico di ChatGPT`, `what are the products of NVIDIA`. The kind's noun phrase
//! ([`crate::noun_phrase`]) and the relations' nouns come from the ontology.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Run;
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "which",
    kind: Kind::Body,
    help: "which things of a kind (with restrictions), or what a name's relation or measure is",
    english: words(&["which", "what"], &["which", "what"]),
    italian: words(&["quali", "quale", "qual"], &["quali", "quale", "qual"]),
    examples: &[
        both(
            "which companies depend on NVIDIA",
            "quali aziende dipendono da NVIDIA",
        ),
        both(
            "which models did Google develop",
            "quali modelli ha sviluppato Google",
        ),
        both(
            "what is the traffic share of ChatGPT",
            "qual è la quota di traffico di ChatGPT",
        ),
    ],
    listed: true,
};

/// The words after `which`/`what`/`quali`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Which(pub Run);

impl Syntax for Which {
    const RULE: Rule = Rule::which;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(parts.required(&Text::new(
            "a kind, or `is` and what to ask",
            "un tipo, o `è` e cosa chiedere",
        ))?)))
    }

    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError> {
        if let Some(plan) = copula_reading(resolver, &self.0, transitive)? {
            return Ok(plan);
        }
        if let Some(plan) = superlative_reading(resolver, &self.0) {
            return Ok(plan);
        }
        Ok(Plan::List(resolver.required_noun_phrase(&self.0)?))
    }
}

/// The words after a copula (`is the revenue of NVIDIA` → `the revenue of NVIDIA`), if the
/// run starts with one and has words after it.
fn after_copula(run: &Run) -> Option<Run> {
    let used = crate::noun_phrase::copula_words(&run.words);
    (used > 0 && run.words.len() > used).then(|| Run {
        words: run.words[used..].to_vec(),
    })
}

/// `is the revenue of NVIDIA`, `are the members of GAMMA`, `sono i partner di Stargate`,
/// `are the open models by Meta`: a copula, then a measure of a name, a relation's noun and a
/// name, or a noun phrase. `None` when the run starts with no copula.
pub(super) fn copula_reading(
    resolver: &Resolver<'_>,
    run: &Run,
    transitive: bool,
) -> Result<Option<Plan>, ResolveError> {
    let Some(rest) = after_copula(run) else {
        return Ok(None);
    };
    // `what is Stargate`, `who is Alexandr Wang`, `chi è Liang Wenfeng`: a name alone is
    // asked about as a whole, its card.
    let skip = crate::noun_phrase::article_words(&rest.words);
    if let Some(entity) = resolver.find_entity(&rest.words[skip.min(rest.words.len())..]) {
        return Ok(Some(Plan::Describe(entity)));
    }
    if let Some(plan) = statement_reading(resolver, &rest) {
        return Ok(Some(plan));
    }
    match noun_reading(resolver, &rest, transitive) {
        Ok(plan) => Ok(Some(plan)),
        // `what is Velvet`: words that look like a name and read no other way are one the
        // graph does not hold, and the error says so (with the names it does hold).
        Err(error) => {
            let name = &rest.words[skip.min(rest.words.len())..];
            let looks_like_a_name = !name.is_empty()
                && name
                    .iter()
                    .all(|w| w.quoted || w.text.chars().next().is_some_and(char::is_uppercase));
            match looks_like_a_name {
                true => Err(resolver.entity_words(name, run).err().unwrap_or(error)),
                false => Err(error),
            }
        }
    }
}

/// `are the investments by Microsoft`, `sono le preoccupazioni su Microsoft`: a statement
/// form after a copula (and its article), read as that form reads it.
pub(super) fn statement_reading(resolver: &Resolver<'_>, rest: &Run) -> Option<Plan> {
    use super::Form;
    let skip = crate::noun_phrase::article_words(&rest.words);
    // The words as typed, quoted names quoted again: a name is read as a name whatever its
    // characters, so that no name changes which reading the question gets.
    let text: Vec<String> = rest.words[skip..]
        .iter()
        .map(|w| match (w.quoted, w.text.contains('"')) {
            (false, _) => Some(w.text.clone()),
            (true, false) => Some(format!("\"{}\"", w.text)),
            (true, true) => (!w.text.contains('”')).then(|| format!("“{}”", w.text)),
        })
        .collect::<Option<_>>()?;
    let question = crate::parse::parse(&text.join(" ")).ok()?;
    // A ranking reads the same way (`the top 3 companies by revenue`, `le prime 3 aziende per
    // fatturato`).
    let statement_form = matches!(
        question.form,
        Form::Investments(_)
            | Form::Releases(_)
            | Form::CloudDeals(_)
            | Form::Concerns(_)
            | Form::Top(_)
    );
    if !statement_form || question.modifiers != crate::ast::Modifiers::default() {
        return None;
    }
    question.form.plan(resolver, false).ok()
}

/// A relation's noun and a name (`the investors in OpenAI`), a noun phrase (`the open models
/// by Meta`) or a measure of a name (`the revenue of NVIDIA`), in that order.
pub(super) fn noun_reading(
    resolver: &Resolver<'_>,
    run: &Run,
    transitive: bool,
) -> Result<Plan, ResolveError> {
    if let Some(plan) = possessive_reading(resolver, run, transitive) {
        return Ok(plan);
    }
    if let Some((relation, direction, entity)) = resolver.relation_noun(run)? {
        return Ok(Plan::Related {
            relation,
            entity,
            direction,
            transitive,
        });
    }
    match resolver.noun_phrase(run) {
        Ok(Some(phrase)) => return Ok(Plan::List(phrase)),
        Ok(None) => {}
        // A kind that goes on as a measure does (`universities offering AI courses`, `GPUs
        // held by DeepSeek`): the measure; else the noun phrase's error.
        Err(error) => {
            return crate::measure_words::measure_reading(
                resolver,
                &run.words,
                crate::measure_words::Asked::Unsaid,
            )
            .ok_or(error);
        }
    }
    // `open modles`: the adjective says a kind was meant, so the kind is the error.
    let skip = crate::noun_phrase::article_words(&run.words);
    if resolver.qualifier(&run.words[skip..], true).is_some()
        || resolver.starts_with_demonym(&run.words[skip..])
    {
        return resolver.required_noun_phrase(run).map(Plan::List);
    }
    super::free::attribute(resolver, &without_article(run))
}

/// `OpenAI's competitors`, `NVIDIA's revenue`, `Microsoft's investments`: an English
/// possessive read as the phrase it stands for, the owner after `of` (a relation's noun, a
/// measure, a kind) or after `by` (a statement form). `None` when the words before `'s` name
/// no entity, or no reading holds.
fn possessive_reading(resolver: &Resolver<'_>, run: &Run, transitive: bool) -> Option<Plan> {
    let rewritten = |joiner| resolver.without_possessive(run, joiner);
    // A relation's noun (`competitors of`), a statement form (`investments by`), a kind
    // (`models by`), then a measure (`revenue of`).
    let of = rewritten("of")?;
    if let Ok(Some((relation, direction, entity))) = resolver.relation_noun(&of) {
        return Some(Plan::Related {
            relation,
            entity,
            direction,
            transitive,
        });
    }
    let by = rewritten("by")?;
    statement_reading(resolver, &by)
        .or_else(|| match resolver.noun_phrase(&by) {
            Ok(Some(phrase)) => Some(Plan::List(phrase)),
            _ => None,
        })
        .or_else(|| noun_reading(resolver, &of, transitive).ok())
}

/// Superlatives before the measure (`the largest traffic share`, `la maggiore quota`).
const MOST_BEFORE: &[&str] = &[
    "largest", "highest", "biggest", "greatest", "most", "top", "maggiore", "maggior", "massima",
    "massimo",
];
/// Superlatives after the measure (`la quota di traffico più alta`).
const MOST_AFTER: &[&str] = &[
    "più alta",
    "più alto",
    "più grande",
    "maggiore",
    "massima",
    "massimo",
];

/// `which chatbot has the largest traffic share`, `quale chatbot ha la quota di traffico più
/// alta`: the first of a top list of the kind by the measure.
fn superlative_reading(resolver: &Resolver<'_>, run: &Run) -> Option<Plan> {
    let words = &run.words;
    if words.iter().any(|w| w.quoted) {
        return None;
    }
    let keys: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    // A verb of having between the kind and its superlative (`which chatbot has the largest…`).
    let verb = keys
        .iter()
        .position(|k| crate::noun_phrase::HAVING.contains(&k.as_str()))?;
    let class = resolver.find_class(&Run {
        words: words[..verb].to_vec(),
    })?;
    let mut rest = &words[verb + 1..];
    rest = &rest[crate::noun_phrase::article_words(rest).min(rest.len())..];
    let first = rest.first()?.text.to_lowercase();
    let measure_words = if MOST_BEFORE.contains(&first.as_str()) {
        &rest[1..]
    } else {
        let text: Vec<String> = rest.iter().map(|w| w.text.to_lowercase()).collect();
        let after = MOST_AFTER.iter().find_map(|most| {
            let n = most.split(' ').count();
            (text.len() > n && text[text.len() - n..].join(" ") == *most).then_some(n)
        })?;
        &rest[..rest.len() - after]
    };
    let measure = resolver.find_measure(&Run {
        words: measure_words.to_vec(),
    })?;
    Some(Plan::Top {
        limit: 1,
        class,
        measure,
    })
}

/// The run without its leading article (`the revenue of NVIDIA` → `revenue of NVIDIA`).
fn without_article(run: &Run) -> Run {
    let skip = crate::noun_phrase::article_words(&run.words);
    Run {
        words: run.words[skip.min(run.words.len().saturating_sub(1))..].to_vec(),
    }
}
