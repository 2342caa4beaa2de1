//! Rendering: query results as a readable table, or in the W3C result formats
//! (SPARQL 1.1 CSV, TSV, JSON, XML) and RDF syntaxes (Turtle, N-Triples) for scripts.

use std::fmt;
use std::io::{self, Write};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use unicode_width::UnicodeWidthStr;

use crate::answer::Answer;
use crate::compile::Kind;
use crate::formats;
use crate::sparql::{QueryError, QueryOutput, Streamed};
use crate::vocab;

/// Output formats of the command line: the table of formats is in [`crate::formats`].
pub use crate::formats::Format;

/// Why results could not be written.
#[derive(Debug)]
pub enum RenderError {
    /// The format cannot carry this kind of result (a graph as CSV, rows as Turtle).
    Unsupported {
        format: Format,
        what: &'static str,
    },
    Io(io::Error),
    /// The query failed while its results were being written (some may have been).
    Query(QueryError),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsupported { format, what } => {
                let fits = formats::command_line_formats_for(|carries| {
                    if *what == "a graph" {
                        carries.graph
                    } else {
                        carries.rows
                    }
                });
                let hint = formats::names_in_words(fits);
                write!(
                    f,
                    "the {format} format cannot hold {what}: use --format {hint}"
                )
            }
            Self::Io(error) => write!(f, "cannot write the results: {error}"),
            Self::Query(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<io::Error> for RenderError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

/// How a table is laid out (psql's `\x`, `.expanded` in the REPL, `--expanded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Rows and columns, whatever the width.
    Table,
    /// One block per record: a `─[ RECORD n ]` line, then a `column │ value` line per column.
    Expanded,
    /// Rows and columns when they fit the width with every column at its minimum, else
    /// expanded; always a table when there is no width to fit.
    #[default]
    Auto,
}

impl Layout {
    /// `on`, `off` or `auto`, as `.expanded` and `--expanded` take it.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "on" => Some(Self::Expanded),
            "off" => Some(Self::Table),
            "auto" => Some(Self::Auto),
            _ => None,
        }
    }

    /// The name [`Layout::from_name`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Self::Expanded => "on",
            Self::Table => "off",
            Self::Auto => "auto",
        }
    }
}

/// Options of the table renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableStyle {
    /// Fit the table in this many columns, wrapping cells onto several lines. `None` (output
    /// that is not a terminal) writes every line of a cell whole, however wide.
    pub max_width: Option<usize>,
    /// Rows and columns, one block per record, or whichever fits.
    pub layout: Layout,
}

/// Writes a query result in `format`.
pub fn render(
    output: &QueryOutput,
    format: Format,
    style: TableStyle,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    match (output, format) {
        (QueryOutput::Solutions { variables, rows }, Format::Table) => {
            let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|row| row.iter().map(|term| display_term(term.as_ref())).collect())
                .collect();
            let numeric: Vec<bool> = (0..variables.len())
                .map(|column| {
                    rows.iter()
                        .filter_map(|row| row[column].as_ref())
                        .all(is_numeric)
                })
                .collect();
            write_table(&header, &cells, &numeric, style, out)?;
            let n = rows.len();
            writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })?;
            Ok(())
        }
        (QueryOutput::Solutions { variables, rows }, _) => write_solutions(
            variables,
            rows.iter().map(|row| Ok(row.as_slice())),
            format,
            out,
        ),
        (QueryOutput::Boolean(value), Format::Table) => {
            writeln!(out, "{value}")?;
            Ok(())
        }
        (QueryOutput::Boolean(value), _) => {
            let results_format = results_format(format).ok_or(RenderError::Unsupported {
                format,
                what: "a boolean",
            })?;
            QueryResultsSerializer::from_format(results_format)
                .serialize_boolean_to_writer(&mut *out, *value)?;
            end_line(format, out)
        }
        (QueryOutput::Graph(triples), _) => write_graph(triples, graph_format(format)?, out),
    }
}

