//! catena: a knowledge graph of the generative-AI value chain.
//!
//! This package is the command line. Its library re-exports the modules of the crates that are
//! the architecture, so that tests, benchmarks and fuzz targets name them in one place:
//! `catena-language` (question → SPARQL, pure), `catena-graph` (loading, stores, SPARQL,
//! checks, the remote client), `catena-engine` (answers and rendering, import, generation) and
//! `catena-endpoint` (`catena serve`).

pub use catena_endpoint::serve;
pub use catena_engine::{answer, ecosystem_graphs, engine, r#gen, render, session, stats};
pub use catena_graph::{check, formats, graph, lexicon, query_cost, remote, sparql, store};
pub use catena_language::{
    ast, compile, diagnostic, forms, parse, query, resolve, suggest, vocabulary,
};
pub use catena_vocab as vocab;

pub mod fuzzing;
pub mod repl;
pub mod shell;
