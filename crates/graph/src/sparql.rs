//! Execution: runs SPARQL against the store with catena's prefixes predefined and the
//! union of all named graphs as the default graph (every fact lives in a passage graph).

use std::fmt;
use std::sync::Arc;

use oxigraph::model::{GraphName, NamedOrBlankNode, Term, Triple, Variable};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, PreparedSparqlUpdate, QueryEvaluationError,
    QueryResults, SparqlEvaluator, SparqlSyntaxError,
};
use oxigraph::store::Store;
use spargebra::SparqlParser;

use crate::vocab;

/// The result of a query, fully read (results of this graph's size fit in memory).
#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutput {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<Vec<Option<Term>>>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

/// Why a query did not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// The text is not SPARQL. `line`/`column` are 1-based when the parser gave them.
    Syntax {
        message: String,
        position: Option<(usize, usize)>,
        /// What the parser expected there, in words, when it said (the message says it too).
        expected: Vec<String>,
        /// The parser's own error.
        cause: Option<Cause>,
    },
    /// A SPARQL Update was given where only queries may run.
    UpdateRefused,
    /// The query asks for what catena does not offer: a `SERVICE` (catena makes no
    /// requests to other endpoints) or an unknown function.
    Unsupported(Reason),
    /// The query is valid but failed while running.
    Evaluation(Reason),
    /// The query was stopped through its [`Limits::cancellation`] token (a timeout, usually).
    Cancelled,
    /// The result has more rows (or triples) than [`Limits::max_rows`].
    TooLarge { limit: usize },
    /// The query multiplies unconnected patterns into more rows than
    /// [`Limits::max_product_rows`] (an estimate, made before it runs).
    ProductTooLarge { rows: u64, limit: u64 },
}

impl QueryError {
    /// A syntax error with no parser error behind it.
    pub fn syntax(message: impl Into<String>, position: Option<(usize, usize)>) -> Self {
        Self::Syntax {
            message: message.into(),
            position,
            expected: vec![],
            cause: None,
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax {
                message,
                position: Some((line, column)),
                ..
            } => write!(f, "invalid SPARQL at {line}:{column}: {message}"),
            Self::Syntax {
                message,
                position: None,
                ..
            } => write!(f, "invalid SPARQL: {message}"),
            Self::UpdateRefused => write!(
                f,
                "SPARQL updates (INSERT, DELETE, LOAD, CLEAR…) are refused: the graph is read-only"
            ),
            Self::Unsupported(reason) => write!(f, "query not supported: {reason}"),
            Self::Evaluation(reason) => write!(f, "query failed: {reason}"),
            Self::Cancelled => write!(f, "query cancelled"),
            Self::TooLarge { limit } => write!(
                f,
                "result too large: more than {limit} rows; add LIMIT to the query"
            ),
            Self::ProductTooLarge { rows, limit } => write!(
                f,
                "query refused: patterns that share no variable would make about {} rows that \
                 the engine can neither stop on time nor stream (the limit is {}); join them \
                 on a shared variable, or narrow them with constants",
                approximately(*rows),
                approximately(*limit)
            ),
        }
    }
}

impl std::error::Error for QueryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Syntax { cause, .. } => cause.as_ref().map(Cause::error),
            Self::Unsupported(reason) | Self::Evaluation(reason) => reason.cause(),
            _ => None,
        }
    }
}

/// The error behind another, shared so that the error holding it stays `Clone`. Errors of
/// other crates have no equality: two causes are equal when their messages are.
#[derive(Clone)]
pub struct Cause(Arc<dyn std::error::Error + Send + Sync>);

