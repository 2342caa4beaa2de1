//! A shell's session (the engine and the user's settings), and the errors of questions.

use std::fmt;
use std::sync::Arc;

use crate::ast::Span;
use crate::compile::{self, Post};
use crate::diagnostic::{self, Diagnostic, Text};
use crate::engine::{Engine, Options};
use crate::graph::{KnowledgeGraph, LoadError, RdfSource};
use crate::parse::{self, ParseError};
use crate::remote::Endpoint;
use crate::render::{Format, Layout};
use crate::resolve::{self, ResolveError};
use crate::sparql::{self, QueryError, Scope};
use crate::vocabulary::Vocabulary;

/// Settings the REPL's dot-commands change and the batch flags set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub format: Format,
    /// Add the source passage to every row, as if each question ended in `with sources`.
    pub sources: bool,
    /// Print the SPARQL of each question instead of running it.
    pub explain: bool,
    /// Print how long each question took.
    pub timing: bool,
    /// Leave out the reference layer: queries see every graph but the passages of a
    /// `cat:ReferenceDataset` (`--documents-only`, `.documents only`).
    pub documents_only: bool,
    /// How tables are laid out: rows and columns, a block per record, or whichever fits
    /// (`.expanded`, `--expanded`).
    pub layout: Layout,
    /// Fit tables in this many columns (`--width`); else the terminal's width, and no limit
    /// when output is not a terminal.
    pub width: Option<usize>,
    /// The REPL pages answers longer than the terminal is high (`.pager`).
    pub pager: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            format: Format::Table,
            sources: false,
            explain: false,
            timing: false,
            documents_only: false,
            layout: Layout::Auto,
            width: None,
            pager: true,
        }
    }
}

/// Why a question got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionError {
    Parse(ParseError),
    Resolve(ResolveError),
    Query(QueryError),
}

impl QuestionError {
    /// Where in the question the problem is, for errors of the question's own words (a
    /// `sparql …` question's query errors are placed by [`Self::diagnostic`]).
    pub fn span(&self) -> Option<Span> {
        match self {
            Self::Parse(e) => Some(e.span),
            Self::Resolve(e) => Some(e.span),
            Self::Query(_) => None,
        }
    }

    /// The closest valid words or names, best first (empty when there are none).
    pub fn suggestions(&self) -> &[String] {
        match self {
            Self::Parse(e) => &e.suggestions,
            Self::Resolve(e) => &e.suggestions,
            Self::Query(_) => &[],
        }
    }

    /// The problem placed in `question`: the parser's or resolver's diagnostic, or the
    /// syntax error of a `sparql …` question's query moved to where the query starts.
    /// `None` for a query that ran and failed.
    pub fn diagnostic(&self, question: &str) -> Option<Diagnostic> {
        match self {
            Self::Parse(e) | Self::Resolve(e) => Some(e.clone()),
            Self::Query(e) => {
                let (offset, query) = sparql_of(question)?;
                Some(syntax_diagnostic(e, query)?.shifted(offset))
            }
        }
    }

    /// The 1-based line and column (in characters) of the problem in `question`.
    pub fn line_column(&self, question: &str) -> Option<(usize, usize)> {
        self.diagnostic(question)?.line_column(question)
    }

    /// The message, then the question's line with carets under the problem (a window of
    /// the line around it when the line is long): [`Diagnostic::report`].
    pub fn report(&self, question: &str) -> String {
        match self.diagnostic(question) {
            Some(diagnostic) => diagnostic.report(question),
            None => self.to_string(),
        }
    }

    /// The error as the `/ask` endpoint answers it: [`Diagnostic::to_json`], or the same
    /// fields with no place for a query that ran and failed.
    pub fn to_json(&self, question: &str) -> serde_json::Value {
        match self.diagnostic(question) {
            Some(diagnostic) => diagnostic.to_json(question),
            None => crate::diagnostic::placeless_json(&self.to_string()),
        }
    }
}

/// Where a `sparql …` question's query starts, and the query: it runs to the end of the
/// question (`None` for other questions).
fn sparql_of(question: &str) -> Option<(usize, &str)> {
    let parsed = parse::parse(question).ok()?;
    let crate::ast::Form::Sparql(crate::forms::sparql::Sparql(query)) = &parsed.form else {
        return None;
    };
    let offset = question.len().checked_sub(query.len())?;
    let tail = question.get(offset..)?;
    (tail == query).then_some((offset, tail))
}

