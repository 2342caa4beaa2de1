//! catena's SPARQL endpoint (`catena serve`): HTTP, the SPARQL protocol, content negotiation,
//! query slots, and the `/ask` question endpoint.

pub mod serve;

use catena_engine::{engine, session};
use catena_graph::{formats, sparql, store};
// Named in the documentation of the endpoint's limits.
#[allow(unused_imports)]
use catena_graph::query_cost;
use catena_vocab as vocab;
