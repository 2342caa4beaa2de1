//! A remote SPARQL 1.1 endpoint as the execution backend (`--endpoint URL`): queries go over
//! the SPARQL Protocol, results come back as SPARQL JSON or N-Triples and are read into the
//! same [`QueryOutput`] a local store gives, so every question works unchanged.

use std::io::Read;
use std::time::Duration;

use oxigraph::io::RdfParser;
use oxigraph::model::Triple;
use oxigraph::sparql::results::{QueryResultsParser, ReaderQueryResultsParserOutput};

use crate::formats::{self, Format};
use crate::sparql::{QueryError, QueryOutput, Reason};
use crate::vocab;

/// A SPARQL endpoint reached over HTTP.
#[derive(Clone)]
pub struct Endpoint {
    url: String,
    agent: ureq::Agent,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint").field("url", &self.url).finish()
    }
}

/// Why an endpoint could not be reached or its answer not read.
#[derive(Debug)]
pub enum RemoteError {
    /// The endpoint's address is not an http:// or https:// URL.
    NotHttp(String),
    /// The request did not get an answer (connection, timeout, TLS…).
    Request(ureq::Error),
    /// The endpoint answered with an error status.
    Status { status: u16, body: String },
    /// The endpoint's answer is not in a type catena reads.
    UnexpectedType(String),
    /// The answer claims a results format it does not follow.
    UnreadableResults(oxigraph::sparql::results::QueryResultsParseError),
    /// The answer claims an RDF format it does not follow.
    UnreadableGraph(oxigraph::io::RdfParseError),
}

impl std::fmt::Display for RemoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotHttp(url) => write!(f, "`{url}` is not an http:// or https:// URL"),
            Self::Request(error) => error.fmt(f),
            Self::Status { status, body } => write!(f, "HTTP {status}: {body}"),
            Self::UnexpectedType(other) => write!(f, "unexpected response type `{other}`"),
            Self::UnreadableResults(error) => write!(f, "unreadable results: {error}"),
            Self::UnreadableGraph(error) => write!(f, "unreadable graph: {error}"),
        }
    }
}

impl std::error::Error for RemoteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // The message is the request error's own: its cause is the request error's.
            Self::Request(error) => error.source(),
            Self::UnreadableResults(error) => Some(error),
            Self::UnreadableGraph(error) => Some(error),
            Self::NotHttp(_) | Self::Status { .. } | Self::UnexpectedType(_) => None,
        }
    }
}