impl fmt::Display for QuestionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Parse(e) => e.fmt(f),
            Self::Resolve(e) => e.fmt(f),
            Self::Query(e) => e.fmt(f),
        }
    }
}

/// The message is the wrapped error's own, so its cause is the wrapped error's cause (as a
/// transparent wrapper): a chain printer then shows each message once.
impl std::error::Error for QuestionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Parse(e) | Self::Resolve(e) => e.source(),
            Self::Query(e) => e.source(),
        }
    }
}

/// Why a session on a remote endpoint could not start.
#[derive(Debug)]
pub enum RemoteSessionError {
    /// The shipped ontology did not load, or its vocabulary not read.
    Load(LoadError),
    /// The endpoint did not give its entities' names.
    EntityNames(QueryError),
    /// The names could not be added to the local graph.
    Storage(oxigraph::store::StorageError),
}

impl fmt::Display for RemoteSessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Load(error) => error.fmt(f),
            Self::EntityNames(error) => {
                write!(f, "cannot read entity names from the endpoint: {error}")
            }
            Self::Storage(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for RemoteSessionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Shown as their own messages: their causes are theirs.
            Self::Load(error) => error.source(),
            Self::Storage(error) => error.source(),
            Self::EntityNames(error) => Some(error),
        }
    }
}

impl From<LoadError> for RemoteSessionError {
    fn from(error: LoadError) -> Self {
        Self::Load(error)
    }
}

/// A SPARQL syntax error as a [`Diagnostic`] pointing into `query` (the text that was parsed),
/// for carets under it; `None` for other errors and when the parser gave no position.
pub fn syntax_diagnostic(error: &QueryError, query: &str) -> Option<Diagnostic> {
    let QueryError::Syntax {
        position: Some((line, column)),
        expected,
        ..
    } = error
    else {
        return None;
    };
    let at = diagnostic::span_at(query, *line, *column)?;
    Some(Diagnostic::new(at, Text::same(error.to_string())).with_expected(expected.clone()))
}

pub use crate::engine::{DOCUMENTS_ONLY_REMOTE, Outcome};

/// A shell's session: the engine, and the settings the REPL's dot-commands change and the
/// batch flags set. Every question goes to the engine with the options these settings give.
pub struct Session {
    engine: Arc<Engine>,
    pub settings: Settings,
}

impl Settings {
    /// What the engine needs of these settings.
    pub fn options(&self) -> Options {
        Options {
            sources: self.sources,
            explain: self.explain,
            documents_only: self.documents_only,
        }
    }
}

impl Session {
    pub fn new(graph: KnowledgeGraph) -> Result<Self, LoadError> {
        Ok(Self::of(Engine::new(graph)?))
    }

    /// A session on an engine, with the default settings.
    pub fn of(engine: Engine) -> Self {
        Self {
            engine: Arc::new(engine),
            settings: Settings::default(),
        }
    }

    /// A session whose questions run on a remote SPARQL endpoint (see [`Engine::remote`]).
    pub fn remote(endpoint: Endpoint) -> Result<Self, RemoteSessionError> {
        Ok(Self::of(Engine::remote(endpoint)?))
    }

    pub fn from_sources(sources: &[RdfSource]) -> Result<Self, LoadError> {
        Ok(Self::of(Engine::from_sources(sources)?))
    }

    /// The engine, to share with an endpoint.
    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// Runs SPARQL where this session's questions run, in its scope.
    pub fn query(&self, text: &str) -> Result<sparql::QueryOutput, QueryError> {
        self.engine.query(text, &self.settings.options())
    }

    /// The graphs this session's queries see (see [`Engine::scope`]).
    pub fn scope(&self) -> Result<Scope, QueryError> {
        self.engine.scope(&self.settings.options())
    }

    /// Parses a SPARQL query to run on the local graph, in this session's scope.
    pub fn prepare_query(
        &self,
        text: &str,
        cancellation: Option<&oxigraph::sparql::CancellationToken>,
    ) -> Result<sparql::PreparedQuery, QueryError> {
        self.engine
            .prepare_query(text, &self.settings.options(), cancellation)
    }

    /// Whether questions run on a remote endpoint.
    pub fn is_remote(&self) -> bool {
        self.engine.is_remote()
    }

