//! The `catena` command line: wires the library's stages to arguments, files and exit codes.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use catena::graph::{self, KnowledgeGraph, LoadError, ParsedSource, RdfSource, SourceKind};
use catena::render::{self, Format, TableStyle};
use catena::session::{Session, Settings};
use catena::sparql::{self, QueryError, QueryOutput};
use catena::{check, repl, shell, stats};

/// A knowledge graph of the generative-AI value chain: chips, clouds, models, investments,
/// partnerships, antitrust concerns and policy, every fact cited to its source.
///
/// With no command, catena opens a REPL on a terminal, or answers the questions on
/// standard input (one per line) when it is not a terminal.
#[derive(Parser)]
#[command(name = "catena", version, about)]
#[command(
    after_help = "Examples:\n  catena                                  # the REPL\n  \
catena -e 'who depends on NVIDIA'\n  \
catena -e 'chi ha investito in OpenAI' --format json\n  \
catena run questions.txt --keep-going\n  \
catena --help-language                  # the question language"
)]
struct Cli {
    #[command(flatten)]
    graph: GraphArgs,
    /// Ask this question (repeatable; answered in order; after `import`, on the imported graph)
    #[arg(short = 'e', long = "execute", value_name = "QUESTION", global = true)]
    execute: Vec<String>,
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Go on after a question fails (the exit code is still 1)
    #[arg(long, global = true)]
    keep_going: bool,
    /// Add the source passage to every answer's rows
    #[arg(long, global = true)]
    sources: bool,
    /// Print each question's SPARQL instead of running it
    #[arg(long, global = true)]
    explain: bool,
    /// Print how long each question took (on standard error)
    #[arg(long, global = true)]
    timing: bool,
    /// Leave out the reference layer (background facts of public record, kept apart from
    /// the documents'): questions, SPARQL queries, the REPL and the endpoint see only the
    /// documents' passages
    #[arg(long, global = true)]
    documents_only: bool,
    /// Describe the question language, with examples
    #[arg(long)]
    help_language: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the graph comes from. By default both parts are the ones compiled into catena,
/// loaded into memory for the one command.
#[derive(Args)]
struct GraphArgs {
    /// Run questions and SPARQL on this remote SPARQL 1.1 endpoint instead of a local graph
    /// (it must show the union of its named graphs as its default graph)
    #[arg(long, global = true, value_name = "URL", conflicts_with_all = ["store", "data", "ontology"])]
    endpoint: Option<String>,
    /// Use the persistent store in DIR (created, with the shipped graph, if new or empty)
    #[arg(long, global = true, value_name = "DIR", conflicts_with_all = ["data", "ontology"])]
    store: Option<PathBuf>,
    /// Load facts from these RDF files or directories instead of the embedded data
    #[arg(long, global = true, value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Load the vocabulary from these files or directories instead of the embedded ontology
    #[arg(long, global = true, value_name = "PATH")]
    ontology: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Answer the questions of a file: one per line, `#` comments, `\\` continues a line
    Run {
        /// The file of questions (`-` for standard input)
        file: PathBuf,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the graph
    #[command(
        after_help = "The prefixes cat:, ent:, stmt:, src:, rdf:, rdfs:, owl:, xsd:, skos:, prov:, \
dcterms: and schema: are predefined. Every named graph (one per cited passage) is part of the \
default graph; use GRAPH ?g { … } to find the passage.\n\nExamples:\n  \
catena sparql 'SELECT ?who WHERE { ?who cat:dependsOn ent:NVIDIA }'\n  \
catena sparql --format csv -f query.rq\n  \
echo 'ASK { ent:NVIDIA cat:dependsOnManufacturingFrom ent:TSMC }' | catena sparql"
    )]
    Sparql {
        /// The query; read from --file or standard input when absent
        query: Option<String>,
        /// Read the query from this file
        #[arg(short, long, value_name = "FILE", conflicts_with = "query")]
        file: Option<PathBuf>,
        /// Run SPARQL updates (INSERT, DELETE…); they change a persistent store for good
        #[arg(long)]
        allow_update: bool,
    },
    /// Count entities by class and facts by relation
    Stats {
        /// Print only this part (required with a machine-readable --format)
        #[arg(value_enum)]
        section: Option<StatsSection>,
    },
    /// Validate the data against the ontology; exits with 1 on any violation
    Check {
        /// Also list the cat:note texts that carry a figure, for review (not a violation)
        #[arg(long)]
        notes: bool,
    },
    /// Serve the graph over the W3C SPARQL 1.1 Protocol (/sparql) and the question
    /// language (/ask?q=…)
    #[command(after_help = "Read-only unless --allow-update. Examples:\n  \
catena serve\n  \
curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'\n  \
curl 'http://127.0.0.1:7878/ask?q=who+depends+on+NVIDIA'")]
    Serve(ServeArgs),
    /// Upload the shipped ontology and graph to the SPARQL endpoint given with --endpoint,
    /// with SPARQL Update (INSERT DATA), one named graph per cited passage
    Push {
        /// Send the updates here instead of the --endpoint URL (Fuseki: …/update)
        #[arg(long, value_name = "URL")]
        update_endpoint: Option<String>,
        /// Quads per request
        #[arg(long, default_value_t = 2000)]
        batch: usize,
    },
    /// Import an outside data set into the graph: into the --store for good, or into memory
    /// for this command's questions (-e, or the REPL on a terminal)
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Manage persistent stores
    Store {
        #[command(subcommand)]
        action: StoreAction,
    },
    /// Load RDF files into the store given with --store (Turtle, TriG, N-Triples, N-Quads,
    /// RDF/XML, JSON-LD; .gz read transparently)
    #[command(
        after_help = "Small files load atomically: a syntax error loads nothing and is reported \
as file:line:column. Files over 64 MiB, or with --bulk, use the bulk loader: much faster, with a \
progress line on a terminal, but a failure part-way leaves what was already written.\n\nExample:\n  \
catena --store ./kg load extra.ttl more.nq.gz --graph https://example.org/my-source"
    )]
    Load {
        /// The files to load
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The RDF syntax, when the file name does not tell it
        #[arg(long = "rdf-format", value_name = "FORMAT", value_parser = parse_rdf_format)]
        rdf_format: Option<oxigraph::io::RdfFormat>,
        /// Put the files' default-graph triples in this named graph
        #[arg(long, value_name = "IRI", value_parser = parse_iri)]
        graph: Option<oxigraph::model::NamedNode>,
        /// Use the bulk loader whatever the size
        #[arg(long)]
        bulk: bool,
    },
    /// Write a synthetic value-chain graph (companies, models, chips, clouds, investments,
    /// deals, releases, concerns…) for benchmarks
    #[command(
        after_help = "The same size and seed always give the same file. Hubs have fixed \
labels: \"Company 0\" (biggest investor and developer), \"Chip 0\", \"Model 0\" (most depended \
on), \"Country 0\", \"Regulator 0\", \"Alliance 0\", \"Chatbot 0\" (top traffic share).\n\nExamples:\n  \
catena gen --entities 100000 --seed 1 bench.nq\n  \
catena gen --triples 10000000 big.nt\n  \
catena --data bench.nq -e 'who depends on \"Chip 0\"'"
    )]
    Gen(GenArgs),
}