impl Cause {
    pub fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self(Arc::new(error))
    }

    pub fn error(&self) -> &(dyn std::error::Error + 'static) {
        &*self.0
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for Cause {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl Eq for Cause {}

/// What went wrong, in words, and the error that caused it when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    message: String,
    cause: Option<Cause>,
}

impl Reason {
    /// A reason no other error caused.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            cause: None,
        }
    }

    /// A reason said by `message`, caused by `cause` (whose message it usually includes).
    pub fn caused_by(
        message: impl Into<String>,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: message.into(),
            cause: Some(Cause::new(cause)),
        }
    }

    /// The error's own message as the reason.
    pub fn from_error(cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::caused_by(cause.to_string(), cause)
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn cause(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause.as_ref().map(Cause::error)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// `12000`, `3.5e7`: large numbers by their order of magnitude.
fn approximately(n: u64) -> String {
    if n < 1_000_000 {
        n.to_string()
    } else {
        format!("{:.1e}", n as f64)
    }
}

/// The parser's "prefix not found" (with a list of every character it expected) said
/// plainly: which prefix, and the ones catena declares.
fn unknown_prefix(query: &str, line: usize, column: usize) -> Option<String> {
    let text = query.lines().nth(line.checked_sub(1)?)?;
    let before: String = text.chars().take(column.saturating_sub(1)).collect();
    let token = before
        .split(|c: char| c.is_whitespace() || "{}();,".contains(c))
        .next_back()?;
    let (prefix, _) = token.split_once(':')?;
    let known: Vec<String> = vocab::PREFIXES
        .iter()
        .map(|(p, _)| format!("{p}:"))
        .collect();
    Some(format!(
        "unknown prefix `{prefix}:`; declare it with PREFIX, or use one of {}",
        known.join(" ")
    ))
}

/// A parser that knows catena's prefixes.
fn parser() -> SparqlParser {
    vocab::sparql_parser()
}

/// An evaluator for what [`parser`] parsed, stopped when `cancellation` is cancelled.
fn evaluator(cancellation: Option<&CancellationToken>) -> SparqlEvaluator {
    match cancellation {
        Some(token) => SparqlEvaluator::new().with_cancellation_token(token.clone()),
        None => SparqlEvaluator::new(),
    }
}

/// Bounds on the work of one query, for callers that serve others (the HTTP endpoint).
/// The default bounds nothing.
#[derive(Clone, Default)]
pub struct Limits {
    /// Cancelling this token stops the query where the evaluator next checks it (at every
    /// quad it reads) with [`QueryError::Cancelled`]; a timer thread cancels it on timeout.
    pub cancellation: Option<CancellationToken>,
    /// More rows (SELECT) or triples (CONSTRUCT, DESCRIBE) than this stops the query with
    /// [`QueryError::TooLarge`], without reading the rest.
    pub max_rows: Option<usize>,
    /// A query whose cartesian products would make more rows than this (estimated before it
    /// runs, see [`crate::query_cost`]) is refused with [`QueryError::ProductTooLarge`]:
    /// the evaluator cannot be cancelled while it combines them.
    pub max_product_rows: Option<u64>,
}

impl fmt::Debug for Limits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limits")
            .field(
                "cancellation",
                &self
                    .cancellation
                    .as_ref()
                    .map(CancellationToken::is_cancelled),
            )
            .field("max_rows", &self.max_rows)
            .field("max_product_rows", &self.max_product_rows)
            .finish()
    }
}

/// Which graphs of the store a query sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every graph: the union of all of them is the default graph, and `GRAPH ?g` finds
    /// each one.
    #[default]
    All,
    /// Only these graphs: the default graph is their union, and `GRAPH ?g` finds only the
    /// named ones among them. The data of the others stays in the store, unseen.
    Only(Arc<[GraphName]>),
}

impl Scope {
    /// The named graphs of a restricted scope (`None`: every graph).
    pub fn graphs(&self) -> Option<&[GraphName]> {
        match self {
            Self::All => None,
            Self::Only(graphs) => Some(graphs),
        }
    }
}

/// Runs a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store.
pub fn run(store: &Store, query: &str) -> Result<QueryOutput, QueryError> {
    run_with_limits(store, query, &Limits::default())
}

/// [`run`], stopped when `limits.cancellation` is cancelled or the result grows past
/// `limits.max_rows`.
pub fn run_with_limits(
    store: &Store,
    query: &str,
    limits: &Limits,
) -> Result<QueryOutput, QueryError> {
    run_in(store, query, limits, &Scope::All)
}

/// [`run_with_limits`] on the graphs of `scope` only.
pub fn run_in(
    store: &Store,
    query: &str,
    limits: &Limits,
    scope: &Scope,
) -> Result<QueryOutput, QueryError> {
    prepare_query(query, limits.cancellation.as_ref())?
        .in_scope(scope)
        .run_within(store, limits)
}

