//! How many rows a query's cartesian products combine without reading the store, estimated
//! before it runs.
//!
//! oxigraph stops a cancelled query when it next reads a quad from the store. A product of
//! patterns that share no variable is combined in memory: for each row of one side, read
//! from the store, it makes a row with every row of the others, and reads nothing
//! meanwhile. Two sides are harmless (one side's rows between reads), but three scans of a
//! small graph side by side make millions of rows between two reads, and run for minutes
//! past their timeout, holding a thread and a query slot. The endpoint therefore refuses
//! such queries before they run: this module finds every product in the algebra (a join
//! whose sides share no variable, or a basic graph pattern in unconnected parts), estimates
//! each side from the number of quads its triple patterns match, and takes the product of
//! all sides but the smallest (the one the evaluator may read row by row) as the rows made
//! between two reads. A product under `ORDER BY` or `DISTINCT`, or on the right of `MINUS`,
//! is held in memory whole: there all its rows count.
//!
//! The estimate of a connected part is the count of its largest triple pattern: joins on a
//! shared variable look the variable up, reading quads (and so checking for cancellation)
//! as they go, so only products need an estimate at all, and a query without one costs
//! nothing to check.

use std::collections::{BTreeSet, HashMap};

use oxigraph::model::{NamedNodeRef, TermRef};
use oxigraph::store::Store;
use spargebra::Query;
use spargebra::algebra::{Expression, GraphPattern, PropertyPathExpression};
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};

/// The most rows a product in `query` makes that the evaluator can neither stop nor stream:
/// those it combines between two reads of the store, or, where it must hold the product
/// (sorting, deduplicating, subtracting), all of them. Estimated on `store`; 0 when the
/// query has no product. Counting stops at `cap` quads per pattern, which is enough to
/// compare with a limit of `cap` rows.
pub fn product_cost(query: &Query, store: &Store, cap: u64) -> f64 {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    // First without reading the store: most queries have no product and cost nothing more.
    let mut estimator = Estimator {
        store,
        cap: cap.max(1),
        dry: true,
        counts: HashMap::new(),
        held: 0,
        found: false,
        largest: 0.0,
    };
    estimator.rows(pattern);
    if !estimator.found {
        return 0.0;
    }
    estimator.dry = false;
    estimator.rows(pattern);
    estimator.largest
}

/// A triple pattern's constants (subject, predicate, object); None where it is open.
type PatternKey = (Option<String>, Option<String>, Option<String>);

struct Estimator<'a> {
    store: &'a Store,
    cap: u64,
    /// Count nothing (every pattern matches once): only find whether there is a product.
    dry: bool,
    /// Quads matched by a triple pattern's constants, by (subject, predicate, object).
    counts: HashMap<PatternKey, f64>,
    /// How many operators that hold all their input enclose the pattern being estimated.
    held: usize,
    found: bool,
    largest: f64,
}

