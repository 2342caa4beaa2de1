//! The SPARQL 1.1 Protocol endpoint (<https://www.w3.org/TR/sparql11-protocol/>) over the
//! loaded graph, and `/ask` for questions in catena's language.
//!
//! | request | answer |
//! | --- | --- |
//! | `GET /sparql?query=…`, `POST /sparql` (form `query=…` or `application/sparql-query`) | the results, in the negotiated format |
//! | `POST /sparql` (form `update=…` or `application/sparql-update`) | 403 unless [`ServeConfig::allow_update`] |
//! | `GET /ask?q=who+depends+on+NVIDIA` | SPARQL JSON results (IRIs and `_label`s), or a JSON error with line, column and suggestions |
//! | `GET /` | a page naming the endpoints |
//!
//! Status codes: 400 malformed request or query (the parser's message, with line:column),
//! or a `SERVICE` (catena queries only its own graph), 403 update refused, 404 unknown
//! path, 405 wrong method (with `Allow`), 406 no acceptable format (the message lists the
//! available ones), 408 a request not all sent within [`ServeConfig::request_timeout`],
//! 413 request body over [`ServeConfig::max_request_bytes`] *or* a result of more than
//! [`ServeConfig::max_result_rows`] rows (the client fixes both by asking for less: a
//! smaller body, a `LIMIT`), 414 request target too long, 415 wrong `Content-Type`, 422 a
//! query whose cartesian products are too large to stop on time
//! ([`ServeConfig::max_product_rows`], see [`crate::query_cost`]), 431 request head too
//! large, 500 a failure of the store while running, 503 a query that ran past
//! [`ServeConfig::query_timeout`] ("query timed out after N s"), too many queries at once
//! for over a second, or too many connections (both with `Retry-After`).
//!
//! The server is a small HTTP/1.1 implementation on `std::net` (one thread per connection,
//! bounded; HTTP/1.1 connections are kept alive between requests, up to 1000 requests and
//! 5 s idle, unless the client says `Connection: close`, an answer is 5xx, or a body was
//! left unread), so that every limit is
//! checked before anything is read or allocated: a `Content-Length` over the limit is
//! refused without reading the body, heads are capped, reads have a deadline. Each query
//! runs on its own thread with a [`CancellationToken`](oxigraph::sparql::CancellationToken);
//! when the timeout passes the client gets its 503 at once and the token stops the query where the evaluator next looks at
//! it, and its slot among the concurrent queries is freed only when it has really stopped.

mod ask;
mod http;
mod negotiation;
mod protocol;
mod slots;

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::thread;
use std::time::Duration;

use self::http::{InMemory, Reply, Request, read_head, serve_connection, write_reply};
use self::negotiation::Shape;
use self::slots::{Permit, QuerySlots};
use crate::engine::{Engine, Options};
use crate::vocab;

/// How the endpoint listens and what it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// Where to listen; port 0 picks a free port (reported to `run`'s `ready`).
    pub bind: SocketAddr,
    /// A query still running after this is cancelled and answered with 503.
    pub query_timeout: Duration,
    /// The largest request body (and request target) accepted; larger is 413 (414).
    pub max_request_bytes: usize,
    /// The most rows (or triples) a result may have; more is 413 ("add LIMIT").
    pub max_result_rows: usize,
    /// Queries running at once (at least 1); more wait up to a second for a slot, then are
    /// answered 503 with `Retry-After`.
    pub max_concurrent_queries: usize,
    /// Run SPARQL updates (on the loaded store) instead of refusing them with 403.
    pub allow_update: bool,
    /// Send `Access-Control-Allow-Origin: *` and answer CORS preflight requests.
    pub cors: bool,
    /// How long a client has to send one whole request (head and body); a slower one is
    /// answered 408 and closed, so that it cannot hold a connection.
    pub request_timeout: Duration,
    /// Connections open at once (at least `max_concurrent_queries`); one more is answered
    /// 503 with `Retry-After` and closed at once.
    pub max_connections: usize,
    /// A query whose patterns that share no variable would make more rows than this that the
    /// engine can neither cancel nor stream (combined between two reads of the store, or held
    /// whole to sort or deduplicate) is refused (422) before it runs (see
    /// [`crate::query_cost`]). A million is about a second of one core, or a few hundred MB.
    pub max_product_rows: u64,
    /// Leave out the reference layer: every query and question sees the documents' graphs
    /// only (`catena serve --documents-only`).
    pub documents_only: bool,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            query_timeout: Duration::from_secs(10),
            max_request_bytes: 1024 * 1024,
            max_result_rows: 100_000,
            max_concurrent_queries: 8,
            allow_update: false,
            cors: false,
            request_timeout: Duration::from_secs(30),
            max_connections: 256,
            max_product_rows: 1_000_000,
            documents_only: false,
        }
    }
}

