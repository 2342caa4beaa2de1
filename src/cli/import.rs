//! `catena import ecosystem-graphs DIR`: Stanford CRFM's Ecosystem Graphs into the graph, for
//! good into a --store, or in memory for this command's questions.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use catena::ecosystem_graphs::{self as eg, ImportError, OutputError, Report};
use catena::render::Format;
use catena::session::Session;

use crate::cli::ask;
use crate::cli::context::Context;
use crate::cli::error::CliError;

pub fn ecosystem_graphs(
    context: Context,
    dir: &Path,
    output: Option<PathBuf>,
) -> Result<(), CliError> {
    if context.graph_args.endpoint.is_some() {
        return Err(CliError::usage(
            "catena import writes to a local graph: use --store DIR, then `catena push`",
        ));
    }
    // A refused output name is found before anything is read or written.
    if let Some(path) = &output {
        eg::output_format(path).map_err(output_failure)?;
    }
    let graph = context.graph()?;
    let (mut report, quads) =
        eg::prepare(graph.store(), dir, context.keep_going).map_err(import_failure)?;
    // The file first: if it cannot be written, the graph is left as it was.
    if let Some(path) = &output {
        eg::write_quads(path, &quads).map_err(output_failure)?;
    }
    // `change` writes a persistent store to disk and renews its kept lexicon.
    graph.change(|store| eg::commit(store, &mut report, &quads).map_err(import_failure))?;
    // Answers follow on standard output when questions do; the summary steps aside.
    let questions_follow = !context.questions.is_empty()
        || (context.graph_args.store.is_none() && io::stdin().is_terminal());
    let summary = summary(&report, context.settings.format)?;
    if questions_follow {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    if !context.questions.is_empty() {
        let questions = ask::execute_questions(&context);
        return ask::batch(Session::new(graph)?, &context, questions);
    }
    if questions_follow {
        return ask::run_repl(Session::new(graph)?, context.settings);
    }
    Ok(())
}

/// The import report: JSON with --format json, else the readable lines.
fn summary(report: &Report, format: Format) -> Result<String, CliError> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(report)
            .map_err(|e| CliError::input(format!("cannot write the report: {e}")))?,
        _ => report.to_string().trim_end().to_owned(),
    })
}

/// An output file name catena cannot write is a usage error; failing to write it is not.
fn output_failure(error: OutputError) -> CliError {
    match error {
        OutputError::Format(message) => CliError::usage(message),
        error => CliError::input(error.to_string()),
    }
}

/// A folder without asset files is a usage error; unreadable assets are bad input.
fn import_failure(error: ImportError) -> CliError {
    match error {
        ImportError::NoAssetFiles(_) => CliError::usage(error.to_string()),
        _ => CliError::input(error.to_string()),
    }
}
