//! Content negotiation: the `format` parameter and the Accept header choose how a result is
//! written, among the formats of [`crate::formats`] that can carry its shape (rows and
//! booleans, or a graph).

use std::io;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::QueryResultsSerializer;

use super::http::Reply;
use crate::formats::{FORMATS, Format, FormatSpec};
use crate::sparql::QueryOutput;
use crate::vocab;

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
pub(super) enum Shape {
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

    /// The endpoint's formats for this shape (those with a media type), in its order of
    /// preference.
    fn formats(self) -> Vec<&'static FormatSpec> {
        let mut formats: Vec<&FormatSpec> = FORMATS
            .iter()
            .filter(|spec| !spec.media_types.is_empty())
            .filter(|spec| match self {
                Self::Solutions => spec.carries.rows && spec.carries.boolean,
                Self::Graph => spec.carries.graph,
            })
            .collect();
        formats.sort_by_key(|spec| spec.endpoint_rank);
        formats
    }

    /// Every media type of the shape's formats with its format: each format's own type
    /// first, in order of preference, then the other types they answer to.
    fn media_types(self) -> Vec<(&'static str, Format)> {
        let formats = self.formats();
        let own = formats
            .iter()
            .filter_map(|spec| Some((*spec.media_types.first()?, spec.format)));
        let others = formats.iter().flat_map(|spec| {
            spec.media_types
                .iter()
                .skip(1)
                .map(|media| (*media, spec.format))
        });
        own.chain(others).collect()
    }

    /// `json|xml|csv|tsv`: the names `format=` takes.
    pub(super) fn format_names(self) -> String {
        let names: Vec<&str> = self.formats().iter().map(|spec| spec.name).collect();
        names.join("|")
    }

    /// The formats' own media types, for messages.
    fn own_media_types(self) -> String {
        let media: Vec<&str> = self
            .formats()
            .iter()
            .filter_map(|spec| spec.media_types.first().copied())
            .collect();
        media.join(", ")
    }
}

