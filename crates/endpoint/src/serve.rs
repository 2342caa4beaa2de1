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
//! runs on its own thread with a [`CancellationToken`]; when the timeout passes the client
//! gets its 503 at once and the token stops the query where the evaluator next looks at
//! it, and its slot among the concurrent queries is freed only when it has really stopped.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use serde_json::json;

use crate::answer::{self, Answer};
use crate::compile;
use crate::resolve::Plan;
use crate::session::{Outcome, QuestionError, Session};
use crate::sparql::{self, Limits, QueryError, QueryOutput};
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
        }
    }
}

/// Binds `config.bind`, calls `ready` with the address actually bound (so port 0 works),
/// then serves forever. Returns only if binding fails.
pub fn run(
    session: Arc<Session>,
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    let listener = TcpListener::bind(config.bind)?;
    let address = listener.local_addr()?;
    let state = Arc::new(State::new(session, config));
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

/// How long writing the response may block.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest request head (request line and headers).
const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 100;

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

/// Shared by every connection.
struct State {
    session: Arc<Session>,
    config: ServeConfig,
    queries: Arc<QuerySlots>,
    connections: Arc<AtomicUsize>,
}

impl State {
    fn new(session: Arc<Session>, mut config: ServeConfig) -> Self {
        config.max_concurrent_queries = config.max_concurrent_queries.max(1);
        // Every query that may run needs a connection to come from.
        config.max_connections = config.max_connections.max(config.max_concurrent_queries);
        Self {
            session,
            config,
            queries: Arc::new(QuerySlots::default()),
            connections: Arc::new(AtomicUsize::new(0)),
        }
    }
}

/// One unit of a bounded counter, given back when dropped (also when a thread panics).
struct Permit(Arc<AtomicUsize>);

impl Permit {
    fn try_acquire(counter: &Arc<AtomicUsize>, max: usize) -> Option<Self> {
        counter
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Self(Arc::clone(counter)))
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The slots of the queries that run at once. A query waits a moment for a slot (a burst of
/// clients queues instead of failing) and is refused with 503 only past that wait.
#[derive(Default)]
struct QuerySlots {
    used: Mutex<usize>,
    freed: Condvar,
}

/// How long a query waits for a slot before it is answered 503 (at most the query timeout).
const SLOT_WAIT: Duration = Duration::from_secs(1);

/// A query slot, given back when dropped (also when the query's thread panics).
struct QuerySlot(Arc<QuerySlots>);

impl QuerySlots {
    fn acquire(slots: &Arc<Self>, max: usize, wait: Duration) -> Option<QuerySlot> {
        let deadline = Instant::now() + wait;
        // A poisoned lock only means a thread panicked while counting: the count is intact.
        let mut used = slots.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used >= max {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            used = slots
                .freed
                .wait_timeout(used, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        *used += 1;
        Some(QuerySlot(Arc::clone(slots)))
    }
}

impl Drop for QuerySlot {
    fn drop(&mut self) {
        let mut used = self.0.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

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
            serve_connection(&state, stream);
        });
}

/// A TCP stream whose reads stop at a deadline.
struct Connection {
    stream: TcpStream,
    deadline: Instant,
}

impl Read for Connection {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let remaining = self.deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the request took too long to arrive",
            ));
        }
        self.stream.set_read_timeout(Some(remaining))?;
        self.stream.read(buf)
    }
}

impl Write for Connection {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

/// What a request body is read from: a TCP connection, or a buffer in tests.
trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// How long a kept-alive connection may wait for its next request.
const KEEP_ALIVE_IDLE: Duration = Duration::from_secs(5);
/// Requests served on one connection before it is closed (HTTP/1.1 keep-alive).
const MAX_REQUESTS_PER_CONNECTION: usize = 1000;

fn serve_connection(state: &State, stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(peer) = stream.try_clone() else {
        return;
    };
    let mut connection = Connection {
        stream,
        deadline: Instant::now() + state.config.request_timeout,
    };
    for served in 1..=MAX_REQUESTS_PER_CONNECTION {
        let (reply, head_only, clean, keep_alive) = match read_head(&mut connection) {
            Ok(None) => return,
            Err(reply) => (reply, false, false, false),
            Ok(Some((head, leftover))) => {
                let head_only = head.method == "HEAD";
                let wants_keep_alive = head.version >= 1
                    && !head
                        .headers_named("Connection")
                        .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")));
                let mut request = Request::new(head, leftover, &mut connection);
                let reply = match request.framing_error.clone() {
                    Some(reply) => reply,
                    None => panic::catch_unwind(AssertUnwindSafe(|| handle(state, &mut request)))
                        .unwrap_or_else(|_| {
                            Reply::text(
                                500,
                                "internal error while handling the request; the server goes on",
                            )
                        }),
                };
                let clean = request.framing_error.is_none() && request.body.finished();
                // Only when nothing of this request, or of a next one, is left in a buffer
                // that the next read would miss.
                let keep_alive = wants_keep_alive
                    && clean
                    && request.body.nothing_buffered_past_it()
                    && reply.status < 500
                    && served < MAX_REQUESTS_PER_CONNECTION;
                (reply, head_only, clean, keep_alive)
            }
        };
        let mut writer = &peer;
        if write_reply(
            &mut writer,
            &reply,
            head_only,
            state.config.cors,
            keep_alive,
        )
        .is_err()
        {
            return;
        }
        if !keep_alive {
            let _ = peer.shutdown(Shutdown::Write);
            if !clean {
                linger(&peer);
            }
            return;
        }
        // Wait for the next request without holding the request deadline: an idle client
        // is closed after a few seconds, a slow one still has the whole deadline per request.
        if peer.set_read_timeout(Some(KEEP_ALIVE_IDLE)).is_err()
            || !matches!(peer.peek(&mut [0u8; 1]), Ok(n) if n > 0)
        {
            return;
        }
        connection.deadline = Instant::now() + state.config.request_timeout;
    }
}

/// Answers the one request at the start of `input` as a connection would (head, body,
/// routing, the query, the reply's bytes), without a socket: for the fuzz target over HTTP
/// requests and for tests. Unlike a connection, a panic is not caught, so fuzzing sees it.
pub fn respond_to_bytes(session: Arc<Session>, config: ServeConfig, input: &[u8]) -> Vec<u8> {
    let state = State::new(session, config);
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

/// A connection in memory: reads `input`, collects what is written.
struct InMemory<'a> {
    input: &'a [u8],
    output: Vec<u8>,
}

impl Read for InMemory<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.input.read(buf)
    }
}

