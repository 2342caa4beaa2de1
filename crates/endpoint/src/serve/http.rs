//! HTTP/1.1 on `std::net`: reading a request head and body within limits, writing a reply,
//! and serving the requests of one kept-alive connection.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use serde_json::json;

/// How long writing the response may block.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest request head (request line and headers).
const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 100;

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
pub(super) trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// How long a kept-alive connection may wait for its next request.
const KEEP_ALIVE_IDLE: Duration = Duration::from_secs(5);
/// Requests served on one connection before it is closed (HTTP/1.1 keep-alive).
const MAX_REQUESTS_PER_CONNECTION: usize = 1000;

/// Serves the requests of one connection with `handle`, keeping it alive between them
/// (see the module documentation of [`super`]) and giving each `request_timeout` to arrive.
pub(super) fn serve_connection(
    stream: TcpStream,
    request_timeout: Duration,
    cors: bool,
    handle: &dyn Fn(&mut Request<'_>) -> Reply,
) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(peer) = stream.try_clone() else {
        return;
    };
    let mut connection = Connection {
        stream,
        deadline: Instant::now() + request_timeout,
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
                    None => panic::catch_unwind(AssertUnwindSafe(|| handle(&mut request)))
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
        if write_reply(&mut writer, &reply, head_only, cors, keep_alive).is_err() {
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
        connection.deadline = Instant::now() + request_timeout;
    }
}

/// A connection in memory: reads `input`, collects what is written.
pub(super) struct InMemory<'a> {
    pub(super) input: &'a [u8],
    pub(super) output: Vec<u8>,
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
pub(super) struct Head {
    pub(super) method: String,
    pub(super) target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub(super) version: u8,
    pub(super) headers: Vec<(String, String)>,
}

impl Head {
    /// The first header of that name (case-insensitive).
    pub(super) fn header(&self, name: &str) -> Option<&str> {
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
pub(super) fn read_head(stream: &mut dyn Read) -> Result<Option<(Head, Vec<u8>)>, Reply> {
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
pub(super) struct Body<'a> {
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
    pub(super) fn read(&mut self, max: usize) -> Result<Vec<u8>, Reply> {
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
pub(super) struct Request<'a> {
    pub(super) head: Head,
    pub(super) body: Body<'a>,
    /// Set when the body's framing is invalid: the request is answered with it.
    pub(super) framing_error: Option<Reply>,
}

impl<'a> Request<'a> {
    pub(super) fn new(head: Head, leftover: Vec<u8>, stream: &'a mut dyn Stream) -> Self {
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
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) content_type: String,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Vec<u8>,
}

impl Reply {
    pub(super) fn new(status: u16, content_type: impl Into<String>, body: Vec<u8>) -> Self {
        Self {
            status,
            content_type: content_type.into(),
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text message (errors of `/sparql`).
    pub(super) fn text(status: u16, message: impl Into<String>) -> Self {
        let mut body = message.into();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Self::new(status, "text/plain; charset=utf-8", body.into_bytes())
    }

    pub(super) fn json(status: u16, value: &serde_json::Value) -> Self {
        let mut body = value.to_string();
        body.push('\n');
        Self::new(status, "application/json", body.into_bytes())
    }

    /// The same failure as a JSON `{"error": …}` (errors of `/ask`).
    pub(super) fn into_json_error(self) -> Self {
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

    pub(super) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
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

pub(super) fn write_reply(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
