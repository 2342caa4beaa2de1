//! Entry points of the fuzz targets (`fuzz/fuzz_targets/`), shared with the test that
//! replays their corpora and findings on stable Rust (`tests/fuzz_corpus.rs`).
//!
//! Each takes any bytes, drives one input that catena parses itself through the same code
//! the binary runs, and panics only when an invariant breaks: a panic in catena, an error
//! that points outside its input, SPARQL that catena generated and cannot parse back, an
//! HTTP reply that is not well formed. RDF and SPARQL text are parsed by oxigraph, which is
//! fuzzed upstream; catena has no configuration file.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::ecosystem_graphs::{self, convert};
use crate::engine::{Engine, Options, Prepared};
use crate::graph::KnowledgeGraph;
use crate::serve::{self, ServeConfig};
use crate::session::QuestionError;
use crate::sparql;

/// The embedded graph, loaded once per process.
fn engine() -> &'static Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let graph = KnowledgeGraph::embedded().expect("the embedded graph loads");
        Arc::new(Engine::new(graph).expect("the embedded vocabulary loads"))
    })
}

/// A question, as typed in the REPL or given with `-e`: parse → resolve → compile → run on
/// the embedded graph. A `sparql …` question is parsed but not run: its cost is the user's
/// SPARQL's, which the endpoint bounds, not the language's.
pub fn question(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let engine = engine();
    let prepared = match engine.prepare(&text, &Options::default(), None) {
        Err(error) => return check_error_points_into(&error, &text),
        Ok(prepared) => prepared,
    };
    let Prepared::Compiled { compiled, .. } = &prepared else {
        return;
    };
    if let Err(error) = sparql::prepare_query(&compiled.sparql, None) {
        panic!(
            "the question {text:?} compiled to SPARQL that does not parse ({error}):\n{}",
            compiled.sparql
        );
    }
    // A query may fail on its data (a bad number, say); that is an answer too.
    if let Err(QuestionError::Query(error @ sparql::QueryError::Syntax { .. })) =
        engine.answer(prepared, &sparql::Limits::default())
    {
        panic!("the question {text:?} ran SPARQL that does not parse: {error}")
    }
}

/// A question's error must point inside the question, and its report must be printable: the
/// language's own check for the errors of the question's words.
fn check_error_points_into(error: &QuestionError, text: &str) {
    if let QuestionError::Parse(diagnostic) | QuestionError::Resolve(diagnostic) = error {
        catena_language::fuzzing::check_diagnostic(diagnostic, text);
    }
    assert!(!error.report(text).is_empty());
}

/// An Ecosystem Graphs asset file (`catena import ecosystem-graphs`): read, then converted
/// to quads against an empty graph, and the quads written as N-Quads.
pub fn ecosystem_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        // The importer reads files as UTF-8 and reports those that are not.
        return;
    };
    let Ok(file) = ecosystem_graphs::read_file("fuzz.yaml", text) else {
        return;
    };
    let (quads, report) = convert::build(&[file], &convert::Existing::none());
    assert!(
        quads.len() >= report.distinct_assets,
        "every asset read gives at least one quad"
    );
    let mut serializer = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_writer(Vec::new());
    for quad in &quads {
        serializer
            .serialize_quad(quad)
            .expect("writing to memory cannot fail");
    }
    let written = serializer.finish().expect("writing to memory cannot fail");
    // What the importer writes must read back: no IRI or literal it built is broken.
    let read_back = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(&written)
        .count();
    assert_eq!(read_back, quads.len());
}

/// The endpoint's limits while fuzzing: small, so that nothing runs for long.
fn fuzz_config() -> ServeConfig {
    ServeConfig {
        query_timeout: Duration::from_secs(2),
        max_request_bytes: 64 * 1024,
        max_result_rows: 1000,
        max_concurrent_queries: 2,
        ..ServeConfig::default()
    }
}

/// A whole HTTP request to `catena serve`: head, body, routing, the SPARQL protocol's or
/// `/ask`'s parameters, the query, the reply.
pub fn http_request(data: &[u8]) {
    let reply = serve::respond_to_bytes(Arc::clone(engine()), fuzz_config(), data);
    check_reply(&reply, data);
}

