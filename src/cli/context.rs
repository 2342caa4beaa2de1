//! What every command starts from, built once: the checked global options, the RDF sources
//! and the settings questions run with.

use std::path::PathBuf;

use catena::graph::{self, KnowledgeGraph, RdfSource, SourceKind};
use catena::session::{Session, Settings};

use crate::Cli;
use crate::cli::args::{Command, GraphArgs};
use crate::cli::error::CliError;

/// The global options of one run, checked against the command, and the sources they name.
pub struct Context {
    pub graph_args: GraphArgs,
    /// The embedded ontology and data, each replaced by the user's files when given.
    pub sources: Vec<RdfSource>,
    pub settings: Settings,
    /// The `-e` questions, in order.
    pub questions: Vec<String>,
    pub keep_going: bool,
}

impl Context {
    /// Refuses global options the command does not take, then reads the sources.
    pub fn new(cli: &Cli) -> Result<Self, CliError> {
        refuse_misplaced_options(cli)?;
        Ok(Self {
            graph_args: cli.graph.clone(),
            sources: sources(&cli.graph)?,
            settings: Settings {
                format: cli.format,
                sources: cli.sources,
                explain: cli.explain,
                timing: cli.timing,
                documents_only: cli.documents_only,
                layout: cli.expanded.unwrap_or_default(),
                width: cli.width,
                ..Settings::default()
            },
            questions: cli.execute.clone(),
            keep_going: cli.keep_going,
        })
    }

    /// Where questions run: a remote endpoint, or the local graph.
    pub fn session(&self) -> Result<Session, CliError> {
        match &self.graph_args.endpoint {
            Some(url) => {
                Session::remote(endpoint(url)?).map_err(|e| CliError::input(e.to_string()))
            }
            None => Ok(Session::new(self.graph()?)?),
        }
    }

    /// The graph to work on: the persistent store given with --store, or the sources in memory.
    pub fn graph(&self) -> Result<KnowledgeGraph, CliError> {
        let args = &self.graph_args;
        if args.endpoint.is_some() {
            return Err(CliError::usage(
                "this command works on a local graph: --endpoint applies to questions, sparql and push",
            ));
        }
        match &args.store {
            Some(dir) => Ok(KnowledgeGraph::open_store(dir)?.0),
            // The shipped graph comes pre-parsed; files given by the user are parsed now.
            None if args.data.is_empty() && args.ontology.is_empty() => {
                Ok(KnowledgeGraph::embedded()?)
            }
            None => Ok(KnowledgeGraph::from_sources(&self.sources)?),
        }
    }
}

/// `-e` goes with no command or `import`; `--documents-only` only with commands that answer.
fn refuse_misplaced_options(cli: &Cli) -> Result<(), CliError> {
    if !cli.execute.is_empty() && !matches!(cli.command, None | Some(Command::Import { .. })) {
        return Err(CliError::usage(
            "-e asks questions: use it alone or after `import`, not with another command",
        ));
    }
    if cli.documents_only {
        let answers = matches!(
            cli.command,
            None | Some(
                Command::Run { .. }
                    | Command::Sparql { .. }
                    | Command::Serve(_)
                    | Command::Import { .. }
            )
        );
        if !answers {
            return Err(CliError::usage(
                "--documents-only narrows what questions, `sparql`, the REPL and `serve` see; \
                 this command does not take it",
            ));
        }
        if cli.graph.endpoint.is_some() {
            return Err(CliError::usage(catena::session::DOCUMENTS_ONLY_REMOTE));
        }
    }
    Ok(())
}

/// The embedded ontology and data, each replaced by the user's files when given.
fn sources(args: &GraphArgs) -> Result<Vec<RdfSource>, CliError> {
    let embedded = graph::embedded_sources();
    let part = |paths: &[PathBuf], kind: SourceKind| -> Result<Vec<RdfSource>, CliError> {
        if paths.is_empty() {
            Ok(embedded
                .iter()
                .filter(|s| s.kind == kind)
                .cloned()
                .collect())
        } else {
            Ok(graph::read_sources(paths, kind)?)
        }
    };
    let mut sources = part(&args.ontology, SourceKind::Ontology)?;
    sources.extend(part(&args.data, SourceKind::Data)?);
    Ok(sources)
}

/// A remote SPARQL endpoint; a malformed URL is a usage error.
pub fn endpoint(url: &str) -> Result<catena::remote::Endpoint, CliError> {
    catena::remote::Endpoint::new(url, std::time::Duration::from_secs(120))
        .map_err(|e| CliError::usage(e.to_string()))
}

/// How many quads the graph holds.
pub fn store_len(graph: &KnowledgeGraph) -> Result<usize, CliError> {
    graph
        .store()
        .len()
        .map_err(|e| CliError::input(format!("storage error: {e}")))
}
