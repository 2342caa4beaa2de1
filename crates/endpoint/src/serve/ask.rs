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
use crate::answer::{self, Answer};
use crate::compile;
use crate::resolve::Plan;
use crate::session::{Outcome, QuestionError, Session};
use crate::sparql::{self, Limits, QueryError, QueryOutput};

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