impl Write for InMemory<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.output.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// After answering a request whose body was not read, read (and drop) what the client
/// still sends for a moment: closing a socket with unread data resets the connection, and
/// the client could lose the response.
fn linger(stream: &TcpStream) {
    let start = Instant::now();
    let mut buffer = [0u8; 8192];
    let mut drained = 0usize;
    let mut reader = stream;
    while start.elapsed() < Duration::from_secs(1) && drained < 8 * 1024 * 1024 {
        if reader
            .set_read_timeout(Some(Duration::from_millis(200)))
            .is_err()
        {
            return;
        }
        match reader.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

/// The request line and headers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Head {
    method: String,
    target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    version: u8,
    headers: Vec<(String, String)>,
}

impl Head {
    /// The first header of that name (case-insensitive).
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads and parses the request head; `Ok(None)` when the client sent nothing. Returns the
/// bytes read past the head (the start of the body).
fn read_head(stream: &mut dyn Read) -> Result<Option<(Head, Vec<u8>)>, Reply> {
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) if buffer.is_empty() => return Ok(None),
            Ok(0) => return Err(Reply::text(400, "the request head is incomplete")),
            Ok(n) => n,
            Err(e) if is_timeout(&e) && !buffer.is_empty() => {
                return Err(Reply::text(408, "the request took too long to arrive"));
            }
            Err(_) => return Ok(None),
        };
        buffer.extend_from_slice(&chunk[..n]);
        match parse_head(&buffer)? {
            Some((head, length)) => return Ok(Some((head, buffer[length..].to_vec()))),
            None if buffer.len() > MAX_HEAD_BYTES => {
                return Err(Reply::text(
                    431,
                    format!("the request head is larger than {MAX_HEAD_BYTES} bytes"),
                ));
            }
            None => {}
        }
    }
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

/// The head at the start of `bytes` and its length, or `None` if it is not complete yet.
fn parse_head(bytes: &[u8]) -> Result<Option<(Head, usize)>, Reply> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => {
            let head = Head {
                method: request.method.unwrap_or_default().to_owned(),
                target: request.path.unwrap_or_default().to_owned(),
                version: request.version.unwrap_or(1),
                headers: request
                    .headers
                    .iter()
                    .map(|h| {
                        (
                            h.name.to_owned(),
                            String::from_utf8_lossy(h.value).trim().to_owned(),
                        )
                    })
                    .collect(),
            };
            Ok(Some((head, length)))
        }
        Ok(httparse::Status::Partial) => Ok(None),
        Err(httparse::Error::TooManyHeaders) => Err(Reply::text(
            431,
            format!("the request has more than {MAX_HEADERS} headers"),
        )),
        Err(error) => Err(Reply::text(400, format!("malformed HTTP request: {error}"))),
    }
}

/// How the body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    Empty,
    Length(u64),
    Chunked,
}

/// The framing the headers give, or why they cannot be trusted.
fn framing(head: &Head) -> Result<Framing, Reply> {
    let encodings: Vec<&str> = head.headers_named("Transfer-Encoding").collect();
    let lengths: Vec<&str> = head.headers_named("Content-Length").collect();
    if !encodings.is_empty() {
        if !lengths.is_empty() {
            return Err(Reply::text(
                400,
                "a request may not have both Content-Length and Transfer-Encoding",
            ));
        }
        let chunked_only = encodings.len() == 1 && encodings[0].eq_ignore_ascii_case("chunked");
        if !chunked_only {
            return Err(Reply::text(
                501,
                format!(
                    "Transfer-Encoding `{}` is not supported: use chunked or Content-Length",
                    encodings.join(", ")
                ),
            ));
        }
        return Ok(Framing::Chunked);
    }
    let mut length = None;
    for value in lengths {
        let parsed: u64 = value
            .parse()
            .map_err(|_| Reply::text(400, format!("invalid Content-Length `{value}`")))?;
        if length.is_some_and(|l| l != parsed) {
            return Err(Reply::text(400, "conflicting Content-Length headers"));
        }
        length = Some(parsed);
    }
    Ok(match length {
        None | Some(0) => Framing::Empty,
        Some(n) => Framing::Length(n),
    })
}

