//! `catena stats`: entities by class and facts by relation.

use std::io::{self, Write};

use catena::render::{self, Format};
use catena::session::Settings;
use catena::stats::{self, Stats};

use crate::cli::args::StatsSection;
use crate::cli::context::Context;
use crate::cli::error::CliError;
use crate::cli::output::table_style;

pub fn run(context: &Context, section: Option<StatsSection>) -> Result<(), CliError> {
    let format = context.settings.format;
    if section.is_none() && format != Format::Table {
        return Err(CliError::usage(format!(
            "--format {format} prints one result set: choose totals, classes or relations"
        )));
    }
    let graph = context.graph()?;
    let stats = stats::compute(graph.store()).map_err(|e| CliError::input(e.to_string()))?;
    print(&stats, section, &context.settings)
}

/// Every section with its title, or only the one asked for, untitled.
fn print(
    stats: &Stats,
    section: Option<StatsSection>,
    settings: &Settings,
) -> Result<(), CliError> {
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
        render::render(output, settings.format, table_style(settings), &mut out)?;
    }
    out.flush()?;
    Ok(())
}
