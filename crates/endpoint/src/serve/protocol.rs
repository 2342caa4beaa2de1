//! The SPARQL 1.1 Protocol on `/sparql`: a query or an update from GET parameters, a form
//! or a direct POST body, run within the limits and answered in the negotiated format.

use std::sync::Arc;

use oxigraph::sparql::CancellationToken;

use super::ServeConfig;
use super::State;
use super::http::{Reply, Request};
use super::negotiation::{acceptable_for_some_shape, media_type, result_reply};
use super::slots::{execute, timed_out};
use crate::sparql::{self, QueryError};
use crate::store::StoreError;

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

/// The status and message of a query that did not run.
pub(super) fn query_error_reply(error: &QueryError, config: &ServeConfig) -> Reply {
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

pub(super) fn sparql_endpoint(
    state: &State,
    request: &mut Request<'_>,
    query_string: &str,
) -> Reply {
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
    let engine = Arc::clone(&state.engine);
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
            // Through the engine's `change`: its vocabulary, and a store's kept lexicon, follow.
            let update =
                move |_: &_| engine.change(|store| Ok::<_, StoreError>(prepared.run(store)));
            match execute(state, token, update) {
                Ok(Ok(Ok(()))) => Reply::text(200, "update applied"),
                Ok(Ok(Err(error))) => query_error_reply(&error, config),
                Ok(Err(error)) => Reply::text(500, error.to_string()),
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
            let prepared = match engine.prepare_query(&query, &state.options(), Some(&token)) {
                Ok(prepared) => prepared,
                Err(error) => return query_error_reply(&error, config),
            };
            match execute(state, token, move |limits| {
                prepared.run_within(engine.graph().store(), limits)
            }) {
                Ok(Ok(output)) => result_reply(&output, accept, &parsed.formats),
                Ok(Err(error)) => query_error_reply(&error, config),
                Err(reply) => reply,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