/// A request body, read on demand within a limit.
struct Body<'a> {
    leftover: Vec<u8>,
    stream: &'a mut dyn Stream,
    framing: Framing,
    expect_continue: bool,
    read: bool,
}

impl Body<'_> {
    /// True when nothing of the body is left unread on the connection.
    fn finished(&self) -> bool {
        self.read || self.framing == Framing::Empty
    }

    /// True when the bytes read with the head were all part of this body: none of a next
    /// (pipelined) request sits in the buffer, where the next read would miss it. A chunked
    /// body is read through its own buffer, so it never qualifies.
    fn nothing_buffered_past_it(&self) -> bool {
        match self.framing {
            Framing::Empty => self.leftover.is_empty(),
            Framing::Length(length) => self.leftover.len() as u64 <= length,
            Framing::Chunked => false,
        }
    }

    /// The whole body, if it is at most `max` bytes: 413 otherwise, before reading
    /// anything when a Content-Length says so. Reads at most `max` bytes.
    fn read(&mut self, max: usize) -> Result<Vec<u8>, Reply> {
        let too_large = |size: String| {
            Reply::text(
                413,
                format!("request body too large: {size}; the limit is {max} bytes"),
            )
        };
        match self.framing {
            Framing::Empty => Ok(Vec::new()),
            Framing::Length(length) if length > max as u64 => {
                Err(too_large(format!("{length} bytes")))
            }
            Framing::Length(length) => {
                self.send_continue();
                let mut body = Vec::new();
                (&self.leftover[..])
                    .chain(&mut *self.stream)
                    .take(length)
                    .read_to_end(&mut body)
                    .map_err(|e| read_error(&e))?;
                if (body.len() as u64) < length {
                    return Err(Reply::text(
                        400,
                        "the request body is shorter than its Content-Length",
                    ));
                }
                self.read = true;
                Ok(body)
            }
            Framing::Chunked => {
                self.send_continue();
                let mut reader = BufReader::new((&self.leftover[..]).chain(&mut *self.stream));
                let body = decode_chunked(&mut reader, max)?;
                self.read = true;
                Ok(body)
            }
        }
    }

    fn send_continue(&mut self) {
        if std::mem::take(&mut self.expect_continue) {
            let _ = self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
            let _ = self.stream.flush();
        }
    }
}

fn read_error(error: &io::Error) -> Reply {
    if is_timeout(error) {
        Reply::text(408, "the request body took too long to arrive")
    } else {
        Reply::text(400, format!("cannot read the request body: {error}"))
    }
}

/// Decodes a chunked body of at most `max` bytes (413 past that).
fn decode_chunked(reader: &mut dyn BufRead, max: usize) -> Result<Vec<u8>, Reply> {
    let malformed = || Reply::text(400, "malformed chunked request body");
    let mut body = Vec::new();
    loop {
        let line = read_line(reader, 1024)?.ok_or_else(malformed)?;
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| malformed())?;
        if size == 0 {
            // Trailer fields, then an empty line.
            for _ in 0..MAX_HEADERS {
                match read_line(reader, 8192)? {
                    Some(line) if line.is_empty() => return Ok(body),
                    Some(_) => {}
                    None => return Err(malformed()),
                }
            }
            return Err(malformed());
        }
        if body.len().saturating_add(size) > max {
            return Err(Reply::text(
                413,
                format!("request body too large: more than {max} bytes; the limit is {max} bytes"),
            ));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader
            .read_exact(&mut body[start..])
            .map_err(|e| read_error(&e))?;
        if read_line(reader, 2)?.as_deref() != Some("") {
            return Err(malformed());
        }
    }
}

