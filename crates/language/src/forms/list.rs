//! `list companies in France`, `list models by Google`, `elenca aziende in Francia`; without
//! `list`, the same reading is tried on a free run ([`super::free`]).

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::{Name, Run};
use crate::parse::{ParseError, Parts, Rule, filters, run};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "list",
    kind: Kind::Body,
    help: "the members of a class, by whom (`by`) and where (`in`); `list` may be left out",
    english: words(&["list"], &["list", "by", "in"]),
    italian: words(
        &["elenca"],
        &["elenca", "di", "da", "del", "della", "in", "nel", "nella"],
    ),
    examples: &[
        both("list companies in France", "elenca aziende in Francia"),
        both("list models by Google", "elenca modelli di Google"),
        both(
            "open models by Google in 2024",
            "modelli aperti di Meta nel 2023",
        ),
    ],
    listed: true,
};

/// The members of a class, by whom and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub class: Run,
    pub by: Option<Name>,
    pub place: Option<Name>,
}

impl Syntax for List {
    const RULE: Rule = Rule::list;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        let class = run(parts.required("what to list")?);
        let [by, place] = filters(
            parts,
            [(Rule::by_filter, "`by`"), (Rule::place_filter, "`in`")],
        )?;
        Ok(Self { class, by, place })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        let (class, qualifiers) = resolver.qualified_class(&self.class)?;
        Ok(Plan::List {
            class,
            qualifiers,
            developer: resolver.optional_entity(self.by.as_ref())?,
            place: resolver.optional_entity(self.place.as_ref())?,
        })
    }
}
