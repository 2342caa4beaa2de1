//! `catena check`: the data validated against the ontology.

use catena::check;
use catena::graph::{self, ParsedSource};

use crate::cli::context::Context;
use crate::cli::error::CliError;

/// Violations go to standard error and fail the command; `--notes` lists figures in notes.
pub fn run(context: &Context, notes: bool) -> Result<(), CliError> {
    let parsed: Vec<ParsedSource> = graph::parse_all(&context.sources)?;
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
        Err(CliError::input(format!(
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
