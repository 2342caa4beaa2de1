//! catena's question language: a question's text and a lexicon (read from the ontology and the
//! graph's names) → SPARQL, or a diagnostic.
//!
//! The stages: [`parse`] (pest → a typed AST with spans, [`ast`]), [`resolve`] (names to IRIs,
//! phrases to ontology terms, through the [`vocabulary`]), [`compile`] (a query and the shape
//! of its answer).

pub mod ast;
pub mod compile;
pub mod diagnostic;
pub mod forms;
pub mod parse;
pub mod query;
pub mod resolve;
pub mod suggest;
pub mod vocabulary;

use catena_vocab as vocab;
