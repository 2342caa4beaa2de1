//! `catena store init` and `catena --store DIR load`: persistent stores.

use std::path::{Path, PathBuf};

use catena::graph::KnowledgeGraph;
use catena::store::LoadOptions;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use crate::cli::context::{self, Context};
use crate::cli::error::CliError;

/// `catena store init DIR`: a store holding the shipped graph (an existing one is kept).
pub fn init(dir: &Path) -> Result<(), CliError> {
    let (graph, created) = KnowledgeGraph::open_store(dir)?;
    let quads = context::store_len(&graph)?;
    if created {
        println!(
            "created the store {} with the shipped graph ({quads} quads)",
            dir.display()
        );
    } else {
        println!(
            "{} is already a catena store ({quads} quads)",
            dir.display()
        );
    }
    Ok(())
}

/// `catena --store DIR load FILE…`: RDF files into the store, one report line each.
pub fn load(
    context: &Context,
    files: &[PathBuf],
    rdf_format: Option<RdfFormat>,
    graph: Option<NamedNode>,
    bulk: bool,
) -> Result<(), CliError> {
    let Some(dir) = &context.graph_args.store else {
        return Err(CliError::usage(
            "catena load needs --store DIR: the in-memory graph lives only for one command",
        ));
    };
    let (store, _) = KnowledgeGraph::open_store(dir)?;
    let options = LoadOptions {
        format: rdf_format,
        graph,
        bulk,
        progress: true,
    };
    store.change(|quads| {
        for file in files {
            let report = catena::store::load_file(quads, file, &options)?;
            println!("{report}");
        }
        Ok::<_, CliError>(())
    })?;
    let graph = store;
    println!("the store now holds {} quads", context::store_len(&graph)?);
    Ok(())
}
