//! Answering: runs a compiled question on the store and finishes the work SPARQL cannot do
//! alone (the chain behind a transitive answer, the shortest path between two entities).

use std::collections::HashMap;

use oxigraph::model::{Literal, NamedNode, Term, Variable};

use crate::compile::{Column, Compiled, Post, SortKey};
use crate::query::{Path, Var};
use crate::resolve::Direction;
use crate::sparql::{QueryError, QueryOutput};
use crate::vocabulary::Vocabulary;

/// Rows of an answer and how to show them.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub output: QueryOutput,
    /// Empty for direct SPARQL: the table then shows every variable as is.
    pub columns: Vec<Column>,
    /// The entity the rows are the facts of (`describe`): a table shows them as its card.
    pub card: Option<crate::card::Subject>,
    /// `first 20 …`: the rows shown at once; the answer keeps them all, for the next pages.
    pub page: Option<Page>,
    /// A line under the table, in the question's language: the rows answer for another
    /// name than the one asked.
    pub note: Option<String>,
}

/// A page of an answer: `size` rows from row `start` (counted from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub start: usize,
    pub size: usize,
}

impl Answer {
    /// How many rows (or triples) the whole answer has.
    pub fn total_rows(&self) -> usize {
        match &self.output {
            QueryOutput::Solutions { rows, .. } => rows.len(),
            QueryOutput::Graph(triples) => triples.len(),
            QueryOutput::Boolean(_) => 1,
        }
    }

    /// The answer its page shows (all of it when it has no page), with no page of its own.
    pub fn shown(&self) -> Answer {
        let mut shown = self.clone();
        shown.page = None;
        if let (Some(page), QueryOutput::Solutions { rows, .. }) = (self.page, &mut shown.output) {
            let start = page.start.min(rows.len());
            let end = page.start.saturating_add(page.size).min(rows.len());
            *rows = rows[start..end].to_vec();
        }
        shown
    }

    /// The same answer at its next page, if rows are left after this one.
    pub fn next_page(&self) -> Option<Answer> {
        let page = self.page?;
        let start = page.start.saturating_add(page.size);
        (start < self.total_rows()).then(|| Answer {
            page: Some(Page { start, ..page }),
            ..self.clone()
        })
    }
}

/// The note under an answer whose rows are for other names than the one asked (`traffic
/// share of OpenAI`: ChatGPT's); `None` when every row is the name's own.
pub fn stand_in_note(
    answer: &Answer,
    stand_in: &crate::compile::StandIn,
    italian: bool,
) -> Option<String> {
    let QueryOutput::Solutions { variables, rows } = &answer.output else {
        return None;
    };
    let at = variables
        .iter()
        .position(|v| v.as_str() == stand_in.column.as_str())?;
    let label_at = variables
        .iter()
        .position(|v| v.as_str() == stand_in.column.label().as_str());
    let mut others: Vec<String> = Vec::new();
    for row in rows {
        let Some(Term::NamedNode(about)) = &row[at] else {
            continue;
        };
        if about == &stand_in.asked {
            continue;
        }
        let label = match label_at.and_then(|i| row[i].as_ref()) {
            Some(Term::Literal(label)) => label.value().to_owned(),
            _ => crate::vocab::compact(about.as_str()),
        };
        if !others.contains(&label) {
            others.push(label);
        }
    }
    if others.is_empty() {
        return None;
    }
    let (asked, others) = (&stand_in.asked_label, others.join(", "));
    Some(if italian {
        format!(
            "nota: il grafo non registra {} di {asked} in sé; le righe sono per {others}, legati \
             a {asked} come sviluppatore e prodotto",
            stand_in.what[1]
        )
    } else {
        format!(
            "note: the graph records no {} of {asked} itself; the rows are for {others}, linked \
             to it as developer and product",
            stand_in.what[0]
        )
    })
}

/// Runs a compiled question and, when it finds no rows, what it says to run instead
/// ([`Compiled::otherwise`]); the answer comes with the compiled question that gave it.
pub fn run_answering<'c>(
    query: &dyn Fn(&str) -> Result<QueryOutput, QueryError>,
    vocabulary: &Vocabulary,
    compiled: &'c Compiled,
) -> Result<(Answer, &'c Compiled), QueryError> {
    let answer = run(query, vocabulary, compiled)?;
    let found_none =
        matches!(&answer.output, QueryOutput::Solutions { rows, .. } if rows.is_empty());
    match &compiled.otherwise {
        Some(otherwise) if found_none => run_answering(query, vocabulary, otherwise),
        _ => Ok((answer, compiled)),
    }
}