/// Writes results in a machine format as the evaluator makes them, holding one row at a
/// time: millions of rows pass through in constant memory. A table needs every row for its
/// column widths; it is collected and written by [`render`].
pub fn render_streamed(
    results: Streamed,
    format: Format,
    style: TableStyle,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    match (results, format) {
        (Streamed::Solutions { variables, rows }, Format::Table) => {
            let rows = rows
                .collect::<Result<Vec<_>, _>>()
                .map_err(RenderError::Query)?;
            render(
                &QueryOutput::Solutions { variables, rows },
                format,
                style,
                out,
            )
        }
        (Streamed::Solutions { variables, rows }, _) => {
            write_solutions(&variables, rows, format, out)
        }
        (Streamed::Boolean(value), _) => render(&QueryOutput::Boolean(value), format, style, out),
        (Streamed::Graph(triples), _) => {
            let mut writer = graph_serializer(graph_format(format)?).for_writer(&mut *out);
            for triple in triples {
                writer.serialize_triple(&triple.map_err(RenderError::Query)?)?;
            }
            writer.finish()?;
            Ok(())
        }
    }
}

/// Writes rows in a W3C results format, one at a time as `rows` gives them.
fn write_solutions<Row: std::borrow::Borrow<[Option<Term>]>>(
    variables: &[Variable],
    rows: impl Iterator<Item = Result<Row, QueryError>>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let results_format = results_format(format).ok_or(RenderError::Unsupported {
        format,
        what: "rows",
    })?;
    let mut serializer = QueryResultsSerializer::from_format(results_format)
        .serialize_solutions_to_writer(&mut *out, variables.to_vec())?;
    for row in rows {
        let row = row.map_err(RenderError::Query)?;
        serializer.serialize(
            variables
                .iter()
                .zip(row.borrow())
                .filter_map(|(variable, term)| Some((variable, term.as_ref()?))),
        )?;
    }
    serializer.finish()?;
    end_line(format, out)
}

fn results_format(format: Format) -> Option<QueryResultsFormat> {
    format.results_format()
}

/// The RDF syntax a graph is written in: the format's own, and Turtle for the table.
fn graph_format(format: Format) -> Result<RdfFormat, RenderError> {
    match format {
        Format::Table => Ok(RdfFormat::Turtle),
        _ => format.rdf_format().ok_or(RenderError::Unsupported {
            format,
            what: "a graph",
        }),
    }
}

/// JSON and XML serializers stop without a newline; a terminal prompt should not follow them.
fn end_line(format: Format, out: &mut dyn Write) -> Result<(), RenderError> {
    if format.spec().add_final_newline {
        writeln!(out)?;
    }
    Ok(())
}

/// A serializer for `format`, with catena's prefixes in Turtle.
fn graph_serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if format == RdfFormat::Turtle {
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .expect("the predefined prefix IRIs are valid");
        }
    }
    serializer
}

