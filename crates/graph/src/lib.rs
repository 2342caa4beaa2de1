//! catena's graph: RDF loaded (embedded or from files) into an oxigraph store, SPARQL run on it
//! within limits, the checks of the data against the ontology, and the client of a remote
//! SPARQL engine.

pub mod check;
pub mod formats;
pub mod graph;
pub mod lexicon;
pub mod query_cost;
pub mod remote;
pub mod sparql;
pub mod store;

use catena_language::vocabulary;
use catena_vocab as vocab;
