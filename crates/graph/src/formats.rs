//! The output formats, listed once: for each its names, media types, file extension, the
//! results it can carry and the oxigraph serializer behind it. The command line's
//! `--format`, the REPL's `.format`, the endpoint's content negotiation, the remote
//! endpoint's Accept and Content-Type, and every message that lists formats are read from
//! [`FORMATS`].

use std::sync::LazyLock;

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    NTriples,
    RdfXml,
    JsonLd,
}

/// The kinds of result a format can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carries {
    /// SELECT rows.
    pub rows: bool,
    /// An ASK answer.
    pub boolean: bool,
    /// CONSTRUCT or DESCRIBE triples.
    pub graph: bool,
}

const SOLUTIONS: Carries = Carries {
    rows: true,
    boolean: true,
    graph: false,
};
const GRAPH: Carries = Carries {
    rows: false,
    boolean: false,
    graph: true,
};

/// What writes a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// catena's own table for people (see `catena_engine::render`).
    Table,
    /// A W3C SPARQL query results format.
    Results(QueryResultsFormat),
    /// An RDF syntax.
    Rdf(RdfFormat),
}

/// One row of the table of formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatSpec {
    pub format: Format,
    /// The name `--format`, `.format` and the endpoint's `format=` take, and messages show.
    pub name: &'static str,
    /// Other names accepted for it; the endpoint looks names up among the formats that can
    /// carry the result, so `xml` is RDF/XML for a graph and `json` JSON-LD.
    pub aliases: &'static [&'static str],
    /// What it is, for `--help`.
    pub help: &'static str,
    /// Its media types: the first is the one it is known by, the others are accepted too
    /// (from clients' Accept and from remote endpoints' Content-Type). Empty for the table.
    pub media_types: &'static [&'static str],
    /// The Content-Type the endpoint labels it with.
    pub content_type: &'static str,
    /// The usual extension of a file in it.
    pub extension: &'static str,
    pub carries: Carries,
    pub syntax: Syntax,
    /// Offered on the command line and in the REPL (the others only by the endpoint).
    pub on_command_line: bool,
    /// Where the endpoint ranks it among the formats of one result shape when the client
    /// states no preference, lower first: SPARQL clients expect JSON results and Turtle.
    pub endpoint_rank: u8,
    /// Its serializer stops without a newline, which is added (a prompt should not follow
    /// the output on the same line).
    pub add_final_newline: bool,
}

