//! `concerns raised by FTC`, `concerns about Microsoft`, `preoccupazioni sollevate da FTC`.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Name;
use crate::parse::{ParseError, Parts, Rule, filters};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "concerns",
    kind: Kind::Body,
    help: "antitrust and policy concerns, by who raised them or what they are about",
    english: words(&["concerns"], &["concerns", "raised by", "about"]),
    italian: words(
        &["preoccupazioni"],
        &[
            "preoccupazioni",
            "sollevate da",
            "su",
            "sul",
            "sulla",
            "riguardo a",
        ],
    ),
    examples: &[both(
        "concerns raised by FTC",
        "preoccupazioni sollevate da FTC",
    )],
    listed: true,
};

/// Concerns, by who raised them and what they are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concerns {
    pub raised_by: Option<Name>,
    pub about: Option<Name>,
}

impl Syntax for Concerns {
    const RULE: Rule = Rule::concerns;

    fn build(parts: Parts<'_>) -> Result<Self, ParseError> {
        let [raised_by, about] = filters(parts, [Rule::raised_by, Rule::about])?;
        Ok(Self { raised_by, about })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        // Several names for a role (`… by Microsoft and Google`): the statements of any.
        if let Some(plan) = resolver
            .statements_of_names("concerns", [self.raised_by.as_ref(), self.about.as_ref()])?
        {
            return Ok(plan);
        }
        Ok(Plan::Concerns {
            raised_by: resolver.optional_entity(self.raised_by.as_ref())?,
            about: resolver.optional_entity(self.about.as_ref())?,
        })
    }
}