impl Estimator<'_> {
    /// The estimated rows of `pattern`, recording every product inside it.
    fn rows(&mut self, pattern: &GraphPattern) -> f64 {
        match pattern {
            GraphPattern::Bgp { patterns } => self.bgp(patterns),
            GraphPattern::Path {
                subject,
                path,
                object,
            } => self.path(subject, path, object),
            GraphPattern::Join { left, right } | GraphPattern::Lateral { left, right } => {
                self.join(left, right, false)
            }
            GraphPattern::LeftJoin {
                left,
                right,
                expression,
            } => {
                if let Some(expression) = expression {
                    self.expression(expression);
                }
                self.join(left, right, true)
            }
            GraphPattern::Filter { expr, inner } => {
                self.expression(expr);
                self.rows(inner)
            }
            GraphPattern::Extend {
                inner, expression, ..
            } => {
                self.expression(expression);
                self.rows(inner)
            }
            GraphPattern::Union { left, right } => self.rows(left) + self.rows(right),
            GraphPattern::Minus { left, right } => {
                self.holding(right);
                self.rows(left)
            }
            GraphPattern::Values { bindings, .. } => bindings.len() as f64,
            GraphPattern::Slice { inner, length, .. } => {
                let rows = self.rows(inner);
                length.map_or(rows, |length| rows.min(length as f64))
            }
            GraphPattern::Group {
                inner, variables, ..
            } => {
                let rows = self.rows(inner);
                if variables.is_empty() { 1.0 } else { rows }
            }
            GraphPattern::OrderBy { inner, .. } | GraphPattern::Distinct { inner } => {
                self.holding(inner)
            }
            GraphPattern::Graph { inner, .. }
            | GraphPattern::Project { inner, .. }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Service { inner, .. } => self.rows(inner),
        }
    }

    /// The rows of a pattern whose rows are all held in memory at once.
    fn holding(&mut self, pattern: &GraphPattern) -> f64 {
        self.held += 1;
        let rows = self.rows(pattern);
        self.held -= 1;
        rows
    }

    fn join(&mut self, left: &GraphPattern, right: &GraphPattern, optional: bool) -> f64 {
        if variables(left).is_disjoint(&variables(right)) {
            let mut sides = self.sides(left);
            let right_sides = self.sides(right);
            if optional {
                // An optional side adds a row of its own when it matches nothing.
                sides.push(right_sides.iter().product::<f64>().max(1.0));
            } else {
                sides.extend(right_sides);
            }
            return self.product(&sides);
        }
        let left_rows = self.rows(left);
        let right_rows = self.rows(right);
        left_rows.max(right_rows)
    }

    /// The sides a pattern multiplies: those of a product (a join of patterns that share no
    /// variable, or a basic graph pattern in unconnected parts), else the pattern itself.
    fn sides(&mut self, pattern: &GraphPattern) -> Vec<f64> {
        match pattern {
            GraphPattern::Join { left, right } | GraphPattern::Lateral { left, right }
                if variables(left).is_disjoint(&variables(right)) =>
            {
                let mut sides = self.sides(left);
                sides.extend(self.sides(right));
                sides
            }
            GraphPattern::Bgp { patterns } => {
                let sides = self.parts(patterns);
                if sides.is_empty() { vec![1.0] } else { sides }
            }
            _ => vec![self.rows(pattern)],
        }
    }

    /// Records a product of `sides`: the evaluator reads one side row by row (the smallest,
    /// at worst) and combines each row with all the others without a read.
    fn product(&mut self, sides: &[f64]) -> f64 {
        self.found = true;
        let rows: f64 = sides.iter().product();
        let smallest = sides.iter().copied().fold(f64::INFINITY, f64::min);
        if self.held > 0 {
            self.largest = self.largest.max(rows);
        } else if smallest > 0.0 && smallest.is_finite() {
            self.largest = self.largest.max(rows / smallest);
        }
        rows
    }

    /// A basic graph pattern: its connected parts multiply.
    fn bgp(&mut self, patterns: &[TriplePattern]) -> f64 {
        match self.parts(patterns).as_slice() {
            [] => 1.0,
            [one] => *one,
            sides => self.product(sides),
        }
    }

    /// The estimated rows of each connected part of a basic graph pattern.
    fn parts(&mut self, patterns: &[TriplePattern]) -> Vec<f64> {
        connected_parts(patterns)
            .iter()
            .map(|part| self.part(part))
            .collect()
    }

    fn part(&mut self, part: &[&TriplePattern]) -> f64 {
        part.iter()
            .map(|pattern| {
                self.count(
                    constant(&pattern.subject),
                    match &pattern.predicate {
                        NamedNodePattern::NamedNode(node) => Some(node.as_str().to_owned()),
                        NamedNodePattern::Variable(_) => None,
                    },
                    constant(&pattern.object),
                )
            })
            .fold(0.0, f64::max)
    }

    fn path(
        &mut self,
        subject: &TermPattern,
        path: &PropertyPathExpression,
        object: &TermPattern,
    ) -> f64 {
        let predicate = match path {
            PropertyPathExpression::NamedNode(node) => Some(node.as_str().to_owned()),
            _ => None,
        };
        self.count(constant(subject), predicate, constant(object))
    }

    /// Quads matching the constants, up to the cap.
    fn count(
        &mut self,
        subject: Option<String>,
        predicate: Option<String>,
        object: Option<String>,
    ) -> f64 {
        if self.dry {
            return 1.0;
        }
        let key = (subject, predicate, object);
        if let Some(count) = self.counts.get(&key) {
            return *count;
        }
        let subject_node = key.0.as_deref().and_then(|s| NamedNodeRef::new(s).ok());
        let predicate_node = key.1.as_deref().and_then(|p| NamedNodeRef::new(p).ok());
        let object_node = key.2.as_deref().and_then(|o| NamedNodeRef::new(o).ok());
        // A constant that is not an IRI (a literal object, say) is left open: the count is
        // then an upper bound.
        let count = self
            .store
            .quads_for_pattern(
                subject_node.map(Into::into),
                predicate_node,
                object_node.map(TermRef::from),
                None,
            )
            .take(usize::try_from(self.cap).unwrap_or(usize::MAX))
            .count() as f64;
        self.counts.insert(key, count);
        count
    }

    /// Products inside `EXISTS` and `NOT EXISTS` run too.
    fn expression(&mut self, expression: &Expression) {
        match expression {
            Expression::Exists(pattern) => {
                self.rows(pattern);
            }
            Expression::Or(a, b)
            | Expression::And(a, b)
            | Expression::Equal(a, b)
            | Expression::SameTerm(a, b)
            | Expression::Greater(a, b)
            | Expression::GreaterOrEqual(a, b)
            | Expression::Less(a, b)
            | Expression::LessOrEqual(a, b)
            | Expression::Add(a, b)
            | Expression::Subtract(a, b)
            | Expression::Multiply(a, b)
            | Expression::Divide(a, b) => {
                self.expression(a);
                self.expression(b);
            }
            Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => {
                self.expression(a)
            }
            Expression::If(a, b, c) => {
                self.expression(a);
                self.expression(b);
                self.expression(c);
            }
            Expression::In(a, list) => {
                self.expression(a);
                list.iter().for_each(|e| self.expression(e));
            }
            Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
                list.iter().for_each(|e| self.expression(e))
            }
            Expression::NamedNode(_)
            | Expression::Literal(_)
            | Expression::Variable(_)
            | Expression::Bound(_) => {}
        }
    }
}

