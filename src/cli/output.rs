//! Printing results on standard output, as tables sized to the terminal or in a W3C format.

use std::io::{self, IsTerminal, Write};

use catena::render::{self, Format, TableStyle};
use catena::repl;
use catena::sparql::QueryOutput;

use crate::cli::error::CliError;

/// Tables fit the terminal's width; piped output is never cut.
pub fn table_style() -> TableStyle {
    TableStyle {
        max_width: io::stdout().is_terminal().then(repl::terminal_width),
    }
}

/// Renders one result on standard output.
pub fn print(output: &QueryOutput, format: Format) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    render::render(output, format, table_style(), &mut out)?;
    out.flush()?;
    Ok(())
}