/// A query parsed with catena's prefixes and ready to run: parsing apart from running lets
/// a server refuse a malformed query before it waits for a slot among the running ones.
pub struct PreparedQuery {
    algebra: spargebra::Query,
    prepared: PreparedSparqlQuery,
}

/// Parses a query (an update is [`QueryError::UpdateRefused`]); `cancellation`, when given,
/// stops it later while it runs.
pub fn prepare_query(
    query: &str,
    cancellation: Option<&CancellationToken>,
) -> Result<PreparedQuery, QueryError> {
    let algebra = match parser().parse_query(query) {
        Ok(algebra) => algebra,
        Err(error) => {
            // An update with no operation (only a prologue, blanks or comments) parses too:
            // that is an empty query, not an update.
            return Err(match parser().parse_update(query) {
                Ok(update) if !update.operations.is_empty() => QueryError::UpdateRefused,
                Ok(_) => QueryError::syntax(
                    "the query is empty: it holds only blanks, comments or PREFIX \
                     declarations; write SELECT, ASK, CONSTRUCT or DESCRIBE",
                    None,
                ),
                Err(_) => syntax_error(error, query),
            });
        }
    };
    let mut prepared = evaluator(cancellation).for_query(algebra.clone());
    prepared.dataset_mut().set_default_graph_as_union();
    Ok(PreparedQuery { algebra, prepared })
}

impl PreparedQuery {
    /// Narrows the graphs the query sees to `scope`, as a SPARQL query dataset: the default
    /// graph becomes the union of the scope's graphs, and only its named graphs are available
    /// to `GRAPH` (those of a `FROM NAMED` too, when the query gives some).
    pub fn in_scope(mut self, scope: &Scope) -> Self {
        let Some(graphs) = scope.graphs() else {
            return self;
        };
        let dataset = self.prepared.dataset_mut();
        let asked: Option<Vec<NamedOrBlankNode>> =
            dataset.available_named_graphs().map(<[_]>::to_vec);
        let named: Vec<NamedOrBlankNode> = graphs
            .iter()
            .filter_map(|graph| match graph {
                GraphName::NamedNode(node) => Some(NamedOrBlankNode::from(node.clone())),
                GraphName::BlankNode(node) => Some(NamedOrBlankNode::from(node.clone())),
                GraphName::DefaultGraph => None,
            })
            .filter(|graph| asked.as_ref().is_none_or(|asked| asked.contains(graph)))
            .collect();
        dataset.set_default_graph(graphs.to_vec());
        dataset.set_available_named_graphs(named);
        self
    }

    /// Runs the query within `limits`: refused if its products are over
    /// `limits.max_product_rows`, stopped past `limits.max_rows`. (Its cancellation token is
    /// the one it was prepared with.)
    pub fn run_within(self, store: &Store, limits: &Limits) -> Result<QueryOutput, QueryError> {
        if let Some(limit) = limits.max_product_rows {
            self.check_products(store, limit)?;
        }
        self.run(store, limits.max_rows)
    }

    /// Refuses the query if its largest cartesian product, estimated on `store`, would make
    /// more than `limit` rows.
    fn check_products(&self, store: &Store, limit: u64) -> Result<(), QueryError> {
        let rows = crate::query_cost::product_cost(&self.algebra, store, limit.saturating_add(1));
        if rows > limit as f64 {
            Err(QueryError::ProductTooLarge {
                rows: rows.min(u64::MAX as f64) as u64,
                limit,
            })
        } else {
            Ok(())
        }
    }

