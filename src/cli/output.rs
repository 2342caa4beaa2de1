//! Printing results on standard output, as tables sized to the terminal or in a W3C format.

use std::io::{self, Write};

use catena::render::{self, TableStyle};
use catena::repl;
use catena::session::Settings;
use catena::sparql::QueryOutput;

use crate::cli::error::CliError;

/// Tables fit `--width`, else the terminal's width, wrapping their cells; on a file or a
/// pipe they are written whole, unless `--width` is given.
pub fn table_style(settings: &Settings) -> TableStyle {
    repl::table_style(settings)
}

/// Renders one result on standard output, in the settings' format.
pub fn print(output: &QueryOutput, settings: &Settings) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    render::render(output, settings.format, table_style(settings), &mut out)?;
    out.flush()?;
    Ok(())
}