fn write_graph(
    triples: &[Triple],
    format: RdfFormat,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let mut writer = graph_serializer(format).for_writer(&mut *out);
    for triple in triples {
        writer.serialize_triple(triple)?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes a question's answer: a table of labels and readable numbers, or for the machine
/// formats the full result (each entity's IRI beside its label variable).
pub fn render_answer(
    answer: &Answer,
    format: Format,
    style: TableStyle,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    match answer.page {
        // A page: its rows alone, in every format; a table's footer says which of how many.
        Some(page) => {
            let shown = answer.shown();
            let footer = Footer::Page {
                first: page.start + 1,
                last: page.start + shown.total_rows(),
                total: answer.total_rows(),
            };
            render_rows(&shown, format, style, footer, out)
        }
        None => render_rows(answer, format, style, Footer::Count, out),
    }
}

/// The line under a table of an answer's rows.
#[derive(Debug, Clone, Copy)]
enum Footer {
    /// `(12 rows)`
    Count,
    /// `(rows 1–20 of 1,042)`
    Page {
        first: usize,
        last: usize,
        total: usize,
    },
}

impl Footer {
    fn write(self, rows: usize, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Self::Count => writeln!(out, "({rows} row{})", if rows == 1 { "" } else { "s" }),
            Self::Page { total, .. } if rows == 0 => {
                writeln!(out, "(no rows here; the answer has {})", thousands(total))
            }
            // A page that holds the whole answer is the answer.
            Self::Page {
                first: 1,
                last,
                total,
            } if last == total => Self::Count.write(rows, out),
            Self::Page { first, last, total } => writeln!(
                out,
                "(rows {}–{} of {})",
                thousands(first),
                thousands(last),
                thousands(total)
            ),
        }
    }
}

/// A count with its thousands grouped: `17,342`.
fn thousands(n: usize) -> String {
    group_thousands(&n.to_string())
}

/// [`render_answer`] of the rows an answer holds, with `footer` under a table.
fn render_rows(
    answer: &Answer,
    format: Format,
    style: TableStyle,
    footer: Footer,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let QueryOutput::Solutions { variables, rows } = &answer.output else {
        return render(&answer.output, format, style, out);
    };
    if format != Format::Table || answer.columns.is_empty() {
        return render(&answer.output, format, style, out);
    }
    if let Some(subject) = &answer.card {
        return Ok(crate::card::write_card(answer, subject, style, out)?);
    }
    let index = |name: &str| variables.iter().position(|v| v.as_str() == name);
    let header: Vec<String> = answer.columns.iter().map(|c| c.header.clone()).collect();
    let numeric: Vec<bool> = answer
        .columns
        .iter()
        .map(|c| c.kind == Kind::Number)
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            answer
                .columns
                .iter()
                .map(|column| {
                    let value = index(column.var.as_str()).and_then(|i| row[i].as_ref());
                    match column.kind {
                        Kind::Entity => column
                            .label
                            .as_ref()
                            .and_then(|label| index(label.as_str()))
                            .and_then(|i| row[i].as_ref())
                            .map(|label| display_term(Some(label)))
                            .unwrap_or_else(|| display_term(value)),
                        Kind::Number => value.map(human_number).unwrap_or_default(),
                        Kind::Text => display_term(value),
                    }
                })
                .collect()
        })
        .collect();
    // Optional columns that no row fills (no item, no counterpart) only take room.
    let keep: Vec<bool> = (0..header.len())
        .map(|column| cells.is_empty() || cells.iter().any(|row| !row[column].is_empty()))
        .collect();
    let pick = |values: &[String]| -> Vec<String> {
        values
            .iter()
            .zip(&keep)
            .filter(|(_, keep)| **keep)
            .map(|(value, _)| value.clone())
            .collect()
    };
    let numeric: Vec<bool> = numeric
        .iter()
        .zip(&keep)
        .filter(|(_, keep)| **keep)
        .map(|(numeric, _)| *numeric)
        .collect();
    let cells: Vec<Vec<String>> = cells.iter().map(|row| pick(row)).collect();
    write_table(&pick(&header), &cells, &numeric, style, out)?;
    footer.write(rows.len(), out)?;
    if let Some(note) = &answer.note {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

/// Numbers as an analyst reads them: 35.08 bn, 590 bn, 150,000, 89.56.
pub fn human_number(term: &Term) -> String {
    let text = display_term(Some(term));
    let Ok(value) = text.parse::<f64>() else {
        return text;
    };
    let scaled = |divisor: f64, unit: &str| {
        let scaled = value / divisor;
        let rounded = format!("{scaled:.2}");
        let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
        format!("{trimmed} {unit}")
    };
    let magnitude = value.abs();
    if magnitude >= 1e12 {
        scaled(1e12, "tn")
    } else if magnitude >= 1e9 {
        scaled(1e9, "bn")
    } else if magnitude >= 1e6 {
        scaled(1e6, "M")
    } else if text.contains(['.', 'e', 'E']) {
        text
    } else {
        group_thousands(&text)
    }
}

fn group_thousands(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}")
}

/// A term as a person reads it: `ent:NVIDIA`, `35080000000`, `Stati Uniti`.
pub fn display_term(term: Option<&Term>) -> String {
    match term {
        None => String::new(),
        Some(Term::NamedNode(node)) => vocab::compact(node.as_str()),
        Some(Term::BlankNode(node)) => format!("_:{}", node.as_str()),
        Some(Term::Literal(literal)) => literal.value().to_owned(),
        #[allow(unreachable_patterns)]
        Some(other) => other.to_string(),
    }
}

