//! A question-answering session: the loaded graph, its vocabulary and the user's settings,
//! and the pipeline parse → resolve → compile → answer for one question at a time.

use std::fmt;

use crate::answer::{self, Answer};
use crate::ast::Span;
use crate::compile::{self, Post};
use crate::graph::{KnowledgeGraph, LoadError, RdfSource};
use crate::parse::{self, ParseError};
use crate::remote::Endpoint;
use crate::render::Format;
use crate::resolve::{self, Plan, ResolveError};
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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            format: Format::Table,
            sources: false,
            explain: false,
            timing: false,
            documents_only: false,
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
    /// Where in the question the problem is, when known.
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

    /// The 1-based line and column of the problem in `question`.
    pub fn line_column(&self, question: &str) -> Option<(usize, usize)> {
        let start = self.span()?.start.min(question.len());
        let before = question.get(..start)?;
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        Some((line, column))
    }

    /// The message, then the question's line with carets under the problem (a window of
    /// the line around it when the line is long).
    pub fn report(&self, question: &str) -> String {
        let mut report = self.to_string();
        let (Some(span), Some((line, column))) = (self.span(), self.line_column(question)) else {
            return report;
        };
        let Some(text) = question.lines().nth(line - 1) else {
            return report;
        };
        let width = question
            .get(span.start.min(question.len())..span.end.min(question.len()))
            .map(|s| s.chars().count())
            .unwrap_or(1)
            .clamp(1, text.chars().count().saturating_sub(column - 1).max(1));
        // A long line is shown as a window around the problem, not echoed whole.
        let chars: Vec<char> = text.chars().collect();
        let at = column - 1;
        let from = if chars.len() > ECHO_WIDTH {
            at.saturating_sub(ECHO_CONTEXT)
        } else {
            0
        };
        let to = (from + ECHO_WIDTH).min(chars.len());
        let before = if from > 0 { "…" } else { "" };
        let after = if to < chars.len() { "…" } else { "" };
        let shown: String = chars[from..to].iter().collect();
        let width = width.min(to.saturating_sub(at).max(1));
        report.push_str(&format!(
            "\n  | {before}{shown}{after}\n  | {}{}",
            " ".repeat(at - from + before.chars().count()),
            "^".repeat(width)
        ));
        report
    }
}

/// The most characters of a question's line echoed under an error, and how many of them come
/// before the problem.
const ECHO_WIDTH: usize = 100;
const ECHO_CONTEXT: usize = 30;

impl fmt::Display for QuestionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Parse(e) => e.fmt(f),
            Self::Resolve(e) => e.fmt(f),
            Self::Query(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for QuestionError {}

/// What a question produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Answer(Answer),
    /// `explain …`: the SPARQL that would run.
    Explained(String),
}

/// The graph and its vocabulary, loaded once.
pub struct Session {
    /// The graph questions run on; with an endpoint, only the ontology and the remote
    /// entities' names, kept locally to resolve questions.
    graph: KnowledgeGraph,
    vocabulary: Vocabulary,
    /// Where queries run when not on `graph`.
    endpoint: Option<Endpoint>,
    pub settings: Settings,
}

impl Session {
    pub fn new(graph: KnowledgeGraph) -> Result<Self, LoadError> {
        let vocabulary = Vocabulary::from_store(graph.store())?;
        Ok(Self {
            graph,
            vocabulary,
            endpoint: None,
            settings: Settings::default(),
        })
    }

