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
    /// Ask this question (repeatable; answered in order)
    #[arg(short = 'e', long = "execute", value_name = "QUESTION")]
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
    /// Describe the question language, with examples
    #[arg(long)]
    help_language: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the graph comes from. By default both parts are the ones compiled into catena.
#[derive(Args)]
struct GraphArgs {
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
    },
    /// Count entities by class and facts by relation
    Stats {
        /// Print only this part (required with a machine-readable --format)
        #[arg(value_enum)]
        section: Option<StatsSection>,
    },
    /// Validate the data against the ontology; exits with 1 on any violation
    Check,
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

impl From<render::RenderError> for Failure {
    fn from(error: render::RenderError) -> Self {
        match error {
            render::RenderError::Unsupported { .. } => Self::usage(error.to_string()),
            render::RenderError::Io(_) => Self::input(error.to_string()),
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
    let sources = sources(&cli.graph)?;
    let format = cli.format;
    let settings = Settings {
        format,
        sources: cli.sources,
        explain: cli.explain,
        timing: cli.timing,
    };
    match cli.command {
        Some(Command::Sparql { query, file }) => {
            let query = read_query(query, file)?;
            let graph = KnowledgeGraph::from_sources(&sources)?;
            let output =
                sparql::run(graph.store(), &query).map_err(|e| query_failure(&e, &query))?;
            print_output(&output, format)
        }
        Some(Command::Stats { section }) => {
            if section.is_none() && format != Format::Table {
                return Err(Failure::usage(format!(
                    "--format {format} prints one result set: choose totals, classes or relations"
                )));
            }
            let graph = KnowledgeGraph::from_sources(&sources)?;
            let stats = stats::compute(graph.store()).map_err(|e| Failure::input(e.to_string()))?;
            print_stats(&stats, section, format)
        }
        Some(Command::Check) => {
            let parsed: Vec<ParsedSource> = graph::parse_all(&sources)?;
            let (violations, summary) = check::check(&parsed);
            if violations.is_empty() {
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
            }
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
                &sources,
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
            batch(&sources, settings, cli.keep_going, questions)
        }
        None if io::stdin().is_terminal() => {
            let mut session = Session::from_sources(&sources)?;
            session.settings = settings;
            repl::run(session).map_err(|e| Failure::input(format!("the REPL stopped: {e}")))
        }
        None => {
            let text = read_stdin()?;
            let questions = shell::script_questions(&text);
            batch(
                &sources,
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
    sources: &[RdfSource],
    settings: Settings,
    keep_going: bool,
    questions: impl Iterator<Item = (String, usize, String)>,
) -> Result<(), Failure> {
    let mut session = Session::from_sources(sources)?;
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