impl Endpoint {
    /// An endpoint at `url` (http:// or https://), with a per-request timeout.
    pub fn new(url: &str, timeout: Duration) -> Result<Self, RemoteError> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(RemoteError::NotHttp(url.to_owned()));
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build();
        Ok(Self {
            url: url.to_owned(),
            agent: ureq::Agent::new_with_config(config),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs a query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the endpoint, catena's prefixes
    /// predeclared.
    pub fn query(&self, query: &str) -> Result<QueryOutput, QueryError> {
        // catena predefines its prefixes; another engine needs them declared.
        let text = format!("{}{query}", vocab::prologue(None));
        let failed = |error: RemoteError| self.failed(error);
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/sparql-query")
            .header(
                "Accept",
                formats::accept_header(&[Format::Json, Format::NTriples, Format::Turtle]),
            )
            .send(text.as_bytes())
            .map_err(|e| failed(RemoteError::Request(e)))?;
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !status.is_success() {
            let body = response.body_mut().read_to_string().unwrap_or_default();
            let error = RemoteError::Status {
                status: status.as_u16(),
                body: body.trim().to_owned(),
            };
            return Err(if status.as_u16() == 400 {
                QueryError::syntax(error.to_string(), None)
            } else {
                failed(error)
            });
        }
        let reader = response.into_body().into_reader();
        read_results(&content_type, reader).map_err(failed)
    }
}

impl Endpoint {
    /// A failure of this endpoint, as a query error naming it.
    fn failed(&self, error: RemoteError) -> QueryError {
        QueryError::Evaluation(Reason::caused_by(format!("{}: {error}", self.url), error))
    }

    /// Sends a SPARQL Update over the protocol (`application/sparql-update`).
    pub fn update(&self, update: &str) -> Result<(), QueryError> {
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/sparql-update")
            .send(update.as_bytes())
            .map_err(|e| self.failed(RemoteError::Request(e)))?;
        if response.status().is_success() {
            return Ok(());
        }
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        Err(self.failed(RemoteError::Status {
            status,
            body: body.trim().to_owned(),
        }))
    }

    /// Uploads quads with `INSERT DATA`, one request per batch of at most `batch` quads, each
    /// quad in its named graph. Returns the number of quads sent.
    pub fn push(&self, quads: &[oxigraph::model::Quad], batch: usize) -> Result<usize, QueryError> {
        use std::fmt::Write as _;
        for chunk in quads.chunks(batch.max(1)) {
            let mut update = String::from("INSERT DATA {\n");
            for quad in chunk {
                // Terms print in N-Triples syntax, escaped: the data cannot change the update.
                let triple =
                    oxigraph::model::TripleRef::new(&quad.subject, &quad.predicate, &quad.object);
                match &quad.graph_name {
                    oxigraph::model::GraphName::DefaultGraph => {
                        writeln!(update, "  {triple} .").expect("writing to a String");
                    }
                    graph => {
                        writeln!(update, "  GRAPH {graph} {{ {triple} }}")
                            .expect("writing to a String");
                    }
                }
            }
            update.push('}');
            self.update(&update)?;
        }
        Ok(quads.len())
    }
}

/// Reads a protocol response body of the given media type.
fn read_results(content_type: &str, reader: impl Read) -> Result<QueryOutput, RemoteError> {
    let format = Format::from_media_type(content_type);
    if let Some(format) = format.and_then(Format::results_format) {
        return match QueryResultsParser::from_format(format)
            .for_reader(reader)
            .map_err(RemoteError::UnreadableResults)?
        {
            ReaderQueryResultsParserOutput::Boolean(value) => Ok(QueryOutput::Boolean(value)),
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let rows = solutions
                    .map(|solution| {
                        solution.map(|solution| {
                            variables.iter().map(|v| solution.get(v).cloned()).collect()
                        })
                    })
                    .collect::<Result<_, _>>()
                    .map_err(RemoteError::UnreadableResults)?;
                Ok(QueryOutput::Solutions { variables, rows })
            }
        };
    }
    let rdf_format = format
        .and_then(Format::rdf_format)
        .ok_or_else(|| RemoteError::UnexpectedType(content_type.to_owned()))?;
    let triples: Vec<Triple> = RdfParser::from_format(rdf_format)
        .for_reader(reader)
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<_, _>>()
        .map_err(RemoteError::UnreadableGraph)?;
    Ok(QueryOutput::Graph(triples))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_solutions_and_booleans() {
        let json = r#"{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"https://w3id.org/catena/entity/TSMC"}}]}}"#;
        match read_results("application/sparql-results+json", json.as_bytes()) {
            Ok(QueryOutput::Solutions { rows, .. }) => assert_eq!(rows.len(), 1),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_results(
                "application/sparql-results+json",
                r#"{"head":{},"boolean":true}"#.as_bytes()
            ),
            Ok(QueryOutput::Boolean(true))
        ));
        match read_results("text/html", &b"<html>"[..]) {
            Err(error) => assert_eq!(error.to_string(), "unexpected response type `text/html`"),
            Ok(output) => panic!("{output:?}"),
        }
    }

    #[test]
    fn unreadable_answers_keep_the_parser_error() {
        use std::error::Error as _;
        let error = read_results("application/sparql-results+json", &b"{\"head\":"[..])
            .expect_err("truncated JSON");
        assert!(
            error.to_string().starts_with("unreadable results: "),
            "{error}"
        );
        assert!(read_results("text/html", &b"<html>"[..]).is_err());
        // A media type of the table that no parser reads as results is refused too.
        assert!(read_results("text/plain", &b"x"[..]).is_err());
        let cause = error.source().expect("the parser's error");
        assert!(error.to_string().ends_with(&cause.to_string()), "{error}");
        // As a query error, it names the endpoint and keeps the same cause.
        let endpoint = Endpoint::new("http://localhost:1/sparql", Duration::from_secs(1))
            .expect("an http URL");
        let failed = endpoint.failed(error);
        assert!(
            failed
                .to_string()
                .starts_with("query failed: http://localhost:1/sparql: unreadable results: "),
            "{failed}"
        );
        let source = failed.source().expect("the remote error");
        assert!(source.to_string().starts_with("unreadable results: "));
        assert!(source.source().is_some());
    }

    #[test]
    fn reads_graphs_in_the_rdf_formats_of_the_table() {
        let triple = "<https://w3id.org/catena/entity/A> <https://w3id.org/catena/ontology#dependsOn> <https://w3id.org/catena/entity/B> .\n";
        for media in [
            "application/n-triples",
            "text/turtle",
            "application/x-turtle",
        ] {
            match read_results(media, triple.as_bytes()) {
                Ok(QueryOutput::Graph(triples)) => assert_eq!(triples.len(), 1, "{media}"),
                other => panic!("{media}: {other:?}"),
            }
        }
    }

    #[test]
    fn refuses_non_http_urls() {
        match Endpoint::new("ftp://example.org/sparql", Duration::from_secs(1)) {
            Err(error) => assert_eq!(
                error.to_string(),
                "`ftp://example.org/sparql` is not an http:// or https:// URL"
            ),
            Ok(endpoint) => panic!("{endpoint:?}"),
        }
    }
}
