//! Answering: runs a compiled question on the store and finishes the work SPARQL cannot do
//! alone (the chain behind a transitive answer, the shortest path between two entities).

use std::collections::{HashMap, HashSet, VecDeque};

use oxigraph::model::{Literal, NamedNode, Term, Variable};

use crate::compile::{Column, Compiled, Kind, Post};
use crate::resolve::Direction;
use crate::sparql::{QueryError, QueryOutput};
use crate::vocabulary::Vocabulary;

/// Rows of an answer and how to show them.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub output: QueryOutput,
    /// Empty for direct SPARQL: the table then shows every variable as is.
    pub columns: Vec<Column>,
}

/// Runs a compiled question, its SPARQL through `query` (a local store or a remote endpoint).
pub fn run(
    query: &dyn Fn(&str) -> Result<QueryOutput, QueryError>,
    vocabulary: &Vocabulary,
    compiled: &Compiled,
) -> Result<Answer, QueryError> {
    let output = query(&compiled.sparql)?;
    match &compiled.post {
        Post::Rows => Ok(Answer {
            output,
            columns: compiled.columns.clone(),
        }),
        Post::Transitive { entity, direction } => {
            Ok(transitive(vocabulary, &output, entity, *direction))
        }
        Post::ShortestPath { from, to } => Ok(shortest_path(vocabulary, &output, from, to)),
    }
}

fn iri_column(output: &QueryOutput, name: &str) -> Vec<Option<NamedNode>> {
    let QueryOutput::Solutions { variables, rows } = output else {
        return vec![];
    };
    let Some(index) = variables.iter().position(|v| v.as_str() == name) else {
        return vec![];
    };
    rows.iter()
        .map(|row| match &row[index] {
            Some(Term::NamedNode(node)) => Some(node.clone()),
            _ => None,
        })
        .collect()
}

fn label_of(vocabulary: &Vocabulary, node: &NamedNode) -> String {
    vocabulary
        .entities
        .by_iri(node.as_str())
        .map(|e| e.label.clone())
        .unwrap_or_else(|| crate::vocab::compact(node.as_str()))
}

fn variables(names: &[&str]) -> Vec<Variable> {
    names.iter().map(|n| Variable::new_unchecked(*n)).collect()
}

/// Everything linked to `entity` through the relation's edges, nearest first, each with
/// the chain of names that links it (`OpenAI → Microsoft → NVIDIA → TSMC`). Cycles are
/// walked once: every node is visited at most once.
fn transitive(
    vocabulary: &Vocabulary,
    edges: &QueryOutput,
    entity: &NamedNode,
    direction: Direction,
) -> Answer {
    let subjects = iri_column(edges, "s");
    let objects = iri_column(edges, "o");
    // Walk from the entity against the direction of the question: for "who depends on X"
    // follow edges backwards (?s dependsOn X), for "what does X depend on" forwards.
    let mut next: HashMap<&NamedNode, Vec<&NamedNode>> = HashMap::new();
    for (s, o) in subjects.iter().zip(&objects) {
        if let (Some(s), Some(o)) = (s, o) {
            match direction {
                Direction::Subjects => next.entry(o).or_default().push(s),
                Direction::Objects => next.entry(s).or_default().push(o),
            }
        }
    }
    for targets in next.values_mut() {
        targets.sort_by_key(|n| label_of(vocabulary, n).to_lowercase());
        targets.dedup();
    }
    let mut parent: HashMap<&NamedNode, &NamedNode> = HashMap::new();
    let mut depth: HashMap<&NamedNode, usize> = HashMap::from([(entity, 0)]);
    let mut order = Vec::new();
    let mut queue = VecDeque::from([entity]);
    while let Some(node) = queue.pop_front() {
        for &found in next.get(node).into_iter().flatten() {
            if depth.contains_key(found) {
                continue;
            }
            depth.insert(found, depth[node] + 1);
            parent.insert(found, node);
            order.push(found);
            queue.push_back(found);
        }
    }
    let header = match direction {
        Direction::Subjects => "who",
        Direction::Objects => "what",
    };
    let rows = order
        .iter()
        .map(|&found| {
            let mut chain = vec![label_of(vocabulary, found)];
            let mut cursor = found;
            while let Some(&up) = parent.get(cursor) {
                chain.push(label_of(vocabulary, up));
                cursor = up;
            }
            if direction == Direction::Objects {
                chain.reverse();
            }
            vec![
                Some(Term::NamedNode(found.clone())),
                Some(
                    Literal::new_language_tagged_literal_unchecked(
                        label_of(vocabulary, found),
                        "en",
                    )
                    .into(),
                ),
                Some(Literal::from(depth[found] as i64).into()),
                Some(Literal::from(chain.join(" → ")).into()),
            ]
        })
        .collect();
    Answer {
        output: QueryOutput::Solutions {
            variables: variables(&["answer", "answer_label", "steps", "path"]),
            rows,
        },
        columns: vec![
            Column {
                header: header.to_owned(),
                var: "answer".to_owned(),
                kind: Kind::Entity,
            },
            Column {
                header: "steps".to_owned(),
                var: "steps".to_owned(),
                kind: Kind::Number,
            },
            Column {
                header: "path".to_owned(),
                var: "path".to_owned(),
                kind: Kind::Text,
            },
        ],
    }
}

