//! `exclusive cloud deals`, `cloud deals`, `accordi cloud esclusivi`.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::parse::{ParseError, Parts, Rule};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "cloud_deals",
    kind: Kind::Body,
    help: "cloud deals, or only the exclusive ones",
    english: words(
        &["exclusive cloud deals", "cloud deals"],
        &["exclusive", "cloud", "deals", "agreements"],
    ),
    italian: words(
        &["accordi cloud esclusivi"],
        &["accordi", "cloud", "esclusivi", "esclusive"],
    ),
    examples: &[both("exclusive cloud deals", "accordi cloud esclusivi")],
    listed: true,
};

/// Cloud deals, or only the exclusive ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudDeals {
    pub exclusive_only: bool,
}

impl Syntax for CloudDeals {
    const RULE: Rule = Rule::cloud_deals;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self {
            exclusive_only: parts.any(|p| p.as_rule() == Rule::exclusive),
        })
    }

    fn plan(&self, _resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        Ok(Plan::CloudDeals {
            exclusive_only: self.exclusive_only,
        })
    }
}
