//! catena's question language: a question's text and a lexicon (read from the ontology and the
//! graph's names) → SPARQL, or a diagnostic.
//!
//! The stages: [`parse`] (pest → a typed AST with spans, [`ast`]), [`resolve`] (names to IRIs,
//! phrases to ontology terms, through the [`vocabulary`]), [`compile`] (a query and the shape
//! of its answer).

pub mod advise;
pub mod ast;
pub mod compile;
pub mod complete;
pub mod diagnostic;
pub mod forms;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod measure_words;
pub mod noun_phrase;
pub mod parse;
pub mod query;
pub mod resolve;
pub mod suggest;
pub mod vocabulary;

use catena_vocab as vocab;

use compile::Compiled;
use resolve::{Plan, Resolved};
use vocabulary::Vocabulary;

/// A question that did not translate, by the stage that refused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Untranslatable {
    Parse(parse::ParseError),
    Resolve(resolve::ResolveError),
}

/// The three stages chained: the question's text and a lexicon → what it asks (resolved) and
/// the query that answers it (compiled). `with_sources` adds the source passages to every
/// row, as if the question ended in `with sources` (a `sparql …` question keeps its own).
pub fn translate(
    question: &str,
    lexicon: &Vocabulary,
    with_sources: bool,
) -> Result<(Resolved, Compiled), Untranslatable> {
    let parsed = parse::parse(question).map_err(Untranslatable::Parse)?;
    let mut resolved = resolve::resolve(&parsed, lexicon).map_err(Untranslatable::Resolve)?;
    resolved.with_sources |= with_sources && !matches!(resolved.plan, Plan::Sparql(_));
    let compiled = compile::compile(&resolved, lexicon);
    Ok((resolved, compiled))
}
