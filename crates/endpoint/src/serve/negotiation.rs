//! Content negotiation: the `format` parameter and the Accept header choose how a result is
//! written, among the formats that can carry its shape (rows and booleans, or a graph).

use std::io;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use super::http::Reply;
use crate::sparql::QueryOutput;
use crate::vocab;

const SOLUTION_FORMATS: &[(&str, OutputFormat)] = &[
    ("application/sparql-results+json", OutputFormat::Json),
    ("application/sparql-results+xml", OutputFormat::Xml),
    ("text/csv", OutputFormat::Csv),
    ("text/tab-separated-values", OutputFormat::Tsv),
    ("application/json", OutputFormat::Json),
];

const GRAPH_FORMATS: &[(&str, OutputFormat)] = &[
    ("text/turtle", OutputFormat::Turtle),
    ("application/n-triples", OutputFormat::NTriples),
    ("application/rdf+xml", OutputFormat::RdfXml),
    ("application/ld+json", OutputFormat::JsonLd),
    ("application/turtle", OutputFormat::Turtle),
    ("application/x-turtle", OutputFormat::Turtle),
];

/// The media type of a Content-Type or Accept entry, lower-cased, without parameters.
pub(super) fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The kind of result a format has to carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// SELECT rows or an ASK boolean.
    Solutions,
    /// CONSTRUCT or DESCRIBE triples.
    Graph,
}

impl Shape {
    fn of(output: &QueryOutput) -> Self {
        match output {
            QueryOutput::Graph(_) => Self::Graph,
            QueryOutput::Solutions { .. } | QueryOutput::Boolean(_) => Self::Solutions,
        }
    }

    fn formats(self) -> &'static [(&'static str, OutputFormat)] {
        match self {
            Self::Solutions => SOLUTION_FORMATS,
            Self::Graph => GRAPH_FORMATS,
        }
    }

    fn format_names(self) -> &'static str {
        match self {
            Self::Solutions => "json, xml, csv, tsv",
            Self::Graph => "turtle, ntriples, rdfxml, jsonld",
        }
    }
}

/// A serialization the endpoint writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutputFormat {
    Json,
    Xml,
    Csv,
    Tsv,
    Turtle,
    NTriples,
    RdfXml,
    JsonLd,
}

impl OutputFormat {
    fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/sparql-results+json",
            Self::Xml => "application/sparql-results+xml",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Tsv => "text/tab-separated-values; charset=utf-8",
            Self::Turtle => "text/turtle; charset=utf-8",
            Self::NTriples => "application/n-triples",
            Self::RdfXml => "application/rdf+xml",
            Self::JsonLd => "application/ld+json",
        }
    }
}

/// A `format` parameter's value for a result of this shape: a short name (`json`, `xml`,
/// `csv`, `tsv`, `turtle`, `ntriples`, `rdfxml`, `jsonld`) or a media type.
fn format_parameter(value: &str, shape: Shape) -> Option<OutputFormat> {
    let value = media_type(value);
    let named = match (value.as_str(), shape) {
        ("json" | "srj", Shape::Solutions) => Some(OutputFormat::Json),
        ("xml" | "srx", Shape::Solutions) => Some(OutputFormat::Xml),
        ("csv", Shape::Solutions) => Some(OutputFormat::Csv),
        ("tsv", Shape::Solutions) => Some(OutputFormat::Tsv),
        ("turtle" | "ttl" | "n3", Shape::Graph) => Some(OutputFormat::Turtle),
        ("ntriples" | "n-triples" | "nt", Shape::Graph) => Some(OutputFormat::NTriples),
        ("xml" | "rdfxml" | "rdf+xml" | "rdf", Shape::Graph) => Some(OutputFormat::RdfXml),
        ("json" | "jsonld" | "json-ld", Shape::Graph) => Some(OutputFormat::JsonLd),
        _ => None,
    };
    named.or_else(|| {
        shape
            .formats()
            .iter()
            .find(|(media, _)| *media == value)
            .map(|(_, format)| *format)
    })
}

/// One entry of an Accept header.
#[derive(Debug, Clone, PartialEq)]
struct MediaRange {
    kind: String,
    subtype: String,
    q: f32,
}

