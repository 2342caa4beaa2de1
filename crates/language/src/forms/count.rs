//! `count models by developer`, `conta modelli per sviluppatore`.

use super::{Kind, QuestionForm, Syntax, both, english, words};
use crate::ast::Run;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "count",
    kind: Kind::Body,
    help: "how many members a class has, in all or grouped by a relation",
    english: words(&["count"], &["count", "by"]),
    italian: words(&["conta"], &["conta", "per"]),
    examples: &[
        both(
            "count models by developer",
            "conta modelli per sviluppatore",
        ),
        english("count open models by developer"),
    ],
    listed: true,
};

/// How many members a class has, in all or grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub class: Run,
    pub group: Option<Run>,
}

impl Syntax for Count {
    const RULE: Rule = Rule::count;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self {
            class: run(parts.required("what to count")?),
            group: parts.next().map(run),
        })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        let (class, qualifiers) = resolver.qualified_class(&self.class)?;
        Ok(Plan::Count {
            class,
            qualifiers,
            group: self.group.as_ref().map(|g| resolver.grouping(g)).transpose()?,
        })
    }
}
