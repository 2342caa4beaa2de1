//! `describe NVIDIA`, `descrivi NVIDIA`: every fact about a name.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Name;
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, name};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "describe",
    kind: Kind::Body,
    help: "every fact about a name",
    english: words(&["describe"], &["describe"]),
    italian: words(&["descrivi"], &["descrivi"]),
    examples: &[both("describe NVIDIA", "descrivi NVIDIA")],
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
