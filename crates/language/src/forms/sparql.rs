//! `sparql SELECT …`: a SPARQL query, run as it is.

use super::{Kind, QuestionForm, Syntax, english, words};
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "sparql",
    kind: Kind::Body,
    help: "a SPARQL query, run as it is",
    english: words(&["sparql"], &["sparql"]),
    italian: words(&[], &[]),
    examples: &[english(
        "sparql SELECT ?who WHERE { ?who cat:dependsOn ent:NVIDIA }",
    )],
    listed: true,
};

/// The query's text, to the end of the question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sparql(pub String);

impl Syntax for Sparql {
    const RULE: Rule = Rule::sparql;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(
            parts
                .required(&Text::new("a SPARQL query", "una query SPARQL"))?
                .as_str()
                .to_owned(),
        ))
    }

    fn plan(&self, _resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        Ok(Plan::Sparql(self.0.clone()))
    }
}
