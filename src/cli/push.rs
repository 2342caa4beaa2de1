//! `catena push`: the shipped graph uploaded to a SPARQL endpoint with SPARQL Update.

use std::collections::HashSet;

use catena::graph;
use oxigraph::model::Quad;

use crate::cli::context::{self, Context};
use crate::cli::error::CliError;

pub fn run(
    context: &Context,
    update_endpoint: Option<String>,
    batch: usize,
) -> Result<(), CliError> {
    let Some(url) = update_endpoint
        .as_ref()
        .or(context.graph_args.endpoint.as_ref())
    else {
        return Err(CliError::usage(
            "catena push needs --endpoint URL (or --update-endpoint URL)",
        ));
    };
    let target = context::endpoint(url)?;
    let parsed = graph::parse_all(&graph::embedded_sources())?;
    let quads: Vec<Quad> = parsed.into_iter().flat_map(|source| source.quads).collect();
    let graphs: HashSet<_> = quads.iter().map(|q| &q.graph_name).collect();
    let sent = target
        .push(&quads, batch)
        .map_err(|e| CliError::input(e.to_string()))?;
    println!(
        "pushed {sent} quads in {} named graphs to {url}",
        graphs.len()
    );
    Ok(())
}