/// An IRI in a triple pattern's place; None for a variable, a blank node (which matches
/// like a variable) or anything else the count cannot narrow by.
fn constant(term: &TermPattern) -> Option<String> {
    match term {
        TermPattern::NamedNode(node) => Some(node.as_str().to_owned()),
        _ => None,
    }
}

/// The name a term joins on: a variable's or a blank node's.
fn term_name(term: &TermPattern) -> Option<String> {
    match term {
        TermPattern::Variable(v) => Some(format!("?{}", v.as_str())),
        TermPattern::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

/// The names a triple pattern joins on: its variables and blank nodes.
fn pattern_names(pattern: &TriplePattern) -> Vec<String> {
    let mut names: Vec<String> = [&pattern.subject, &pattern.object]
        .into_iter()
        .filter_map(term_name)
        .collect();
    if let NamedNodePattern::Variable(v) = &pattern.predicate {
        names.push(format!("?{}", v.as_str()));
    }
    names
}

/// The triple patterns in groups that share variables (or blank nodes), transitively; a
/// pattern with none of either is its own group.
fn connected_parts(patterns: &[TriplePattern]) -> Vec<Vec<&TriplePattern>> {
    // Union-find over the patterns, joined through the names they share.
    let mut parent: Vec<usize> = (0..patterns.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for (i, pattern) in patterns.iter().enumerate() {
        for name in pattern_names(pattern) {
            match first_with.get(&name) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                }
                None => {
                    first_with.insert(name, i);
                }
            }
        }
    }
    let mut parts: Vec<(usize, Vec<&TriplePattern>)> = Vec::new();
    for (i, pattern) in patterns.iter().enumerate() {
        let r = root(&mut parent, i);
        match parts.iter_mut().find(|(root, _)| *root == r) {
            Some((_, part)) => part.push(pattern),
            None => parts.push((r, vec![pattern])),
        }
    }
    parts.into_iter().map(|(_, part)| part).collect()
}

/// The variables a pattern's rows may bind (a subquery's only through its projection).
fn variables(pattern: &GraphPattern) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    collect_variables(pattern, &mut names);
    names
}

