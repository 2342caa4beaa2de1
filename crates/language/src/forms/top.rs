//! `top 3 chatbots by traffic share`, `primi 3 chatbot per quota di traffico`.

use super::{Kind, QuestionForm, Syntax, english, words};
use crate::ast::{Run, Span};
use crate::diagnostic::Text;
use crate::parse::{Pair, ParseError, Parts, Rule, run, span_of};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "top",
    kind: Kind::Body,
    help: "the members of a class ranked by a measure",
    english: words(&["top"], &["top", "by"]),
    italian: words(&["primi"], &["primi", "prime", "per"]),
    examples: &[english("top 3 chatbots by traffic share")],
    listed: true,
};

/// The longest top list: more is a listing, not a ranking.
const MAX_TOP: u32 = 100_000;

/// The members of a class ranked by a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Top {
    pub limit: u32,
    pub limit_span: Span,
    pub class: Run,
    pub measure: Run,
}

impl Syntax for Top {
    const RULE: Rule = Rule::top;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        let limit_pair = parts.required(&Text::new("a number", "un numero"))?;
        Ok(Self {
            limit: limit(&limit_pair)?,
            limit_span: span_of(&limit_pair),
            class: run(parts.required(&Text::new("what to rank", "cosa mettere in classifica"))?),
            measure: run(parts.required(&Text::new("a measure", "una misura"))?),
        })
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        Ok(Plan::Top {
            limit: self.limit,
            class: resolver.class(&self.class)?,
            measure: resolver.measure(&self.measure)?,
        })
    }
}

/// The number of a `top` question: from 1 to the longest top list.
fn limit(limit_pair: &Pair<'_, Rule>) -> Result<u32, ParseError> {
    let limit_span = span_of(limit_pair);
    let limit = crate::ast::number(limit_pair.as_str())
        .filter(|n| *n <= MAX_TOP)
        .ok_or_else(|| {
            ParseError::advising(
                limit_span,
                Text::new(
                    format!(
                        "`top {}` is more than a top list holds",
                        limit_pair.as_str()
                    ),
                    format!(
                        "`{}` è più di quanto una classifica contenga",
                        limit_pair.as_str()
                    ),
                ),
                Text::new(
                    format!("give a number from 1 to {MAX_TOP}"),
                    format!("scegli un numero da 1 a {MAX_TOP}"),
                ),
            )
        })?;
    if limit == 0 {
        return Err(ParseError::advising(
            limit_span,
            Text::new(
                "`top 0` asks for nothing",
                "una classifica di 0 non chiede nulla",
            ),
            Text::new("give a number from 1", "scegli un numero da 1 in su"),
        ));
    }
    Ok(limit)
}