/// One CRLF- (or LF-) terminated line of at most `limit` bytes, without its end; `None`
/// if the line is longer or the stream ends first.
fn read_line(reader: &mut dyn BufRead, limit: usize) -> Result<Option<String>, Reply> {
    let mut line = Vec::new();
    reader
        .take(limit as u64 + 2)
        .read_until(b'\n', &mut line)
        .map_err(|e| read_error(&e))?;
    if line.last() != Some(&b'\n') {
        return Ok(None);
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// A request: its head and its (unread) body.
struct Request<'a> {
    head: Head,
    body: Body<'a>,
    /// Set when the body's framing is invalid: the request is answered with it.
    framing_error: Option<Reply>,
}

impl<'a> Request<'a> {
    fn new(head: Head, leftover: Vec<u8>, stream: &'a mut dyn Stream) -> Self {
        let (framing, framing_error) = match framing(&head) {
            Ok(framing) => (framing, None),
            Err(reply) => (Framing::Empty, Some(reply)),
        };
        let expect_continue = head.version >= 1
            && head
                .header("Expect")
                .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
        Self {
            head,
            body: Body {
                leftover,
                stream,
                framing,
                expect_continue,
                read: false,
            },
            framing_error,
        }
    }
}

/// A response, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reply {
    status: u16,
    content_type: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: impl Into<String>, body: Vec<u8>) -> Self {
        Self {
            status,
            content_type: content_type.into(),
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text message (errors of `/sparql`).
    fn text(status: u16, message: impl Into<String>) -> Self {
        let mut body = message.into();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Self::new(status, "text/plain; charset=utf-8", body.into_bytes())
    }

    fn json(status: u16, value: &serde_json::Value) -> Self {
        let mut body = value.to_string();
        body.push('\n');
        Self::new(status, "application/json", body.into_bytes())
    }

    /// The same failure as a JSON `{"error": …}` (errors of `/ask`).
    fn into_json_error(self) -> Self {
        if self.content_type.starts_with("application/json") {
            return self;
        }
        let message = String::from_utf8_lossy(&self.body).trim_end().to_owned();
        let Self {
            status, headers, ..
        } = self;
        let mut reply = Self::json(status, &json!({ "error": message }));
        reply.headers = headers;
        reply
    }

    fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

fn write_reply(
    out: &mut dyn Write,
    reply: &Reply,
    head_only: bool,
    cors: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    let _ = write!(
        head,
        "Server: catena/{}\r\nConnection: {}\r\n",
        env!("CARGO_PKG_VERSION"),
        if keep_alive { "keep-alive" } else { "close" }
    );
    if reply.status != 204 {
        let _ = write!(
            head,
            "Content-Type: {}\r\nContent-Length: {}\r\n",
            reply.content_type,
            reply.body.len()
        );
    }
    if cors {
        head.push_str("Access-Control-Allow-Origin: *\r\n");
    }
    for (name, value) in &reply.headers {
        // Header values come from this module; drop line breaks all the same.
        let value: String = value
            .chars()
            .filter(|c| !matches!(c, '\r' | '\n'))
            .collect();
        let _ = write!(head, "{name}: {value}\r\n");
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if !head_only && reply.status != 204 {
        out.write_all(&reply.body)?;
    }
    out.flush()
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
        "/" => index(&state.config, state.session.settings.documents_only),
        "/sparql" => sparql_endpoint(state, request, query_string),
        _ => ask_endpoint(state, &request.head, query_string),
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
         Results by Accept, or format=json|xml|csv|tsv (SELECT, ASK)\n\
         or format=turtle|ntriples|rdfxml|jsonld (CONSTRUCT, DESCRIBE).\n\
         Prefixes predefined in every query: {}\n\
         {default_graph}\n\
         Updates: {updates}.\n\
         Limits: {} per query, {} rows per result, {} queries at once, {} bytes per request.\n",
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

/// What a protocol request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Operation {
    Query(String),
    Update(String),
}

/// A protocol request, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ProtocolRequest {
    operation: Operation,
    /// Values of `format` parameters, in order (a browser's override of `Accept`).
    formats: Vec<String>,
}

/// What a POST body holds, by its Content-Type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Form,
    Query,
    Update,
}

/// The media type of a Content-Type or Accept entry, lower-cased, without parameters.
fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn body_kind(content_type: Option<&str>) -> Result<BodyKind, Reply> {
    const EXPECTED: &str = "application/x-www-form-urlencoded (query=… or update=…), \
                            application/sparql-query or application/sparql-update";
    let Some(content_type) = content_type else {
        return Err(Reply::text(
            415,
            format!("a POST to /sparql needs a Content-Type: {EXPECTED}"),
        ));
    };
    match media_type(content_type).as_str() {
        "application/x-www-form-urlencoded" => Ok(BodyKind::Form),
        "application/sparql-query" => Ok(BodyKind::Query),
        "application/sparql-update" => Ok(BodyKind::Update),
        other => Err(Reply::text(
            415,
            format!("unsupported Content-Type `{other}`: use {EXPECTED}"),
        )),
    }
}

/// Reads the protocol's parameters from the query string and, for POST, the body.
fn protocol_request(
    query_string: &str,
    body: Option<(BodyKind, &[u8])>,
) -> Result<ProtocolRequest, Reply> {
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes())
        .into_owned()
        .collect();
    let mut direct = None;
    match body {
        None => {}
        Some((BodyKind::Form, bytes)) => {
            params.extend(form_urlencoded::parse(bytes).into_owned());
        }
        Some((kind, bytes)) => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| Reply::text(400, "the request body is not UTF-8"))?;
            direct = Some(if kind == BodyKind::Query {
                Operation::Query(text.to_owned())
            } else {
                Operation::Update(text.to_owned())
            });
        }
    }
    for name in [
        "default-graph-uri",
        "named-graph-uri",
        "using-graph-uri",
        "using-named-graph-uri",
    ] {
        if params.iter().any(|(n, _)| n == name) {
            return Err(Reply::text(
                400,
                format!(
                    "`{name}` is not supported: every query runs on the union of catena's \
                     named graphs; use GRAPH in the query to pick one"
                ),
            ));
        }
    }
    let mut operations: Vec<Operation> = params
        .iter()
        .filter_map(|(name, value)| match name.as_str() {
            "query" => Some(Operation::Query(value.clone())),
            "update" => Some(Operation::Update(value.clone())),
            _ => None,
        })
        .collect();
    if let Some(direct) = direct {
        if !operations.is_empty() {
            return Err(Reply::text(
                400,
                "the operation is in the request body: a `query` or `update` parameter may not be given too",
            ));
        }
        operations.push(direct);
    }
    if operations.len() > 1 {
        return Err(Reply::text(
            400,
            "give exactly one `query` or `update` parameter",
        ));
    }
    let operation = match operations.pop() {
        Some(Operation::Query(text)) | Some(Operation::Update(text)) if text.trim().is_empty() => {
            return Err(Reply::text(400, "missing `query` parameter: it is empty"));
        }
        Some(operation) => operation,
        None => return Err(Reply::text(400, "missing `query` parameter")),
    };
    let formats = params
        .iter()
        .filter(|(name, _)| name == "format")
        .map(|(_, value)| value.clone())
        .collect();
    Ok(ProtocolRequest { operation, formats })
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
fn acceptable_for_some_shape(accept: Option<&str>, formats: &[String]) -> Result<(), Reply> {
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
fn result_reply(output: &QueryOutput, accept: Option<&str>, formats: &[String]) -> Reply {
    match negotiate(Shape::of(output), accept, formats) {
        Err(message) => Reply::text(406, message),
        Ok(format) => match serialize(output, format) {
            Ok(body) => Reply::new(200, format.content_type(), body).with_header("Vary", "Accept"),
            Err(message) => Reply::text(500, message),
        },
    }
}

fn timed_out(timeout: Duration) -> Reply {
    Reply::text(503, format!("query timed out after {}", seconds(timeout)))
}

/// The status and message of a query that did not run.
fn query_error_reply(error: &QueryError, config: &ServeConfig) -> Reply {
    match error {
        QueryError::Syntax { .. } => Reply::text(400, error.to_string()),
        QueryError::UpdateRefused if config.allow_update => Reply::text(
            400,
            "this is a SPARQL update: POST it as update=… or with Content-Type: application/sparql-update",
        ),
        QueryError::UpdateRefused => Reply::text(403, update_refused()),
        QueryError::Unsupported(_) => Reply::text(400, error.to_string()),
        QueryError::ProductTooLarge { .. } => Reply::text(422, error.to_string()),
        QueryError::Evaluation(_) => Reply::text(500, error.to_string()),
        QueryError::Cancelled => timed_out(config.query_timeout),
        QueryError::TooLarge { limit } => Reply::text(
            413,
            format!("result too large: more than {limit} rows; add LIMIT to the query"),
        ),
    }
}

fn update_refused() -> &'static str {
    "SPARQL updates (INSERT, DELETE, LOAD, CLEAR…) are refused: this endpoint is read-only \
     (start the server with updates allowed to change the loaded graph)"
}