/// Whether a term is a literal of one of XSD's numeric types.
pub(crate) fn is_numeric(term: &Term) -> bool {
    match term {
        Term::Literal(literal) => {
            let datatype = literal.datatype().as_str();
            datatype.strip_prefix(vocab::XSD).is_some_and(|local| {
                matches!(
                    local,
                    "integer"
                        | "decimal"
                        | "double"
                        | "float"
                        | "long"
                        | "int"
                        | "nonNegativeInteger"
                        | "positiveInteger"
                )
            })
        }
        _ => false,
    }
}

/// Columns are not narrowed below this to fit a width (nor below their header's longest
/// word), unless their widest cell is narrower: a table that cannot keep these widths is
/// written expanded when the layout is [`Layout::Auto`].
const MIN_COLUMN: usize = 8;

/// Box-drawn table, or one block per record when the style's layout says so; numeric columns
/// right-aligned. Given a width, cells wrap onto several lines to fit it (at spaces where
/// they can); nothing is ever cut. A cell's own line breaks are kept.
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    numeric: &[bool],
    style: TableStyle,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut natural: Vec<usize> = header.iter().map(|h| text_width(h)).collect();
    for row in rows {
        for (width, cell) in natural.iter_mut().zip(row) {
            *width = (*width).max(text_width(cell));
        }
    }
    let minimum: Vec<usize> = header
        .iter()
        .zip(&natural)
        .map(|(name, &natural)| {
            let longest_word = name.split_whitespace().map(|w| w.width()).max();
            natural.min(MIN_COLUMN.max(longest_word.unwrap_or(0)))
        })
        .collect();
    let expanded = match style.layout {
        Layout::Table => false,
        Layout::Expanded => true,
        Layout::Auto => style
            .max_width
            .is_some_and(|max_width| table_width(&minimum) > max_width),
    };
    if expanded {
        return write_expanded(header, rows, style.max_width, out);
    }
    let widths = match style.max_width {
        None => natural,
        Some(max_width) if table_width(&minimum) <= max_width => {
            fit_widths(&natural, &minimum, max_width)
        }
        // Too many columns even at their minimum: narrower still, as far as a wide
        // character allows.
        Some(max_width) => {
            let floor: Vec<usize> = natural.iter().map(|&n| n.min(2)).collect();
            fit_widths(&natural, &floor, max_width)
        }
    };
    let line = |left: &str, mid: &str, right: &str| {
        let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        format!("{left}{}{right}", parts.join(mid))
    };
    writeln!(out, "{}", line("┌", "┬", "┐"))?;
    write_row(header, &widths, &vec![false; widths.len()], out)?;
    writeln!(out, "{}", line("├", "┼", "┤"))?;
    for row in rows {
        write_row(row, &widths, numeric, out)?;
    }
    writeln!(out, "{}", line("└", "┴", "┘"))
}

/// The width of a table whose columns are `widths` wide: `│ ` before each, ` │` at the end.
fn table_width(widths: &[usize]) -> usize {
    widths.iter().map(|w| w + 3).sum::<usize>() + 1
}