/// Binds `config.bind`, calls `ready` with the address actually bound (so port 0 works),
/// then serves forever. Returns only if binding fails.
pub fn run(
    engine: Arc<Engine>,
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    let listener = TcpListener::bind(config.bind)?;
    let address = listener.local_addr()?;
    let state = Arc::new(State::new(engine, config));
    ready(address);
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => accept(&state, stream),
            // Out of file descriptors and the like: wait a moment rather than spin.
            Err(_) => thread::sleep(Duration::from_millis(20)),
        }
    }
    Ok(())
}

/// Shared by every connection.
struct State {
    engine: Arc<Engine>,
    config: ServeConfig,
    queries: Arc<QuerySlots>,
    connections: Arc<AtomicUsize>,
}

impl State {
    fn new(engine: Arc<Engine>, mut config: ServeConfig) -> Self {
        config.max_concurrent_queries = config.max_concurrent_queries.max(1);
        // Every query that may run needs a connection to come from.
        config.max_connections = config.max_connections.max(config.max_concurrent_queries);
        Self {
            engine,
            config,
            queries: Arc::new(QuerySlots::default()),
            connections: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// What the engine needs to know of this endpoint's configuration.
    fn options(&self) -> Options {
        Options {
            documents_only: self.config.documents_only,
            ..Options::default()
        }
    }
}

/// Serves a new connection on its own thread, or answers 503 when too many are open.
fn accept(state: &Arc<State>, stream: TcpStream) {
    let Some(permit) = Permit::try_acquire(&state.connections, state.config.max_connections) else {
        let mut stream = stream;
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let reply = Reply::text(503, "the server is busy: too many connections; try again")
            .with_header("Retry-After", "1");
        let _ = write_reply(&mut stream, &reply, false, state.config.cors, false);
        return;
    };
    let state = Arc::clone(state);
    // If no thread can be made the stream is dropped with the closure: the client sees the
    // connection close and may retry.
    let _ = thread::Builder::new()
        .name("catena-http".to_owned())
        .spawn(move || {
            let _permit = permit;
            let config = &state.config;
            serve_connection(stream, config.request_timeout, config.cors, &|request| {
                handle(&state, request)
            });
        });
}

/// Answers the one request at the start of `input` as a connection would (head, body,
/// routing, the query, the reply's bytes), without a socket: for the fuzz target over HTTP
/// requests and for tests. Unlike a connection, a panic is not caught, so fuzzing sees it.
pub fn respond_to_bytes(engine: Arc<Engine>, config: ServeConfig, input: &[u8]) -> Vec<u8> {
    let state = State::new(engine, config);
    let mut stream = InMemory {
        input,
        output: Vec::new(),
    };
    let (reply, head_only) = match read_head(&mut stream) {
        Ok(None) => return stream.output,
        Err(reply) => (reply, false),
        Ok(Some((head, leftover))) => {
            let head_only = head.method == "HEAD";
            let mut request = Request::new(head, leftover, &mut stream);
            let reply = match request.framing_error.clone() {
                Some(reply) => reply,
                None => handle(&state, &mut request),
            };
            (reply, head_only)
        }
    };
    let mut output = stream.output;
    let _ = write_reply(&mut output, &reply, head_only, state.config.cors, false);
    output
}

/// Routes a request.
fn handle(state: &State, request: &mut Request<'_>) -> Reply {
    if request.head.target.len() > state.config.max_request_bytes {
        return Reply::text(
            414,
            format!(
                "the request target is longer than {} bytes: POST the query instead",
                state.config.max_request_bytes
            ),
        );
    }
    let target = request.head.target.clone();
    let (path, query_string) = split_target(&target);
    let method = request.head.method.clone();
    let allow = match path {
        "/" => "GET, HEAD, OPTIONS",
        "/sparql" => "GET, HEAD, POST, OPTIONS",
        "/ask" => "GET, HEAD, OPTIONS",
        _ => {
            return Reply::text(
                404,
                format!("no such endpoint: {path}; try /sparql, /ask or /"),
            );
        }
    };
    if method == "OPTIONS" {
        let reply = Reply::new(204, "", Vec::new()).with_header("Allow", allow);
        return if state.config.cors {
            reply
                .with_header("Access-Control-Allow-Methods", allow)
                .with_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                .with_header("Access-Control-Max-Age", "86400")
        } else {
            reply
        };
    }
    let allowed = allow.split(", ").any(|m| m == method && m != "OPTIONS");
    if !allowed {
        let message = format!("method {method} is not allowed on {path}; use {allow}");
        let reply = Reply::text(405, message).with_header("Allow", allow);
        return if path == "/ask" {
            reply.into_json_error()
        } else {
            reply
        };
    }
    match path {
        "/" => index(&state.config, state.config.documents_only),
        "/sparql" => protocol::sparql_endpoint(state, request, query_string),
        _ => ask::ask_endpoint(state, &request.head, query_string),
    }
}

/// The path and the query string (without `?`) of a request target; an absolute target
/// (`http://host/path`) is reduced to its path.
fn split_target(target: &str) -> (&str, &str) {
    let target = ["http://", "https://"]
        .iter()
        .find_map(|scheme| target.strip_prefix(scheme))
        .map(|rest| rest.find('/').map_or("/", |i| &rest[i..]))
        .unwrap_or(target);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = path.split_once('#').map_or(path, |(p, _)| p);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    (path, query)
}

fn index(config: &ServeConfig, documents_only: bool) -> Reply {
    let prefixes: Vec<String> = vocab::PREFIXES
        .iter()
        .map(|(prefix, _)| format!("{prefix}:"))
        .collect();
    let updates = if config.allow_update {
        "allowed (they change the loaded graph only)"
    } else {
        "refused (403): the graph is read-only"
    };
    let default_graph = if documents_only {
        "The default graph is the union of the documents' named graphs (one per cited passage);\n\
         the reference layer (passages of a cat:ReferenceDataset) is left out: --documents-only."
    } else {
        "The default graph is the union of all named graphs (one per cited passage)."
    };
    let text = format!(
        "catena: a knowledge graph of the generative-AI value chain\n\
         \n\
         GET  /sparql?query=...   SPARQL 1.1 Protocol: SELECT, ASK, CONSTRUCT, DESCRIBE\n\
         POST /sparql             query=... or update=... (application/x-www-form-urlencoded),\n\
         \x20                        or the query itself (application/sparql-query)\n\
         GET  /ask?q=...          a question in catena's language, e.g.\n\
         \x20                        /ask?q=who+depends+on+NVIDIA (SPARQL JSON results)\n\
         \n\
         Results by Accept, or format={} (SELECT, ASK)\n\
         or format={} (CONSTRUCT, DESCRIBE).\n\
         Prefixes predefined in every query: {}\n\
         {default_graph}\n\
         Updates: {updates}.\n\
         Limits: {} per query, {} rows per result, {} queries at once, {} bytes per request.\n",
        Shape::Solutions.format_names(),
        Shape::Graph.format_names(),
        prefixes.join(" "),
        seconds(config.query_timeout),
        config.max_result_rows,
        config.max_concurrent_queries.max(1),
        config.max_request_bytes,
    );
    Reply::text(200, text)
}

/// `10 s`, `0.25 s`.
fn seconds(duration: Duration) -> String {
    if duration.subsec_nanos() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        let text = format!("{:.3}", duration.as_secs_f64());
        format!("{} s", text.trim_end_matches('0').trim_end_matches('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_path_and_query() {
        assert_eq!(split_target("/sparql?query=x"), ("/sparql", "query=x"));
        assert_eq!(split_target("/"), ("/", ""));
        assert_eq!(split_target("http://h:1/ask?q=a#f"), ("/ask", "q=a"));
        assert_eq!(split_target("http://h"), ("/", ""));
    }

    #[test]
    fn durations_read_in_seconds() {
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(seconds(Duration::from_millis(250)), "0.25 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
    }

    #[test]
    fn default_config() {
        let config = ServeConfig::default();
        assert_eq!(config.bind.to_string(), "127.0.0.1:7878");
        assert_eq!(config.query_timeout, Duration::from_secs(10));
        assert_eq!(config.max_request_bytes, 1 << 20);
        assert_eq!(config.max_result_rows, 100_000);
        assert_eq!(config.max_concurrent_queries, 8);
        assert!(!config.allow_update && !config.cors);
    }
}