/// The shortest chain of relations, in either direction, from one entity to another.
fn shortest_path(
    vocabulary: &Vocabulary,
    edges: &QueryOutput,
    from: &NamedNode,
    to: &NamedNode,
) -> Answer {
    let subjects = iri_column(edges, "s");
    let predicates = iri_column(edges, "p");
    let objects = iri_column(edges, "o");
    // node → (neighbour, predicate, forward?)
    let mut adjacent: HashMap<&NamedNode, Vec<(&NamedNode, &NamedNode, bool)>> = HashMap::new();
    for ((s, p), o) in subjects.iter().zip(&predicates).zip(&objects) {
        if let (Some(s), Some(p), Some(o)) = (s, p, o) {
            adjacent.entry(s).or_default().push((o, p, true));
            adjacent.entry(o).or_default().push((s, p, false));
        }
    }
    for list in adjacent.values_mut() {
        // Deterministic answers: neighbours in a stable order.
        list.sort_by(|a, b| {
            a.0.as_str()
                .cmp(b.0.as_str())
                .then(a.1.as_str().cmp(b.1.as_str()))
        });
    }
    let mut previous: HashMap<&NamedNode, (&NamedNode, &NamedNode, bool)> = HashMap::new();
    let mut seen: HashSet<&NamedNode> = HashSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            break;
        }
        for &(neighbour, predicate, forward) in adjacent.get(node).into_iter().flatten() {
            if seen.insert(neighbour) {
                previous.insert(neighbour, (node, predicate, forward));
                queue.push_back(neighbour);
            }
        }
    }
    let mut steps = Vec::new();
    let mut cursor = to;
    while let Some(&(before, predicate, forward)) = previous.get(cursor) {
        steps.push((before, predicate, forward, cursor));
        cursor = before;
    }
    steps.reverse();
    let rows = if from != to && cursor != from {
        vec![]
    } else {
        steps
            .iter()
            .enumerate()
            .map(|(i, (before, predicate, forward, after))| {
                let relation = vocabulary.term_label(predicate.as_str());
                let relation = if *forward {
                    format!("{relation} →")
                } else {
                    format!("← {relation}")
                };
                vec![
                    Some(Literal::from(i as i64 + 1).into()),
                    Some(Term::NamedNode((*before).clone())),
                    Some(
                        Literal::new_language_tagged_literal_unchecked(
                            label_of(vocabulary, before),
                            "en",
                        )
                        .into(),
                    ),
                    Some(Term::NamedNode((*predicate).clone())),
                    Some(Literal::from(relation).into()),
                    Some(Term::NamedNode((*after).clone())),
                    Some(
                        Literal::new_language_tagged_literal_unchecked(
                            label_of(vocabulary, after),
                            "en",
                        )
                        .into(),
                    ),
                ]
            })
            .collect()
    };
    Answer {
        output: QueryOutput::Solutions {
            variables: variables(&[
                "step",
                "from",
                "from_label",
                "relation",
                "relation_text",
                "to",
                "to_label",
            ]),
            rows,
        },
        columns: vec![
            Column {
                header: "step".to_owned(),
                var: "step".to_owned(),
                kind: Kind::Number,
            },
            Column {
                header: "from".to_owned(),
                var: "from".to_owned(),
                kind: Kind::Entity,
            },
            Column {
                header: "relation".to_owned(),
                var: "relation_text".to_owned(),
                kind: Kind::Text,
            },
            Column {
                header: "to".to_owned(),
                var: "to".to_owned(),
                kind: Kind::Entity,
            },
        ],
    }
}
