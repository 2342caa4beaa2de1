//! The SPARQL 1.1 Protocol endpoint, end to end: servers started in this process on
//! 127.0.0.1 port 0 (`catena::serve::run`), spoken to with ureq, with raw sockets (for what
//! well-behaved clients never send), and with real third-party clients (Python's
//! SPARQLWrapper and rdflib, through tests/clients/sparql_clients.py).
//!
//! All traffic goes to 127.0.0.1; every loop and wait is bounded.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use catena::engine::Engine;
use catena::graph::embedded_sources;
use catena::serve::ServeConfig;

const TSMC: &str = "https://w3id.org/catena/entity/TSMC";
const SUPPLIERS: &str =
    "SELECT ?supplier WHERE { ent:NVIDIA cat:dependsOnManufacturingFrom ?supplier }";

fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    Arc::clone(ENGINE.get_or_init(|| {
        Arc::new(Engine::from_sources(&embedded_sources()).expect("the embedded graph loads"))
    }))
}

/// Starts a server on 127.0.0.1, port 0, and returns its address once it listens.
fn start(config: ServeConfig) -> SocketAddr {
    common::start_server(engine(), config)
}

/// One server with the default configuration, shared by the tests that need no other.
fn default_server() -> SocketAddr {
    static SERVER: OnceLock<SocketAddr> = OnceLock::new();
    *SERVER.get_or_init(|| start(ServeConfig::default()))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .proxy(None)
        .build()
        .into()
}

struct Reply {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn reply(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut response = response.expect("the server answers");
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect::<Vec<_>>();
    let content_type = headers
        .iter()
        .find(|(n, _)| n == "content-type")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Reply {
        status: response.status().as_u16(),
        content_type,
        headers,
        body: response
            .body_mut()
            .read_to_string()
            .expect("the body is text"),
    }
}

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

fn get(address: SocketAddr, path_and_query: &str, accept: Option<&str>) -> Reply {
    let mut request = agent().get(format!("http://{address}{path_and_query}"));
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    reply(request.call())
}

fn query(address: SocketAddr, sparql: &str, accept: Option<&str>) -> Reply {
    get(
        address,
        &format!("/sparql?query={}", encode(sparql)),
        accept,
    )
}

fn post(address: SocketAddr, path: &str, content_type: &str, body: &str) -> Reply {
    reply(
        agent()
            .post(format!("http://{address}{path}"))
            .header("Content-Type", content_type)
            .send(body),
    )
}

/// Sends raw bytes and reads the raw answer (the server closes every connection).
fn raw(address: SocketAddr, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    stream.write_all(request).expect("sends");
    let answer = common::read_http_response(&mut stream).expect("a response");
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    (status, answer)
}

#[test]
fn http_1_1_connections_are_kept_alive_for_further_requests() {
    let address = default_server();
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let ask = format!(
        "GET /sparql?query={} HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n",
        encode("ASK { ?s ?p ?o }")
    );
    for _ in 0..3 {
        stream.write_all(ask.as_bytes()).expect("sends");
        let answer =
            common::read_http_response(&mut stream).expect("an answer on the same connection");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("Connection: keep-alive"), "{answer}");
        assert!(answer.contains("\"boolean\":true"), "{answer}");
    }
    // A client that says close gets its answer, then the connection closes.
    stream
        .write_all(
            ask.replace("Host: x", "Host: x\r\nConnection: close")
                .as_bytes(),
        )
        .expect("sends");
    let answer = common::read_http_response(&mut stream).expect("the last answer");
    assert!(answer.contains("Connection: close"), "{answer}");
    assert_eq!(stream.read(&mut [0u8; 1]).expect("closed"), 0);

