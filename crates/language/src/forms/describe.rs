//! `describe NVIDIA`, `descrivi NVIDIA`, `tell me about NVIDIA`, `cos'è Stargate`: every fact
//! about a name (its card). `what is Stargate`, `chi è …` read as this too, after a copula
//! (the which form reads a copula and a name as this).

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Name;
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, name};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "describe",
    kind: Kind::Body,
    help: "every fact about a name",
    english: words(
        &["describe", "tell me about"],
        &["describe", "tell me about"],
    ),
    italian: words(
        &["descrivi", "parlami di", "cos'è"],
        &["descrivi", "parlami di", "che cos'è", "cos'è", "cos’è"],
    ),
    examples: &[
        both("describe NVIDIA", "descrivi NVIDIA"),
        both("what is Stargate", "cos'è Stargate"),
    ],
    listed: true,
};

/// The name to describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Describe(pub Name);

impl Syntax for Describe {
    const RULE: Rule = Rule::describe;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(name(parts.required(&Text::new("a name", "un nome"))?)))
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        Ok(Plan::Describe(resolver.entity(&self.0)?))
    }
}