/// Runs `job` on its own thread, within the limits: 503 (with Retry-After) when too many
/// queries run already, 503 when it runs past the timeout (it is then cancelled, and keeps
/// its slot until it has stopped), 500 if it panics.
fn execute<T: Send + 'static>(
    state: &State,
    token: CancellationToken,
    job: impl FnOnce(&Limits) -> T + Send + 'static,
) -> Result<T, Reply> {
    let config = &state.config;
    let wait = SLOT_WAIT.min(config.query_timeout);
    let Some(permit) = QuerySlots::acquire(&state.queries, config.max_concurrent_queries, wait)
    else {
        return Err(Reply::text(
            503,
            format!(
                "the server is busy: {} queries are running already; try again shortly",
                config.max_concurrent_queries
            ),
        )
        .with_header("Retry-After", "1"));
    };
    let limits = Limits {
        max_product_rows: Some(config.max_product_rows),
        cancellation: Some(token.clone()),
        max_rows: Some(config.max_result_rows),
    };
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name("catena-query".to_owned())
        .spawn(move || {
            let result = job(&limits);
            // The slot is free once the query has stopped, before its client hears of it:
            // a client that asks again at once finds it free.
            drop(permit);
            let _ = sender.send(result);
        })
        .map_err(|e| Reply::text(503, format!("cannot start the query: {e}")))?;
    match receiver.recv_timeout(config.query_timeout) {
        Ok(result) => Ok(result),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            Err(timed_out(config.query_timeout))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Reply::text(
            500,
            "internal error while running the query; the server goes on",
        )),
    }
}