    // HTTP/1.0 and errors close the connection after the answer.
    let (status, answer) = raw(address, ask.replace("HTTP/1.1", "HTTP/1.0").as_bytes());
    assert_eq!(status, 200);
    assert!(answer.contains("Connection: close"), "{answer}");
    let mut bad = TcpStream::connect(address).expect("connects");
    bad.write_all(b"GET /sparql?query=SELEC HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("sends");
    let answer = common::read_http_response(&mut bad).expect("an error");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(
        answer.contains("Connection: keep-alive"),
        "a client error keeps the connection: {answer}"
    );
}

fn suppliers(json: &serde_json::Value) -> Vec<String> {
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .filter_map(|b| b["supplier"]["value"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn select_by_get_and_post_in_every_results_format() {
    let address = default_server();
    let json = query(address, SUPPLIERS, None);
    assert_eq!(json.status, 200, "{}", json.body);
    assert_eq!(json.content_type, "application/sparql-results+json");
    assert!(suppliers(&json.json()).contains(&TSMC.to_owned()));

    let form = post(
        address,
        "/sparql",
        "application/x-www-form-urlencoded",
        &format!("query={}", encode(SUPPLIERS)),
    );
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(suppliers(&form.json()).contains(&TSMC.to_owned()));

    let direct = post(address, "/sparql", "application/sparql-query", SUPPLIERS);
    assert_eq!(direct.status, 200, "{}", direct.body);
    assert!(suppliers(&direct.json()).contains(&TSMC.to_owned()));

    for (accept, content_type, needle) in [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<uri>https://w3id.org/catena/entity/TSMC</uri>",
        ),
        ("text/csv", "text/csv; charset=utf-8", "supplier\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
            "<https://w3id.org/catena/entity/TSMC>",
        ),
        (
            "text/html;q=0.9, text/csv;q=0.2, application/sparql-results+xml;q=0.5",
            "application/sparql-results+xml",
            "<sparql",
        ),
    ] {
        let answer = query(address, SUPPLIERS, Some(accept));
        assert_eq!(answer.status, 200, "{accept}: {}", answer.body);
        assert_eq!(answer.content_type, content_type, "{accept}");
        assert!(answer.body.contains(needle), "{accept}: {}", answer.body);
    }
    // A browser's Accept gets JSON; format= overrides Accept.
    let browser = query(
        address,
        SUPPLIERS,
        Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    );
    assert_eq!(browser.content_type, "application/sparql-results+json");
    let csv = get(
        address,
        &format!("/sparql?query={}&format=csv", encode(SUPPLIERS)),
        Some("text/html"),
    );
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.body.starts_with("supplier\r\n"), "{}", csv.body);
}

#[test]
fn ask_construct_and_describe() {
    let address = default_server();
    let ask = query(
        address,
        "ASK { ent:NVIDIA cat:dependsOnManufacturingFrom ent:TSMC }",
        None,
    );
    assert_eq!(ask.status, 200, "{}", ask.body);
    assert_eq!(ask.json()["boolean"], true);

    let construct = "CONSTRUCT { ?s cat:dependsOn ?o } WHERE { ?s cat:dependsOn ?o }";
    let turtle = query(address, construct, None);
    assert_eq!(turtle.status, 200, "{}", turtle.body);
    assert_eq!(turtle.content_type, "text/turtle; charset=utf-8");
    assert!(turtle.body.contains("cat:dependsOn"), "{}", turtle.body);
    let ntriples = query(address, construct, Some("application/n-triples"));
    assert_eq!(ntriples.content_type, "application/n-triples");
    assert!(
        ntriples
            .body
            .lines()
            .all(|line| line.starts_with('<') && line.ends_with(" ."))
    );
    let describe = get(
        address,
        &format!(
            "/sparql?query={}&format=ntriples",
            encode("DESCRIBE ent:TSMC")
        ),
        None,
    );
    assert_eq!(describe.status, 200, "{}", describe.body);
    assert!(describe.body.contains(TSMC), "{}", describe.body);
}

#[test]
fn malformed_and_missing_queries_are_400() {
    let address = default_server();
    let malformed = query(address, "SELECT ?x\nWHERE { ?x ?y }", None);
    assert_eq!(malformed.status, 400);
    assert!(malformed.content_type.starts_with("text/plain"));
    assert!(
        malformed.body.contains("invalid SPARQL at 2:"),
        "{}",
        malformed.body
    );

    let missing = get(address, "/sparql", None);
    assert_eq!(missing.status, 400);
    assert!(
        missing.body.contains("missing `query` parameter"),
        "{}",
        missing.body
    );

    let graph = get(
        address,
        &format!(
            "/sparql?query={}&default-graph-uri=http://example.org/g",
            encode("ASK {}")
        ),
        None,
    );
    assert_eq!(graph.status, 400);
    assert!(graph.body.contains("not supported"), "{}", graph.body);
}

#[test]
fn refusals_have_their_status_codes() {
    let address = default_server();
    // 415: a body the protocol does not know.
    let json = post(
        address,
        "/sparql",
        "application/json",
        "{\"query\": \"ASK {}\"}",
    );
    assert_eq!(json.status, 415, "{}", json.body);
    assert!(
        json.body.contains("application/sparql-query"),
        "{}",
        json.body
    );
    let (status, _) = raw(
        address,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nASK {}",
    );
    assert_eq!(status, 415, "no Content-Type");

    // 406: nothing acceptable; the message lists what is.
    let html = query(address, "ASK {}", Some("text/html"));
    assert_eq!(html.status, 406);
    assert!(
        html.body.contains("application/sparql-results+json") && html.body.contains("text/csv"),
        "{}",
        html.body
    );
    let graph_as_csv = query(address, "CONSTRUCT WHERE { ?s ?p ?o }", Some("text/csv"));
    assert_eq!(graph_as_csv.status, 406);
    assert!(
        graph_as_csv.body.contains("text/turtle"),
        "{}",
        graph_as_csv.body
    );

    // 405 with Allow; 404.
    let (status, answer) = raw(address, b"DELETE /sparql HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status, 405);
    assert!(
        answer.contains("\r\nAllow: GET, HEAD, POST, OPTIONS\r\n"),
        "{answer}"
    );
    let (status, answer) = raw(address, b"POST / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status, 405);
    assert!(
        answer.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n"),
        "{answer}"
    );
    assert_eq!(get(address, "/nothing/here", None).status, 404);

    // 403: updates, in every form the protocol has.
    for reply in [
        post(
            address,
            "/sparql",
            "application/sparql-update",
            "INSERT DATA { ent:a ent:b ent:c }",
        ),
        post(
            address,
            "/sparql",
            "application/x-www-form-urlencoded",
            &format!("update={}", encode("CLEAR ALL")),
        ),
        query(address, "DELETE WHERE { ?s ?p ?o }", None),
    ] {
        assert_eq!(reply.status, 403, "{}", reply.body);
        assert!(reply.body.contains("read-only"), "{}", reply.body);
    }
    let still = query(address, "ASK { ent:NVIDIA ?p ?o }", None);
    assert_eq!(still.json()["boolean"], true, "nothing was deleted");

    // Malformed HTTP is a 400 too, and the server goes on.
    let (status, _) = raw(address, b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(status, 400);
    assert_eq!(get(address, "/", None).status, 200);
}

#[test]
fn oversized_bodies_are_413_before_they_are_read() {
    let address = start(ServeConfig {
        max_request_bytes: 1000,
        ..ServeConfig::default()
    });
    // A Content-Length over the limit is refused from the head alone: the body never comes.
    let (status, answer) = raw(
        address,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100000000000\r\n\r\nASK",
    );
    assert_eq!(status, 413, "{answer}");
    assert!(answer.contains("the limit is 1000 bytes"), "{answer}");

    // A chunked body is cut off at the limit.
    let mut chunked = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..20 {
        chunked.extend_from_slice(b"64\r\n");
        chunked.extend_from_slice(&[b' '; 100]);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let (status, _) = raw(address, &chunked);
    assert_eq!(status, 413);

    // Through an ordinary client, with the whole body sent.
    let padded = format!("ASK {{}} #{}", "x".repeat(5000));
    let big = post(address, "/sparql", "application/sparql-query", &padded);
    assert_eq!(big.status, 413, "{}", big.body);

    // Under the limit, chunked or not, it runs.
    let small = post(address, "/sparql", "application/sparql-query", "ASK {}");
    assert_eq!(small.status, 200, "{}", small.body);
    let (status, answer) = raw(
        address,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nASK\r\n3\r\n {}\r\n0\r\n\r\n",
    );
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("\"boolean\":true"), "{answer}");
}

/// A client that sends its request too slowly is answered 408 when its time is up, and
/// its connection is closed: it cannot hold a connection by trickling bytes.
#[test]
fn a_slow_client_gets_408_when_its_request_timeout_passes() {
    let address = start(ServeConfig {
        request_timeout: Duration::from_secs(1),
        ..ServeConfig::default()
    });
    for (what, partial) in [
        (
            "head",
            "GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n".to_owned(),
        ),
        (
            "body",
            "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n\
             Content-Length: 100\r\n\r\nASK"
                .to_owned(),
        ),
    ] {
        let started = Instant::now();
        let mut stream = TcpStream::connect(address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream.write_all(partial.as_bytes()).expect("sends");
        let answer = common::read_http_response(&mut stream)
            .expect("an answer before the client's own timeout");
        let waited = started.elapsed();
        assert!(answer.starts_with("HTTP/1.1 408 "), "{what}: {answer}");
        assert!(
            answer.contains("took too long to arrive"),
            "{what}: {answer}"
        );
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
            "{what}: answered after {waited:?}"
        );
        // The server closed the connection: the next read finds its end.
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest);
        assert!(
            rest.is_empty(),
            "{what}: {}",
            String::from_utf8_lossy(&rest)
        );
    }
    assert_eq!(get(address, "/", None).status, 200);
}

/// A request head over 64 KiB is 431, and the server goes on.
#[test]
fn a_request_head_over_64_kib_is_431() {
    let address = default_server();
    let mut request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..100 {
        request.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "a".repeat(700)).as_bytes());
    }
    request.extend_from_slice(b"\r\n");
    assert!(request.len() > 64 * 1024);
    let (status, answer) = raw(address, &request);
    assert_eq!(status, 431, "{answer}");
    assert!(answer.contains("larger than 65536 bytes"), "{answer}");
    // Just under the limit is served.
    let mut request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..80 {
        request.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "a".repeat(700)).as_bytes());
    }
    request.extend_from_slice(b"Connection: close\r\n\r\n");
    assert!(request.len() < 64 * 1024);
    let (status, answer) = raw(address, &request);
    assert_eq!(status, 200, "{answer}");
}

