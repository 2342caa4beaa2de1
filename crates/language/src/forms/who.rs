//! `who ‹relation phrase› X`: the subjects of a relation (`who depends on NVIDIA`, `chi
//! dipende da NVIDIA`); the phrases come from the ontology.

use super::{Kind, QuestionForm, Syntax, both, english, words};
use crate::ast::Run;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Direction, Phrases, Plan, ResolveError, Resolver};

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
        english("who raised concerns about Microsoft"),
        english("who is member of UALink"),
    ],
    listed: true,
};

/// The words after `who`: a relation phrase and a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who(pub Run);

impl Syntax for Who {
    const RULE: Rule = Rule::who;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(parts.required("a relation and a name")?)))
    }

    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError> {
        let (relation, rest) = resolver.leading_phrase(&self.0.words, Phrases::Direct)?;
        Ok(Plan::Related {
            relation,
            entity: resolver.entity_words(rest, &self.0)?,
            direction: Direction::Subjects,
            transitive,
        })
    }
}