fn sparql_endpoint(state: &State, request: &mut Request<'_>, query_string: &str) -> Reply {
    let config = &state.config;
    let post = request.head.method == "POST";
    let body = if post {
        let kind = match body_kind(request.head.header("Content-Type")) {
            Ok(kind) => kind,
            Err(reply) => return reply,
        };
        match request.body.read(config.max_request_bytes) {
            Ok(bytes) => Some((kind, bytes)),
            Err(reply) => return reply,
        }
    } else {
        None
    };
    let parsed = match protocol_request(
        query_string,
        body.as_ref().map(|(kind, bytes)| (*kind, bytes.as_slice())),
    ) {
        Ok(parsed) => parsed,
        Err(reply) => return reply,
    };
    let session = Arc::clone(&state.session);
    match parsed.operation {
        Operation::Update(_) if !config.allow_update => Reply::text(403, update_refused()),
        Operation::Update(_) if !post => Reply::text(400, "SPARQL updates must be sent with POST"),
        // Parsed before taking a query slot: a malformed operation is answered at once,
        // however busy the server is.
        Operation::Update(update) => {
            let token = CancellationToken::new();
            let prepared = match sparql::prepare_update(&update, Some(&token)) {
                Ok(prepared) => prepared,
                Err(error) => return query_error_reply(&error, config),
            };
            match execute(state, token, move |_| prepared.run(session.graph().store())) {
                Ok(Ok(())) => Reply::text(200, "update applied"),
                Ok(Err(error)) => query_error_reply(&error, config),
                Err(reply) => reply,
            }
        }
        Operation::Query(query) => {
            let accept = request.head.header("Accept");
            if let Err(reply) = acceptable_for_some_shape(accept, &parsed.formats) {
                return reply;
            }
            let token = CancellationToken::new();
            // In the session's scope: `--documents-only` leaves the reference layer out.
            let prepared = match session.prepare_query(&query, Some(&token)) {
                Ok(prepared) => prepared,
                Err(error) => return query_error_reply(&error, config),
            };
            match execute(state, token, move |limits| {
                prepared.run_within(session.graph().store(), limits)
            }) {
                Ok(Ok(output)) => result_reply(&output, accept, &parsed.formats),
                Ok(Err(error)) => query_error_reply(&error, config),
                Err(reply) => reply,
            }
        }
    }
}

/// A question made ready to run: translated, and a `sparql …` question parsed, so that a
/// malformed one is refused before it takes a query slot.
enum PreparedQuestion {
    Explained(String),
    Sparql(Box<sparql::PreparedQuery>),
    Compiled(compile::Compiled),
}

fn prepare_question(
    session: &Session,
    question: &str,
    token: &CancellationToken,
) -> Result<PreparedQuestion, QuestionError> {
    let (resolved, compiled) = session.translate(question)?;
    if resolved.explain || session.settings.explain {
        return Ok(PreparedQuestion::Explained(session.explanation(&compiled)));
    }
    match &resolved.plan {
        Plan::Sparql(text) => session
            .prepare_query(text, Some(token))
            .map(|prepared| PreparedQuestion::Sparql(Box::new(prepared)))
            .map_err(QuestionError::Query),
        _ => Ok(PreparedQuestion::Compiled(compiled)),
    }
}

/// Answers a prepared question like [`Session::ask`], within the limits: every query it
/// runs is cancellable, and the answer has at most so many rows.
fn answer_question(
    session: &Session,
    question: PreparedQuestion,
    limits: &Limits,
) -> Result<Outcome, QuestionError> {
    let store = session.graph().store();
    let answer = match question {
        PreparedQuestion::Explained(sparql) => return Ok(Outcome::Explained(sparql)),
        PreparedQuestion::Sparql(prepared) => Answer {
            output: prepared
                .run_within(store, limits)
                .map_err(QuestionError::Query)?,
            columns: vec![],
        },
        PreparedQuestion::Compiled(compiled) => {
            let scope = session.scope().map_err(QuestionError::Query)?;
            answer::run(
                &|text| sparql::run_in(store, text, limits, &scope),
                session.vocabulary(),
                &compiled,
            )
            .map_err(QuestionError::Query)?
        }
    };
    // Walks and paths are put together from several queries: bound the whole answer too.
    let size = match &answer.output {
        QueryOutput::Solutions { rows, .. } => rows.len(),
        QueryOutput::Graph(triples) => triples.len(),
        QueryOutput::Boolean(_) => 0,
    };
    match limits.max_rows {
        Some(limit) if size > limit => Err(QuestionError::Query(QueryError::TooLarge { limit })),
        _ => Ok(Outcome::Answer(answer)),
    }
}

/// A question's failure as JSON: the message, the report with a caret, where, and the
/// closest valid words.
fn question_error_reply(error: &QuestionError, question: &str, config: &ServeConfig) -> Reply {
    let status = match error {
        QuestionError::Parse(_) | QuestionError::Resolve(_) => 400,
        QuestionError::Query(query_error) => query_error_reply(query_error, config).status,
    };
    let (line, column) = error
        .line_column(question)
        .map_or((None, None), |(line, column)| (Some(line), Some(column)));
    Reply::json(
        status,
        &json!({
            "error": error.to_string(),
            "report": error.report(question),
            "line": line,
            "column": column,
            "suggestions": error.suggestions(),
        }),
    )
}

