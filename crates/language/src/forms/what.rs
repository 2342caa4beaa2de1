//! `what does X ‹inverse phrase›`: the objects of a relation (`what does NVIDIA depend on`).
//! Italian puts the phrase first (`da cosa dipende NVIDIA`), read by [`super::free`].

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::Run;
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Direction, Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "what",
    kind: Kind::Body,
    help: "what a name stands in a relation to (in Italian, the relation phrase comes first)",
    english: words(&["what does"], &["what does", "what do", "what did"]),
    italian: words(&[], &[]),
    examples: &[both("what does NVIDIA depend on", "da cosa dipende NVIDIA")],
    listed: true,
};

/// The words after `what does`: a name and a relation phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct What(pub Run);

impl Syntax for What {
    const RULE: Rule = Rule::what;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        Ok(Self(run(parts.required(&Text::new(
            "a name and a relation",
            "un nome e una relazione",
        ))?)))
    }

    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError> {
        let (relation, rest) = resolver.trailing_inverse_phrase(&self.0)?;
        Ok(Plan::Related {
            relation,
            entity: resolver.entity_words(rest, &self.0)?,
            direction: Direction::Objects,
            transitive,
        })
    }
}