/// A `format` parameter's value for a result of this shape: a format's name or alias
/// (`json`, `ttl`, `xml` for RDF/XML when the result is a graph…) or a media type.
fn format_parameter(value: &str, shape: Shape) -> Option<Format> {
    let value = media_type(value);
    shape
        .formats()
        .iter()
        .find(|spec| spec.is_named(&value))
        .map(|spec| spec.format)
        .or_else(|| {
            shape
                .media_types()
                .into_iter()
                .find(|(media, _)| *media == value)
                .map(|(_, format)| format)
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
fn negotiate(shape: Shape, accept: Option<&str>, formats: &[String]) -> Result<Format, String> {
    if !formats.is_empty() {
        return formats
            .iter()
            .find_map(|value| format_parameter(value, shape))
            .ok_or_else(|| {
                format!(
                    "format={} is not available for this result: use format={} \
                     (or Accept: {})",
                    formats.join(","),
                    shape.format_names(),
                    shape.own_media_types()
                )
            });
    }
    let ranges = match accept {
        Some(header) if !header.trim().is_empty() => parse_accept(header),
        _ => {
            return shape
                .formats()
                .first()
                .map(|spec| spec.format)
                .ok_or_else(|| "no format can carry this result".to_owned());
        }
    };
    let mut best: Option<(f32, Format)> = None;
    for (media, format) in shape.media_types() {
        let q = quality(media, &ranges);
        if q > 0.0 && best.is_none_or(|(best_q, _)| q > best_q) {
            best = Some((q, format));
        }
    }
    best.map(|(_, format)| format).ok_or_else(|| {
        format!(
            "none of the accepted types ({}) is available for this result; \
             the supported types are: {} (or add format={} to the URL)",
            accept.unwrap_or_default().trim(),
            shape.own_media_types(),
            shape.format_names()
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
fn serialize(output: &QueryOutput, format: Format) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let failed = |e: io::Error| format!("cannot write the results: {e}");
    match (output, format.results_format(), format.rdf_format()) {
        (QueryOutput::Solutions { variables, rows }, Some(results_format), _) => {
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
        (QueryOutput::Boolean(value), Some(results_format), _) => {
            QueryResultsSerializer::from_format(results_format)
                .serialize_boolean_to_writer(&mut out, *value)
                .map_err(failed)?;
        }
        (QueryOutput::Graph(triples), _, Some(rdf_format)) => {
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
    if format.spec().add_final_newline && out.last() != Some(&b'\n') {
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
            Ok(body) => {
                Reply::new(200, format.spec().content_type, body).with_header("Vary", "Accept")
            }
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
            assert_eq!(negotiate(Shape::Solutions, accept, &[]), Ok(Format::Json));
            assert_eq!(negotiate(Shape::Graph, accept, &[]), Ok(Format::Turtle));
        }
    }

    #[test]
    fn accept_follows_q_values_and_specificity() {
        let negotiate = |accept: &str| negotiate(Shape::Solutions, Some(accept), &[]);
        assert_eq!(negotiate("text/csv"), Ok(Format::Csv));
        assert_eq!(
            negotiate("application/sparql-results+json;q=0.5, text/tab-separated-values"),
            Ok(Format::Tsv)
        );
        assert_eq!(
            negotiate("application/sparql-results+xml;q=0.9, */*;q=0.1"),
            Ok(Format::Xml)
        );
        // The specific range's q=0 excludes JSON even though */* accepts everything.
        assert_eq!(
            negotiate("application/sparql-results+json;q=0, */*;q=0.5"),
            Ok(Format::Xml)
        );
        assert_eq!(negotiate("text/*"), Ok(Format::Csv));
        assert_eq!(negotiate("application/json"), Ok(Format::Json));
        assert_eq!(
            negotiate("Application/SPARQL-Results+XML; charset=utf-8"),
            Ok(Format::Xml)
        );
        // A browser: nothing specific, */* at 0.8.
        assert_eq!(
            negotiate("text/html,application/xhtml+xml,image/webp,*/*;q=0.8"),
            Ok(Format::Json)
        );
        // SPARQLWrapper's and rdflib's headers.
        assert_eq!(
            negotiate("application/sparql-results+json,application/json,text/javascript"),
            Ok(Format::Json)
        );
        assert_eq!(
            negotiate("application/sparql-results+xml, application/rdf+xml"),
            Ok(Format::Xml)
        );
        assert_eq!(
            super::negotiate(
                Shape::Graph,
                Some("application/sparql-results+xml, application/rdf+xml"),
                &[]
            ),
            Ok(Format::RdfXml)
        );
        assert_eq!(
            super::negotiate(Shape::Graph, Some("application/turtle,text/turtle"), &[]),
            Ok(Format::Turtle)
        );
        assert_eq!(
            super::negotiate(Shape::Graph, Some("application/n-triples"), &[]),
            Ok(Format::NTriples)
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
            Ok(Format::Csv)
        );
        assert_eq!(
            negotiate(
                Shape::Solutions,
                None,
                &formats(&["text/tab-separated-values"])
            ),
            Ok(Format::Tsv)
        );
        // SPARQLWrapper sends format=xml for CONSTRUCT by default: RDF/XML.
        assert_eq!(
            negotiate(Shape::Graph, None, &formats(&["xml"])),
            Ok(Format::RdfXml)
        );
        assert_eq!(
            negotiate(
                Shape::Graph,
                None,
                &formats(&["json-ld", "application/ld+json"])
            ),
            Ok(Format::JsonLd)
        );
        assert_eq!(
            negotiate(Shape::Graph, None, &formats(&["nt"])),
            Ok(Format::NTriples)
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
        let solution_formats: Vec<Format> = Shape::Solutions
            .formats()
            .iter()
            .map(|spec| spec.format)
            .collect();
        assert_eq!(
            solution_formats,
            [Format::Json, Format::Xml, Format::Csv, Format::Tsv]
        );
        for format in solution_formats {
            let text = String::from_utf8(serialize(&rows, format).expect("rows")).expect("utf-8");
            assert!(text.contains("TSMC"), "{format:?}: {text}");
            serialize(&QueryOutput::Boolean(true), format).expect("boolean");
            assert!(serialize(&graph, format).is_err());
        }
        let graph_formats: Vec<Format> = Shape::Graph
            .formats()
            .iter()
            .map(|spec| spec.format)
            .collect();
        assert_eq!(
            graph_formats,
            [
                Format::Turtle,
                Format::NTriples,
                Format::RdfXml,
                Format::JsonLd
            ]
        );
        for format in graph_formats {
            let text = String::from_utf8(serialize(&graph, format).expect("graph")).expect("utf-8");
            assert!(text.contains("NVIDIA"), "{format:?}: {text}");
            assert!(serialize(&rows, format).is_err());
        }
        let turtle =
            String::from_utf8(serialize(&graph, Format::Turtle).expect("turtle")).expect("utf-8");
        assert!(turtle.contains("ent:NVIDIA"), "{turtle}");
    }
}
