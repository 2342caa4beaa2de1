//! Execution: runs SPARQL against the store with catena's prefixes predefined and the
//! union of all named graphs as the default graph (every fact lives in a passage graph).

use std::fmt;

use oxigraph::model::{Term, Triple, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::Store;

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
    },
    /// A SPARQL Update was given where only queries may run.
    UpdateRefused,
    /// The query is valid but failed while running.
    Evaluation(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax {
                message,
                position: Some((line, column)),
            } => write!(f, "invalid SPARQL at {line}:{column}: {message}"),
            Self::Syntax {
                message,
                position: None,
            } => write!(f, "invalid SPARQL: {message}"),
            Self::UpdateRefused => write!(
                f,
                "SPARQL updates (INSERT, DELETE, LOAD, CLEAR…) are refused: the graph is read-only"
            ),
            Self::Evaluation(message) => write!(f, "query failed: {message}"),
        }
    }
}

impl std::error::Error for QueryError {}

/// An evaluator that knows catena's prefixes.
fn evaluator() -> SparqlEvaluator {
    vocab::PREFIXES
        .iter()
        .fold(SparqlEvaluator::new(), |evaluator, (prefix, iri)| {
            evaluator
                .with_prefix(*prefix, *iri)
                .expect("the predefined prefix IRIs are valid")
        })
}

/// Runs a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store.
pub fn run(store: &Store, query: &str) -> Result<QueryOutput, QueryError> {
    let mut prepared = match evaluator().parse_query(query) {
        Ok(prepared) => prepared,
        Err(error) => {
            if evaluator().parse_update(query).is_ok() {
                return Err(QueryError::UpdateRefused);
            }
            return Err(syntax_error(&error));
        }
    };
    prepared.dataset_mut().set_default_graph_as_union();
    let evaluation = |error: &dyn fmt::Display| QueryError::Evaluation(error.to_string());
    match prepared
        .on_store(store)
        .execute()
        .map_err(|e| evaluation(&e))?
    {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows = solutions
                .map(|solution| {
                    solution.map(|solution| {
                        variables
                            .iter()
                            .map(|variable| solution.get(variable).cloned())
                            .collect()
                    })
                })
                .collect::<Result<_, _>>()
                .map_err(|e| evaluation(&e))?;
            Ok(QueryOutput::Solutions { variables, rows })
        }
        QueryResults::Boolean(value) => Ok(QueryOutput::Boolean(value)),
        QueryResults::Graph(triples) => Ok(QueryOutput::Graph(
            triples
                .collect::<Result<_, _>>()
                .map_err(|e| evaluation(&e))?,
        )),
    }
}

/// The parser reports "error at LINE:COLUMN: expected …"; keep the position apart so the
/// caller can point at it.
fn syntax_error(error: &SparqlSyntaxError) -> QueryError {
    let text = error.to_string();
    let position = text.strip_prefix("error at ").and_then(|rest| {
        let (position, message) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?, message.to_owned()))
    });
    match position {
        Some((line, column, message)) => QueryError::Syntax {
            message,
            position: Some((line, column)),
        },
        None => QueryError::Syntax {
            message: text,
            position: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, NamedNode, Quad};

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
