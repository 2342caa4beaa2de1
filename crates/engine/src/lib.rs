//! catena's engine: how a question or a SPARQL query becomes an answer, and how answers are
//! rendered; the Ecosystem Graphs importer and the generator of synthetic graphs live here too.

pub mod answer;
pub mod card;
pub mod ecosystem_graphs;
pub mod engine;
pub mod r#gen;
pub mod render;
pub mod session;
pub mod stats;

#[cfg(test)]
use catena_graph::check;
use catena_graph::{formats, graph, lexicon, remote, sparql, store};
use catena_language::{ast, compile, diagnostic, forms, parse, query, resolve, vocabulary};
use catena_vocab as vocab;