/// Every output format, in the order the command line lists them.
pub const FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: Format::Table,
        name: "table",
        aliases: &[],
        help: "A table for people: prefixed IRIs, plain literal values",
        media_types: &[],
        content_type: "text/plain; charset=utf-8",
        extension: "txt",
        carries: SOLUTIONS,
        syntax: Syntax::Table,
        on_command_line: true,
        endpoint_rank: u8::MAX,
        add_final_newline: false,
    },
    FormatSpec {
        format: Format::Csv,
        name: "csv",
        aliases: &[],
        help: "W3C SPARQL 1.1 Query Results CSV",
        media_types: &["text/csv"],
        content_type: "text/csv; charset=utf-8",
        extension: "csv",
        carries: SOLUTIONS,
        syntax: Syntax::Results(QueryResultsFormat::Csv),
        on_command_line: true,
        endpoint_rank: 2,
        add_final_newline: false,
    },
    FormatSpec {
        format: Format::Tsv,
        name: "tsv",
        aliases: &[],
        help: "W3C SPARQL 1.1 Query Results TSV",
        media_types: &["text/tab-separated-values"],
        content_type: "text/tab-separated-values; charset=utf-8",
        extension: "tsv",
        carries: SOLUTIONS,
        syntax: Syntax::Results(QueryResultsFormat::Tsv),
        on_command_line: true,
        endpoint_rank: 3,
        add_final_newline: false,
    },
    FormatSpec {
        format: Format::Json,
        name: "json",
        aliases: &["srj"],
        help: "W3C SPARQL 1.1 Query Results JSON",
        media_types: &["application/sparql-results+json", "application/json"],
        content_type: "application/sparql-results+json",
        extension: "srj",
        carries: SOLUTIONS,
        syntax: Syntax::Results(QueryResultsFormat::Json),
        on_command_line: true,
        endpoint_rank: 0,
        add_final_newline: true,
    },
    FormatSpec {
        format: Format::Xml,
        name: "xml",
        aliases: &["srx"],
        help: "W3C SPARQL Query Results XML",
        media_types: &["application/sparql-results+xml"],
        content_type: "application/sparql-results+xml",
        extension: "srx",
        carries: SOLUTIONS,
        syntax: Syntax::Results(QueryResultsFormat::Xml),
        on_command_line: true,
        endpoint_rank: 1,
        add_final_newline: true,
    },
    FormatSpec {
        format: Format::Turtle,
        name: "turtle",
        aliases: &["ttl", "n3"],
        help: "Turtle, for CONSTRUCT and DESCRIBE results",
        media_types: &["text/turtle", "application/turtle", "application/x-turtle"],
        content_type: "text/turtle; charset=utf-8",
        extension: "ttl",
        carries: GRAPH,
        syntax: Syntax::Rdf(RdfFormat::Turtle),
        on_command_line: true,
        endpoint_rank: 0,
        add_final_newline: false,
    },
    FormatSpec {
        format: Format::NTriples,
        name: "ntriples",
        aliases: &["n-triples", "nt"],
        help: "N-Triples, for CONSTRUCT and DESCRIBE results",
        media_types: &["application/n-triples"],
        content_type: "application/n-triples",
        extension: "nt",
        carries: GRAPH,
        syntax: Syntax::Rdf(RdfFormat::NTriples),
        on_command_line: true,
        endpoint_rank: 1,
        add_final_newline: false,
    },
    FormatSpec {
        format: Format::RdfXml,
        name: "rdfxml",
        aliases: &["rdf+xml", "rdf", "xml"],
        help: "RDF/XML, for CONSTRUCT and DESCRIBE results",
        media_types: &["application/rdf+xml"],
        content_type: "application/rdf+xml",
        extension: "rdf",
        carries: GRAPH,
        syntax: Syntax::Rdf(RdfFormat::RdfXml),
        on_command_line: false,
        endpoint_rank: 2,
        add_final_newline: true,
    },
    FormatSpec {
        format: Format::JsonLd,
        name: "jsonld",
        aliases: &["json-ld", "json"],
        help: "JSON-LD, for CONSTRUCT and DESCRIBE results",
        media_types: &["application/ld+json"],
        content_type: "application/ld+json",
        extension: "jsonld",
        carries: GRAPH,
        syntax: Syntax::Rdf(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        on_command_line: false,
        endpoint_rank: 3,
        add_final_newline: true,
    },
];

impl Format {
    /// Its row of [`FORMATS`].
    pub fn spec(self) -> &'static FormatSpec {
        FORMATS
            .iter()
            .find(|spec| spec.format == self)
            .expect("every format has a row in FORMATS")
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The W3C results format that writes it, if it is one.
    pub fn results_format(self) -> Option<QueryResultsFormat> {
        match self.spec().syntax {
            Syntax::Results(format) => Some(format),
            _ => None,
        }
    }

    /// The RDF syntax that writes it, if it is one.
    pub fn rdf_format(self) -> Option<RdfFormat> {
        match self.spec().syntax {
            Syntax::Rdf(format) => Some(format),
            _ => None,
        }
    }

    /// The format of the command line (and REPL) named `name` or one of its aliases.
    pub fn from_command_line_name(name: &str) -> Option<Self> {
        command_line_formats()
            .iter()
            .copied()
            .find(|format| format.spec().is_named(name))
    }

    /// The format a media type (without parameters, any case) names, if any.
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        FORMATS
            .iter()
            .find(|spec| {
                spec.media_types
                    .iter()
                    .any(|media| media.eq_ignore_ascii_case(media_type))
            })
            .map(|spec| spec.format)
    }
}

impl FormatSpec {
    /// True when `name` is its name or one of its aliases (names are lower case).
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The formats of `--format` and `.format`, in the table's order.
pub fn command_line_formats() -> &'static [Format] {
    static FORMATS_OF_THE_COMMAND_LINE: LazyLock<Vec<Format>> = LazyLock::new(|| {
        FORMATS
            .iter()
            .filter(|spec| spec.on_command_line)
            .map(|spec| spec.format)
            .collect()
    });
    &FORMATS_OF_THE_COMMAND_LINE
}

/// `--format`'s values, from the table (with the `clap` feature, which the command line turns on).
#[cfg(feature = "clap")]
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        command_line_formats()
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let spec = self.spec();
        spec.on_command_line.then(|| {
            clap::builder::PossibleValue::new(spec.name)
                .help(spec.help)
                .aliases(spec.aliases.iter().copied())
        })
    }
}