/// The entries of an Accept header; malformed entries are skipped.
fn parse_accept(header: &str) -> Vec<MediaRange> {
    header
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let (kind, subtype) = parts.next()?.trim().split_once('/')?;
            let (kind, subtype) = (kind.trim(), subtype.trim());
            if kind.is_empty() || subtype.is_empty() || (kind == "*" && subtype != "*") {
                return None;
            }
            let mut q = 1.0f32;
            for parameter in parts {
                let Some((name, value)) = parameter.split_once('=') else {
                    continue;
                };
                if name.trim().eq_ignore_ascii_case("q") {
                    q = value.trim().parse::<f32>().ok().filter(|q| q.is_finite())?;
                    q = q.clamp(0.0, 1.0);
                }
            }
            Some(MediaRange {
                kind: kind.to_ascii_lowercase(),
                subtype: subtype.to_ascii_lowercase(),
                q,
            })
        })
        .collect()
}

/// The quality the client gives `media` (`type/subtype`): that of the most specific range
/// that matches it, 0 if none does.
fn quality(media: &str, ranges: &[MediaRange]) -> f32 {
    let (kind, subtype) = media.split_once('/').unwrap_or((media, ""));
    ranges
        .iter()
        .filter_map(|range| {
            let specificity = if range.kind == kind && range.subtype == subtype {
                2
            } else if range.kind == kind && range.subtype == "*" {
                1
            } else if range.kind == "*" && range.subtype == "*" {
                0
            } else {
                return None;
            };
            Some((specificity, range.q))
        })
        .max_by_key(|(specificity, _)| *specificity)
        .map_or(0.0, |(_, q)| q)
}

/// The format for a result of this shape: the `format` parameters first (the first one
/// that fits), else the Accept header (highest quality; ties go to the server's order,
/// JSON or Turtle first), else the default. `Err` is the 406 message.
fn negotiate(
    shape: Shape,
    accept: Option<&str>,
    formats: &[String],
) -> Result<OutputFormat, String> {
    let available = || {
        shape
            .formats()
            .iter()
            .filter(|(media, _)| {
                !matches!(
                    *media,
                    "application/json" | "application/turtle" | "application/x-turtle"
                )
            })
            .map(|(media, _)| *media)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !formats.is_empty() {
        return formats
            .iter()
            .find_map(|value| format_parameter(value, shape))
            .ok_or_else(|| {
                format!(
                    "format={} is not available for this result: use format={} \
                     (or Accept: {})",
                    formats.join(","),
                    shape.format_names().replace(", ", "|"),
                    available()
                )
            });
    }
    let ranges = match accept {
        Some(header) if !header.trim().is_empty() => parse_accept(header),
        _ => return Ok(shape.formats()[0].1),
    };
    let mut best: Option<(f32, OutputFormat)> = None;
    for (media, format) in shape.formats() {
        let q = quality(media, &ranges);
        if q > 0.0 && best.is_none_or(|(best_q, _)| q > best_q) {
            best = Some((q, *format));
        }
    }
    best.map(|(_, format)| format).ok_or_else(|| {
        format!(
            "none of the accepted types ({}) is available for this result; \
             the supported types are: {} (or add format={} to the URL)",
            accept.unwrap_or_default().trim(),
            available(),
            shape.format_names().replace(", ", "|")
        )
    })
}

/// 406 before running anything, when no result shape could be sent at all.
pub(super) fn acceptable_for_some_shape(
    accept: Option<&str>,
    formats: &[String],
) -> Result<(), Reply> {
    match negotiate(Shape::Solutions, accept, formats) {
        Ok(_) => Ok(()),
        Err(solutions) => match negotiate(Shape::Graph, accept, formats) {
            Ok(_) => Ok(()),
            Err(graph) => Err(Reply::text(
                406,
                format!("{solutions}\nfor CONSTRUCT and DESCRIBE: {graph}"),
            )),
        },
    }
}

/// Writes a result in a format.
fn serialize(output: &QueryOutput, format: OutputFormat) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let results_format = match format {
        OutputFormat::Json => Some(QueryResultsFormat::Json),
        OutputFormat::Xml => Some(QueryResultsFormat::Xml),
        OutputFormat::Csv => Some(QueryResultsFormat::Csv),
        OutputFormat::Tsv => Some(QueryResultsFormat::Tsv),
        _ => None,
    };
    let failed = |e: io::Error| format!("cannot write the results: {e}");
    match (output, results_format) {
        (QueryOutput::Solutions { variables, rows }, Some(results_format)) => {
            let mut serializer = QueryResultsSerializer::from_format(results_format)
                .serialize_solutions_to_writer(&mut out, variables.clone())
                .map_err(failed)?;
            for row in rows {
                serializer
                    .serialize(
                        variables
                            .iter()
                            .zip(row)
                            .filter_map(|(variable, term)| Some((variable, term.as_ref()?))),
                    )
                    .map_err(failed)?;
            }
            serializer.finish().map_err(failed)?;
        }
        (QueryOutput::Boolean(value), Some(results_format)) => {
            QueryResultsSerializer::from_format(results_format)
                .serialize_boolean_to_writer(&mut out, *value)
                .map_err(failed)?;
        }
        (QueryOutput::Graph(triples), None) => {
            let rdf_format = match format {
                OutputFormat::NTriples => RdfFormat::NTriples,
                OutputFormat::RdfXml => RdfFormat::RdfXml,
                OutputFormat::JsonLd => RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                },
                _ => RdfFormat::Turtle,
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format == RdfFormat::Turtle {
                for (prefix, iri) in vocab::PREFIXES {
                    serializer = serializer
                        .with_prefix(*prefix, *iri)
                        .map_err(|e| format!("invalid prefix {prefix}: {e}"))?;
                }
            }
            let mut writer = serializer.for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(triple).map_err(failed)?;
            }
            writer.finish().map_err(failed)?;
        }
        _ => return Err(format!("{format:?} cannot hold this result")),
    }
    if matches!(
        format,
        OutputFormat::Json | OutputFormat::Xml | OutputFormat::JsonLd | OutputFormat::RdfXml
    ) && out.last() != Some(&b'\n')
    {
        out.push(b'\n');
    }
    Ok(out)
}

