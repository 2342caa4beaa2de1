//! `/ask`: a question in catena's language, translated, run within the limits and answered
//! as SPARQL JSON results, or as a JSON error with where it went wrong and suggestions.

use std::sync::Arc;

use oxigraph::sparql::CancellationToken;
use serde_json::json;

use super::http::{Head, Reply};
use super::negotiation::{acceptable_for_some_shape, result_reply};
use super::protocol::query_error_reply;
use super::slots::execute;
use super::{ServeConfig, State};
use crate::engine::Outcome;
use crate::session::QuestionError;

/// A question's failure as JSON: the message, the report with a caret, where, and the
/// closest valid words.
fn question_error_reply(error: &QuestionError, question: &str, config: &ServeConfig) -> Reply {
    let status = match error {
        QuestionError::Parse(_) | QuestionError::Resolve(_) => 400,
        QuestionError::Query(query_error) => query_error_reply(query_error, config).status,
    };
    Reply::json(status, &error.to_json(question))
}

pub(super) fn ask_endpoint(state: &State, head: &Head, query_string: &str) -> Reply {
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
    // Prepared before taking a query slot: a malformed question is answered at once.
    let prepared = match state
        .engine
        .prepare(&question, &state.options(), Some(&token))
    {
        Ok(prepared) => prepared,
        Err(error) => return question_error_reply(&error, &question, &state.config),
    };
    let engine = Arc::clone(&state.engine);
    match execute(state, token, move |limits| engine.answer(prepared, limits)) {
        Ok(Ok(Outcome::Answer(answer))) => {
            // `first 20 …` answers its first page.
            let reply = result_reply(&answer.shown().output, accept, &formats);
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
