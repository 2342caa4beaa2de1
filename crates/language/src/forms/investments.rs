//! `investments by Microsoft`, `investments in OpenAI`, `investimenti di Microsoft`.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Name;
use crate::parse::{ParseError, Parts, Rule, filters};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "investments",
    kind: Kind::Body,
    help: "investments, by investor (`by`) or recipient (`in`)",
    english: words(&["investments"], &["investments", "by", "in"]),
    italian: words(
        &["investimenti"],
        &[
            "investimenti",
            "di",
            "da",
            "del",
            "della",
            "dei",
            "degli",
            "delle",
            "dello",
            "in",
            "nel",
            "nella",
        ],
    ),
    examples: &[both(
        "investments by Microsoft",
        "investimenti di Microsoft",
    )],
    listed: true,
};

/// Investments, by investor and by recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Investments {
    pub by: Option<Name>,
    pub recipient: Option<Name>,
}

impl Syntax for Investments {
    const RULE: Rule = Rule::investments;

    fn build(parts: Parts<'_>) -> Result<Self, ParseError> {
        let [by, recipient] = filters(parts, [Rule::by_filter, Rule::recipient_filter])?;
        Ok(Self { by, recipient })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        // Several names for a role (`… by Microsoft and Google`): the statements of any.
        if let Some(plan) = resolver
            .statements_of_names("investments", [self.by.as_ref(), self.recipient.as_ref()])?
        {
            return Ok(plan);
        }
        Ok(Plan::Investments {
            investor: resolver.optional_entity(self.by.as_ref())?,
            recipient: resolver.optional_entity(self.recipient.as_ref())?,
        })
    }
}
