//! `path from OpenAI to TSMC`, `percorso da OpenAI a TSMC`: the shortest chain of relations.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Name;
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, name};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "path",
    kind: Kind::Body,
    help: "the shortest chain of relations between two names, in either direction",
    english: words(&["path from"], &["path", "from", "to"]),
    italian: words(&["percorso da"], &["percorso", "da", "a"]),
    examples: &[both(
        "path from OpenAI to TSMC",
        "percorso da OpenAI a TSMC",
    )],
    listed: true,
};

/// The two ends of the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub from: Name,
    pub to: Name,
}

impl Syntax for Path {
    const RULE: Rule = Rule::path;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self {
            from: name(parts.required(&Text::new("a name", "un nome"))?),
            to: name(parts.required(&Text::new("a name", "un nome"))?),
        })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        Ok(Plan::Path {
            from: resolver.entity(&self.from)?,
            to: resolver.entity(&self.to)?,
        })
    }
}