/// The query string of `GET /ask?…`: the question parameter, formats, their encodings.
pub fn ask_query(data: &[u8]) {
    // A request target cannot hold spaces or line breaks; a client would have encoded them.
    let query: String = String::from_utf8_lossy(data)
        .chars()
        .map(|c| if c.is_whitespace() { '+' } else { c })
        .collect();
    let request = format!("GET /ask?{query} HTTP/1.1\r\nHost: fuzz\r\n\r\n");
    let reply = serve::respond_to_bytes(Arc::clone(engine()), fuzz_config(), request.as_bytes());
    check_reply(&reply, request.as_bytes());
    let status = status_of(&reply);
    assert!(
        matches!(status, 200 | 400 | 406 | 413 | 414 | 422 | 503),
        "GET /ask?{query} was answered {status}"
    );
}

fn status_of(reply: &[u8]) -> u16 {
    reply
        .get(9..12)
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// A reply is one well-formed HTTP/1.1 response: a status line with a known code, headers,
/// a blank line, and a body as long as its Content-Length. A 500 means catena failed.
fn check_reply(reply: &[u8], request: &[u8]) {
    if reply.is_empty() {
        // Nothing was sent: the connection closed before a request began.
        assert!(
            request.is_empty(),
            "no reply to {:?}",
            String::from_utf8_lossy(request)
        );
        return;
    }
    // An `Expect: 100-continue` request gets the interim response first.
    let reply = reply
        .strip_prefix(b"HTTP/1.1 100 Continue\r\n\r\n".as_slice())
        .unwrap_or(reply);
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut response = httparse::Response::new(&mut headers);
    let head_length = match response.parse(reply) {
        Ok(httparse::Status::Complete(length)) => length,
        other => panic!(
            "a malformed reply ({other:?}):\n{}",
            String::from_utf8_lossy(reply)
        ),
    };
    let status = response.code.unwrap_or(0);
    assert!(
        (200..600).contains(&status) && status != 500,
        "status {status} for {:?}:\n{}",
        String::from_utf8_lossy(request),
        String::from_utf8_lossy(reply)
    );
    let length = response
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("Content-Length"))
        .and_then(|h| std::str::from_utf8(h.value).ok())
        .and_then(|v| v.parse::<usize>().ok());
    let head_only = request.starts_with(b"HEAD ");
    if let (Some(length), false, false) = (length, head_only, status == 204) {
        assert_eq!(
            reply.len() - head_length,
            length,
            "the body's length differs from its Content-Length"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Span;
    use crate::parse::ParseError;

    fn parse_error(start: usize, end: usize) -> QuestionError {
        QuestionError::Parse(ParseError::new(
            Span { start, end },
            catena_language::diagnostic::Text::same("expected a relation"),
        ))
    }

    #[test]
    fn an_error_inside_its_question_passes() {
        check_error_points_into(&parse_error(4, 11), "who depends");
    }

    #[test]
    #[should_panic(expected = "outside the question")]
    fn an_error_past_the_end_of_its_question_is_caught() {
        check_error_points_into(&parse_error(4, 40), "who depends");
    }

    #[test]
    #[should_panic(expected = "cuts a character")]
    fn an_error_inside_a_character_is_caught() {
        check_error_points_into(&parse_error(1, 2), "è");
    }

    #[test]
    fn a_well_formed_reply_passes() {
        check_reply(
            b"HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\nno",
            b"GET / HTTP/1.1\r\n\r\n",
        );
    }

    #[test]
    #[should_panic(expected = "malformed reply")]
    fn a_reply_that_is_not_http_is_caught() {
        check_reply(b"oops", b"GET / HTTP/1.1\r\n\r\n");
    }

    #[test]
    #[should_panic(expected = "status 500")]
    fn an_internal_error_is_caught() {
        check_reply(
            b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n",
            b"GET / HTTP/1.1\r\n\r\n",
        );
    }

    #[test]
    #[should_panic(expected = "Content-Length")]
    fn a_body_shorter_than_its_length_is_caught() {
        check_reply(
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
            b"GET / HTTP/1.1\r\n\r\n",
        );
    }

    #[test]
    fn a_refused_product_through_ask_is_an_answer_not_a_finding() {
        ask_query(b"q=sparql+SELECT+*+WHERE+{+?a+?b+?c+.+?d+?e+?f+.+?g+?h+?i+}");
    }

    #[test]
    fn the_endpoint_answers_a_request_in_memory() {
        let reply = serve::respond_to_bytes(
            Arc::clone(engine()),
            fuzz_config(),
            b"GET /ask?q=who+depends+on+TSMC HTTP/1.1\r\nHost: x\r\n\r\n",
        );
        let text = String::from_utf8_lossy(&reply);
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("NVIDIA"), "{text}");
        check_reply(&reply, b"GET /ask");
    }
}