    /// Runs the query; more than `max_rows` rows (or triples) is [`QueryError::TooLarge`].
    pub fn run(self, store: &Store, max_rows: Option<usize>) -> Result<QueryOutput, QueryError> {
        let max_rows = max_rows.unwrap_or(usize::MAX);
        let too_large = || QueryError::TooLarge { limit: max_rows };
        match self.stream(store)? {
            Streamed::Solutions { variables, rows } => {
                let mut kept = Vec::new();
                for row in rows {
                    let row = row?;
                    if kept.len() >= max_rows {
                        return Err(too_large());
                    }
                    kept.push(row);
                }
                Ok(QueryOutput::Solutions {
                    variables,
                    rows: kept,
                })
            }
            Streamed::Boolean(value) => Ok(QueryOutput::Boolean(value)),
            Streamed::Graph(triples) => {
                let mut graph = Vec::new();
                for triple in triples {
                    let triple = triple?;
                    if graph.len() >= max_rows {
                        return Err(too_large());
                    }
                    graph.push(triple);
                }
                Ok(QueryOutput::Graph(graph))
            }
        }
    }

    /// Runs the query and gives its rows (or triples) as the evaluator makes them, so that a
    /// writer can pass on millions without holding them.
    pub fn stream(self, store: &Store) -> Result<Streamed, QueryError> {
        Ok(
            match self
                .prepared
                .on_store(store)
                .execute()
                .map_err(evaluation_error)?
            {
                QueryResults::Solutions(solutions) => {
                    let variables = solutions.variables().to_vec();
                    let wanted = variables.clone();
                    Streamed::Solutions {
                        variables,
                        rows: Box::new(solutions.map(move |solution| {
                            let solution = solution.map_err(evaluation_error)?;
                            Ok(wanted
                                .iter()
                                .map(|variable| solution.get(variable).cloned())
                                .collect())
                        })),
                    }
                }
                QueryResults::Boolean(value) => Streamed::Boolean(value),
                QueryResults::Graph(triples) => {
                    Streamed::Graph(Box::new(triples.map(|t| t.map_err(evaluation_error))))
                }
            },
        )
    }
}

/// A result read as it is made: see [`PreparedQuery::stream`].
pub enum Streamed {
    Solutions {
        variables: Vec<Variable>,
        rows: Box<dyn Iterator<Item = Result<Vec<Option<Term>>, QueryError>>>,
    },
    Boolean(bool),
    Graph(Box<dyn Iterator<Item = Result<Triple, QueryError>>>),
}

fn evaluation_error(error: QueryEvaluationError) -> QueryError {
    match error {
        QueryEvaluationError::Cancelled => QueryError::Cancelled,
        QueryEvaluationError::Service(_)
        | QueryEvaluationError::UnboundService
        | QueryEvaluationError::InvalidServiceName(_)
        | QueryEvaluationError::UnsupportedService(_) => {
            QueryError::Unsupported(Reason::caused_by(
                format!("SERVICE ({error}): catena queries only its own graph"),
                error,
            ))
        }
        QueryEvaluationError::UnsupportedCustomFunction(_)
        | QueryEvaluationError::UnsupportedCustomFunctionArity { .. } => {
            QueryError::Unsupported(Reason::from_error(error))
        }
        error => QueryError::Evaluation(Reason::from_error(error)),
    }
}

/// Runs a SPARQL Update on the store, with catena's prefixes predefined, stopped like
/// [`run_with_limits`] when `limits.cancellation` is cancelled (`max_rows` does not apply).
/// Only for callers that mean to change the store: [`run`] refuses updates.
pub fn update_with_limits(store: &Store, update: &str, limits: &Limits) -> Result<(), QueryError> {
    prepare_update(update, limits.cancellation.as_ref())?.run(store)
}

/// A parsed SPARQL Update, ready to run (see [`PreparedQuery`]).
pub struct PreparedUpdate {
    update: PreparedSparqlUpdate,
    cancellation: Option<CancellationToken>,
}

/// Parses an update with catena's prefixes.
pub fn prepare_update(
    update: &str,
    cancellation: Option<&CancellationToken>,
) -> Result<PreparedUpdate, QueryError> {
    let parsed = parser()
        .parse_update(update)
        .map_err(|error| syntax_error(error, update))?;
    let prepared = evaluator(cancellation).for_update(parsed);
    Ok(PreparedUpdate {
        update: prepared,
        cancellation: cancellation.cloned(),
    })
}

impl PreparedUpdate {
    pub fn run(self, store: &Store) -> Result<(), QueryError> {
        self.update.on_store(store).execute().map_err(|error| {
            if self
                .cancellation
                .as_ref()
                .is_some_and(CancellationToken::is_cancelled)
            {
                QueryError::Cancelled
            } else {
                QueryError::Evaluation(Reason::from_error(error))
            }
        })
    }
}