    /// A session whose questions run on a remote SPARQL endpoint. The vocabulary comes from
    /// the shipped ontology and the entity names the endpoint holds.
    pub fn remote(endpoint: Endpoint) -> Result<Self, String> {
        let ontology: Vec<RdfSource> = crate::graph::embedded_sources()
            .into_iter()
            .filter(|source| source.kind == crate::graph::SourceKind::Ontology)
            .collect();
        let graph = KnowledgeGraph::from_sources(&ontology).map_err(|e| e.to_string())?;
        let names = endpoint
            .query(
                "CONSTRUCT { ?e rdfs:label ?label . ?e skos:altLabel ?alias } WHERE {\n\
                 \x20 { ?e rdfs:label ?label } UNION { ?e skos:altLabel ?alias }\n\
                 \x20 FILTER (isIRI(?e) && STRSTARTS(STR(?e), STR(ent:)))\n}",
            )
            .map_err(|e| format!("cannot read entity names from the endpoint: {e}"))?;
        if let crate::sparql::QueryOutput::Graph(triples) = names {
            graph
                .store()
                .extend(
                    triples
                        .into_iter()
                        .map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph)),
                )
                .map_err(|e| e.to_string())?;
        }
        let mut session = Self::new(graph).map_err(|e| e.to_string())?;
        session.endpoint = Some(endpoint);
        Ok(session)
    }

    /// Runs SPARQL where this session's questions run: the endpoint, or the local store,
    /// in this session's [`scope`](Self::scope).
    pub fn query(&self, text: &str) -> Result<crate::sparql::QueryOutput, QueryError> {
        self.query_in(text, &self.scope()?)
    }

    /// [`query`](Self::query) in a scope found already (once for all the queries of a
    /// question).
    fn query_in(
        &self,
        text: &str,
        scope: &Scope,
    ) -> Result<crate::sparql::QueryOutput, QueryError> {
        match &self.endpoint {
            Some(endpoint) => endpoint.query(text),
            None => sparql::run_in(self.graph.store(), text, &sparql::Limits::default(), scope),
        }
    }

    /// The graphs this session's queries see: all of them, or with
    /// [`Settings::documents_only`] every graph but the reference layer's, found in the
    /// catalogue each time (a store may change). Questions, `sparql …` questions and the
    /// endpoint's queries all get their scope here; `catena sparql`, which needs no session,
    /// calls the same [`crate::graph::documents_only`].
    pub fn scope(&self) -> Result<Scope, QueryError> {
        if !self.settings.documents_only {
            return Ok(Scope::All);
        }
        if self.endpoint.is_some() {
            return Err(QueryError::Unsupported(DOCUMENTS_ONLY_REMOTE.to_owned()));
        }
        crate::graph::documents_only(self.graph.store())
    }

    /// Parses a SPARQL query to run on the local graph, in this session's scope (for callers
    /// that run it themselves, within limits: the endpoint, `catena sparql`).
    pub fn prepare_query(
        &self,
        text: &str,
        cancellation: Option<&oxigraph::sparql::CancellationToken>,
    ) -> Result<sparql::PreparedQuery, QueryError> {
        let scope = self.scope()?;
        Ok(sparql::prepare_query(text, cancellation)?.in_scope(&scope))
    }

    /// Whether questions run on a remote endpoint.
    pub fn is_remote(&self) -> bool {
        self.endpoint.is_some()
    }

    pub fn from_sources(sources: &[RdfSource]) -> Result<Self, LoadError> {
        Self::new(KnowledgeGraph::from_sources(sources)?)
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    pub fn graph(&self) -> &KnowledgeGraph {
        &self.graph
    }

    /// The SPARQL a question compiles to (without running it).
    pub fn translate(
        &self,
        question: &str,
    ) -> Result<(resolve::Resolved, compile::Compiled), QuestionError> {
        let parsed = parse::parse(question).map_err(QuestionError::Parse)?;
        let mut resolved =
            resolve::resolve(&parsed, &self.vocabulary).map_err(QuestionError::Resolve)?;
        resolved.with_sources |= self.settings.sources && !matches!(resolved.plan, Plan::Sparql(_));
        let compiled = compile::compile(&resolved, &self.vocabulary);
        Ok((resolved, compiled))
    }

    /// Asks one question.
    pub fn ask(&self, question: &str) -> Result<Outcome, QuestionError> {
        let (resolved, compiled) = self.translate(question)?;
        if resolved.explain || self.settings.explain {
            return Ok(Outcome::Explained(self.explanation(&compiled)));
        }
        let scope = self.scope().map_err(QuestionError::Query)?;
        if let Plan::Sparql(text) = &resolved.plan {
            let output = self.query_in(text, &scope).map_err(QuestionError::Query)?;
            return Ok(Outcome::Answer(Answer {
                output,
                columns: vec![],
            }));
        }
        answer::run(
            &|text| self.query_in(text, &scope),
            &self.vocabulary,
            &compiled,
        )
        .map(Outcome::Answer)
        .map_err(QuestionError::Query)
    }

    /// [`explanation`], and the graphs it runs on when they are not all of them.
    pub fn explanation(&self, compiled: &compile::Compiled) -> String {
        let mut text = explanation(compiled);
        if self.settings.documents_only {
            text.push_str(
                "\n# run on the documents' graphs only: the default graph is the union of every \
                 named graph but the reference layer's (the passages of a cat:ReferenceDataset), \
                 and GRAPH sees only those",
            );
        }
        text
    }
}

/// Why `--documents-only` is refused with `--endpoint`.
pub const DOCUMENTS_ONLY_REMOTE: &str = "--documents-only is not supported with --endpoint yet: \
     catena cannot narrow a remote engine's graphs; leave one of them out";

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
        Post::ShortestPath { from, to } => text.push_str(&format!(
            "\n# then: the same query (and its mirror, for edges arriving) for each new level's nodes, searching from both ends at once, from {} to {}",
            crate::vocab::compact(from.as_str()),
            crate::vocab::compact(to.as_str())
        )),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(start: usize, end: usize) -> QuestionError {
        QuestionError::Parse(ParseError {
            span: Span::new(start, end),
            message: "wrong here".to_owned(),
            suggestions: vec![],
        })
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
}