/// What `catena gen` generates, and where.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("size").required(true).args(["entities", "triples"])))]
struct GenArgs {
    /// Entities to generate (companies, models, chips, clouds, countries…)
    #[arg(long, value_name = "N")]
    entities: Option<usize>,
    /// Or about this many triples (the entity count is derived from it)
    #[arg(long, value_name = "T")]
    triples: Option<u64>,
    /// Seed of the pseudo-random choices: the same size and seed give the same file
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// The file to write: .nq (N-Quads, one named graph per passage) or .nt (N-Triples)
    out: PathBuf,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on (loopback unless told otherwise)
    #[arg(long, default_value = "127.0.0.1:7878")]
    bind: std::net::SocketAddr,
    /// Stop a query after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// Largest request accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    max_request_bytes: usize,
    /// Largest result returned, in rows (or triples)
    #[arg(long, value_name = "ROWS", default_value_t = 100_000)]
    max_rows: usize,
    /// Queries run at once; more wait up to a second for a slot, then get 503 with Retry-After
    #[arg(long, value_name = "N", default_value_t = 8)]
    max_concurrent: usize,
    /// Accept SPARQL updates (they change a persistent store for good)
    #[arg(long)]
    allow_update: bool,
    /// Send CORS headers, so that web pages on other origins may query
    #[arg(long)]
    cors: bool,
    /// Seconds a client has to send a whole request; a slower one gets 408
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    request_timeout: u64,
    /// Connections open at once; one more gets 503 with Retry-After
    #[arg(long, value_name = "N", default_value_t = 256)]
    max_connections: usize,
    /// Refuse (422) a query whose unconnected patterns would make more rows than this that
    /// cannot be stopped or streamed
    #[arg(long, value_name = "ROWS", default_value_t = 1_000_000)]
    max_product_rows: u64,
}

