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

/// Options of the table renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableStyle {
    /// Fit the table in this many columns by shortening the widest cells.
    pub max_width: Option<usize>,
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
    let QueryOutput::Solutions { variables, rows } = &answer.output else {
        return render(&answer.output, format, style, out);
    };
    if format != Format::Table || answer.columns.is_empty() {
        return render(&answer.output, format, style, out);
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
    let n = rows.len();
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })?;
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

fn is_numeric(term: &Term) -> bool {
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

/// Box-drawn table; numeric columns right-aligned; cells shortened with "…" to fit.
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    numeric: &[bool],
    style: TableStyle,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    if let Some(max_width) = style.max_width {
        shrink_to_fit(&mut widths, max_width);
    }
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

fn write_row(
    cells: &[String],
    widths: &[usize],
    numeric: &[bool],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut line = String::from("│");
    for ((cell, &width), &right) in cells.iter().zip(widths).zip(numeric) {
        let cell = truncate(cell, width);
        let pad = " ".repeat(width.saturating_sub(cell.width()));
        if right {
            line.push_str(&format!(" {pad}{cell} │"));
        } else {
            line.push_str(&format!(" {cell}{pad} │"));
        }
    }
    writeln!(out, "{line}")
}

/// Narrows the widest columns first until the table fits, never below 8 characters.
fn shrink_to_fit(widths: &mut [usize], max_width: usize) {
    const MIN_COLUMN: usize = 8;
    let total = |widths: &[usize]| widths.iter().map(|w| w + 3).sum::<usize>() + 1;
    while total(widths) > max_width {
        let Some((index, &widest)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            return;
        };
        if widest <= MIN_COLUMN {
            return;
        }
        widths[index] = widest - 1;
    }
}

fn truncate(cell: &str, width: usize) -> String {
    // Cells are single-line: a newline would break the table's frame.
    let cell = cell.replace(['\n', '\r'], " ");
    if cell.width() <= width {
        return cell;
    }
    let mut shortened = String::new();
    for c in cell.chars() {
        if shortened.width() + c.to_string().width() + 1 > width {
            break;
        }
        shortened.push(c);
    }
    shortened.push('…');
    shortened
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

    #[test]
    fn table_fits_the_width_it_is_given() {
        let long = QueryOutput::Solutions {
            variables: vec![Variable::new_unchecked("x")],
            rows: vec![vec![Some(Literal::from("a".repeat(200)).into())]],
        };
        let table = rendered(
            &long,
            Format::Table,
            TableStyle {
                max_width: Some(40),
            },
        );
        assert!(table.lines().all(|line| line.width() <= 40), "{table}");
        assert!(table.contains('…'));
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