/// Connections beyond `max_connections` are answered 503 with Retry-After at once, and
/// closed; when connections close, new ones are served again.
#[test]
fn connections_beyond_the_limit_are_503_until_others_close() {
    let address = start(ServeConfig {
        max_connections: 4,
        max_concurrent_queries: 2,
        ..ServeConfig::default()
    });
    let mut open: Vec<TcpStream> = (0..4)
        .map(|_| TcpStream::connect(address).expect("connects"))
        .collect();
    // The server takes connections in order: once it has answered one on each open
    // connection, all four hold their places.
    for stream in &mut open {
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("sends");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let answer = common::read_http_response(stream).expect("an answer");
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    }
    // A fifth is refused without sending anything.
    let mut fifth = TcpStream::connect(address).expect("connects");
    fifth
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let answer = common::read_http_response(&mut fifth).expect("a refusal");
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(answer.contains("too many connections"), "{answer}");
    assert!(answer.contains("\r\nRetry-After: 1\r\n"), "{answer}");
    drop(open);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut stream = TcpStream::connect(address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let answer = common::read_http_response(&mut stream).unwrap_or_default();
        if answer.starts_with("HTTP/1.1 200 ") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "closed connections still counted after 10 s: {answer}"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn results_over_the_row_limit_are_413() {
    let address = start(ServeConfig {
        max_result_rows: 5,
        ..ServeConfig::default()
    });
    let many = query(address, "SELECT * WHERE { ?s ?p ?o }", None);
    assert_eq!(many.status, 413);
    assert!(
        many.body
            .contains("result too large: more than 5 rows; add LIMIT"),
        "{}",
        many.body
    );
    let limited = query(address, "SELECT * WHERE { ?s ?p ?o } LIMIT 5", None);
    assert_eq!(limited.status, 200, "{}", limited.body);
    let triples = query(address, "CONSTRUCT WHERE { ?s ?p ?o }", None);
    assert_eq!(triples.status, 413);
}

#[test]
fn the_ask_endpoint_answers_questions_with_labels_and_explains_mistakes() {
    let address = default_server();
    let answer = get(address, "/ask?q=who+depends+on+NVIDIA", None);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.content_type, "application/sparql-results+json");
    let json = answer.json();
    let vars: Vec<&str> = json["head"]["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let entity = vars
        .iter()
        .find(|v| vars.contains(&format!("{v}_label").as_str()))
        .unwrap_or_else(|| panic!("no entity column with a _label beside it: {vars:?}"));
    let bindings = json["results"]["bindings"].as_array().expect("bindings");
    assert!(!bindings.is_empty());
    for binding in bindings {
        assert_eq!(binding[*entity]["type"], "uri", "{binding}");
        assert!(
            binding[format!("{entity}_label")]["value"].is_string(),
            "{binding}"
        );
    }

    let typo = get(address, "/ask?q=who+depnds+on+NVIDIA", None);
    assert_eq!(typo.status, 400, "{}", typo.body);
    assert_eq!(typo.content_type, "application/json");
    let error = typo.json();
    assert!(
        error["error"].as_str().expect("error").contains("depnds"),
        "{error}"
    );
    assert_eq!(error["line"], 1, "{error}");
    assert_eq!(error["column"], 5, "{error}");
    let suggestions: Vec<&str> = error["suggestions"]
        .as_array()
        .expect("suggestions")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert!(suggestions.contains(&"depends"), "{error}");

    let missing = get(address, "/ask", None);
    assert_eq!(missing.status, 400);
    assert!(
        missing.json()["error"]
            .as_str()
            .expect("error")
            .contains("`q`")
    );

    // `describe` answers with its rows, one per fact and passage: an observation with its
    // value, unit and period.
    let describe = get(address, "/ask?q=describe+NVIDIA", None);
    assert_eq!(describe.status, 200, "{}", describe.body);
    let rows = describe.json()["results"]["bindings"].clone();
    let revenue = rows
        .as_array()
        .expect("bindings")
        .iter()
        .find(|row| row["relation_label"]["value"] == "revenue")
        .unwrap_or_else(|| panic!("no revenue row: {rows}"));
    assert_eq!(revenue["unit"]["value"], "USD", "{revenue}");
    assert_eq!(revenue["period"]["value"], "Oct 2024", "{revenue}");

    // Italian, CSV by format=, and SPARQL through the question language.
    let italian = get(address, "/ask?q=chi+dipende+da+TSMC&format=csv", None);
    assert_eq!(italian.status, 200, "{}", italian.body);
    assert!(italian.content_type.starts_with("text/csv"));
    let sparql = get(
        address,
        &format!("/ask?q={}", encode(&format!("sparql {SUPPLIERS}"))),
        None,
    );
    assert_eq!(sparql.status, 200, "{}", sparql.body);
    assert!(suppliers(&sparql.json()).contains(&TSMC.to_owned()));
    let update = get(
        address,
        &format!("/ask?q={}", encode("sparql CLEAR ALL")),
        None,
    );
    assert_eq!(update.status, 403, "{}", update.body);
}

#[test]
fn the_index_names_the_endpoints_and_cors_is_opt_in() {
    let address = default_server();
    let index = get(address, "/", None);
    assert_eq!(index.status, 200);
    assert!(
        index.body.contains("/sparql") && index.body.contains("/ask?q="),
        "{}",
        index.body
    );
    assert!(index.header("access-control-allow-origin").is_none());

    let cors = start(ServeConfig {
        cors: true,
        ..ServeConfig::default()
    });
    let answer = query(cors, "ASK {}", None);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    let (status, preflight) = raw(
        cors,
        b"OPTIONS /sparql HTTP/1.1\r\nHost: x\r\nOrigin: http://example.org\r\nAccess-Control-Request-Method: POST\r\n\r\n",
    );
    assert_eq!(status, 204);
    assert!(
        preflight.contains("Access-Control-Allow-Methods: "),
        "{preflight}"
    );
}

#[test]
fn updates_run_when_allowed() {
    // Its own graph: the other tests, running meanwhile on the shared one, must not see
    // what this one inserts (the load test checks its counts throughout).
    let own = Engine::from_sources(&embedded_sources()).expect("the embedded graph loads");
    let address = common::start_server(
        Arc::new(own),
        ServeConfig {
            allow_update: true,
            ..ServeConfig::default()
        },
    );
    let insert = post(
        address,
        "/sparql",
        "application/sparql-update",
        "INSERT DATA { GRAPH src:test { ent:ServeTest cat:dependsOn ent:TSMC ; \
         rdfs:label \"Serve Test Labs\"@en } }",
    );
    assert_eq!(insert.status, 200, "{}", insert.body);
    let ask = query(
        address,
        "ASK { ent:ServeTest cat:dependsOn ent:TSMC }",
        None,
    );
    assert_eq!(ask.json()["boolean"], true);
    // The question language knows the new name at once: the vocabulary follows the update.
    let answer = get(
        address,
        "/ask?q=what+does+Serve+Test+Labs+depend+on&format=csv",
        None,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains("TSMC"), "{}", answer.body);
    let delete = post(
        address,
        "/sparql",
        "application/x-www-form-urlencoded",
        &format!(
            "update={}",
            encode("DELETE WHERE { GRAPH ?g { ent:ServeTest ?p ?o } }")
        ),
    );
    assert_eq!(delete.status, 200, "{}", delete.body);
    let ask = query(address, "ASK { ent:ServeTest ?p ?o }", None);
    assert_eq!(ask.json()["boolean"], false);
    let gone = get(address, "/ask?q=what+does+Serve+Test+Labs+depend+on", None);
    assert_eq!(gone.status, 400, "{}", gone.body);
    assert!(gone.body.contains("unknown entity"), "{}", gone.body);
    let bad = post(
        address,
        "/sparql",
        "application/sparql-update",
        "INSERT DATA {",
    );
    assert_eq!(bad.status, 400);
}

/// Expensive (25 million NOT EXISTS checks) and cancellable: every check reads quads, and
/// the evaluator looks at the cancellation token at every quad it reads.
const SLOW: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER NOT EXISTS { ?a ?x ?f } }";

/// Every triple three times side by side, counted. oxigraph 0.5 combines a cartesian
/// product in memory between two quad reads (25 million combinations here), so the
/// cancellation takes effect only at the next read, seconds later.
const CROSS_PRODUCT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// Asks `sparql` of a server with a 0.3 s timeout: 503 "timed out", on time.
fn assert_times_out(address: SocketAddr, sparql: &str) {
    let started = Instant::now();
    let slow = query(address, sparql, None);
    assert_eq!(slow.status, 503, "{}", slow.body);
    assert!(
        slow.body.contains("query timed out after 0.3 s"),
        "{}",
        slow.body
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the timeout came late"
    );
}

#[test]
fn a_query_past_its_timeout_is_stopped_and_the_server_goes_on() {
    let address = start(ServeConfig {
        query_timeout: Duration::from_millis(300),
        max_concurrent_queries: 1,
        ..ServeConfig::default()
    });
    assert_times_out(address, SLOW);
    // With one query slot, a cheap query runs only once the cancelled one has really
    // stopped and given its slot back.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut busy = 0;
    loop {
        let ask = query(address, "ASK { ent:NVIDIA ?p ?o }", None);
        if ask.status == 200 {
            assert_eq!(ask.json()["boolean"], true);
            break;
        }
        assert_eq!(ask.status, 503, "{}", ask.body);
        assert!(ask.body.contains("busy"), "{}", ask.body);
        assert!(ask.header("retry-after").is_some());
        busy += 1;
        assert!(
            Instant::now() < deadline,
            "the cancelled query still held its slot after 20 s ({busy} busy answers)"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

/// The endpoint estimates a query's cartesian products before running it and refuses one
/// too large to stop (422), at once; smaller products run.
#[test]
fn a_product_too_large_to_cancel_is_refused_before_it_runs() {
    let address = default_server();
    let started = Instant::now();
    let refused = query(address, CROSS_PRODUCT, None);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("share no variable") && refused.body.contains("(the limit is 1.0e6)"),
        "{}",
        refused.body
    );
    assert!(started.elapsed() < Duration::from_secs(5), "refused late");
    // Two sides are stopped on time, but sorted they are held whole: refused too.
    let sorted = query(
        address,
        "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a",
        None,
    );
    assert_eq!(sorted.status, 422, "{}", sorted.body);
    // The same through a question.
    let asked = get(
        address,
        &format!("/ask?q={}", encode(&format!("sparql {CROSS_PRODUCT}"))),
        None,
    );
    assert_eq!(asked.status, 422, "{}", asked.body);
    assert!(
        asked.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("share no variable"))
    );
    // A small product runs: models beside the countries.
    let small = query(
        address,
        "SELECT (COUNT(*) AS ?n) WHERE { ?m a cat:FoundationModel . ?c a cat:Country }",
        None,
    );
    assert_eq!(small.status, 200, "{}", small.body);
    let rows = small.json()["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .and_then(|n| n.parse::<u64>().ok())
        .expect("a count");
    assert!(rows > 0, "{}", small.body);
    // SERVICE asks for another endpoint: refused as unsupported, not a server failure.
    let service = query(
        address,
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        None,
    );
    assert_eq!(service.status, 400, "{}", service.body);
    assert!(service.body.contains("SERVICE"), "{}", service.body);
}

/// With the product guard lifted, oxigraph runs the product and can stop it only between
/// quad reads: the client still gets its 503 on time, and the other slot answers.
#[test]
fn a_cross_product_times_out_and_the_server_answers_meanwhile() {
    let address = start(ServeConfig {
        query_timeout: Duration::from_millis(300),
        max_concurrent_queries: 2,
        max_product_rows: u64::MAX,
        ..ServeConfig::default()
    });
    assert_times_out(address, CROSS_PRODUCT);
    // The cancelled product keeps one slot until the evaluator next reads a quad; the
    // other slot answers at once.
    let ask = query(address, "ASK { ent:NVIDIA ?p ?o }", None);
    assert_eq!(ask.status, 200, "{}", ask.body);
    assert_eq!(ask.json()["boolean"], true);
    assert_eq!(get(address, "/", None).status, 200);
}

#[test]
fn queries_beyond_the_concurrency_limit_are_503_with_retry_after() {
    let address = start(ServeConfig {
        query_timeout: Duration::from_secs(2),
        max_concurrent_queries: 1,
        ..ServeConfig::default()
    });
    let slow = thread::spawn(move || query(address, SLOW, None));
    // Bounded wait until the slow query holds the only slot.
    let deadline = Instant::now() + Duration::from_secs(10);
    let busy = loop {
        thread::sleep(Duration::from_millis(100));
        let answer = query(address, "ASK {}", None);
        if answer.status == 503 || Instant::now() > deadline {
            break answer;
        }
    };
    assert_eq!(busy.status, 503, "{}", busy.body);
    assert!(busy.body.contains("busy"), "{}", busy.body);
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert_eq!(slow.join().expect("the slow client").status, 503);
}

#[test]
fn concurrent_requests_are_all_answered() {
    let address = start(ServeConfig::default());
    let clients: Vec<_> = (0..6)
        .map(|client| {
            thread::spawn(move || {
                for round in 0..5 {
                    match (client + round) % 3 {
                        0 => {
                            let answer = query(address, SUPPLIERS, None);
                            assert_eq!(answer.status, 200, "{}", answer.body);
                            assert!(suppliers(&answer.json()).contains(&TSMC.to_owned()));
                        }
                        1 => {
                            let answer = get(address, "/ask?q=who+depends+on+TSMC", None);
                            assert_eq!(answer.status, 200, "{}", answer.body);
                            assert!(answer.body.contains("NVIDIA"), "{}", answer.body);
                        }
                        _ => {
                            let answer = post(
                                address,
                                "/sparql",
                                "application/sparql-query",
                                "ASK { ent:NVIDIA cat:dependsOnManufacturingFrom ent:TSMC }",
                            );
                            assert_eq!(answer.status, 200, "{}", answer.body);
                            assert_eq!(answer.json()["boolean"], true);
                        }
                    }
                }
            })
        })
        .collect();
    for client in clients {
        client.join().expect("every client got its answers");
    }
}

#[test]
fn real_sparql_clients_from_pypi() {
    // `tests/run-all` installs the clients in a virtual environment and names its python.
    let python = std::env::var("CATENA_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let have_clients = Command::new(&python)
        .args(["-c", "import SPARQLWrapper, rdflib"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    assert!(
        have_clients,
        "{python} with SPARQLWrapper and rdflib is needed: run the tests with `tests/run-all`, which installs them"
    );
    // The real binary, as a user starts it.
    let server = common::ServeProcess::start(&[], &[]);
    let address = server.address.clone();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/clients/sparql_clients.py"
    );
    let mut child = Command::new(&python)
        .arg(script)
        .arg(format!("http://{address}/sparql"))
        // The endpoint is local: no proxy may come between.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    // Read both pipes on their own threads so that a chatty child cannot block on them.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the Python clients did not finish in 180 s");
        }
        thread::sleep(Duration::from_millis(100));
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    assert!(
        status.success(),
        "the Python SPARQL clients failed ({status}):\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("ok   SPARQLWrapper SELECT"), "{stdout}");
    assert!(
        stdout.contains("ok   rdflib SPARQLStore CONSTRUCT"),
        "{stdout}"
    );
}

/// A bounded load test on loopback: clients mix valid, slow, malformed and oversized
/// requests for a few seconds. Every answer must be the right one for its request: 200 with
/// the right rows, 503 for a query past its timeout (or waiting too long for a slot), 400,
/// 413; never another 5xx, never a dropped connection; memory stays bounded.
#[test]
fn mixed_clients_under_load_get_correct_answers_and_no_errors() {
    let address = start(ServeConfig {
        query_timeout: Duration::from_millis(300),
        max_concurrent_queries: 4,
        max_request_bytes: 64 * 1024,
        ..ServeConfig::default()
    });
    // Warm up (the first queries build caches), then measure memory.
    assert_eq!(query(address, SUPPLIERS, None).status, 200);
    let start_kib = common::resident_kib("self");
    let deadline = Instant::now() + Duration::from_secs(8);
    let clients: Vec<_> = (0..12)
        .map(|client| {
            thread::spawn(move || {
                let mut counts = std::collections::BTreeMap::<String, usize>::new();
                let mut turn = client;
                while Instant::now() < deadline {
                    turn += 1;
                    let (kind, answer) = match turn % 8 {
                        0 => ("slow", query(address, SLOW, None)),
                        1 => ("malformed", query(address, "SELECT ?x WHERE { ?x", None)),
                        2 => (
                            "oversized",
                            post(
                                address,
                                "/sparql",
                                "application/sparql-query",
                                &format!("ASK {{}} #{}", "x".repeat(100 * 1024)),
                            ),
                        ),
                        3 => ("question", get(address, "/ask?q=who+depends+on+TSMC", None)),
                        _ => ("valid", query(address, SUPPLIERS, None)),
                    };
                    let expected: &[u16] = match kind {
                        "valid" | "question" => &[200, 503],
                        "slow" => &[503],
                        // Parsed before it waits for a slot: refused at once, however busy.
                        "malformed" => &[400],
                        _ => &[413],
                    };
                    assert!(
                        expected.contains(&answer.status),
                        "{kind}: status {} ({})",
                        answer.status,
                        answer.body
                    );
                    if answer.status == 200 && kind == "valid" {
                        // TSMC, once per passage that states it (the default graph is
                        // the union of the passages).
                        let rows = suppliers(&answer.json());
                        assert!(!rows.is_empty(), "{}", answer.body);
                        assert!(rows.iter().all(|r| r.ends_with("/TSMC")), "{rows:?}");
                    }
                    if answer.status == 503 && kind != "slow" {
                        assert!(answer.body.contains("busy"), "{kind}: {}", answer.body);
                    }
                    *counts
                        .entry(format!("{kind} {}", answer.status))
                        .or_default() += 1;
                }
                counts
            })
        })
        .collect();
    let mut totals = std::collections::BTreeMap::<String, usize>::new();
    for client in clients {
        for (key, count) in client.join().expect("a client") {
            *totals.entry(key).or_default() += count;
        }
    }
    let answered = totals.get("valid 200").copied().unwrap_or(0);
    assert!(
        answered >= 50,
        "only {answered} valid queries answered: {totals:?}"
    );
    assert!(totals.contains_key("slow 503"), "{totals:?}");
    // Slow queries hold at most their slots until they stop, so valid ones sometimes find
    // every slot taken for longer than they wait (busy, 503); at least half get through.
    let busy = totals.get("valid 503").copied().unwrap_or(0);
    assert!(busy <= answered, "too many busy answers: {totals:?}");
    // The server is still there and right.
    assert_eq!(query(address, SUPPLIERS, None).status, 200);
    if let (Some(before), Some(after)) = (start_kib, common::resident_kib("self")) {
        assert!(
            after < before + 256 * 1024,
            "resident memory grew from {before} KiB to {after} KiB"
        );
    }
}

/// Slow but finite: about a second of one core, well within the load test's timeout.
const SLOW_BUT_FINITE: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a cat:Company . \
                               FILTER NOT EXISTS { ?a ?x ?d } }";

/// The load test's length: CATENA_LOAD_SECONDS, 180 unless set (CI runs the default).
fn load_seconds() -> u64 {
    std::env::var("CATENA_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(180)
}

/// Minutes of load on loopback within the configured limits: as many clients as query
/// slots, each on its own kept-alive connection, mixing valid SELECTs, questions, slow
/// queries, a client that sends its request in pieces, and malformed, oversized,
/// wrongly typed and too costly requests. Every answer must be the right one for its
/// request (the rows, the count, the status), with no 5xx at all and no dropped
/// connection; resident memory stays bounded throughout.
#[test]
fn minutes_of_mixed_load_within_the_limits_get_no_5xx_and_right_answers() {
    const CLIENTS: usize = 8;
    let address = start(ServeConfig {
        query_timeout: Duration::from_secs(60),
        max_concurrent_queries: CLIENTS,
        max_request_bytes: 64 * 1024,
        ..ServeConfig::default()
    });
    let count = |reply: &Reply| -> u64 {
        reply.json()["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {}", reply.body))
    };
    // The right answers, asked alone first (this also warms the caches).
    let slow_count = count(&query(address, SLOW_BUT_FINITE, None));
    assert!(slow_count > 0);
    let start_kib = common::resident_kib("self");
    let seconds = load_seconds();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let peak_kib = Arc::new(std::sync::atomic::AtomicU64::new(start_kib.unwrap_or(0)));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let peak_kib = Arc::clone(&peak_kib);
            thread::spawn(move || {
                let agent = agent();
                let url = format!("http://{address}");
                let mut counts = std::collections::BTreeMap::<String, usize>::new();
                let mut turn = client;
                while Instant::now() < deadline {
                    turn += 1;
                    let sparql = |text: &str| {
                        reply(
                            agent
                                .get(format!("{url}/sparql?query={}", encode(text)))
                                .call(),
                        )
                    };
                    let send = |content_type: &str, body: String| {
                        reply(
                            agent
                                .post(format!("{url}/sparql"))
                                .header("Content-Type", content_type)
                                .send(body),
                        )
                    };
                    let (kind, expected, answer) = match turn % 10 {
                        0 => ("slow", 200, sparql(SLOW_BUT_FINITE)),
                        1 => ("malformed", 400, sparql("SELECT ?x WHERE { ?x")),
                        2 => (
                            "oversized",
                            413,
                            send(
                                "application/sparql-query",
                                format!("ASK {{}} #{}", "x".repeat(100 * 1024)),
                            ),
                        ),
                        3 => (
                            "question",
                            200,
                            reply(agent.get(format!("{url}/ask?q=who+depends+on+TSMC")).call()),
                        ),
                        4 => (
                            "wrong type",
                            415,
                            send("application/json", "{\"query\": \"ASK {}\"}".to_owned()),
                        ),
                        5 => ("too costly", 422, sparql(CROSS_PRODUCT)),
                        6 => {
                            // A client that sends its request in pieces, well within its time.
                            let answer = trickled(address, SUPPLIERS);
                            ("trickled", 200, answer)
                        }
                        _ => ("valid", 200, sparql(SUPPLIERS)),
                    };
                    assert_eq!(
                        answer.status, expected,
                        "{kind}: status {} ({})",
                        answer.status, answer.body
                    );
                    match kind {
                        "valid" | "trickled" => {
                            let rows = suppliers(&answer.json());
                            assert!(!rows.is_empty(), "{}", answer.body);
                            assert!(rows.iter().all(|r| r.ends_with("/TSMC")), "{rows:?}");
                        }
                        "slow" => assert_eq!(count(&answer), slow_count, "{}", answer.body),
                        "question" => assert!(answer.body.contains("NVIDIA"), "{}", answer.body),
                        _ => {}
                    }
                    *counts.entry(kind.to_owned()).or_default() += 1;
                    if turn % 50 == 0
                        && let Some(kib) = common::resident_kib("self")
                    {
                        peak_kib.fetch_max(kib, Ordering::Relaxed);
                    }
                }
                counts
            })
        })
        .collect();
    let mut totals = std::collections::BTreeMap::<String, usize>::new();
    for client in clients {
        for (kind, count) in client.join().expect("a client") {
            *totals.entry(kind).or_default() += count;
        }
    }
    eprintln!("{seconds} s of load: {totals:?}");
    for kind in [
        "valid",
        "slow",
        "malformed",
        "oversized",
        "question",
        "wrong type",
        "too costly",
        "trickled",
    ] {
        assert!(
            totals.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} request: {totals:?}"
        );
    }
    assert_eq!(query(address, SUPPLIERS, None).status, 200);
    if let Some(before) = start_kib {
        let peak = peak_kib
            .load(Ordering::Relaxed)
            .max(common::resident_kib("self").unwrap_or(0));
        assert!(
            peak < before + 256 * 1024,
            "resident memory grew from {before} KiB to {peak} KiB"
        );
    }
}

/// A request sent in three pieces, a moment apart, on its own connection.
fn trickled(address: SocketAddr, sparql: &str) -> Reply {
    let request = format!(
        "GET /sparql?query={} HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\
         Connection: close\r\n\r\n",
        encode(sparql)
    );
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let third = request.len() / 3;
    for piece in [
        &request[..third],
        &request[third..2 * third],
        &request[2 * third..],
    ] {
        stream.write_all(piece.as_bytes()).expect("sends");
        thread::sleep(Duration::from_millis(100));
    }
    let answer = common::read_http_response(&mut stream).expect("the server answers");
    let (head, body) = answer.split_once("\r\n\r\n").expect("a head");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    Reply {
        status,
        content_type: String::new(),
        headers: Vec::new(),
        body: body.to_owned(),
    }
}