/// The reply for a result, in the negotiated format.
pub(super) fn result_reply(
    output: &QueryOutput,
    accept: Option<&str>,
    formats: &[String],
) -> Reply {
    match negotiate(Shape::of(output), accept, formats) {
        Err(message) => Reply::text(406, message),
        Ok(format) => match serialize(output, format) {
            Ok(body) => Reply::new(200, format.content_type(), body).with_header("Vary", "Accept"),
            Err(message) => Reply::text(500, message),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode, Triple, Variable};

    fn formats(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn accept_defaults_to_json_and_turtle() {
        for accept in [None, Some(""), Some("*/*"), Some("  ")] {
            assert_eq!(
                negotiate(Shape::Solutions, accept, &[]),
                Ok(OutputFormat::Json)
            );
            assert_eq!(
                negotiate(Shape::Graph, accept, &[]),
                Ok(OutputFormat::Turtle)
            );
        }
    }

    #[test]
    fn accept_follows_q_values_and_specificity() {
        let negotiate = |accept: &str| negotiate(Shape::Solutions, Some(accept), &[]);
        assert_eq!(negotiate("text/csv"), Ok(OutputFormat::Csv));
        assert_eq!(
            negotiate("application/sparql-results+json;q=0.5, text/tab-separated-values"),
            Ok(OutputFormat::Tsv)
        );
        assert_eq!(
            negotiate("application/sparql-results+xml;q=0.9, */*;q=0.1"),
            Ok(OutputFormat::Xml)
        );
        // The specific range's q=0 excludes JSON even though */* accepts everything.
        assert_eq!(
            negotiate("application/sparql-results+json;q=0, */*;q=0.5"),
            Ok(OutputFormat::Xml)
        );
        assert_eq!(negotiate("text/*"), Ok(OutputFormat::Csv));
        assert_eq!(negotiate("application/json"), Ok(OutputFormat::Json));
        assert_eq!(
            negotiate("Application/SPARQL-Results+XML; charset=utf-8"),
            Ok(OutputFormat::Xml)
        );
        // A browser: nothing specific, */* at 0.8.
        assert_eq!(
            negotiate("text/html,application/xhtml+xml,image/webp,*/*;q=0.8"),
            Ok(OutputFormat::Json)
        );
        // SPARQLWrapper's and rdflib's headers.
        assert_eq!(
            negotiate("application/sparql-results+json,application/json,text/javascript"),
            Ok(OutputFormat::Json)
        );
        assert_eq!(
            negotiate("application/sparql-results+xml, application/rdf+xml"),
            Ok(OutputFormat::Xml)
        );
        assert_eq!(
            super::negotiate(
                Shape::Graph,
                Some("application/sparql-results+xml, application/rdf+xml"),
                &[]
            ),
            Ok(OutputFormat::RdfXml)
        );
        assert_eq!(
            super::negotiate(Shape::Graph, Some("application/turtle,text/turtle"), &[]),
            Ok(OutputFormat::Turtle)
        );
        assert_eq!(
            super::negotiate(Shape::Graph, Some("application/n-triples"), &[]),
            Ok(OutputFormat::NTriples)
        );
    }

    #[test]
    fn unsatisfiable_accept_lists_the_supported_types() {
        let message = negotiate(Shape::Solutions, Some("text/html"), &[]).expect_err("406");
        for media in [
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        ] {
            assert!(message.contains(media), "{message}");
        }
        let message = negotiate(Shape::Graph, Some("text/csv"), &[]).expect_err("406");
        assert!(message.contains("text/turtle"), "{message}");
        assert!(negotiate(Shape::Solutions, Some("application/json;q=0"), &[]).is_err());
        assert!(acceptable_for_some_shape(Some("text/html"), &[]).is_err());
        assert!(acceptable_for_some_shape(Some("text/turtle"), &[]).is_ok());
    }

    #[test]
    fn malformed_accept_entries_are_skipped() {
        let ranges = parse_accept("garbage, text/csv;q=abc, */html, text/tab-separated-values;q=2");
        assert_eq!(
            ranges,
            vec![MediaRange {
                kind: "text".into(),
                subtype: "tab-separated-values".into(),
                q: 1.0
            }]
        );
    }

    #[test]
    fn the_format_parameter_overrides_accept() {
        assert_eq!(
            negotiate(Shape::Solutions, Some("text/html"), &formats(&["csv"])),
            Ok(OutputFormat::Csv)
        );
        assert_eq!(
            negotiate(
                Shape::Solutions,
                None,
                &formats(&["text/tab-separated-values"])
            ),
            Ok(OutputFormat::Tsv)
        );
        // SPARQLWrapper sends format=xml for CONSTRUCT by default: RDF/XML.
        assert_eq!(
            negotiate(Shape::Graph, None, &formats(&["xml"])),
            Ok(OutputFormat::RdfXml)
        );
        assert_eq!(
            negotiate(
                Shape::Graph,
                None,
                &formats(&["json-ld", "application/ld+json"])
            ),
            Ok(OutputFormat::JsonLd)
        );
        assert_eq!(
            negotiate(Shape::Graph, None, &formats(&["nt"])),
            Ok(OutputFormat::NTriples)
        );
        let message = negotiate(Shape::Graph, None, &formats(&["csv"])).expect_err("406");
        assert!(message.contains("turtle"), "{message}");
    }

    #[test]
    fn results_serialize_in_every_format() {
        let ent = |name: &str| NamedNode::new_unchecked(format!("{}{name}", vocab::ENT));
        let rows = QueryOutput::Solutions {
            variables: vec![Variable::new_unchecked("x")],
            rows: vec![vec![Some(ent("TSMC").into())], vec![None]],
        };
        let graph = QueryOutput::Graph(vec![Triple::new(
            ent("NVIDIA"),
            NamedNode::new_unchecked(vocab::cat("dependsOn")),
            Literal::from("x"),
        )]);
        for format in [
            OutputFormat::Json,
            OutputFormat::Xml,
            OutputFormat::Csv,
            OutputFormat::Tsv,
        ] {
            let text = String::from_utf8(serialize(&rows, format).expect("rows")).expect("utf-8");
            assert!(text.contains("TSMC"), "{format:?}: {text}");
            serialize(&QueryOutput::Boolean(true), format).expect("boolean");
            assert!(serialize(&graph, format).is_err());
        }
        for format in [
            OutputFormat::Turtle,
            OutputFormat::NTriples,
            OutputFormat::RdfXml,
            OutputFormat::JsonLd,
        ] {
            let text = String::from_utf8(serialize(&graph, format).expect("graph")).expect("utf-8");
            assert!(text.contains("NVIDIA"), "{format:?}: {text}");
            assert!(serialize(&rows, format).is_err());
        }
        let turtle = String::from_utf8(serialize(&graph, OutputFormat::Turtle).expect("turtle"))
            .expect("utf-8");
        assert!(turtle.contains("ent:NVIDIA"), "{turtle}");
    }
}