/// The parser reports "error at LINE:COLUMN: expected …"; keep the position apart so the
/// caller can point at it.
fn syntax_error(error: SparqlSyntaxError, query: &str) -> QueryError {
    let text = error.to_string();
    let mut expected = vec![];
    let position = text.strip_prefix("error at ").and_then(|rest| {
        let (position, message) = rest.split_once(": ")?;
        let (line, column): (usize, usize) = {
            let (line, column) = position.split_once(':')?;
            (line.parse().ok()?, column.parse().ok()?)
        };
        let message = match unknown_prefix(query, line, column)
            .filter(|_| message.contains("Prefix not found"))
        {
            Some(unknown) => unknown,
            None => {
                let (readable, items) = readable_expectations(message);
                expected = items;
                readable
            }
        };
        let at_end = query
            .lines()
            .nth(line.saturating_sub(1))
            .is_none_or(|text| column > text.chars().count())
            && query.lines().count() <= line;
        let message = if at_end && message.starts_with("expected") {
            format!("the query ends too early: {message}")
        } else {
            message
        };
        Some((line, column, message))
    });
    let (message, position) = match position {
        Some((line, column, message)) => (message, Some((line, column))),
        None => (text, None),
    };
    QueryError::Syntax {
        message,
        position,
        expected,
        cause: Some(Cause::new(error)),
    }
}

