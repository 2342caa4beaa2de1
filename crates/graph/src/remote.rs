//! A remote SPARQL 1.1 endpoint as the execution backend (`--endpoint URL`): queries go over
//! the SPARQL Protocol, results come back as SPARQL JSON or N-Triples and are read into the
//! same [`QueryOutput`] a local store gives, so every question works unchanged.

use std::io::Read;
use std::time::Duration;

use oxigraph::io::RdfParser;
use oxigraph::model::Triple;
use oxigraph::sparql::results::{QueryResultsParser, ReaderQueryResultsParserOutput};

use crate::formats::{self, Format};
use crate::sparql::{QueryError, QueryOutput};
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

impl Endpoint {
    /// An endpoint at `url` (http:// or https://), with a per-request timeout.
    pub fn new(url: &str, timeout: Duration) -> Result<Self, String> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("`{url}` is not an http:// or https:// URL"));
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
        let failed = |message: String| QueryError::Evaluation(format!("{}: {message}", self.url));
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/sparql-query")
            .header(
                "Accept",
                formats::accept_header(&[Format::Json, Format::NTriples, Format::Turtle]),
            )
            .send(text.as_bytes())
            .map_err(|e| failed(e.to_string()))?;
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
            let message = format!("HTTP {}: {}", status.as_u16(), body.trim());
            return Err(if status.as_u16() == 400 {
                QueryError::Syntax {
                    message,
                    position: None,
                }
            } else {
                failed(message)
            });
        }
        let reader = response.into_body().into_reader();
        read_results(&content_type, reader).map_err(failed)
    }
}

impl Endpoint {
    /// Sends a SPARQL Update over the protocol (`application/sparql-update`).
    pub fn update(&self, update: &str) -> Result<(), QueryError> {
        let failed = |message: String| QueryError::Evaluation(format!("{}: {message}", self.url));
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/sparql-update")
            .send(update.as_bytes())
            .map_err(|e| failed(e.to_string()))?;
        if response.status().is_success() {
            return Ok(());
        }
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        Err(failed(format!("HTTP {status}: {}", body.trim())))
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
fn read_results(content_type: &str, reader: impl Read) -> Result<QueryOutput, String> {
    let format = Format::from_media_type(content_type);
    if let Some(format) = format.and_then(Format::results_format) {
        return match QueryResultsParser::from_format(format)
            .for_reader(reader)
            .map_err(|e| format!("unreadable results: {e}"))?
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
                    .map_err(|e| format!("unreadable results: {e}"))?;
                Ok(QueryOutput::Solutions { variables, rows })
            }
        };
    }
    let rdf_format = format
        .and_then(Format::rdf_format)
        .ok_or_else(|| format!("unexpected response type `{content_type}`"))?;
    let triples: Vec<Triple> = RdfParser::from_format(rdf_format)
        .for_reader(reader)
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("unreadable graph: {e}"))?;
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
        assert_eq!(
            read_results(
                "application/sparql-results+json",
                r#"{"head":{},"boolean":true}"#.as_bytes()
            ),
            Ok(QueryOutput::Boolean(true))
        );
        assert!(read_results("text/html", &b"<html>"[..]).is_err());
        // A media type of the table that no parser reads as results is refused too.
        assert!(read_results("text/plain", &b"x"[..]).is_err());
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
        assert!(Endpoint::new("ftp://example.org/sparql", Duration::from_secs(1)).is_err());
    }
}