/// One row, as many lines high as its tallest wrapped cell.
fn write_row(
    cells: &[String],
    widths: &[usize],
    numeric: &[bool],
    out: &mut dyn Write,
) -> io::Result<()> {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &width)| wrap(cell, width))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for index in 0..height {
        let mut line = String::from("│");
        for ((lines, &width), &right) in wrapped.iter().zip(widths).zip(numeric) {
            let text = lines.get(index).map(String::as_str).unwrap_or_default();
            let pad = " ".repeat(width.saturating_sub(text.width()));
            if right {
                line.push_str(&format!(" {pad}{text} │"));
            } else {
                line.push_str(&format!(" {text}{pad} │"));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Column widths that fit `max_width`: every column as wide as it needs when that fits;
/// else the widest are narrowed first, to a common width, none below its `minimum` (the
/// table is wider than `max_width` when the minimums do not fit).
fn fit_widths(natural: &[usize], minimum: &[usize], max_width: usize) -> Vec<usize> {
    let room = max_width.saturating_sub(table_width(&vec![0; natural.len()]));
    let capped = |cap: usize| -> Vec<usize> {
        natural
            .iter()
            .zip(minimum)
            .map(|(&natural, &minimum)| natural.min(cap.max(minimum)))
            .collect()
    };
    let total = |widths: &[usize]| widths.iter().sum::<usize>();
    if total(natural) <= room {
        return natural.to_vec();
    }
    // The largest cap on the widths that fits: `low` fits, `high` does not.
    let (mut low, mut high) = (0, natural.iter().copied().max().unwrap_or(0));
    if total(&capped(low)) > room {
        return capped(low);
    }
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if total(&capped(middle)) <= room {
            low = middle;
        } else {
            high = middle;
        }
    }
    let mut widths = capped(low);
    // What the cap leaves over goes to the columns it cut, one each, widest first.
    let mut left = room - total(&widths);
    let mut cut: Vec<usize> = (0..widths.len())
        .filter(|&i| widths[i] < natural[i])
        .collect();
    cut.sort_by_key(|&i| std::cmp::Reverse(natural[i]));
    for i in cut {
        if left == 0 {
            break;
        }
        widths[i] += 1;
        left -= 1;
    }
    widths
}

/// One block per record (psql's expanded mode): a `─[ RECORD n ]` rule, then a line per
/// column, `name │ value`, the values wrapped to what the width leaves them.
fn write_expanded(
    header: &[String],
    rows: &[Vec<String>],
    max_width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let names = header.iter().map(|h| text_width(h)).max().unwrap_or(0);
    let widest_value = rows
        .iter()
        .flatten()
        .map(|v| text_width(v))
        .max()
        .unwrap_or(0);
    let (names, values) = match max_width {
        None => (names, widest_value),
        Some(max_width) => {
            // Names take at most half the width; values the rest, after ` │ `.
            let names = names.min(max_width / 2).max(1);
            let room = max_width.saturating_sub(names + 3).max(1);
            (names, widest_value.min(room))
        }
    };
    for (number, row) in rows.iter().enumerate() {
        writeln!(out, "{}", record_rule(number + 1, names, values))?;
        for (name, value) in header.iter().zip(row) {
            let name_lines = wrap(name, names);
            let value_lines = wrap(value, values.max(1));
            for index in 0..name_lines.len().max(value_lines.len()) {
                let name = name_lines
                    .get(index)
                    .map(String::as_str)
                    .unwrap_or_default();
                let value = value_lines
                    .get(index)
                    .map(String::as_str)
                    .unwrap_or_default();
                let pad = " ".repeat(names.saturating_sub(name.width()));
                writeln!(out, "{}", format!("{name}{pad} │ {value}").trim_end())?;
            }
        }
    }
    Ok(())
}

/// `─[ RECORD 3 ]────┼──────`: the record's number, the cross over the column separator.
fn record_rule(number: usize, names: usize, values: usize) -> String {
    let mut rule = format!("─[ RECORD {number} ]");
    let mut column = rule.width();
    while column < names + 3 + values {
        rule.push(if column == names + 1 { '┼' } else { '─' });
        column += 1;
    }
    rule
}

/// The width of a cell's text: its widest line.
fn text_width(text: &str) -> usize {
    paragraphs(text).map(|line| line.width()).max().unwrap_or(0)
}

/// A cell's lines: split at its line breaks (`\n`, `\r\n`), any other control character
/// (a tab) a space, so that nothing breaks the frame.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('\n').map(|line| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        line.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    })
}

/// A cell's text as lines at most `width` columns wide (by display width: a CJK character
/// takes two): its own line breaks kept, broken at spaces where it can and inside a word
/// only when the word alone is wider than `width`. The space at a break is dropped;
/// every other character is kept, in order.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in paragraphs(text) {
        if paragraph.width() <= width {
            lines.push(paragraph);
            continue;
        }
        let mut line = String::new();
        let mut line_width = 0;
        let mut first = true;
        for word in paragraph.split(' ') {
            let word_width = word.width();
            if !first && line_width + 1 + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += 1 + word_width;
                continue;
            }
            if !first {
                lines.push(std::mem::take(&mut line));
            }
            first = false;
            let mut pieces = break_word(word, width);
            line = pieces.pop().unwrap_or_default();
            line_width = line.width();
            lines.extend(pieces);
        }
        lines.push(line);
    }
    lines
}