fn ask_endpoint(state: &State, head: &Head, query_string: &str) -> Reply {
    let params: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes())
        .into_owned()
        .collect();
    let questions: Vec<&str> = params
        .iter()
        .filter(|(name, _)| name == "q")
        .map(|(_, value)| value.as_str())
        .collect();
    let question = match questions.as_slice() {
        [question] if !question.trim().is_empty() => (*question).to_owned(),
        [] | [_] => {
            return Reply::json(
                400,
                &json!({"error": "missing `q` parameter: /ask?q=who+depends+on+NVIDIA"}),
            );
        }
        _ => return Reply::json(400, &json!({"error": "give exactly one `q` parameter"})),
    };
    let formats: Vec<String> = params
        .iter()
        .filter(|(name, _)| name == "format")
        .map(|(_, value)| value.clone())
        .collect();
    let accept = head.header("Accept");
    if let Err(reply) = acceptable_for_some_shape(accept, &formats) {
        return reply.into_json_error();
    }
    let token = CancellationToken::new();
    let prepared = match prepare_question(&state.session, &question, &token) {
        Ok(prepared) => prepared,
        Err(error) => return question_error_reply(&error, &question, &state.config),
    };
    let session = Arc::clone(&state.session);
    match execute(state, token, move |limits| {
        answer_question(&session, prepared, limits)
    }) {
        Ok(Ok(Outcome::Answer(answer))) => {
            let reply = result_reply(&answer.output, accept, &formats);
            if reply.status == 200 {
                reply
            } else {
                reply.into_json_error()
            }
        }
        Ok(Ok(Outcome::Explained(sparql))) => Reply::json(200, &json!({ "sparql": sparql })),
        Ok(Err(error)) => question_error_reply(&error, &question, &state.config),
        Err(reply) => reply.into_json_error(),
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
    fn protocol_requests_from_get_and_post() {
        let get = protocol_request("query=ASK%20%7B%7D&format=json", None).expect("valid");
        assert_eq!(get.operation, Operation::Query("ASK {}".into()));
        assert_eq!(get.formats, vec!["json".to_owned()]);
        let form =
            protocol_request("", Some((BodyKind::Form, b"query=SELECT+*+%7B%7D"))).expect("form");
        assert_eq!(form.operation, Operation::Query("SELECT * {}".into()));
        let direct = protocol_request("format=csv", Some((BodyKind::Query, b"SELECT * {}")))
            .expect("direct");
        assert_eq!(direct.operation, Operation::Query("SELECT * {}".into()));
        assert_eq!(direct.formats, vec!["csv".to_owned()]);
        let update = protocol_request("", Some((BodyKind::Update, b"CLEAR ALL"))).expect("update");
        assert_eq!(update.operation, Operation::Update("CLEAR ALL".into()));
        let form_update =
            protocol_request("", Some((BodyKind::Form, b"update=CLEAR+ALL"))).expect("update");
        assert_eq!(form_update.operation, Operation::Update("CLEAR ALL".into()));
    }

    #[test]
    fn protocol_request_errors() {
        let status = |query_string: &str, body: Option<(BodyKind, &[u8])>| {
            protocol_request(query_string, body)
                .expect_err("invalid")
                .status
        };
        let missing = protocol_request("", None).expect_err("missing");
        assert_eq!(missing.status, 400);
        assert!(String::from_utf8_lossy(&missing.body).contains("missing `query` parameter"));
        assert_eq!(status("query=", None), 400);
        assert_eq!(status("query=ASK{}&query=ASK{}", None), 400);
        assert_eq!(status("query=ASK{}&update=CLEAR+ALL", None), 400);
        assert_eq!(
            status("query=ASK{}", Some((BodyKind::Query, b"ASK {}"))),
            400
        );
        assert_eq!(status("", Some((BodyKind::Query, b"\xff\xfe"))), 400);
        let graph = protocol_request("query=ASK{}&default-graph-uri=http://x", None)
            .expect_err("unsupported");
        assert_eq!(graph.status, 400);
        assert!(String::from_utf8_lossy(&graph.body).contains("not supported"));
        assert_eq!(status("query=ASK{}&named-graph-uri=http://x", None), 400);
    }

    #[test]
    fn content_types_of_posts() {
        assert_eq!(
            body_kind(Some("application/x-www-form-urlencoded; charset=UTF-8")),
            Ok(BodyKind::Form)
        );
        assert_eq!(
            body_kind(Some("Application/SPARQL-Query")),
            Ok(BodyKind::Query)
        );
        assert_eq!(
            body_kind(Some("application/sparql-update; charset=UTF-8")),
            Ok(BodyKind::Update)
        );
        assert_eq!(
            body_kind(Some("application/json")).map_err(|r| r.status),
            Err(415)
        );
        assert_eq!(body_kind(None).map_err(|r| r.status), Err(415));
    }

    #[test]
    fn heads_are_parsed_and_bounded() {
        let bytes = b"POST /sparql?format=csv HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
        let (head, length) = parse_head(bytes).expect("valid").expect("complete");
        assert_eq!(head.method, "POST");
        assert_eq!(head.target, "/sparql?format=csv");
        assert_eq!(head.header("content-length"), Some("3"));
        assert_eq!(framing(&head), Ok(Framing::Length(3)));
        assert_eq!(&bytes[length..], b"abc");
        assert_eq!(parse_head(b"GET / HTTP/1.1\r\nHost"), Ok(None));
        assert_eq!(
            parse_head(b"GET / HTTP/9\r\n\r\n").map_err(|r| r.status),
            Err(400)
        );
        let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: y\r\n")).collect();
        let request = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(
            parse_head(request.as_bytes()).map_err(|r| r.status),
            Err(431)
        );
        let mut endless = io::repeat(b'a');
        assert_eq!(
            read_head(&mut endless).map(|_| ()).map_err(|r| r.status),
            Err(431)
        );
    }

    #[test]
    fn framing_rejects_smuggling_shapes() {
        let head = |headers: &[(&str, &str)]| Head {
            method: "POST".into(),
            target: "/sparql".into(),
            version: 1,
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        };
        assert_eq!(framing(&head(&[])), Ok(Framing::Empty));
        assert_eq!(
            framing(&head(&[("Transfer-Encoding", "chunked")])),
            Ok(Framing::Chunked)
        );
        let status = |headers: &[(&str, &str)]| framing(&head(headers)).map_err(|r| r.status);
        assert_eq!(
            status(&[("Transfer-Encoding", "chunked"), ("Content-Length", "3")]),
            Err(400)
        );
        assert_eq!(status(&[("Content-Length", "-1")]), Err(400));
        assert_eq!(
            status(&[("Content-Length", "3"), ("Content-Length", "4")]),
            Err(400)
        );
        assert_eq!(status(&[("Transfer-Encoding", "gzip")]), Err(501));
    }

    /// A connection in a test: what the client sent, and what the server wrote back.
    struct Duplex {
        input: io::Cursor<Vec<u8>>,
        output: Vec<u8>,
    }

    impl Duplex {
        fn new(input: &[u8]) -> Self {
            Self {
                input: io::Cursor::new(input.to_vec()),
                output: Vec::new(),
            }
        }
    }

    impl Read for Duplex {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.input.read(buf)
        }
    }

    impl Write for Duplex {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.output.write(buf)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn body_of(framing: Framing, leftover: &[u8], rest: &[u8], max: usize) -> Result<Vec<u8>, u16> {
        let mut stream = Duplex::new(rest);
        let mut body = Body {
            leftover: leftover.to_vec(),
            stream: &mut stream,
            framing,
            expect_continue: false,
            read: false,
        };
        body.read(max).map_err(|r| r.status)
    }

    #[test]
    fn bodies_are_read_within_the_limit() {
        assert_eq!(
            body_of(Framing::Length(5), b"ab", b"cdeXYZ", 10),
            Ok(b"abcde".to_vec())
        );
        assert_eq!(body_of(Framing::Length(11), b"", b"", 10), Err(413));
        assert_eq!(body_of(Framing::Length(5), b"ab", b"", 10), Err(400));
        assert_eq!(
            body_of(
                Framing::Chunked,
                b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n",
                b"",
                10
            ),
            Ok(b"abcde".to_vec())
        );
        assert_eq!(
            body_of(
                Framing::Chunked,
                b"3\r\nabc\r\n",
                b"9\r\n123456789\r\n0\r\n\r\n",
                10
            ),
            Err(413)
        );
        assert_eq!(body_of(Framing::Chunked, b"zz\r\n", b"", 10), Err(400));
        assert_eq!(
            body_of(Framing::Chunked, b"3\r\nabcd\r\n", b"", 10),
            Err(400)
        );
        assert_eq!(
            body_of(Framing::Chunked, b"3\r\nabc\r\n", b"", 10),
            Err(400)
        );
        assert_eq!(body_of(Framing::Empty, b"", b"ignored", 10), Ok(vec![]));
    }

    #[test]
    fn expect_continue_is_answered_before_the_body_is_read() {
        let mut stream = Duplex::new(b"abc");
        let mut body = Body {
            leftover: vec![],
            stream: &mut stream,
            framing: Framing::Length(3),
            expect_continue: true,
            read: false,
        };
        assert_eq!(body.read(10).map_err(|r| r.status), Ok(b"abc".to_vec()));
        assert!(body.finished());
        assert_eq!(stream.output, b"HTTP/1.1 100 Continue\r\n\r\n");
    }

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
    fn replies_are_written_with_their_length_and_cors_only_when_asked() {
        let reply = Reply::text(405, "no").with_header("Allow", "GET\r\nX: y");
        let mut out = Vec::new();
        write_reply(&mut out, &reply, false, false, false).expect("written");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{text}"
        );
        assert!(text.contains("Content-Length: 3\r\n"), "{text}");
        assert!(text.contains("Allow: GETX: y\r\n"), "{text}");
        assert!(!text.contains("Access-Control"), "{text}");
        assert!(text.ends_with("\r\n\r\nno\n"), "{text}");
        let mut out = Vec::new();
        write_reply(&mut out, &reply, true, true, false).expect("written");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.contains("Access-Control-Allow-Origin: *\r\n"),
            "{text}"
        );
        assert!(text.ends_with("\r\n\r\n"), "HEAD has no body: {text}");
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

    #[test]
    fn permits_are_bounded_and_given_back() {
        let counter = Arc::new(AtomicUsize::new(0));
        let first = Permit::try_acquire(&counter, 2).expect("first");
        let second = Permit::try_acquire(&counter, 2).expect("second");
        assert!(Permit::try_acquire(&counter, 2).is_none());
        drop(first);
        assert!(Permit::try_acquire(&counter, 2).is_some());
        drop(second);
        assert_eq!(counter.load(Ordering::SeqCst), 0);
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
