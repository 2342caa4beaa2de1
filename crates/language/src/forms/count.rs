//! `count models by developer`, `count companies that depend on NVIDIA`, `conta modelli per
//! sviluppatore`: how many things a noun phrase names, in all or grouped.

use super::{Kind, QuestionForm, Syntax, both, english, words};
use crate::ast::Run;
use crate::diagnostic::Text;
use crate::noun_phrase::NounPhrase;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Grouping, Plan, ResolveError, Resolver};
use crate::vocabulary::phrase_key;

pub const FORM: QuestionForm = QuestionForm {
    name: "count",
    kind: Kind::Body,
    help: "how many things of a kind there are, in all or grouped by a relation",
    english: words(&["count"], &["count", "by"]),
    italian: words(&["conta"], &["conta", "per"]),
    examples: &[
        both(
            "count models by developer",
            "conta modelli per sviluppatore",
        ),
        english("count open models by developer"),
        both(
            "count companies that depend on NVIDIA",
            "conta aziende che dipendono da NVIDIA",
        ),
    ],
    listed: true,
};

/// Words that introduce a grouping (`by developer`, `per sviluppatore`).
const GROUP_WORDS: &[&str] = &["by", "per"];

/// The words after `count`: a noun phrase, then perhaps a grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count(pub Run);

impl Syntax for Count {
    const RULE: Rule = Rule::count;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(
            parts.required(&Text::new("what to count", "cosa contare"))?
        )))
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        let (phrase, group) = counted(resolver, &self.0)?;
        Ok(Plan::Count { phrase, group })
    }
}

/// A noun phrase and its grouping: the last `by`/`per` whose words name a grouping splits
/// them (`count models by Google by developer`); with none, the words are all the phrase's.
pub(crate) fn counted(
    resolver: &Resolver<'_>,
    run: &Run,
) -> Result<(NounPhrase, Option<Grouping>), ResolveError> {
    let words = &run.words;
    for split in (1..words.len().saturating_sub(1)).rev() {
        let word = &words[split];
        if word.quoted || !GROUP_WORDS.contains(&phrase_key(&word.text).as_str()) {
            continue;
        }
        let group_words = Run {
            words: words[split + 1..].to_vec(),
        };
        if let Ok(grouping) = resolver.grouping(&group_words) {
            let phrase = resolver.required_noun_phrase(&Run {
                words: words[..split].to_vec(),
            })?;
            return Ok((phrase, Some(grouping)));
        }
    }
    match resolver.required_noun_phrase(run) {
        Ok(phrase) => Ok((phrase, None)),
        // `count models by develper`: the grouping was meant; say what groups.
        Err(error) => Err(last_grouping_error(resolver, run).unwrap_or(error)),
    }
}

/// The error of the grouping after the last `by`/`per`, when the words before it are a kind.
fn last_grouping_error(resolver: &Resolver<'_>, run: &Run) -> Option<ResolveError> {
    let words = &run.words;
    let split = (1..words.len().saturating_sub(1))
        .rev()
        .find(|&i| GROUP_WORDS.contains(&phrase_key(&words[i].text).as_str()))?;
    let before = Run {
        words: words[..split].to_vec(),
    };
    resolver.noun_phrase(&before).ok().flatten()?;
    resolver
        .grouping(&Run {
            words: words[split + 1..].to_vec(),
        })
        .err()
}
