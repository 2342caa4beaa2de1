//! catena: a knowledge graph of the generative-AI value chain.
//!
//! The stages, each with its own error type:
//! [`graph`] loads RDF (embedded or from files) into an oxigraph store,
//! [`sparql`] executes queries on it, [`render`] prints results for people and scripts,
//! [`check`] validates the data against the ontology, and [`stats`] summarises it.

pub mod answer;
pub mod ast;
pub mod check;
pub mod compile;
pub mod ecosystem_graphs;
pub mod fuzzing;
pub mod r#gen;
pub mod graph;
pub mod parse;
pub mod query;
pub mod query_cost;
pub mod remote;
pub mod render;
pub mod repl;
pub mod resolve;
pub mod serve;
pub mod session;
pub mod shell;
pub mod sparql;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod vocab;
pub mod vocabulary;
