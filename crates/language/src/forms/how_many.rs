//! `how many companies depend on NVIDIA`, `quanti modelli ha sviluppato Google`: a count of
//! the things a noun phrase names, as `count` gives it.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Run;
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Plan, ResolveError, Resolver};

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
        match super::count::counted(resolver, &self.0) {
            Ok((phrase, group)) => Ok(Plan::Count { phrase, group }),
            // A number the documents state (`how many GPUs does DeepSeek hold`).
            Err(error) => crate::measure_words::measure_reading(
                resolver,
                &self.0.words,
                crate::measure_words::Asked::ForANumber,
            )
            .ok_or(error),
        }
    }
}