/// Runs a compiled question, its SPARQL through `query` (a local store or a remote endpoint).
pub fn run(
    query: &dyn Fn(&str) -> Result<QueryOutput, QueryError>,
    vocabulary: &Vocabulary,
    compiled: &Compiled,
) -> Result<Answer, QueryError> {
    let output = query(&compiled.sparql)?;
    match &compiled.post {
        Post::Rows { sort, merge_by } => {
            let output = labelled_and_sorted(output, vocabulary, &compiled.columns, sort);
            Ok(Answer {
                output: match merge_by {
                    Some(var) => merged_by(output, var, &compiled.columns),
                    None => output,
                },
                columns: compiled.columns.clone(),
                card: None,
                page: None,
                note: None,
            })
        }
        Post::Transitive {
            entity,
            direction,
            path,
        } => transitive(query, vocabulary, output, entity, *direction, path),
        Post::ShortestPath { from, to } => shortest_path(query, vocabulary, output, from, to),
        Post::Card { entity } => Ok(crate::card::answer(
            output,
            vocabulary,
            &compiled.columns,
            entity,
        )),
    }
}

/// Adds each column's label variable after each column labelled after the query, from the entity index
/// (ontology terms from their labels), then sorts the rows by `sort`, stably.
fn labelled_and_sorted(
    output: QueryOutput,
    vocabulary: &Vocabulary,
    columns: &[Column],
    sort: &[SortKey],
) -> QueryOutput {
    let QueryOutput::Solutions {
        mut variables,
        mut rows,
    } = output
    else {
        return output;
    };
    for column in columns.iter().filter(|c| c.labelled_after) {
        add_label_column(vocabulary, column, &mut variables, &mut rows);
    }
    if !sort.is_empty() {
        rows = sorted(rows, &variables, columns, sort);
    }
    QueryOutput::Solutions { variables, rows }
}

/// The label variable of `column` after it, unless the answer has it already.
fn add_label_column(
    vocabulary: &Vocabulary,
    column: &Column,
    variables: &mut Vec<Variable>,
    rows: &mut [Vec<Option<Term>>],
) {
    let Some(label_var) = &column.label else {
        return;
    };
    if variables.iter().any(|v| v.as_str() == label_var.as_str()) {
        return;
    }
    let Some(index) = variables
        .iter()
        .position(|v| v.as_str() == column.var.as_str())
    else {
        return;
    };
    variables.insert(index + 1, Variable::new_unchecked(label_var.as_str()));
    for row in rows {
        let label = match &row[index] {
            Some(Term::NamedNode(node)) => label_term(vocabulary, node),
            _ => None,
        };
        row.insert(index + 1, label);
    }
}