    pub fn vocabulary(&self) -> Arc<Vocabulary> {
        self.engine.vocabulary()
    }

    pub fn graph(&self) -> &KnowledgeGraph {
        self.engine.graph()
    }

    /// The SPARQL a question compiles to (without running it).
    pub fn translate(
        &self,
        question: &str,
    ) -> Result<(resolve::Resolved, compile::Compiled), QuestionError> {
        self.engine.translate(question, &self.settings.options())
    }

    /// Asks one question.
    pub fn ask(&self, question: &str) -> Result<Outcome, QuestionError> {
        self.engine.ask(question, &self.settings.options())
    }

    /// The SPARQL of a compiled question, and the graphs it runs on when not all of them.
    pub fn explanation(&self, compiled: &compile::Compiled) -> String {
        self.engine.explanation(compiled, &self.settings.options())
    }
}

/// The SPARQL of a compiled question, with what happens after it when SPARQL is not all.
pub fn explanation(compiled: &compile::Compiled) -> String {
    let mut text = compiled.sparql.trim_end().to_owned();
    match &compiled.post {
        Post::Rows { sort, merge_by } => {
            let labelled: Vec<String> = compiled
                .columns
                .iter()
                .filter(|c| c.labelled_after)
                .map(|c| c.var.to_string())
                .collect();
            if !labelled.is_empty() {
                text.push_str(&format!(
                    "\n# then: the English labels of {} from the entity index",
                    labelled.join(", ")
                ));
                if !sort.is_empty() {
                    text.push_str(", and the rows sorted by ");
                    let keys: Vec<String> = sort
                        .iter()
                        .map(|key| match key {
                            compile::SortKey::Label(var) => format!("{var}'s label"),
                            compile::SortKey::NumberDescending(var) => {
                                format!("{var} (largest first)")
                            }
                        })
                        .collect();
                    text.push_str(&keys.join(", then "));
                }
            }
            if let Some(var) = merge_by {
                text.push_str(&format!(
                    "\n# then: the rows of one {var} merged into one (a joint commitment is one row)"
                ));
            }
        }
        Post::Transitive { entity, .. } => text.push_str(&format!(
            "\n# then: the same query for each new level's nodes (a breadth-first walk from {}), keeping the chain to each answer",
            crate::vocab::compact(entity.as_str())
        )),
        Post::Card { entity } => text.push_str(&format!(
            "\n# then: the rows shown as the card of {}: the facts grouped by relation, one line per fact with its passages merged",
            crate::vocab::compact(entity.as_str())
        )),
        Post::ShortestPath { from, to } => text.push_str(&format!(
            "\n# then: the same query (and its mirror, for edges arriving) for each new level's nodes, searching from both ends at once, from {} to {}",
            crate::vocab::compact(from.as_str()),
            crate::vocab::compact(to.as_str())
        )),
    }
    if let Some(otherwise) = &compiled.otherwise {
        text.push_str("\n# when that finds no rows, instead:\n");
        text.push_str(&explanation(otherwise));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(start: usize, end: usize) -> QuestionError {
        QuestionError::Parse(ParseError::new(
            Span::new(start, end),
            Text::same("wrong here"),
        ))
    }

    #[test]
    fn documents_only_narrows_every_query_of_the_session() {
        let mut session =
            Session::new(KnowledgeGraph::embedded().expect("shipped graph")).expect("a session");
        let milan = "ASK { ent:Milan cat:locatedIn ent:Italy }";
        assert_eq!(
            session.query(milan),
            Ok(crate::sparql::QueryOutput::Boolean(true))
        );
        session.settings.documents_only = true;
        assert_eq!(
            session.query(milan),
            Ok(crate::sparql::QueryOutput::Boolean(false))
        );
        let Ok(Outcome::Answer(answer)) = session.ask(&format!("sparql {milan}")) else {
            panic!("the question is answered");
        };
        assert_eq!(answer.output, crate::sparql::QueryOutput::Boolean(false));
        assert!(matches!(session.scope(), Ok(Scope::Only(_))));
        let explained = session
            .translate("list companies in Italy")
            .map(|(_, compiled)| session.explanation(&compiled))
            .expect("translates");
        assert!(explained.contains("documents' graphs only"), "{explained}");
    }

    #[test]
    fn a_short_question_is_echoed_whole_with_carets_under_the_problem() {
        let report = error_at(4, 11).report("who deponds on X");
        assert_eq!(report, "wrong here\n  | who deponds on X\n  |     ^^^^^^^");
    }

    #[test]
    fn a_long_line_is_echoed_as_a_window_around_the_problem() {
        let question = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let report = error_at(5000, 5003).report(&question);
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), 3, "{report}");
        assert!(lines[1].chars().count() < 120, "{}", lines[1]);
        assert!(
            lines[1].contains("…aaa") && lines[1].contains("BADbbb") && lines[1].ends_with('…')
        );
        // The carets stand under BAD.
        let caret = lines[2].chars().position(|c| c == '^').expect("carets");
        let under: String = lines[1].chars().skip(caret).take(3).collect();
        assert_eq!(under, "BAD");
        assert_eq!(lines[2].matches('^').count(), 3);
    }

    fn embedded_session() -> Session {
        Session::new(KnowledgeGraph::embedded().expect("shipped graph")).expect("a session")
    }

    /// The deliberate change: carets under a name after wide characters stand under it (they
    /// were placed by counting characters, one column each).
    #[test]
    fn carets_under_a_name_after_wide_characters_stand_under_it() {
        let session = embedded_session();
        let question = "who depends on 日本 Nvidea";
        let error = session.ask(question).expect_err("no such entity");
        assert_eq!(error.line_column(question), Some((1, 16)));
        let report = error.report(question);
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines[1], "  | who depends on 日本 Nvidea");
        // 15 ASCII columns and two CJK characters of two columns each come first.
        assert_eq!(
            lines[2],
            format!("  | {}{}", " ".repeat(15), "^".repeat(11))
        );
    }

    #[test]
    fn a_sparql_question_points_into_its_query() {
        let session = embedded_session();
        let question = "sparql SELECT ?x WHERE { ?x nope:p ?y }";
        let error = session.ask(question).expect_err("unknown prefix");
        assert!(matches!(
            error,
            QuestionError::Query(QueryError::Syntax { .. })
        ));
        assert_eq!(error.line_column(question), Some((1, 35)));
        let report = error.report(question);
        assert!(
            report.starts_with("invalid SPARQL at 1:28: unknown prefix `nope:`"),
            "{report}"
        );
        assert!(
            report.ends_with(&format!("\n  | {question}\n  | {}^", " ".repeat(34))),
            "{report}"
        );
        let json = error.to_json(question);
        assert_eq!(json["column"], 35);
        assert_eq!(json["span"]["start"], 34);
        assert!(
            std::error::Error::source(&error).is_some(),
            "the parser's error"
        );
        // A query that failed while running points nowhere.
        let failed = QuestionError::Query(QueryError::Cancelled);
        assert_eq!(failed.report(question), "query cancelled");
        assert_eq!(failed.to_json(question)["line"], serde_json::Value::Null);
    }

    #[test]
    fn ask_json_keeps_every_field_it_had() {
        let session = embedded_session();
        let question = "who depends on Nvidiaa";
        let error = session.ask(question).expect_err("no such entity");
        let json = error.to_json(question);
        // tests/snapshots/bad_inputs__bad_inputs.snap, ask-unknown-entity.http: the fields
        // /ask always had, with "did you mean" now offering the whole question that works
        // (also given alone as `question`).
        let before = serde_json::json!({
            "column": 16,
            "error": "unknown entity `Nvidiaa`; did you mean `who depends on NVIDIA`?",
            "line": 1,
            "report": "unknown entity `Nvidiaa`; did you mean `who depends on NVIDIA`?\n  | who depends on Nvidiaa\n  |                ^^^^^^^",
            "suggestions": ["NVIDIA"],
            "question": "who depends on NVIDIA",
            "language": "en",
        });
        for (key, value) in before.as_object().expect("an object") {
            assert_eq!(&json[key], value, "{key}");
        }
        assert_eq!(json["span"], serde_json::json!({"start": 15, "end": 22}));
    }

    #[test]
    fn italian_relations_tell_the_language() {
        let session = embedded_session();
        let question = "chi dipende";
        let Err(QuestionError::Resolve(error)) = session.translate(question) else {
            panic!("the relation is incomplete");
        };
        assert_eq!(error.language, Some(crate::vocabulary::Lang::It), "{error}");
        assert_eq!(error.to_json(question)["language"], "it");
    }
}