fn collect_variables(pattern: &GraphPattern, names: &mut BTreeSet<String>) {
    match pattern {
        GraphPattern::Bgp { patterns } => {
            for pattern in patterns {
                names.extend(pattern_names(pattern));
            }
        }
        GraphPattern::Path {
            subject, object, ..
        } => names.extend([subject, object].into_iter().filter_map(term_name)),
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right } => {
            collect_variables(left, names);
            collect_variables(right, names);
        }
        GraphPattern::Minus { left, .. } => collect_variables(left, names),
        GraphPattern::Extend {
            inner, variable, ..
        } => {
            collect_variables(inner, names);
            names.insert(format!("?{}", variable.as_str()));
        }
        GraphPattern::Values { variables, .. } => {
            names.extend(variables.iter().map(|v| format!("?{}", v.as_str())));
        }
        GraphPattern::Project { variables, .. } => {
            names.extend(variables.iter().map(|v| format!("?{}", v.as_str())));
        }
        GraphPattern::Group {
            variables,
            aggregates,
            ..
        } => {
            names.extend(variables.iter().map(|v| format!("?{}", v.as_str())));
            names.extend(aggregates.iter().map(|(v, _)| format!("?{}", v.as_str())));
        }
        GraphPattern::Graph { name, inner } => {
            if let NamedNodePattern::Variable(v) = name {
                names.insert(format!("?{}", v.as_str()));
            }
            collect_variables(inner, names);
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Service { inner, .. } => collect_variables(inner, names),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, NamedNode, Quad};
    use spargebra::SparqlParser;

    /// A store of `n` triples `ex:s{i} ex:p ex:o{i}` and `n` more with `ex:q`.
    fn store(n: usize) -> Store {
        let store = Store::new().expect("store");
        let node = |s: String| NamedNode::new(s).expect("iri");
        for i in 0..n {
            for p in ["p", "q"] {
                store
                    .insert(&Quad::new(
                        node(format!("http://ex/s{i}")),
                        node(format!("http://ex/{p}")),
                        node(format!("http://ex/o{i}")),
                        GraphName::DefaultGraph,
                    ))
                    .expect("insert");
            }
        }
        store
    }

    fn between_reads(query: &str, store: &Store) -> f64 {
        let query = SparqlParser::new()
            .with_prefix("ex", "http://ex/")
            .expect("prefix")
            .parse_query(query)
            .expect("parses");
        product_cost(&query, store, 1_000_000)
    }

    #[test]
    fn connected_patterns_make_no_product() {
        let store = store(100);
        for query in [
            "SELECT * { ?s ex:p ?o . ?s ex:q ?x }",
            "SELECT * { ?s ex:p ?o OPTIONAL { ?s ex:q ?x } }",
            "SELECT * { ?s ex:p ?o FILTER EXISTS { ?s ex:q ?o } }",
            "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
            "SELECT * { ?s ex:p/ex:q* ?o }",
            "ASK { ex:s1 ex:p ex:o1 }",
            // Blank nodes join like variables.
            "SELECT * { _:x ex:p ?b . _:x ex:q ?d }",
        ] {
            assert_eq!(between_reads(query, &store), 0.0, "{query}");
        }
    }

    #[test]
    fn a_product_combines_all_but_its_smallest_side_between_reads() {
        let store = store(100);
        // Two sides: one side's rows for each row read.
        let two = "SELECT * { ?a ex:p ?b . ?c ex:q ?d }";
        assert_eq!(between_reads(two, &store), 100.0);
        // Three: the two others' for each row read.
        let three = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
        assert_eq!(between_reads(three, &store), 200.0 * 200.0);
        let groups = "SELECT * { { ?a ex:p ?b } { ?c ?e ?d } { ex:s1 ?x ?y } }";
        assert_eq!(between_reads(groups, &store), 100.0 * 200.0);
        // Constants narrow a side's count.
        let narrowed = "SELECT * { ex:s1 ?p ?b . ?c ex:q ?d . ?e ex:p ?f }";
        assert_eq!(between_reads(narrowed, &store), 100.0 * 100.0);
    }

    #[test]
    fn a_product_held_whole_counts_all_its_rows() {
        let store = store(100);
        for query in [
            "SELECT * { ?a ex:p ?b . ?c ex:q ?d } ORDER BY ?a",
            "SELECT DISTINCT ?a ?c { ?a ex:p ?b . ?c ex:q ?d }",
            "SELECT * { ?x ex:p ?y MINUS { ?x ex:q ?d . ?c ex:p ?e } }",
        ] {
            assert_eq!(between_reads(query, &store), 100.0 * 100.0, "{query}");
        }
        // Counting streams: only the rows between reads count.
        let counted = "SELECT (COUNT(*) AS ?n) { ?a ex:p ?b . ?c ex:q ?d }";
        assert_eq!(between_reads(counted, &store), 100.0);
    }

    #[test]
    fn products_are_found_inside_groups_subqueries_and_filters() {
        let store = store(100);
        for query in [
            "SELECT * { { ?a ex:p ?b } { ?c ex:q ?d } }",
            "SELECT ?a { ?a ex:p ?b { SELECT ?c { ?c ex:q ?d } } }",
            "SELECT * { ?a ex:p ?b FILTER NOT EXISTS { ?c ex:q ?d . ?e ex:p ?f } }",
            "SELECT * { { ?a ex:p ?b } UNION { ?c ex:q ?d . ?e ex:p ?f } }",
            "SELECT * { ?a ex:p ?b OPTIONAL { ?c ex:q ?d } }",
        ] {
            assert_eq!(between_reads(query, &store), 100.0, "{query}");
        }
    }

    #[test]
    fn a_subquery_joins_only_through_what_it_projects() {
        let store = store(100);
        // The inner ?b is not projected: the two sides share nothing.
        let unshared = "SELECT * { ?a ex:p ?b { SELECT ?c { ?c ex:q ?b } } }";
        assert_eq!(between_reads(unshared, &store), 100.0);
        let shared = "SELECT * { ?a ex:p ?b { SELECT ?b { ?c ex:q ?b } } }";
        assert_eq!(between_reads(shared, &store), 0.0);
    }

    #[test]
    fn counting_stops_at_the_cap() {
        let store = store(100);
        let query = SparqlParser::new()
            .parse_query("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
            .expect("parses");
        assert_eq!(product_cost(&query, &store, 10), 100.0);
    }
}