/// A word in pieces at most `width` wide (one piece when it fits), breaking between
/// characters; a character wider than `width` gets a piece of its own.
fn break_word(word: &str, width: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if piece.width() > width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::replace(&mut piece, c.to_string()));
        }
    }
    pieces.push(piece);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode, Variable};

    fn solutions() -> QueryOutput {
        QueryOutput::Solutions {
            variables: vec![Variable::new_unchecked("who"), Variable::new_unchecked("n")],
            rows: vec![
                vec![
                    Some(NamedNode::new_unchecked(format!("{}NVIDIA", vocab::ENT)).into()),
                    Some(Literal::from(35).into()),
                ],
                vec![
                    Some(Literal::new_language_tagged_literal_unchecked("Cina", "it").into()),
                    None,
                ],
            ],
        }
    }

    fn rendered(output: &QueryOutput, format: Format, style: TableStyle) -> String {
        let mut buffer = Vec::new();
        render(output, format, style, &mut buffer).expect("renders");
        String::from_utf8(buffer).expect("utf-8")
    }

    #[test]
    fn table_compacts_iris_and_aligns_numbers() {
        let table = rendered(&solutions(), Format::Table, TableStyle::default());
        assert_eq!(
            table,
            "┌────────────┬────┐\n\
             │ who        │ n  │\n\
             ├────────────┼────┤\n\
             │ ent:NVIDIA │ 35 │\n\
             │ Cina       │    │\n\
             └────────────┴────┘\n\
             (2 rows)\n"
        );
    }

    fn style(max_width: usize, layout: Layout) -> TableStyle {
        TableStyle {
            max_width: Some(max_width),
            layout,
        }
    }

    fn table(header: &[&str], rows: &[&[&str]], style: TableStyle) -> String {
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|c| (*c).to_owned()).collect())
            .collect();
        let numeric = vec![false; header.len()];
        let mut buffer = Vec::new();
        write_table(&header, &rows, &numeric, style, &mut buffer).expect("writes");
        String::from_utf8(buffer).expect("utf-8")
    }

    /// Every line of a box-drawn table is as wide as its frame, and no wider than `width`.
    fn assert_framed(table: &str, width: usize) {
        let frame = table.lines().next().map(|l| l.width()).unwrap_or(0);
        for line in table.lines() {
            assert_eq!(line.width(), frame, "a ragged line:\n{table}");
            assert!(line.width() <= width, "wider than {width}:\n{table}");
        }
    }

    /// Only spaces and line breaks differ between a text and its wrapped lines.
    fn without_spaces(text: &str) -> String {
        text.chars().filter(|c| *c != ' ' && *c != '\n').collect()
    }

    #[test]
    fn table_fits_the_width_it_is_given() {
        let long = QueryOutput::Solutions {
            variables: vec![Variable::new_unchecked("x")],
            rows: vec![vec![Some(Literal::from("a".repeat(200)).into())]],
        };
        let table = rendered(&long, Format::Table, style(40, Layout::Auto));
        assert!(table.lines().all(|line| line.width() <= 40), "{table}");
        assert!(!table.contains('…'), "nothing is cut:\n{table}");
        assert_eq!(table.matches('a').count(), 200, "{table}");
    }

    #[test]
    fn cells_wrap_at_spaces_and_long_words_are_broken() {
        let text = "Market structure of generative AI models (chapter) \
                    https://w3id.org/catena/statement/obs-nvidia-marketcap-loss-usd-article";
        let lines = wrap(text, 20);
        assert_eq!(lines[0], "Market structure of");
        assert_eq!(lines[1], "generative AI models");
        assert_eq!(lines[2], "(chapter)");
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(without_spaces(&lines.concat()), without_spaces(text));
        // A short text is one line, whatever its spaces.
        assert_eq!(wrap("a  b ", 10), ["a  b "]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let lines = wrap("日本語のテキスト", 5);
        assert_eq!(lines, ["日本", "語の", "テキ", "スト"]);
        let table = table(
            &["名前", "note"],
            &[&[
                "中华人民共和国国家互联网信息办公室",
                "a regulator of the internet in China",
            ]],
            style(30, Layout::Table),
        );
        assert_framed(&table, 30);
        assert!(table.contains("│ 中华人民共  │ a regulator  │"), "{table}");
    }

    #[test]
    fn line_breaks_in_a_cell_stay_inside_the_frame() {
        let table = table(
            &["x", "y"],
            &[&["one\ntwo\r\nthree\tfour", "b"]],
            TableStyle::default(),
        );
        assert_eq!(
            table,
            "┌────────────┬───┐\n\
             │ x          │ y │\n\
             ├────────────┼───┤\n\
             │ one        │ b │\n\
             │ two        │   │\n\
             │ three four │   │\n\
             └────────────┴───┘\n"
        );
    }

    #[test]
    fn numbers_stay_right_aligned_and_wide_columns_shrink_first() {
        let note = "multi-year, multi-billion (no currency or figure given)";
        let header = [
            "investor".to_owned(),
            "amount".to_owned(),
            "note".to_owned(),
        ];
        let rows = vec![vec![
            "Microsoft".to_owned(),
            "1 bn".to_owned(),
            note.to_owned(),
        ]];
        let mut buffer = Vec::new();
        let numeric = [false, true, false];
        write_table(
            &header,
            &rows,
            &numeric,
            style(40, Layout::Auto),
            &mut buffer,
        )
        .expect("writes");
        let table = String::from_utf8(buffer).expect("utf-8");
        assert_framed(&table, 40);
        // The short columns keep their width; the note takes what is left and wraps.
        assert!(
            table.contains("│ Microsoft │   1 bn │ multi-year,     │"),
            "{table}"
        );
        assert_eq!(table.lines().next().map(|l| l.width()), Some(40));
    }

    #[test]
    fn a_table_without_a_width_is_written_as_wide_as_it_is() {
        let text = "a ".repeat(100);
        let table = table(&["x"], &[&[text.trim_end()]], TableStyle::default());
        assert_eq!(table.lines().count(), 5, "one line per row:\n{table}");
    }

    #[test]
    fn expanded_mode_writes_one_block_per_record() {
        let expanded = rendered(&solutions(), Format::Table, style(80, Layout::Expanded));
        assert_eq!(
            expanded,
            "─[ RECORD 1 ]───\n\
             who │ ent:NVIDIA\n\
             n   │ 35\n\
             ─[ RECORD 2 ]───\n\
             who │ Cina\n\
             n   │\n\
             (2 rows)\n"
        );
        let long = "a regulator of the internet in China ".repeat(4);
        let expanded = table(
            &["name", "note"],
            &[&["CAC", long.trim_end()]],
            style(30, Layout::Expanded),
        );
        assert!(expanded.lines().all(|l| l.width() <= 30), "{expanded}");
        assert!(expanded.starts_with("─[ RECORD 1 ]────"), "{expanded}");
        // The rule crosses the separator when the names are wider than its label.
        let named = table(
            &["the date of the deal", "x"],
            &[&["2019", "1"]],
            style(40, Layout::Expanded),
        );
        assert!(
            named.starts_with("─[ RECORD 1 ]────────┼─────\n"),
            "{named}"
        );
        assert!(
            expanded.contains("\nnote │ a regulator of the\n     │ internet in China a\n"),
            "{expanded}"
        );
        assert_eq!(without_spaces(&expanded).matches("regulator").count(), 4);
    }

    #[test]
    fn auto_expands_only_a_table_that_cannot_fit() {
        let narrow = table(&["a", "b"], &[&["one", "two"]], style(40, Layout::Auto));
        assert!(narrow.starts_with('┌'), "{narrow}");
        let header: Vec<String> = (0..8).map(|i| format!("column {i}")).collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let row: Vec<&str> = vec!["some longer value"; 8];
        let wide = table(&header, &[&row], style(80, Layout::Auto));
        assert!(wide.starts_with("─[ RECORD 1 ]"), "{wide}");
        // The same table with room for its minimums, or with no width at all, stays a table.
        assert!(table(&header, &[&row], style(120, Layout::Auto)).starts_with('┌'));
        assert!(table(&header, &[&row], TableStyle::default()).starts_with('┌'));
        // Asked for a table, it gets one, as narrow as it can be.
        let forced = table(&header, &[&row], style(80, Layout::Table));
        assert_framed(&forced, 80);
    }

    proptest::proptest! {
        /// Wrapping keeps every character, in order, and every line fits.
        #[test]
        fn wrapping_keeps_every_character_and_fits(
            text in "[a-z é日本\\n-]{0,120}",
            width in 2usize..40,
        ) {
            let lines = wrap(&text, width);
            for line in &lines {
                proptest::prop_assert!(line.width() <= width, "{line:?} wider than {width}");
            }
            proptest::prop_assert_eq!(without_spaces(&lines.join("\n")), without_spaces(&text));
            let spaces = |t: &str| t.matches(' ').count();
            let breaks = lines.len() - text.matches('\n').count() - 1;
            proptest::prop_assert!(spaces(&text) - spaces(&lines.concat()) <= breaks);
        }

        /// A table of any cells fits any width its columns' minimums fit.
        #[test]
        fn tables_fit_the_width(
            cells in proptest::collection::vec("[a-z 日]{0,40}", 1..12),
            columns in 1usize..4,
            width in 30usize..100,
        ) {
            let header: Vec<String> = (0..columns).map(|i| format!("c{i}")).collect();
            let rows: Vec<Vec<String>> = cells
                .chunks(columns)
                .filter(|row| row.len() == columns)
                .map(<[String]>::to_vec)
                .collect();
            let mut buffer = Vec::new();
            write_table(&header, &rows, &vec![false; columns], style(width, Layout::Table), &mut buffer)
                .expect("writes");
            let table = String::from_utf8(buffer).expect("utf-8");
            let frame = table.lines().next().map(|l| l.width()).unwrap_or(0);
            for line in table.lines() {
                proptest::prop_assert!(line.width() <= width && line.width() == frame, "{table}");
            }
            let kept = without_spaces(&table.replace(['│', '─', '┌', '┐', '└', '┘', '├', '┤', '┼', '┬', '┴'], ""));
            let letters: usize = rows.iter().flatten().map(|c| without_spaces(c).chars().count()).sum();
            proptest::prop_assert_eq!(kept.chars().count(), letters + header.iter().map(|h| h.len()).sum::<usize>());
        }
    }

    #[test]
    fn csv_and_json_follow_the_w3c_formats() {
        let csv = rendered(&solutions(), Format::Csv, TableStyle::default());
        assert_eq!(
            csv,
            format!("who,n\r\n{}NVIDIA,35\r\nCina,\r\n", vocab::ENT)
        );
        let json: serde_json::Value =
            serde_json::from_str(&rendered(&solutions(), Format::Json, TableStyle::default()))
                .expect("valid JSON");
        assert_eq!(json["head"]["vars"], serde_json::json!(["who", "n"]));
        assert_eq!(json["results"]["bindings"][1]["who"]["xml:lang"], "it");
    }

    #[test]
    fn numbers_read_like_an_analyst_writes_them() {
        let n = |v: &str| {
            human_number(
                &Literal::new_typed_literal(v, oxigraph::model::vocab::xsd::DECIMAL).into(),
            )
        };
        assert_eq!(n("35080000000"), "35.08 bn");
        assert_eq!(n("590000000000"), "590 bn");
        assert_eq!(n("3610000000000"), "3.61 tn");
        assert_eq!(n("6000000"), "6 M");
        assert_eq!(n("150000"), "150,000");
        assert_eq!(n("2048"), "2,048");
        assert_eq!(n("89.56"), "89.56");
        assert_eq!(n("-1500"), "-1,500");
    }

    #[test]
    fn graphs_refuse_row_formats_with_a_hint() {
        let error = render(
            &QueryOutput::Graph(vec![]),
            Format::Csv,
            TableStyle::default(),
            &mut Vec::new(),
        )
        .expect_err("a graph is not rows");
        assert!(error.to_string().contains("--format turtle"), "{error}");
    }
}