/// The parser's "expected one of …" with its character classes (dozens of Unicode ranges)
/// said in words: `"a", "_", a letter or a digit`; and those words one by one.
fn readable_expectations(message: &str) -> (String, Vec<String>) {
    let Some(list) = message.strip_prefix("expected one of ") else {
        let one = message.strip_prefix("expected ").map(str::to_owned);
        return (message.to_owned(), one.into_iter().collect());
    };
    // Items are separated by ", " outside brackets.
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    let bytes = list.as_bytes();
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 && bytes.get(i + 1) == Some(&b' ') => {
                items.push(&list[start..i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    let mut words: Vec<String> = Vec::new();
    let mut classes: Vec<&str> = Vec::new();
    let mut anything_else = false;
    for item in items {
        let item = item.trim();
        if !item.starts_with('[') {
            words.push(item.to_owned());
        } else if item.contains("'A' ..= 'Z'") || item.contains("'a' ..= 'z'") {
            classes.push("a letter");
        } else if item.contains("'0' ..= '9'") {
            classes.push("a digit");
        } else if let Some(single) = item
            .strip_prefix("['")
            .and_then(|rest| rest.strip_suffix("']"))
            .filter(|c| c.chars().count() == 1)
        {
            words.push(format!("\"{single}\""));
        } else if item == "[_]" {
            // Any other character: the list is not complete.
            anything_else = true;
        }
    }
    classes.dedup();
    words.extend(classes.into_iter().map(str::to_owned));
    let readable = match (words.as_slice(), anything_else) {
        ([], _) => message.to_owned(),
        (words, true) => format!("expected one of {}, …", words.join(", ")),
        ([one], false) => format!("expected {one}"),
        ([init @ .., last], false) => {
            format!("expected one of {} or {last}", init.join(", "))
        }
    };
    (readable, words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, NamedNode, Quad};

    /// Found by fuzzing `/ask` (fuzz/regressions/ask_query/comment-only-sparql): an update
    /// with no operation parses, so a query of only a comment was refused as an update.
    #[test]
    fn a_query_of_only_comments_is_empty_not_an_update() {
        let store = Store::new().expect("store");
        for query in [
            "# nothing here",
            "  \n",
            "PREFIX ex: <http://ex/> # no query",
        ] {
            match run(&store, query) {
                Err(QueryError::Syntax { message, .. }) => {
                    assert!(
                        message.starts_with("the query is empty"),
                        "{query}: {message}"
                    )
                }
                other => panic!("{query}: unexpected {other:?}"),
            }
        }
        assert_eq!(
            run(&store, "# a comment\nCLEAR ALL"),
            Err(QueryError::UpdateRefused)
        );
    }

    #[test]
    fn character_classes_are_said_in_words() {
        let store = Store::new().expect("store");
        match run(&store, "SELECT ?x WHERE { ?x") {
            Err(QueryError::Syntax {
                message,
                position: Some((1, 21)),
                ..
            }) => {
                assert!(
                    message.starts_with("the query ends too early: expected one of "),
                    "{message}"
                );
                assert!(
                    message.ends_with("\"_\", a digit, a letter, …"),
                    "{message}"
                );
                assert!(!message.contains("u{"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    fn store_with_fact_in_named_graph() -> Store {
        let store = Store::new().expect("store");
        let node = |iri: &str| NamedNode::new(iri).expect("valid IRI");
        store
            .insert(&Quad::new(
                node(&format!("{}NVIDIA", vocab::ENT)),
                node(&vocab::cat("dependsOn")),
                node(&format!("{}TSMC", vocab::ENT)),
                GraphName::NamedNode(node(&format!("{}assetti-sec1.1", vocab::SRC))),
            ))
            .expect("insert");
        store
    }

    #[test]
    fn prefixes_are_predefined_and_named_graphs_are_the_default_graph() {
        let store = store_with_fact_in_named_graph();
        let output = run(&store, "SELECT ?x WHERE { ?x cat:dependsOn ent:TSMC }").expect("runs");
        match output {
            QueryOutput::Solutions { rows, .. } => {
                assert_eq!(rows.len(), 1);
                assert_eq!(
                    rows[0][0],
                    Some(Term::from(
                        NamedNode::new(format!("{}NVIDIA", vocab::ENT)).expect("iri")
                    ))
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_scope_narrows_the_default_graph_and_the_named_graphs() {
        let store = store_with_fact_in_named_graph();
        let node = |iri: &str| NamedNode::new(iri).expect("valid IRI");
        let hidden = node(&format!("{}reference-places", vocab::SRC));
        store
            .insert(&Quad::new(
                node(&format!("{}Milan", vocab::ENT)),
                node(&vocab::cat("locatedIn")),
                node(&format!("{}Italy", vocab::ENT)),
                GraphName::NamedNode(hidden.clone()),
            ))
            .expect("insert");
        let seen = GraphName::NamedNode(node(&format!("{}assetti-sec1.1", vocab::SRC)));
        let scope = Scope::Only(vec![seen, GraphName::DefaultGraph].into());
        let ask = |query: &str, scope: &Scope| run_in(&store, query, &Limits::default(), scope);
        let milan = "ASK { ent:Milan cat:locatedIn ent:Italy }";
        assert_eq!(ask(milan, &Scope::All), Ok(QueryOutput::Boolean(true)));
        assert_eq!(ask(milan, &scope), Ok(QueryOutput::Boolean(false)));
        // Neither by name nor by a variable can a query reach a graph outside its scope.
        let by_name = "ASK { GRAPH src:reference-places { ?s ?p ?o } }";
        assert_eq!(ask(by_name, &scope), Ok(QueryOutput::Boolean(false)));
        let from_named =
            "SELECT ?s FROM NAMED src:reference-places WHERE { GRAPH ?g { ?s ?p ?o } }";
        match ask(from_named, &scope) {
            Ok(QueryOutput::Solutions { rows, .. }) => assert!(rows.is_empty(), "{rows:?}"),
            other => panic!("unexpected {other:?}"),
        }
        match ask("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", &scope) {
            Ok(QueryOutput::Solutions { rows, .. }) => {
                assert_eq!(rows.len(), 1, "{rows:?}");
                assert_eq!(
                    rows[0][0],
                    Some(Term::from(node(&format!("{}assetti-sec1.1", vocab::SRC))))
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        // What is in scope is seen as before, and the data outside it is still in the store.
        let nvidia = "ASK { ent:NVIDIA cat:dependsOn ent:TSMC }";
        assert_eq!(ask(nvidia, &scope), Ok(QueryOutput::Boolean(true)));
        assert_eq!(store.len().expect("len"), 2);
    }

    #[test]
    fn ask_and_construct() {
        let store = store_with_fact_in_named_graph();
        assert_eq!(
            run(&store, "ASK { ent:NVIDIA ?p ?o }"),
            Ok(QueryOutput::Boolean(true))
        );
        match run(&store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") {
            Ok(QueryOutput::Graph(triples)) => assert_eq!(triples.len(), 1),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn an_unknown_prefix_is_named_with_the_known_ones() {
        let store = Store::new().expect("store");
        match run(&store, "SELECT ?x WHERE {\n  ?x a foaf:Person }") {
            Err(QueryError::Syntax {
                position: Some((2, _)),
                message,
                ..
            }) => {
                assert!(message.starts_with("unknown prefix `foaf:`"), "{message}");
                assert!(message.contains("cat: ent:"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let store = Store::new().expect("store");
        match run(&store, "SELECT ?x\nWHERE { ?x ?y }") {
            Err(QueryError::Syntax {
                position: Some((line, _)),
                ..
            }) => assert_eq!(line, 2),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn limits_stop_large_results_and_cancelled_queries() {
        let store = store_with_fact_in_named_graph();
        let rows = |max_rows| Limits {
            max_rows: Some(max_rows),
            ..Limits::default()
        };
        let all = "SELECT * WHERE { ?s ?p ?o }";
        assert!(run_with_limits(&store, all, &rows(1)).is_ok());
        assert_eq!(
            run_with_limits(&store, all, &rows(0)),
            Err(QueryError::TooLarge { limit: 0 })
        );
        assert_eq!(
            run_with_limits(&store, "CONSTRUCT WHERE { ?s ?p ?o }", &rows(0)),
            Err(QueryError::TooLarge { limit: 0 })
        );
        let token = CancellationToken::new();
        token.cancel();
        let cancelled = Limits {
            cancellation: Some(token),
            ..Limits::default()
        };
        assert_eq!(
            run_with_limits(&store, all, &cancelled),
            Err(QueryError::Cancelled)
        );
        assert_eq!(
            run_with_limits(&store, "CLEAR ALL", &Limits::default()),
            Err(QueryError::UpdateRefused)
        );
    }

    #[test]
    fn products_over_the_limit_are_refused_before_they_run() {
        let store = store_with_fact_in_named_graph();
        let product = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
        let limited = |limit| Limits {
            max_product_rows: Some(limit),
            ..Limits::default()
        };
        assert!(run_with_limits(&store, product, &limited(1)).is_ok());
        assert_eq!(
            run_with_limits(&store, product, &limited(0)),
            Err(QueryError::ProductTooLarge { rows: 1, limit: 0 })
        );
        let message = QueryError::ProductTooLarge {
            rows: 125_000_000_000,
            limit: 10_000_000,
        }
        .to_string();
        assert!(
            message.contains("about 1.2e11 rows that the engine can neither stop on time nor stream (the limit is 1.0e7)"),
            "{message}"
        );
    }

    #[test]
    fn service_is_unsupported_not_a_failure() {
        let store = store_with_fact_in_named_graph();
        match run(
            &store,
            "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }",
        ) {
            Err(error @ QueryError::Unsupported(_)) => {
                assert!(error.to_string().contains("SERVICE"), "{error}");
                let cause = std::error::Error::source(&error).expect("the engine's error");
                assert!(cause.to_string().contains("example.org"), "{cause}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn updates_run_with_the_prefixes_when_asked_for() {
        let store = store_with_fact_in_named_graph();
        update_with_limits(
            &store,
            "INSERT DATA { GRAPH src:x { ent:a cat:dependsOn ent:b } }",
            &Limits::default(),
        )
        .expect("update runs");
        assert_eq!(store.len().expect("len"), 2);
        assert!(matches!(
            update_with_limits(&store, "INSERT DATA {", &Limits::default()),
            Err(QueryError::Syntax { .. })
        ));
    }

    #[test]
    fn updates_are_refused_and_change_nothing() {
        let store = store_with_fact_in_named_graph();
        assert_eq!(
            run(&store, "INSERT DATA { ent:a ent:b ent:c }"),
            Err(QueryError::UpdateRefused)
        );
        assert_eq!(run(&store, "CLEAR ALL"), Err(QueryError::UpdateRefused));
        assert_eq!(store.len().expect("len"), 1);
    }
}
