//! `list companies in France`, `list models by Google`, `list companies that depend on NVIDIA
//! but not on TSMC`, `elenca aziende in Francia`: the things a noun phrase names
//! ([`crate::noun_phrase`]); without `list`, the same reading is tried on a free run
//! ([`super::free`]).

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Run;
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "list",
    kind: Kind::Body,
    help: "the things of a kind, narrowed by adjectives, `by`, `in` and relative clauses; `list` may be left out",
    english: words(&["list"], &["list", "by", "in"]),
    italian: words(
        &["elenca"],
        &[
            "elenca", "di", "da", "del", "della", "dei", "degli", "delle", "dello", "in", "nel",
            "nella",
        ],
    ),
    examples: &[
        both("list companies in France", "elenca aziende in Francia"),
        both("list models by Google", "elenca modelli di Google"),
        both(
            "open models by Google in 2024",
            "modelli aperti di Meta nel 2023",
        ),
        both("models by Chinese companies", "modelli di aziende cinesi"),
        both(
            "firms that depend on NVIDIA but not TSMC",
            "aziende che dipendono da NVIDIA ma non da TSMC",
        ),
    ],
    listed: true,
};

/// The words after `list`: a noun phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List(pub Run);

impl Syntax for List {
    const RULE: Rule = Rule::list;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(
            parts.required(&Text::new("what to list", "cosa elencare"))?
        )))
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        Ok(Plan::List(resolver.required_noun_phrase(&self.0)?))
    }
}