/// Names for a message: `a, b or c`.
pub fn names_in_words(formats: impl IntoIterator<Item = Format>) -> String {
    let names: Vec<&str> = formats.into_iter().map(Format::name).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The command line's formats that can carry what `carries` picks out, in the table's order.
pub fn command_line_formats_for(carries: impl Fn(&Carries) -> bool) -> Vec<Format> {
    command_line_formats()
        .iter()
        .copied()
        .filter(|format| carries(&format.spec().carries))
        .collect()
}

/// An Accept header asking for `formats` in this order of preference (q = 1, 0.9, 0.8 …).
pub fn accept_header(formats: &[Format]) -> String {
    formats
        .iter()
        .zip(0u8..)
        .filter_map(|(format, rank)| {
            let media = format.spec().media_types.first()?;
            Some(match rank {
                0 => (*media).to_owned(),
                _ => format!("{media};q=0.{}", 10 - rank.min(9)),
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_row_and_its_writer_carries_it() {
        for spec in FORMATS {
            assert_eq!(
                FORMATS.iter().filter(|s| s.format == spec.format).count(),
                1,
                "{spec:?}"
            );
            let writer_carries = match spec.syntax {
                Syntax::Table | Syntax::Results(_) => !spec.carries.graph,
                Syntax::Rdf(_) => spec.carries == GRAPH,
            };
            assert!(writer_carries, "{spec:?}");
            assert_eq!(
                spec.media_types.is_empty(),
                spec.syntax == Syntax::Table,
                "{spec:?}"
            );
            if let Some(media) = spec.media_types.first() {
                assert!(spec.content_type.starts_with(media), "{spec:?}");
            }
        }
    }

    #[test]
    fn the_oxigraph_formats_agree_with_the_table() {
        for spec in FORMATS {
            let (media, extension) = match spec.syntax {
                Syntax::Table => continue,
                Syntax::Results(format) => (format.media_type(), format.file_extension()),
                Syntax::Rdf(format) => (format.media_type(), format.file_extension()),
            };
            let media = media.split(';').next().unwrap_or_default();
            assert_eq!(spec.media_types.first(), Some(&media), "{spec:?}");
            assert_eq!(spec.extension, extension, "{spec:?}");
        }
    }

    #[test]
    fn names_are_unique_among_the_formats_of_one_shape() {
        for (shape, carries) in [
            ("solutions", SOLUTIONS),
            ("graph", GRAPH),
            ("the command line", SOLUTIONS),
        ] {
            let mut seen = std::collections::HashSet::new();
            for spec in FORMATS.iter().filter(|spec| {
                if shape == "the command line" {
                    spec.on_command_line
                } else {
                    spec.carries == carries
                }
            }) {
                for name in std::iter::once(&spec.name).chain(spec.aliases) {
                    assert!(seen.insert(*name), "`{name}` twice among {shape}");
                }
            }
        }
    }

    #[test]
    fn the_command_line_parses_names_and_aliases_from_the_table() {
        assert_eq!(
            command_line_formats()
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>(),
            ["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"]
        );
        assert_eq!(Format::from_command_line_name("nt"), Some(Format::NTriples));
        assert_eq!(Format::from_command_line_name("jsonld"), None);
        assert_eq!(Format::Table.to_string(), "table");
    }

    #[cfg(feature = "clap")]
    #[test]
    fn clap_parses_names_and_aliases_from_the_table() {
        use clap::ValueEnum;
        assert_eq!(Format::from_str("ttl", false), Ok(Format::Turtle));
        assert!(Format::from_str("rdfxml", false).is_err());
    }

    #[test]
    fn media_types_and_accept_headers() {
        assert_eq!(
            Format::from_media_type("Application/JSON"),
            Some(Format::Json)
        );
        assert_eq!(
            Format::from_media_type("application/x-turtle"),
            Some(Format::Turtle)
        );
        assert_eq!(Format::from_media_type("text/html"), None);
        assert_eq!(
            accept_header(&[Format::Json, Format::NTriples, Format::Turtle]),
            "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
        );
        assert_eq!(
            names_in_words([Format::Turtle, Format::NTriples]),
            "turtle or ntriples"
        );
        assert_eq!(names_in_words([Format::Csv]), "csv");
    }
}
