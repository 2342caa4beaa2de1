//! The subcommands and their arguments (clap). The global options are `Cli`, in main.rs.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Where the graph comes from. By default both parts are the ones compiled into catena,
/// loaded into memory for the one command.
#[derive(Args, Clone)]
pub struct GraphArgs {
    /// Run questions and SPARQL on this remote SPARQL 1.1 endpoint instead of a local graph
    /// (it must show the union of its named graphs as its default graph)
    #[arg(long, global = true, value_name = "URL", conflicts_with_all = ["store", "data", "ontology"])]
    pub endpoint: Option<String>,
    /// Use the persistent store in DIR (created, with the shipped graph, if new or empty)
    #[arg(long, global = true, value_name = "DIR", conflicts_with_all = ["data", "ontology"])]
    pub store: Option<PathBuf>,
    /// Load facts from these RDF files or directories instead of the embedded data
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Load the vocabulary from these files or directories instead of the embedded ontology
    #[arg(long, global = true, value_name = "PATH")]
    pub ontology: Vec<PathBuf>,
}

#[derive(Subcommand)]
pub enum Command {
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
pub struct GenArgs {
    /// Entities to generate (companies, models, chips, clouds, countries…)
    #[arg(long, value_name = "N")]
    pub entities: Option<usize>,
    /// Or about this many triples (the entity count is derived from it)
    #[arg(long, value_name = "T")]
    pub triples: Option<u64>,
    /// Seed of the pseudo-random choices: the same size and seed give the same file
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// The file to write: .nq (N-Quads, one named graph per passage) or .nt (N-Triples)
    pub out: PathBuf,
}

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback unless told otherwise)
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Stop a query after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
    /// Largest request accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    pub max_request_bytes: usize,
    /// Largest result returned, in rows (or triples)
    #[arg(long, value_name = "ROWS", default_value_t = 100_000)]
    pub max_rows: usize,
    /// Queries run at once; more wait up to a second for a slot, then get 503 with Retry-After
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub max_concurrent: usize,
    /// Accept SPARQL updates (they change a persistent store for good)
    #[arg(long)]
    pub allow_update: bool,
    /// Send CORS headers, so that web pages on other origins may query
    #[arg(long)]
    pub cors: bool,
    /// Seconds a client has to send a whole request; a slower one gets 408
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub request_timeout: u64,
    /// Connections open at once; one more gets 503 with Retry-After
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_connections: usize,
    /// Refuse (422) a query whose unconnected patterns would make more rows than this that
    /// cannot be stopped or streamed
    #[arg(long, value_name = "ROWS", default_value_t = 1_000_000)]
    pub max_product_rows: u64,
}

#[derive(Subcommand)]
pub enum ImportSource {
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
pub enum StoreAction {
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

/// `--expanded=WHEN`: on, off or auto, as `.expanded` takes it.
pub fn parse_layout(name: &str) -> Result<catena::render::Layout, String> {
    catena::render::Layout::from_name(name).ok_or_else(|| "use on, off or auto".to_owned())
}

/// `--width N`: a number of columns, at least 20 (as a terminal's width is taken).
pub fn parse_width(text: &str) -> Result<usize, String> {
    const NARROWEST: usize = 20;
    match text.parse::<usize>() {
        Ok(width) if width >= NARROWEST => Ok(width),
        _ => Err(format!("a number of columns, at least {NARROWEST}")),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsSection {
    /// Facts, passages, entities and statements in all
    Totals,
    /// Entities and statements by class
    Classes,
    /// Facts by relation
    Relations,
}
