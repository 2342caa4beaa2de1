//! `list companies in France`, `list models by Google`, `list companies that depend on NVIDIA
//! but not on TSMC`, `elenca aziende in Francia`, `show me…`, `mostrami…`: the things a noun
//! phrase names
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
    english: words(
        &["list", "show me"],
        &["list", "show", "me", "give", "find", "display", "by", "in"],
    ),
    italian: words(
        &["elenca", "mostra"],
        &[
            "elenca",
            "mostra",
            "mostrami",
            "dammi",
            "trova",
            "trovami",
            "visualizza",
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

    fn plan(&self, resolver: &Resolver<'_>, transitive: bool) -> Result<Plan, ResolveError> {
        let error = match resolver.required_noun_phrase(&self.0) {
            Ok(phrase) => return Ok(Plan::List(phrase)),
            Err(error) => error,
        };
        // `show me the investments by Microsoft`, `mostra il fatturato di NVIDIA`: what the
        // words would ask alone; else the noun phrase's error.
        if let Some(plan) = super::which::statement_reading(resolver, &self.0) {
            return Ok(plan);
        }
        super::which::noun_reading(resolver, &self.0, transitive).map_err(|_| error)
    }
}
