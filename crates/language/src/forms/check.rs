//! Yes-or-no questions: `does NVIDIA depend on TSMC`, `is DeepSeek based in China`, `is
//! DeepSeek Chinese`, `is NVIDIA a member of UALink`; in Italian, the statement itself
//! (`NVIDIA dipende da TSMC?`, read by [`super::free`]). The words after the name are a
//! relative clause's, read by [`crate::noun_phrase`], so every relation and adjective works.

use super::{Kind, QuestionForm, Syntax, both, words};
use crate::ast::{Run, Word};
use crate::diagnostic::Text;
use crate::parse::{ParseError, Parts, Rule, run};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "yes or no",
    kind: Kind::Body,
    help: "whether a name stands in a relation, or is of a kind, place or access level",
    english: words(
        &["does", "is"],
        &[
            "is", "are", "does", "do", "did", "has", "have", "was", "were",
        ],
    ),
    italian: words(&[], &[]),
    examples: &[both(
        "does NVIDIA depend on TSMC",
        "NVIDIA dipende da TSMC?",
    )],
    listed: true,
};

/// The auxiliary as typed (`does`, `is`) and the words after it: a name, then a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub auxiliary: Word,
    pub run: Run,
}

impl Syntax for Check {
    const RULE: Rule = Rule::check;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        let auxiliary = parts.required_word(&Text::new("`does`", "`does`"))?;
        Ok(Self {
            auxiliary,
            run: run(parts.required(&Text::new(
                "a name and a relation",
                "un nome e una relazione",
            ))?),
        })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        resolver.yes_or_no(&self.run, Some(&self.auxiliary))
    }
}
