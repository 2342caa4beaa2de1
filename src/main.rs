//! The `catena` command line: wires the library's stages to arguments, files and exit codes.
//! This file is the table of contents: the global options, then one line per command; each
//! command's body is its module under `cli/`.

use std::process::ExitCode;

use clap::Parser;

use catena::render::{Format, Layout};
use cli::args::{Command, GraphArgs, ImportSource, StoreAction};
use cli::context::Context;
use cli::error::CliError;

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
    /// Write tables one block per record (`column │ value` lines): `--expanded` (or `=on`),
    /// `--expanded=off`, or `--expanded=auto`, the default: expanded when a table cannot fit
    /// the width
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "on",
        value_parser = cli::args::parse_layout
    )]
    expanded: Option<Layout>,
    /// Fit tables in N columns, wrapping their cells (default: the terminal's width; tables
    /// written to a file or a pipe are not wrapped)
    #[arg(long, global = true, value_name = "N", value_parser = cli::args::parse_width)]
    width: Option<usize>,
    /// Describe the question language, with examples
    #[arg(long)]
    help_language: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

mod cli {
    pub mod args;
    pub mod ask;
    pub mod check;
    pub mod context;
    pub mod error;
    pub mod generate;
    pub mod import;
    pub mod output;
    pub mod push;
    pub mod serve;
    pub mod sparql;
    pub mod stats;
    pub mod store;
}

fn main() -> ExitCode {
    cli::error::exit(run(Cli::parse()))
}

fn run(cli: Cli) -> Result<(), CliError> {
    if cli.help_language {
        return cli::ask::print_language_help();
    }
    let context = Context::new(&cli)?;
    match cli.command {
        None => cli::ask::without_command(context),
        Some(Command::Run { file }) => cli::ask::file(context, &file),
        Some(Command::Sparql {
            query,
            file,
            allow_update,
        }) => cli::sparql::run(&context, query, file, allow_update),
        Some(Command::Stats { section }) => cli::stats::run(&context, section),
        Some(Command::Check { notes }) => cli::check::run(&context, notes),
        Some(Command::Serve(args)) => cli::serve::run(&context, args),
        Some(Command::Push {
            update_endpoint,
            batch,
        }) => cli::push::run(&context, update_endpoint, batch),
        Some(Command::Import {
            source: ImportSource::EcosystemGraphs { dir, output },
        }) => cli::import::ecosystem_graphs(context, &dir, output),
        Some(Command::Store {
            action: StoreAction::Init { dir },
        }) => cli::store::init(&dir),
        Some(Command::Load {
            files,
            rdf_format,
            graph,
            bulk,
        }) => cli::store::load(&context, &files, rdf_format, graph, bulk),
        Some(Command::Gen(args)) => cli::generate::run(args),
    }
}