#[derive(Subcommand)]
enum ImportSource {
    /// Stanford CRFM's Ecosystem Graphs: every asset YAML file of DIR (its `assets` folder)
    #[command(
        after_help = "Each record becomes a cited passage (file and asset); organisations and \
assets the graph already knows are linked, not duplicated. A record that cannot be read is \
skipped and reported; a file that is not YAML stops the import before anything is written, unless \
--keep-going.\n\nExamples:\n  \
catena import ecosystem-graphs ecosystem-graphs/assets -e 'who depends on GPT-4'\n  \
catena --store ./kg import ecosystem-graphs ecosystem-graphs/assets\n  \
catena import ecosystem-graphs assets --output eg.nq --format json"
    )]
    EcosystemGraphs {
        /// The folder of asset files (or one file)
        dir: PathBuf,
        /// Also write the imported quads to this file (.nq or .trig)
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum StoreAction {
    /// Create a persistent store in DIR holding the shipped graph
    Init {
        /// A new or empty folder
        dir: PathBuf,
    },
}

fn parse_rdf_format(name: &str) -> Result<oxigraph::io::RdfFormat, String> {
    catena::store::format_by_name(name).ok_or_else(|| {
        format!("unknown RDF format `{name}`: use turtle, trig, ntriples, nquads, rdfxml or jsonld")
    })
}

fn parse_iri(text: &str) -> Result<oxigraph::model::NamedNode, String> {
    oxigraph::model::NamedNode::new(text).map_err(|e| format!("not an absolute IRI: {e}"))
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StatsSection {
    /// Facts, passages, entities and statements in all
    Totals,
    /// Entities and statements by class
    Classes,
    /// Facts by relation
    Relations,
}

/// A failure with the exit code it deserves.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    /// Bad input: a query, a data file, a question (exit code 1).
    fn input(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }

    /// Wrong use of the command line (exit code 2).
    fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<LoadError> for Failure {
    fn from(error: LoadError) -> Self {
        Self::input(error.to_string())
    }
}

impl From<catena::store::StoreError> for Failure {
    fn from(error: catena::store::StoreError) -> Self {
        match error {
            catena::store::StoreError::Unsupported => Self::usage(error.to_string()),
            _ => Self::input(error.to_string()),
        }
    }
}

impl From<render::RenderError> for Failure {
    fn from(error: render::RenderError) -> Self {
        match error {
            render::RenderError::Unsupported { .. } => Self::usage(error.to_string()),
            render::RenderError::Io(_) | render::RenderError::Query(_) => {
                Self::input(error.to_string())
            }
        }
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Self::input(format!("cannot write output: {error}"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`catena … | head`) is not an error worth a message.
        Err(failure) if failure.message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(failure) => {
            // Batch runs have already reported each failed question.
            if !failure.message.is_empty() {
                eprintln!("error: {}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    if cli.help_language {
        println!("{}", shell::HELP);
        return Ok(());
    }
    if !cli.execute.is_empty() && !matches!(cli.command, None | Some(Command::Import { .. })) {
        return Err(Failure::usage(
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
            return Err(Failure::usage(
                "--documents-only narrows what questions, `sparql`, the REPL and `serve` see; \
                 this command does not take it",
            ));
        }
        if cli.graph.endpoint.is_some() {
            return Err(Failure::usage(catena::session::DOCUMENTS_ONLY_REMOTE));
        }
    }
    let sources = sources(&cli.graph)?;
    let format = cli.format;
    let settings = Settings {
        format,
        sources: cli.sources,
        explain: cli.explain,
        timing: cli.timing,
        documents_only: cli.documents_only,
    };
    match cli.command {
        Some(Command::Sparql {
            query,
            file,
            allow_update,
        }) => {
            let query = read_query(query, file)?;
            if let Some(url) = &cli.graph.endpoint {
                let output = endpoint(url)?
                    .query(&query)
                    .map_err(|e| query_failure(&e, &query))?;
                return print_output(&output, format);
            }
            let graph = open_graph(&cli.graph, &sources)?;
            // Streamed: millions of rows pass through in constant memory.
            let prepared = match sparql::prepare_query(&query, None) {
                Err(QueryError::UpdateRefused) if allow_update && cli.documents_only => {
                    return Err(Failure::usage(
                        "--documents-only narrows what queries see; an update would still read \
                         and write every graph: leave --documents-only out",
                    ));
                }
                Err(QueryError::UpdateRefused) if allow_update => {
                    sparql::update_with_limits(graph.store(), &query, &sparql::Limits::default())
                        .map_err(|e| query_failure(&e, &query))?;
                    catena::store::flush(graph.store())
                        .map_err(|e| Failure::input(format!("storage error: {e}")))?;
                    eprintln!(
                        "update done: the store now holds {} quads",
                        store_len(&graph)?
                    );
                    return Ok(());
                }
                prepared => prepared.map_err(|e| query_failure(&e, &query))?,
            };
            let scope = if cli.documents_only {
                graph::documents_only(graph.store()).map_err(|e| query_failure(&e, &query))?
            } else {
                sparql::Scope::All
            };
            let results = prepared
                .in_scope(&scope)
                .stream(graph.store())
                .map_err(|e| query_failure(&e, &query))?;
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            render::render_streamed(results, format, table_style(), &mut out)?;
            out.flush()?;
            Ok(())
        }
        Some(Command::Serve(args)) => {
            let mut session = Session::new(open_graph(&cli.graph, &sources)?)?;
            session.settings.documents_only = cli.documents_only;
            let config = catena::serve::ServeConfig {
                bind: args.bind,
                query_timeout: std::time::Duration::from_secs(args.timeout.max(1)),
                max_request_bytes: args.max_request_bytes,
                max_result_rows: args.max_rows,
                max_concurrent_queries: args.max_concurrent.max(1),
                allow_update: args.allow_update,
                cors: args.cors,
                request_timeout: std::time::Duration::from_secs(args.request_timeout.max(1)),
                max_connections: args.max_connections.max(1),
                max_product_rows: args.max_product_rows,
            };
            if !args.bind.ip().is_loopback() {
                eprintln!(
                    "warning: listening on {}, which other machines can reach; catena has no authentication{}",
                    args.bind,
                    if args.allow_update {
                        " and updates are allowed"
                    } else {
                        ""
                    }
                );
            }
            catena::serve::run(std::sync::Arc::new(session), config, |address| {
                println!(
                    "listening on http://{address}/sparql (questions: http://{address}/ask?q=…)"
                );
                let _ = io::stdout().flush();
            })
            .map_err(|e| Failure::input(format!("cannot serve on {}: {e}", args.bind)))
        }
        Some(Command::Push {
            update_endpoint,
            batch,
        }) => {
            let Some(url) = update_endpoint.as_ref().or(cli.graph.endpoint.as_ref()) else {
                return Err(Failure::usage(
                    "catena push needs --endpoint URL (or --update-endpoint URL)",
                ));
            };
            let target = endpoint(url)?;
            let parsed = graph::parse_all(&graph::embedded_sources())?;
            let quads: Vec<oxigraph::model::Quad> =
                parsed.into_iter().flat_map(|source| source.quads).collect();
            let graphs: std::collections::HashSet<_> =
                quads.iter().map(|q| &q.graph_name).collect();
            let sent = target
                .push(&quads, batch)
                .map_err(|e| Failure::input(e.to_string()))?;
            println!(
                "pushed {sent} quads in {} named graphs to {url}",
                graphs.len()
            );
            Ok(())
        }
        Some(Command::Import {
            source: ImportSource::EcosystemGraphs { dir, output },
        }) => {
            if cli.graph.endpoint.is_some() {
                return Err(Failure::usage(
                    "catena import writes to a local graph: use --store DIR, then `catena push`",
                ));
            }
            use catena::ecosystem_graphs::{self as eg, ImportError, OutputError};
            let output_failure = |e: OutputError| match e {
                OutputError::Format(m) => Failure::usage(m),
                e => Failure::input(e.to_string()),
            };
            // A refused output name is found before anything is read or written.
            if let Some(path) = &output {
                eg::output_format(path).map_err(output_failure)?;
            }
            let graph = open_graph(&cli.graph, &sources)?;
            let import_failure = |e: ImportError| match e {
                ImportError::NoAssetFiles(_) => Failure::usage(e.to_string()),
                _ => Failure::input(e.to_string()),
            };
            let (mut report, quads) =
                eg::prepare(graph.store(), &dir, cli.keep_going).map_err(import_failure)?;
            // The file first: if it cannot be written, the graph is left as it was.
            if let Some(path) = &output {
                eg::write_quads(path, &quads).map_err(output_failure)?;
            }
            eg::commit(graph.store(), &mut report, &quads).map_err(import_failure)?;
            catena::store::flush(graph.store())
                .map_err(|e| Failure::input(format!("storage error: {e}")))?;
            // Answers follow on standard output when questions do; the summary steps aside.
            let questions_follow =
                !cli.execute.is_empty() || (cli.graph.store.is_none() && io::stdin().is_terminal());
            let summary = match format {
                Format::Json => serde_json::to_string_pretty(&report)
                    .map_err(|e| Failure::input(format!("cannot write the report: {e}")))?,
                _ => report.to_string().trim_end().to_owned(),
            };
            if questions_follow {
                eprintln!("{summary}");
            } else {
                println!("{summary}");
            }
            if !cli.execute.is_empty() {
                let questions = cli
                    .execute
                    .into_iter()
                    .enumerate()
                    .map(|(i, q)| (format!("-e #{}", i + 1), 1, q));
                return batch(Session::new(graph)?, settings, cli.keep_going, questions);
            }
            if questions_follow {
                let mut session = Session::new(graph)?;
                session.settings = settings;
                return repl::run(session)
                    .map_err(|e| Failure::input(format!("the REPL stopped: {e}")));
            }
            Ok(())
        }
        Some(Command::Store {
            action: StoreAction::Init { dir },
        }) => {
            let (store, created) = catena::store::open(&dir)?;
            let graph = KnowledgeGraph::from_store(store);
            let quads = store_len(&graph)?;
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
        Some(Command::Load {
            files,
            rdf_format,
            graph,
            bulk,
        }) => {
            let Some(dir) = &cli.graph.store else {
                return Err(Failure::usage(
                    "catena load needs --store DIR: the in-memory graph lives only for one command",
                ));
            };
            let (store, _) = catena::store::open(dir)?;
            let options = catena::store::LoadOptions {
                format: rdf_format,
                graph,
                bulk,
                progress: true,
            };
            for file in &files {
                let report = catena::store::load_file(&store, file, &options)?;
                println!("{report}");
            }
            catena::store::flush(&store)
                .map_err(|e| Failure::input(format!("storage error: {e}")))?;
            let graph = KnowledgeGraph::from_store(store);
            println!("the store now holds {} quads", store_len(&graph)?);
            Ok(())
        }
        Some(Command::Gen(args)) => {
            let entities = match (args.entities, args.triples) {
                (Some(entities), _) => entities,
                (None, Some(triples)) => catena::r#gen::entities_for_triples(triples),
                (None, None) => {
                    return Err(Failure::usage("give --entities N or --triples T"));
                }
            };
            let options = catena::r#gen::GenOptions {
                entities,
                seed: args.seed,
            };
            let started = std::time::Instant::now();
            let summary = catena::r#gen::write(&options, &args.out).map_err(|e| match e {
                catena::r#gen::GenError::Usage(message) => Failure::usage(message),
                e => Failure::input(e.to_string()),
            })?;
            let seconds = started.elapsed().as_secs_f64();
            eprintln!(
                "generated {} entities, {} triples in {seconds:.2} s ({:.0} triples/s) into {}",
                summary.entities,
                summary.quads,
                summary.quads as f64 / seconds.max(1e-9),
                args.out.display()
            );
            Ok(())
        }
        Some(Command::Stats { section }) => {
            if section.is_none() && format != Format::Table {
                return Err(Failure::usage(format!(
                    "--format {format} prints one result set: choose totals, classes or relations"
                )));
            }
            let graph = open_graph(&cli.graph, &sources)?;
            let stats = stats::compute(graph.store()).map_err(|e| Failure::input(e.to_string()))?;
            print_stats(&stats, section, format)
        }
        Some(Command::Check { notes }) => {
            let parsed: Vec<ParsedSource> = graph::parse_all(&sources)?;
            let (violations, summary) = check::check(&parsed);
            let result = if violations.is_empty() {
                println!(
                    "ok: {} facts about {} subjects in {} passages satisfy the ontology",
                    summary.facts, summary.subjects, summary.passages
                );
                Ok(())
            } else {
                for violation in &violations {
                    eprintln!("{violation}");
                }
                Err(Failure::input(format!(
                    "{} violation{} of the ontology",
                    violations.len(),
                    if violations.len() == 1 { "" } else { "s" }
                )))
            };
            if notes {
                print!("{}", check::notes_report(&parsed));
            }
            result
        }
        Some(Command::Run { file }) => {
            let (name, text) = if file.as_os_str() == "-" {
                ("<stdin>".to_owned(), read_stdin()?)
            } else {
                let text = std::fs::read(&file)
                    .map_err(|e| Failure::input(format!("cannot read {}: {e}", file.display())))?;
                let text = String::from_utf8(text).map_err(|e| {
                    Failure::input(format!(
                        "{}: not valid UTF-8 (at byte {})",
                        file.display(),
                        e.utf8_error().valid_up_to()
                    ))
                })?;
                (file.display().to_string(), text)
            };
            let questions = shell::script_questions(&text);
            batch(
                open_session(&cli.graph, &sources)?,
                settings,
                cli.keep_going,
                questions
                    .into_iter()
                    .map(|(line, q)| (name.clone(), line, q)),
            )
        }
        None if !cli.execute.is_empty() => {
            let questions = cli
                .execute
                .into_iter()
                .enumerate()
                .map(|(i, q)| (format!("-e #{}", i + 1), 1, q));
            batch(
                open_session(&cli.graph, &sources)?,
                settings,
                cli.keep_going,
                questions,
            )
        }
        None if io::stdin().is_terminal() => {
            let mut session = open_session(&cli.graph, &sources)?;
            session.settings = settings;
            repl::run(session).map_err(|e| Failure::input(format!("the REPL stopped: {e}")))
        }
        None => {
            let text = read_stdin()?;
            let questions = shell::script_questions(&text);
            batch(
                open_session(&cli.graph, &sources)?,
                settings,
                cli.keep_going,
                questions
                    .into_iter()
                    .map(|(line, q)| ("<stdin>".to_owned(), line, q)),
            )
        }
    }
}

/// Answers questions in order; stops at the first failure unless `keep_going`.
fn batch(
    mut session: Session,
    settings: Settings,
    keep_going: bool,
    questions: impl Iterator<Item = (String, usize, String)>,
) -> Result<(), Failure> {
    session.settings = settings;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr().lock();
    let style = table_style();
    let mut failed = 0;
    let mut first = true;
    for (name, line, question) in questions {
        if !first && settings.format == Format::Table {
            writeln!(out)?;
        }
        first = false;
        let origin = shell::Origin { name, line };
        if !shell::answer_one(
            &session,
            &question,
            Some(&origin),
            style,
            &mut out,
            &mut err,
        )? {
            failed += 1;
            if !keep_going {
                break;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        return Err(Failure {
            message: String::new(),
            code: 1,
        });
    }
    Ok(())
}

fn read_stdin() -> Result<String, Failure> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::input(format!("cannot read standard input: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure::input(format!(
            "standard input is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Where questions run: a remote endpoint, or the local graph.
fn open_session(args: &GraphArgs, sources: &[RdfSource]) -> Result<Session, Failure> {
    match &args.endpoint {
        Some(url) => Session::remote(endpoint(url)?).map_err(|e| Failure::input(e.to_string())),
        None => Ok(Session::new(open_graph(args, sources)?)?),
    }
}

fn endpoint(url: &str) -> Result<catena::remote::Endpoint, Failure> {
    catena::remote::Endpoint::new(url, std::time::Duration::from_secs(120))
        .map_err(|e| Failure::usage(e.to_string()))
}

/// The graph to work on: the persistent store given with --store, or the sources in memory.
fn open_graph(args: &GraphArgs, sources: &[RdfSource]) -> Result<KnowledgeGraph, Failure> {
    if args.endpoint.is_some() {
        return Err(Failure::usage(
            "this command works on a local graph: --endpoint applies to questions, sparql and push",
        ));
    }
    match &args.store {
        Some(dir) => Ok(KnowledgeGraph::from_store(catena::store::open(dir)?.0)),
        // The shipped graph comes pre-parsed; files given by the user are parsed now.
        None if args.data.is_empty() && args.ontology.is_empty() => Ok(KnowledgeGraph::embedded()?),
        None => Ok(KnowledgeGraph::from_sources(sources)?),
    }
}

fn store_len(graph: &KnowledgeGraph) -> Result<usize, Failure> {
    graph
        .store()
        .len()
        .map_err(|e| Failure::input(format!("storage error: {e}")))
}

/// The embedded ontology and data, each replaced by the user's files when given.
fn sources(args: &GraphArgs) -> Result<Vec<RdfSource>, Failure> {
    let embedded = graph::embedded_sources();
    let part = |paths: &[PathBuf], kind: SourceKind| -> Result<Vec<RdfSource>, Failure> {
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

fn read_query(query: Option<String>, file: Option<PathBuf>) -> Result<String, Failure> {
    if let Some(query) = query {
        return Ok(query);
    }
    if let Some(file) = file {
        return std::fs::read_to_string(&file)
            .map_err(|e| Failure::input(format!("cannot read {}: {e}", file.display())));
    }
    let mut stdin = io::stdin();
    if stdin.is_terminal() {
        return Err(Failure::usage(
            "no query: give one as an argument, with --file FILE, or on standard input",
        ));
    }
    let mut query = String::new();
    stdin
        .read_to_string(&mut query)
        .map_err(|e| Failure::input(format!("cannot read the query from standard input: {e}")))?;
    if query.trim().is_empty() {
        return Err(Failure::input("the query on standard input is empty"));
    }
    Ok(query)
}

/// A query error, with the offending line and a caret under the position when known.
fn query_failure(error: &QueryError, query: &str) -> Failure {
    let mut message = error.to_string();
    if let QueryError::Syntax {
        position: Some((line, column)),
        ..
    } = error
        && let Some(text) = query.lines().nth(line.saturating_sub(1))
    {
        let gutter = line.to_string().len();
        let caret_offset: usize = text
            .chars()
            .take(column.saturating_sub(1))
            .map(|c| {
                if c == '\t' {
                    1
                } else {
                    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
                }
            })
            .sum();
        message.push_str(&format!(
            "\n {line} | {}\n {} | {}^",
            text.replace('\t', " "),
            " ".repeat(gutter),
            " ".repeat(caret_offset)
        ));
    }
    Failure::input(message)
}

fn table_style() -> TableStyle {
    TableStyle {
        max_width: io::stdout().is_terminal().then(repl::terminal_width),
    }
}

fn print_output(output: &QueryOutput, format: Format) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    render::render(output, format, table_style(), &mut out)?;
    out.flush()?;
    Ok(())
}

fn print_stats(
    stats: &stats::Stats,
    section: Option<StatsSection>,
    format: Format,
) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let sections = [
        (StatsSection::Totals, "Totals", &stats.totals),
        (
            StatsSection::Classes,
            "Entities and statements by class",
            &stats.by_class,
        ),
        (
            StatsSection::Relations,
            "Facts by relation",
            &stats.by_relation,
        ),
    ];
    let mut first = true;
    for (kind, title, output) in sections {
        if section.is_some_and(|wanted| wanted != kind) {
            continue;
        }
        if section.is_none() {
            writeln!(out, "{}{title}", if first { "" } else { "\n" })?;
        }
        first = false;
        render::render(output, format, table_style(), &mut out)?;
    }
    out.flush()?;
    Ok(())
}