/// The rows sorted by `sort`, stably.
fn sorted(
    rows: Vec<Vec<Option<Term>>>,
    variables: &[Variable],
    columns: &[Column],
    sort: &[SortKey],
) -> Vec<Vec<Option<Term>>> {
    let position = |var: &Var| variables.iter().position(|v| v.as_str() == var.as_str());
    // A label key sorts by the label variable of its entity column.
    let label_of_column = |var: &Var| {
        columns
            .iter()
            .find(|c| c.var == *var)
            .and_then(|c| c.label.as_ref())
            .and_then(position)
    };
    let keys: Vec<(Option<usize>, &SortKey)> = sort
        .iter()
        .map(|key| match key {
            SortKey::Label(var) => (label_of_column(var), key),
            SortKey::NumberDescending(var) => (position(var), key),
        })
        .collect();
    // Computed once per row: lower-cased labels and parsed numbers.
    let mut keyed: Vec<(Vec<SortValue>, Vec<Option<Term>>)> = rows
        .into_iter()
        .map(|row| {
            let values = keys
                .iter()
                .map(|(index, key)| SortValue::of(key, index.and_then(|i| row[i].as_ref())))
                .collect();
            (values, row)
        })
        .collect();
    keyed.sort_by(|(a, _), (b, _)| {
        a.iter()
            .zip(b)
            .map(|(a, b)| a.compare(b))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    keyed.into_iter().map(|(_, row)| row).collect()
}

/// Merges the rows that share a bound `var` (one statement node) into the first of them,
/// and drops `var`. Where the rows differ, a cell lists their values in order ("Box 6;
/// Box 6, note a"); an entity that differs keeps its labels only, joined by commas (no single
/// IRI stands for the group). Rows where `?{var}` is unbound stay as they are.
fn merged_by(output: QueryOutput, var: &Var, columns: &[Column]) -> QueryOutput {
    let QueryOutput::Solutions {
        mut variables,
        rows,
    } = output
    else {
        return output;
    };
    let Some(key) = variables.iter().position(|v| v.as_str() == var.as_str()) else {
        return QueryOutput::Solutions { variables, rows };
    };
    // For each variable, the index of its column's label variable, if the answer has one.
    let labels: Vec<Option<usize>> = variables
        .iter()
        .map(|v| {
            let label = columns
                .iter()
                .find(|c| c.var.as_str() == v.as_str())
                .and_then(|c| c.label.as_ref())?;
            variables.iter().position(|l| l.as_str() == label.as_str())
        })
        .collect();
    let mut groups: Vec<Vec<Vec<Option<Term>>>> = Vec::new();
    let mut group_of: HashMap<Term, usize> = HashMap::new();
    for row in rows {
        match row[key].clone() {
            Some(term) => match group_of.get(&term) {
                Some(&group) => groups[group].push(row),
                None => {
                    group_of.insert(term, groups.len());
                    groups.push(vec![row]);
                }
            },
            None => groups.push(vec![row]),
        }
    }
    let mut merged: Vec<Vec<Option<Term>>> = groups
        .into_iter()
        .map(|group| merge_rows(group, &labels))
        .collect();
    for row in &mut merged {
        row.remove(key);
    }
    variables.remove(key);
    QueryOutput::Solutions {
        variables,
        rows: merged,
    }
}

/// One row from the rows of one statement (see [`merged_by`]).
fn merge_rows(mut group: Vec<Vec<Option<Term>>>, labels: &[Option<usize>]) -> Vec<Option<Term>> {
    if group.len() == 1 {
        return group.swap_remove(0);
    }
    let mut row = group[0].clone();
    let distinct = |index: usize| -> Vec<&Term> {
        let mut seen: Vec<&Term> = Vec::new();
        for term in group.iter().filter_map(|r| r[index].as_ref()) {
            if !seen.contains(&term) {
                seen.push(term);
            }
        }
        seen
    };
    // Names join with commas; other values with semicolons, since locators have commas
    // of their own ("Box 6, note a; Box 6").
    let joined = |terms: &[&Term], separator: &str| -> Option<Term> {
        let text: Vec<String> = terms
            .iter()
            .map(|term| match term {
                Term::Literal(literal) => literal.value().to_owned(),
                other => other.to_string(),
            })
            .collect();
        Some(Term::Literal(Literal::new_simple_literal(
            text.join(separator),
        )))
    };
    let label_columns: Vec<usize> = labels.iter().flatten().copied().collect();
    for index in 0..row.len() {
        if label_columns.contains(&index) {
            continue; // handled with its entity
        }
        let values = distinct(index);
        if values.len() < 2 {
            continue;
        }
        match labels[index] {
            Some(label) => {
                let names = distinct(label);
                row[index] = None;
                row[label] = joined(&names, ", ");
            }
            None => row[index] = joined(&values, "; "),
        }
    }
    row
}

/// A sort key's value: text ascending, numbers descending; missing values last.
enum SortValue {
    Text(Option<String>),
    Number(Option<f64>),
}

impl SortValue {
    /// The value a row's cell gives the sort key.
    fn of(key: &SortKey, value: Option<&Term>) -> Self {
        match (key, value) {
            (SortKey::Label(_), Some(Term::Literal(l))) => {
                Self::Text(Some(l.value().to_lowercase()))
            }
            (SortKey::Label(_), _) => Self::Text(None),
            (SortKey::NumberDescending(_), Some(Term::Literal(l))) => {
                Self::Number(l.value().parse::<f64>().ok())
            }
            (SortKey::NumberDescending(_), _) => Self::Number(None),
        }
    }

    fn compare(&self, other: &Self) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (self, other) {
            (Self::Text(Some(a)), Self::Text(Some(b))) => a.cmp(b),
            (Self::Number(Some(a)), Self::Number(Some(b))) => b.total_cmp(a),
            (Self::Text(Some(_)), Self::Text(None))
            | (Self::Number(Some(_)), Self::Number(None)) => Ordering::Less,
            (Self::Text(None), Self::Text(Some(_)))
            | (Self::Number(None), Self::Number(Some(_))) => Ordering::Greater,
            _ => Ordering::Equal,
        }
    }
}

/// The English label of an IRI, as the query's `rdfs:label` lookup would have bound it: an
/// entity's, or an ontology term's.
fn label_term(vocabulary: &Vocabulary, node: &NamedNode) -> Option<Term> {
    if let Some(entity) = vocabulary.entities.by_iri(node.as_str()) {
        return entity
            .label_is_english
            .then(|| Literal::new_language_tagged_literal_unchecked(&entity.label, "en").into());
    }
    vocabulary
        .term_labels
        .get(node.as_str())
        // An ontology term without a label is listed under its prefixed name: not a label.
        .filter(|label| **label != crate::vocab::compact(node.as_str()))
        .map(|label| Literal::new_language_tagged_literal_unchecked(label, "en").into())
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

/// The result variables of the columns, each entity column's label variable after it.
fn variables_of(columns: &[Column]) -> Vec<Variable> {
    columns
        .iter()
        .flat_map(|c| [Some(&c.var), c.label.as_ref()])
        .flatten()
        .map(|v| Variable::new_unchecked(v.as_str()))
        .collect()
}

/// Nodes per frontier query: large frontiers are asked in chunks, so that no query grows
/// past what a remote endpoint accepts.
const FRONTIER_CHUNK: usize = 512;

/// The rows of a query over a frontier, asked in chunks.
fn ask_frontier(
    query: &dyn Fn(&str) -> Result<QueryOutput, QueryError>,
    frontier: &[NamedNode],
    text: impl Fn(&[NamedNode]) -> crate::query::Query,
) -> Result<Vec<QueryOutput>, QueryError> {
    frontier
        .chunks(FRONTIER_CHUNK)
        .map(|chunk| query(&text(chunk).to_string()))
        .collect()
}

/// Everything that reaches `entity` (or that it reaches) through the relation, walking one
/// level at a time: each level asks only for the edges of the previous level's new nodes,
/// so the cost follows the answer, not the graph. Each answer keeps the chain that found it.
fn transitive(
    query: &dyn Fn(&str) -> Result<QueryOutput, QueryError>,
    vocabulary: &Vocabulary,
    first_level: QueryOutput,
    entity: &NamedNode,
    direction: Direction,
    path: &Path,
) -> Result<Answer, QueryError> {
    let mut walk = Walk {
        parent: HashMap::new(),
        depth: HashMap::from([(entity.clone(), 0)]),
        order: Vec::new(),
    };
    let mut frontier = vec![entity.clone()];
    let mut outputs = vec![first_level];
    loop {
        let next = edges_from(&outputs, direction);
        let new_frontier = walk.level(vocabulary, &frontier, next);
        if new_frontier.is_empty() {
            break;
        }
        outputs = ask_frontier(query, &new_frontier, |chunk| {
            crate::compile::walk_step(path, direction, chunk)
        })?;
        frontier = new_frontier;
    }
    Ok(walk.answer(vocabulary, direction))
}

/// Edges from each frontier node to what it leads to, from a level's query outputs.
fn edges_from(outputs: &[QueryOutput], direction: Direction) -> HashMap<NamedNode, Vec<NamedNode>> {
    let mut next: HashMap<NamedNode, Vec<NamedNode>> = HashMap::new();
    for output in outputs {
        let subjects = iri_column(output, "s");
        let objects = iri_column(output, "o");
        for (s, o) in subjects.into_iter().zip(objects) {
            if let (Some(s), Some(o)) = (s, o) {
                match direction {
                    Direction::Subjects => next.entry(o).or_default().push(s),
                    Direction::Objects => next.entry(s).or_default().push(o),
                }
            }
        }
    }
    next
}

/// What a transitive walk has found: each node's parent and depth, in the order found.
struct Walk {
    parent: HashMap<NamedNode, NamedNode>,
    depth: HashMap<NamedNode, usize>,
    order: Vec<NamedNode>,
}

impl Walk {
    /// Takes in the nodes `next` gives the `frontier` (by label, then IRI) and returns the
    /// ones not seen before: the next frontier.
    fn level(
        &mut self,
        vocabulary: &Vocabulary,
        frontier: &[NamedNode],
        mut next: HashMap<NamedNode, Vec<NamedNode>>,
    ) -> Vec<NamedNode> {
        let mut new_frontier = Vec::new();
        for node in frontier {
            let Some(targets) = next.get_mut(node) else {
                continue;
            };
            targets.sort_by_cached_key(|n| (label_of(vocabulary, n).to_lowercase(), n.clone()));
            targets.dedup();
            let level = self.depth[node] + 1;
            for found in targets.iter() {
                if self.depth.contains_key(found) {
                    continue;
                }
                self.depth.insert(found.clone(), level);
                self.parent.insert(found.clone(), node.clone());
                self.order.push(found.clone());
                new_frontier.push(found.clone());
            }
        }
        new_frontier
    }

    /// Each node found, with its steps and the chain that found it.
    fn answer(&self, vocabulary: &Vocabulary, direction: Direction) -> Answer {
        let header = match direction {
            Direction::Subjects => "who",
            Direction::Objects => "what",
        };
        let rows = self
            .order
            .iter()
            .map(|found| {
                let mut chain = vec![label_of(vocabulary, found)];
                let mut cursor = found;
                while let Some(up) = self.parent.get(cursor) {
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
                    Some(Literal::from(self.depth[found] as i64).into()),
                    Some(Literal::from(chain.join(" → ")).into()),
                ]
            })
            .collect();
        let columns = vec![
            Column::entity(header, Var::fixed("answer")),
            Column::number("steps", Var::fixed("steps")),
            Column::text("path", Var::fixed("path")),
        ];
        Answer {
            output: QueryOutput::Solutions {
                variables: variables_of(&columns),
                rows,
            },
            columns,
            card: None,
            page: None,
            note: None,
        }
    }
}

/// One step of a chain: the triple `(subject, predicate, object)` walked from `before` to
/// `after`; `forward` when `before` is its subject.
type Step = (NamedNode, NamedNode, bool);

/// The entity-to-entity edges touching `nodes` (leaving and arriving), as
/// `(node, neighbour, predicate, forward)` with `forward` when `node` is the subject.
fn edges_around(
    query: &dyn Fn(&str) -> Result<QueryOutput, QueryError>,
    nodes: &[NamedNode],
    outgoing_already: Option<QueryOutput>,
) -> Result<Vec<(NamedNode, NamedNode, NamedNode, bool)>, QueryError> {
    let mut outputs: Vec<(QueryOutput, bool)> = Vec::new();
    match outgoing_already {
        Some(output) => outputs.push((output, true)),
        None => {
            for output in ask_frontier(query, nodes, |c| crate::compile::neighbours(c, true))? {
                outputs.push((output, true));
            }
        }
    }
    for output in ask_frontier(query, nodes, |c| crate::compile::neighbours(c, false))? {
        outputs.push((output, false));
    }
    let mut edges = Vec::new();
    for (output, outgoing) in &outputs {
        let subjects = iri_column(output, "s");
        let predicates = iri_column(output, "p");
        let objects = iri_column(output, "o");
        for ((s, p), o) in subjects.into_iter().zip(predicates).zip(objects) {
            if let (Some(s), Some(p), Some(o)) = (s, p, o) {
                if *outgoing {
                    edges.push((s, o, p, true));
                } else {
                    edges.push((o, s, p, false));
                }
            }
        }
    }
    // A stable order, whatever the store's: by node, neighbour, predicate.
    edges.sort_by(|a, b| {
        (a.0.as_str(), a.1.as_str(), a.2.as_str(), !a.3).cmp(&(
            b.0.as_str(),
            b.1.as_str(),
            b.2.as_str(),
            !b.3,
        ))
    });
    edges.dedup();
    Ok(edges)
}

/// The shortest chain of relations, in either direction, from one entity to another:
/// a breadth-first search from both ends at once, always widening the smaller frontier, so
/// that only the neighbourhoods of the two ends are read.
fn shortest_path(
    query: &dyn Fn(&str) -> Result<QueryOutput, QueryError>,
    vocabulary: &Vocabulary,
    first_outgoing: QueryOutput,
    from: &NamedNode,
    to: &NamedNode,
) -> Result<Answer, QueryError> {
    let mut from_end = SearchEnd::at(from);
    let mut to_end = SearchEnd::at(to);
    let mut first = Some(first_outgoing);
    let mut meeting: Option<NamedNode> = (from == to).then(|| from.clone());
    while meeting.is_none() && !from_end.frontier.is_empty() && !to_end.frontier.is_empty() {
        let widen_from = first.is_some() || from_end.frontier.len() <= to_end.frontier.len();
        let (end, other) = if widen_from {
            (&mut from_end, &to_end)
        } else {
            (&mut to_end, &from_end)
        };
        let edges = edges_around(
            query,
            &end.frontier,
            if widen_from { first.take() } else { None },
        )?;
        meeting = end.widen(edges, widen_from, other);
    }
    let rows = match &meeting {
        Some(meeting) => chain_through(&from_end, &to_end, meeting)
            .iter()
            .enumerate()
            .map(|(i, step)| path_row(vocabulary, i, step))
            .collect(),
        None => vec![],
    };
    Ok(path_answer(rows))
}

/// One end of the search for a shortest path.
struct SearchEnd {
    /// For each node reached from `from`: the step that reached it; from `to`: the step on
    /// to the next node towards `to`.
    reached: HashMap<NamedNode, Option<(NamedNode, Step)>>,
    depth: HashMap<NamedNode, usize>,
    frontier: Vec<NamedNode>,
}

impl SearchEnd {
    fn at(node: &NamedNode) -> Self {
        Self {
            reached: HashMap::from([(node.clone(), None)]),
            depth: HashMap::from([(node.clone(), 0)]),
            frontier: vec![node.clone()],
        }
    }

    /// Takes the frontier's `edges` one level further (`from_side` for the `from` end), and
    /// says where it met the `other` end on the shortest total, if it did.
    fn widen(
        &mut self,
        edges: Vec<(NamedNode, NamedNode, NamedNode, bool)>,
        from_side: bool,
        other: &SearchEnd,
    ) -> Option<NamedNode> {
        let mut next = Vec::new();
        let mut best: Option<(usize, NamedNode)> = None;
        for (node, neighbour, predicate, forward) in edges {
            if self.depth.contains_key(&neighbour) {
                continue;
            }
            let level = self.depth[&node] + 1;
            self.depth.insert(neighbour.clone(), level);
            // Walking from `from`, the step goes node → neighbour; towards `to`, it goes
            // neighbour → node, so its direction flips.
            let step = if from_side {
                (node.clone(), predicate, forward)
            } else {
                (node.clone(), predicate, !forward)
            };
            self.reached.insert(neighbour.clone(), Some((node, step)));
            if let Some(rest) = other.depth.get(&neighbour) {
                let total = level + rest;
                if best
                    .as_ref()
                    .is_none_or(|(t, n)| (total, neighbour.as_str()) < (*t, n.as_str()))
                {
                    best = Some((total, neighbour.clone()));
                }
            }
            next.push(neighbour);
        }
        self.frontier = next;
        best.map(|(_, node)| node)
    }
}

/// The chain: from `from` to the meeting node, then on to `to`, as
/// `(before, predicate, forward, after)`.
fn chain_through(
    from_end: &SearchEnd,
    to_end: &SearchEnd,
    meeting: &NamedNode,
) -> Vec<(NamedNode, NamedNode, bool, NamedNode)> {
    let mut steps = Vec::new();
    let mut cursor = meeting.clone();
    while let Some(Some((before, (_, predicate, forward)))) = from_end.reached.get(&cursor) {
        steps.push((before.clone(), predicate.clone(), *forward, cursor.clone()));
        cursor = before.clone();
    }
    steps.reverse();
    let mut cursor = meeting.clone();
    while let Some(Some((after, (_, predicate, forward)))) = to_end.reached.get(&cursor) {
        steps.push((cursor.clone(), predicate.clone(), *forward, after.clone()));
        cursor = after.clone();
    }
    steps
}

/// The row of the `i`th step of a path.
fn path_row(
    vocabulary: &Vocabulary,
    i: usize,
    (before, predicate, forward, after): &(NamedNode, NamedNode, bool, NamedNode),
) -> Vec<Option<Term>> {
    let relation = vocabulary.term_label(predicate.as_str());
    let relation = if *forward {
        format!("{relation} →")
    } else {
        format!("← {relation}")
    };
    vec![
        Some(Literal::from(i as i64 + 1).into()),
        Some(Term::NamedNode(before.clone())),
        Some(
            Literal::new_language_tagged_literal_unchecked(label_of(vocabulary, before), "en")
                .into(),
        ),
        Some(Term::NamedNode(predicate.clone())),
        Some(Literal::from(relation).into()),
        Some(Term::NamedNode(after.clone())),
        Some(
            Literal::new_language_tagged_literal_unchecked(label_of(vocabulary, after), "en")
                .into(),
        ),
    ]
}

/// A path's rows with its columns.
fn path_answer(rows: Vec<Vec<Option<Term>>>) -> Answer {
    let (from, to) = (Var::fixed("from"), Var::fixed("to"));
    let columns = vec![
        Column::number("step", Var::fixed("step")),
        Column::entity("from", from.clone()),
        Column::text("relation", Var::fixed("relation_text")),
        Column::entity("to", to.clone()),
    ];
    // The predicate's IRI rides beside its text, for the machine formats.
    let variables = [
        Var::fixed("step"),
        from.clone(),
        from.label(),
        Var::fixed("relation"),
        Var::fixed("relation_text"),
        to.clone(),
        to.label(),
    ]
    .iter()
    .map(|v| Variable::new_unchecked(v.as_str()))
    .collect();
    Answer {
        output: QueryOutput::Solutions { variables, rows },
        columns,
        card: None,
        page: None,
        note: None,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_answer_is_shown_a_page_at_a_time() {
        let rows: Vec<Vec<Option<Term>>> = (0..5)
            .map(|n| vec![Some(Literal::from(n).into())])
            .collect();
        let answer = Answer {
            output: QueryOutput::Solutions {
                variables: vec![Variable::new_unchecked("n")],
                rows,
            },
            columns: vec![],
            card: None,
            page: Some(Page { start: 0, size: 2 }),
            note: None,
        };
        let values = |answer: &Answer| match &answer.shown().output {
            QueryOutput::Solutions { rows, .. } => rows
                .iter()
                .map(|row| row[0].as_ref().map(ToString::to_string).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        };
        assert_eq!(
            values(&answer),
            "\"0\"^^<http://www.w3.org/2001/XMLSchema#integer> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        );
        assert_eq!(answer.total_rows(), 5);
        let second = answer.next_page().expect("a second page");
        assert_eq!(second.page, Some(Page { start: 2, size: 2 }));
        let third = second.next_page().expect("a third page");
        assert_eq!(third.shown().total_rows(), 1);
        assert_eq!(third.next_page(), None);
        // Without a page, the answer is shown whole and has no next page.
        let whole = Answer {
            page: None,
            ..answer
        };
        assert_eq!(whole.shown().total_rows(), 5);
        assert_eq!(whole.next_page(), None);
    }

    #[test]
    fn what_a_question_runs_instead_answers_only_when_the_first_finds_nothing() {
        let compiled = |sparql: &str, otherwise: Option<Compiled>| Compiled {
            query: None,
            sparql: sparql.into(),
            columns: vec![],
            post: Post::rows(),
            otherwise: otherwise.map(Box::new),
            stand_in: None,
        };
        let rows_of = |sparql: &str| -> Result<QueryOutput, QueryError> {
            let rows = match sparql {
                "stated" | "count" => vec![vec![Some(Literal::from(sparql).into())]],
                _ => vec![],
            };
            Ok(QueryOutput::Solutions {
                variables: vec![Variable::new_unchecked("v")],
                rows,
            })
        };
        let vocabulary = Vocabulary::default();
        let ran = |c: &Compiled| {
            let (_, ran) = run_answering(&rows_of, &vocabulary, c).expect("an answer");
            ran.sparql.clone()
        };
        assert_eq!(
            ran(&compiled("stated", Some(compiled("count", None)))),
            "stated"
        );
        assert_eq!(
            ran(&compiled("none", Some(compiled("count", None)))),
            "count"
        );
        assert_eq!(ran(&compiled("none", None)), "none");
    }

    use super::*;
    use crate::compile::Kind;
    use crate::vocabulary::{Entity, EntityIndex};

    fn entity(local: &str, label: &str, english: bool) -> Entity {
        Entity {
            iri: NamedNode::new_unchecked(format!("{}{local}", crate::vocab::ENT)),
            label: label.into(),
            label_is_english: english,
            names: vec![label.into()],
            demonyms: vec![],
        }
    }

    fn column(var: &'static str, kind: Kind, labelled_after: bool) -> Column {
        let var = Var::fixed(var);
        match (kind, labelled_after) {
            (Kind::Entity, true) => Column::named(var.as_str(), var.clone()),
            (Kind::Entity, false) => Column::entity(var.as_str(), var.clone()),
            (Kind::Number, _) => Column::number(var.as_str(), var.clone()),
            (Kind::Text, _) => Column::text(var.as_str(), var.clone()),
        }
    }

    fn variables(names: &[&str]) -> Vec<Variable> {
        names.iter().map(|n| Variable::new_unchecked(*n)).collect()
    }

    fn iri(local: &str) -> Option<Term> {
        Some(NamedNode::new_unchecked(format!("{}{local}", crate::vocab::ENT)).into())
    }

    fn count(n: i64) -> Option<Term> {
        Some(Literal::from(n).into())
    }

    fn cell(output: &QueryOutput, row: usize, var: &str) -> Option<String> {
        let QueryOutput::Solutions { variables, rows } = output else {
            panic!("solutions expected");
        };
        let index = variables.iter().position(|v| v.as_str() == var)?;
        rows[row][index].as_ref().map(|term| match term {
            Term::Literal(literal) => literal.value().to_owned(),
            other => other.to_string(),
        })
    }

    #[test]
    fn labels_come_from_the_index_and_sort_case_insensitively_with_counts_first() {
        let vocabulary = Vocabulary {
            entities: EntityIndex::new(vec![
                entity("b", "beta", true),
                entity("a", "Alpha", true),
                entity("c", "Gamma", true),
                entity("i", "Italiano", false),
            ]),
            ..Vocabulary::default()
        };
        // As the query orders them: by count, then by IRI.
        let output = QueryOutput::Solutions {
            variables: variables(&["group", "count"]),
            rows: vec![
                vec![iri("c"), count(2)],
                vec![iri("a"), count(1)],
                vec![iri("b"), count(1)],
                vec![iri("i"), count(1)],
                vec![iri("unknown"), count(1)],
            ],
        };
        let columns = [
            column("group", Kind::Entity, true),
            column("count", Kind::Number, false),
        ];
        let sort = [
            SortKey::NumberDescending(Var::fixed("count")),
            SortKey::Label(Var::fixed("group")),
        ];
        let sorted = labelled_and_sorted(output, &vocabulary, &columns, &sort);
        let QueryOutput::Solutions { variables, .. } = &sorted else {
            panic!("solutions expected");
        };
        assert_eq!(
            variables.iter().map(Variable::as_str).collect::<Vec<_>>(),
            ["group", "group_label", "count"]
        );
        let labels: Vec<Option<String>> = (0..5)
            .map(|row| cell(&sorted, row, "group_label"))
            .collect();
        // Largest count first; then labels, ignoring case; rows with no English label last,
        // in the query's order (the sort is stable).
        assert_eq!(
            labels,
            [
                Some("Gamma".to_owned()),
                Some("Alpha".to_owned()),
                Some("beta".to_owned()),
                None,
                None
            ]
        );
        assert_eq!(
            cell(&sorted, 3, "group").as_deref(),
            Some("<https://w3id.org/catena/entity/i>")
        );
    }

    #[test]
    fn columns_labelled_by_the_query_are_left_alone() {
        let vocabulary = Vocabulary {
            entities: EntityIndex::new(vec![entity("a", "Alpha", true)]),
            ..Vocabulary::default()
        };
        let output = QueryOutput::Solutions {
            variables: variables(&["document", "document_label"]),
            rows: vec![vec![iri("a"), None]],
        };
        let columns = [column("document", Kind::Entity, false)];
        let same = labelled_and_sorted(output.clone(), &vocabulary, &columns, &[]);
        assert_eq!(same, output);
    }
}
