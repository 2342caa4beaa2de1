//! `catena sparql`: a SPARQL query (or, with --allow-update, an update) on the graph.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use catena::diagnostic::Gutter;
use catena::graph::{self, KnowledgeGraph};
use catena::render;
use catena::session::syntax_diagnostic;
use catena::sparql::{self, QueryError};

use crate::cli::context::{self, Context};
use crate::cli::error::CliError;
use crate::cli::output::{self, table_style};

pub fn run(
    context: &Context,
    query: Option<String>,
    file: Option<PathBuf>,
    allow_update: bool,
) -> Result<(), CliError> {
    let query = read_query(query, file)?;
    let format = context.settings.format;
    if let Some(url) = &context.graph_args.endpoint {
        let output = context::endpoint(url)?
            .query(&query)
            .map_err(|e| query_failure(&e, &query))?;
        return output::print(&output, &context.settings);
    }
    let graph = context.graph()?;
    let documents_only = context.settings.documents_only;
    // Streamed: millions of rows pass through in constant memory.
    let prepared = match sparql::prepare_query(&query, None) {
        Err(QueryError::UpdateRefused) if allow_update && documents_only => {
            return Err(CliError::usage(
                "--documents-only narrows what queries see; an update would still read \
                 and write every graph: leave --documents-only out",
            ));
        }
        Err(QueryError::UpdateRefused) if allow_update => return update(&graph, &query),
        prepared => prepared.map_err(|e| query_failure(&e, &query))?,
    };
    let scope = if documents_only {
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
    render::render_streamed(results, format, table_style(&context.settings), &mut out)?;
    out.flush()?;
    Ok(())
}

/// Runs an update, written to disk by the graph's `change`; the new size goes to standard
/// error.
fn update(graph: &KnowledgeGraph, update: &str) -> Result<(), CliError> {
    graph.change(|store| {
        sparql::update_with_limits(store, update, &sparql::Limits::default())
            .map_err(|e| query_failure(&e, update))
    })?;
    eprintln!(
        "update done: the store now holds {} quads",
        context::store_len(graph)?
    );
    Ok(())
}

/// The query from the argument, else the file, else standard input (never a terminal).
fn read_query(query: Option<String>, file: Option<PathBuf>) -> Result<String, CliError> {
    if let Some(query) = query {
        return Ok(query);
    }
    if let Some(file) = file {
        return std::fs::read_to_string(&file)
            .map_err(|e| CliError::input(format!("cannot read {}: {e}", file.display())));
    }
    let mut stdin = io::stdin();
    if stdin.is_terminal() {
        return Err(CliError::usage(
            "no query: give one as an argument, with --file FILE, or on standard input",
        ));
    }
    let mut query = String::new();
    stdin
        .read_to_string(&mut query)
        .map_err(|e| CliError::input(format!("cannot read the query from standard input: {e}")))?;
    if query.trim().is_empty() {
        return Err(CliError::input("the query on standard input is empty"));
    }
    Ok(query)
}

/// A query error, with the offending line and a caret under the position when known.
fn query_failure(error: &QueryError, query: &str) -> CliError {
    CliError::input(match syntax_diagnostic(error, query) {
        // The one renderer of diagnostics: carets by display width, a window on long lines.
        Some(diagnostic) => diagnostic.render(query, Gutter::LineNumber),
        None => error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: usize, column: usize, query: &str) -> String {
        let error = QueryError::syntax("wrong", Some((line, column)));
        query_failure(&error, query)
            .message()
            .map(str::to_owned)
            .unwrap_or_default()
    }

    #[test]
    fn the_caret_counts_wide_characters_and_tabs_as_they_show() {
        assert_eq!(
            shown(2, 3, "x\nab c"),
            "invalid SPARQL at 2:3: wrong\n 2 | ab c\n   |   ^"
        );
        assert_eq!(
            shown(1, 3, "\tab"),
            "invalid SPARQL at 1:3: wrong\n 1 |  ab\n   |   ^"
        );
        let mut ten = "\n".repeat(9);
        ten.push_str("界x");
        assert_eq!(
            shown(10, 2, &ten),
            "invalid SPARQL at 10:2: wrong\n 10 | 界x\n    |   ^"
        );
    }
}
