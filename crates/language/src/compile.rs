//! Compilation: a resolved plan → SPARQL text and a description of the answer's columns.
//!
//! The query is assembled only from IRIs taken from the graph or the ontology (validated
//! `NamedNode`s, printed as `<…>` or as a prefixed name), integers the parser produced, and
//! fixed text of this module. No text a user typed is ever copied into the query, so nothing a
//! user types can change its structure; the tests re-parse every translation to make sure.

use std::fmt::Write as _;

use oxigraph::model::NamedNode;

use crate::ast::TimeFilter;
use crate::resolve::{Direction, Grouping, Plan, Resolved};
use crate::vocab::{self, cat};
use crate::vocabulary::{Entity, Qualifier, Relation};

/// How a column is shown in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// An IRI, shown by the label bound to `{var}_label`: by the query, or after it from
    /// the entity index ([`Column::labelled_after`]).
    Entity,
    /// A number, shown readably; the unit (if any) is in the named column.
    Number,
    /// Anything else, shown as is.
    Text,
}

/// One column of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub var: String,
    pub kind: Kind,
    /// An entity column whose labels come from the entity index after the query, not from
    /// an `rdfs:label` lookup in it: a lookup per row is slow on hubs (an in-memory store
    /// walks every statement of a subject to find its label), the index is already in memory.
    pub labelled_after: bool,
}

impl Column {
    /// An entity column labelled by the query (values that may be outside `ent:`).
    fn entity(header: &str, var: &str) -> Self {
        Self {
            header: header.to_owned(),
            var: var.to_owned(),
            kind: Kind::Entity,
            labelled_after: false,
        }
    }

    /// An entity column labelled after the query, from the entity index.
    fn named(header: &str, var: &str) -> Self {
        Self {
            labelled_after: true,
            ..Self::entity(header, var)
        }
    }

    /// Whether the query itself binds `?{var}_label`.
    fn label_in_query(&self) -> bool {
        self.kind == Kind::Entity && !self.labelled_after
    }

    fn number(header: &str, var: &str) -> Self {
        Self {
            header: header.to_owned(),
            var: var.to_owned(),
            kind: Kind::Number,
            labelled_after: false,
        }
    }

    fn text(header: &str, var: &str) -> Self {
        Self {
            header: header.to_owned(),
            var: var.to_owned(),
            kind: Kind::Text,
            labelled_after: false,
        }
    }
}

/// What to do with the query's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Post {
    /// The rows are the answer, once the columns [`Column::labelled_after`] have their
    /// labels, sorted by `sort` (stable, so the query's ORDER BY breaks ties). With
    /// `merge_by`, the rows that share that variable's value (a statement node) are one row:
    /// a commitment made jointly by four investors is one amount, not four.
    Rows {
        sort: Vec<SortKey>,
        merge_by: Option<String>,
    },
    /// The rows are the edges `?s ?o` of a relation that touch `entity`; the walk goes on
    /// level by level ([`walk_step`] over each new frontier) and answers with everything
    /// that reaches (or is reached from) `entity`, and the chain that links them.
    Transitive {
        entity: NamedNode,
        direction: Direction,
        /// The relation's property path, for the next levels' queries.
        path: String,
    },
    /// The rows are the entity-to-entity edges `?s ?p ?o` leaving `from`; the search goes
    /// on from both ends ([`neighbours`]) and answers with the shortest chain.
    ShortestPath { from: NamedNode, to: NamedNode },
}

/// A key of the sort done after labelling, when the order depends on labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    /// The label of the entity in `?{var}`, case-insensitively; unlabelled rows last.
    Label(String),
    /// The number in `?{var}`, largest first.
    NumberDescending(String),
}

impl Post {
    /// Rows as the query orders them.
    pub fn rows() -> Self {
        Self::Rows {
            sort: Vec::new(),
            merge_by: None,
        }
    }
}

/// A compiled question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    pub sparql: String,
    pub columns: Vec<Column>,
    pub post: Post,
}

/// Prefix declarations written at the top of every translation, so that `explain` prints a
/// query any SPARQL tool accepts.
fn prologue() -> String {
    vocab::prologue(Some(&["cat", "ent", "src", "rdf", "rdfs", "xsd"]))
}

/// A term of the query: a prefixed name when it is safe to write one, `<iri>` otherwise.
fn term(node: &NamedNode) -> String {
    vocab::compact(node.as_str())
}

fn cat_term(local: &str) -> String {
    term(&NamedNode::new_unchecked(cat(local)))
}

/// `VALUES ?var { <a> <b> … }`: IRIs of the graph only, written by oxigraph's validated
/// `NamedNode` display.
fn values(var: &str, nodes: &[NamedNode]) -> String {
    let mut text = format!("VALUES ?{var} {{");
    for node in nodes {
        write!(text, " {node}").expect("writing to a String");
    }
    text.push_str(" }");
    text
}

/// One level of a transitive walk: the edges of `path` that end (`Subjects`: who depends on
/// the frontier) or start (`Objects`) at the frontier's nodes.
pub fn walk_step(path: &str, direction: Direction, frontier: &[NamedNode]) -> String {
    let (bound, pattern) = match direction {
        Direction::Subjects => ("o", format!("?s {path} ?o .\n  FILTER (isIRI(?s))")),
        Direction::Objects => ("s", format!("?s {path} ?o .\n  FILTER (isIRI(?o))")),
    };
    format!(
        "{}SELECT DISTINCT ?s ?o WHERE {{\n  {}\n  {pattern}\n}}\n",
        prologue(),
        values(bound, frontier)
    )
}

/// One step of the shortest-path search: the entity-to-entity edges (other than `rdf:type`)
/// leaving the nodes (`outgoing`) or arriving at them.
pub fn neighbours(nodes: &[NamedNode], outgoing: bool) -> String {
    let (bound, other) = if outgoing { ("s", "o") } else { ("o", "s") };
    format!(
        "{}SELECT DISTINCT ?s ?p ?o WHERE {{\n  {}\n  ?s ?p ?o .\n  FILTER (isIRI(?{other}) && ?p != rdf:type && STRSTARTS(STR(?{other}), STR(ent:)))\n}}\n",
        prologue(),
        values(bound, nodes)
    )
}

/// `(p1|p2|…)`, or `(p|^p)` for a symmetric relation.
fn property_path(relation: &Relation) -> String {
    let mut alternatives: Vec<String> = relation.with_sub_properties.iter().map(term).collect();
    if relation.symmetric {
        alternatives.extend(
            relation
                .with_sub_properties
                .iter()
                .map(|p| format!("^{}", term(p))),
        );
    }
    format!("({})", alternatives.join("|"))
}

/// The English label of `?var`, bound to `?var_label` when there is one.
fn label(var: &str) -> String {
    format!(
        "  OPTIONAL {{ ?{var} rdfs:label ?{var}_label FILTER (LANGMATCHES(LANG(?{var}_label), \"en\")) }}\n"
    )
}

/// `pattern ?var`, optional, with the label of `?var` looked up only when it is bound
/// (a label lookup on an unbound variable would match every label of the graph).
fn optional_labelled(pattern: &str, var: &str) -> String {
    format!(
        "  OPTIONAL {{ {pattern} ?{var} . OPTIONAL {{ ?{var} rdfs:label ?{var}_label FILTER (LANGMATCHES(LANG(?{var}_label), \"en\")) }} }}\n"
    )
}

/// `?x property value .` for each qualifier (`?x cat:accessLevel cat:OpenAccess .`).
fn qualifier_patterns(qualifiers: &[Qualifier]) -> String {
    qualifiers
        .iter()
        .map(|q| format!("  ?x {} {} .\n", term(&q.property), term(&q.value)))
        .collect()
}

/// A filter on the year of `?var` (a date, year-month or year).
fn time_filter(var: &str, filter: Option<TimeFilter>) -> String {
    let year = format!("xsd:integer(SUBSTR(STR(?{var}), 1, 4))");
    match filter {
        None => String::new(),
        Some(TimeFilter::In(y)) => format!("  FILTER ({year} = {y})\n"),
        Some(TimeFilter::Since(y)) => format!("  FILTER ({year} >= {y})\n"),
        Some(TimeFilter::Before(y)) => format!("  FILTER ({year} < {y})\n"),
    }
}

/// The passages of a row of `list … in PLACE` with sources, in `?g`: where the thing is stated,
/// and where each fact that puts it in the place is stated — its own `cat:basedIn` or
/// `cat:locatedIn`, then every `cat:locatedIn` on the way to the place (Neuronova is based in
/// Milan by one passage, Milan is in Italy by another). `?fact_s ?fact_p ?fact_o` is the fact
/// each passage is cited for, labelled after the query (a label lookup per row is slow).
fn place_sources(place: &str) -> String {
    format!(
        "  {{\n\
         \x20   GRAPH ?g {{ ?x a ?type }}\n\
         \x20   BIND (?x AS ?fact_s) BIND (\"is a\" AS ?fact_p) BIND (?type AS ?fact_o)\n\
         \x20 }} UNION {{\n\
         \x20   VALUES ?fact_p {{ cat:basedIn cat:locatedIn }}\n\
         \x20   GRAPH ?g {{ ?x ?fact_p ?fact_o }}\n\
         \x20   ?fact_o cat:locatedIn* {place} .\n\
         \x20   BIND (?x AS ?fact_s)\n\
         \x20 }} UNION {{\n\
         \x20   ?x (cat:basedIn|cat:locatedIn)/cat:locatedIn* ?fact_s .\n\
         \x20   GRAPH ?g {{ ?fact_s cat:locatedIn ?fact_o }}\n\
         \x20   ?fact_o cat:locatedIn* {place} .\n\
         \x20   BIND (cat:locatedIn AS ?fact_p)\n\
         \x20 }}\n"
    )
}

/// Source columns: the passage's locator and document, for the graph `?g`.
fn sources(graph_var: &str) -> String {
    format!(
        "  OPTIONAL {{ ?{graph_var} cat:locator ?source ; cat:inDocument ?document . OPTIONAL {{ ?document rdfs:label ?document_label FILTER (LANGMATCHES(LANG(?document_label), \"en\")) }} }}\n"
    )
}

fn source_columns() -> [Column; 2] {
    [
        Column::text("source", "source"),
        Column::entity("document", "document"),
    ]
}

/// Builds the SELECT from the columns, so the projection and the table always agree; `extra`
/// is a variable the answer needs but does not show (the statement rows are merged by).
fn select(columns: &[Column], distinct: bool, extra: Option<&str>) -> String {
    let mut vars = String::new();
    for column in columns {
        write!(vars, " ?{}", column.var).expect("writing to a String");
        if column.label_in_query() {
            write!(vars, " ?{}_label", column.var).expect("writing to a String");
        }
    }
    if let Some(var) = extra {
        write!(vars, " ?{var}").expect("writing to a String");
    }
    format!("SELECT{}{vars}", if distinct { " DISTINCT" } else { "" })
}

/// The whole query. `order` is the ORDER BY clause; every projected variable is added after
/// it as a tie-breaker, so the same question always lists its rows in the same order. `sort`
/// is applied after labelling, for orders that depend on labels.
fn finish(
    columns: Vec<Column>,
    body: String,
    order: &str,
    limit: Option<u32>,
    sort: Vec<SortKey>,
) -> Compiled {
    finish_merging(columns, body, order, limit, sort, None)
}

/// [`finish`], with the rows that share `merge_by`'s value merged into one after the query.
fn finish_merging(
    columns: Vec<Column>,
    body: String,
    order: &str,
    limit: Option<u32>,
    sort: Vec<SortKey>,
    merge_by: Option<&str>,
) -> Compiled {
    // Every column breaks ties, in order, unless the ORDER BY has it already.
    let ordered: Vec<&str> = order
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .collect();
    let mut tie_breakers = String::new();
    for column in &columns {
        let label = format!("{}_label", column.var);
        let vars = [
            Some(column.var.as_str()),
            column.label_in_query().then_some(label.as_str()),
        ];
        for var in vars.into_iter().flatten() {
            if !ordered.contains(&format!("?{var}").as_str()) {
                write!(tie_breakers, " ?{var}").expect("writing to a String");
            }
        }
    }
    let limit = limit.map(|n| format!("\nLIMIT {n}")).unwrap_or_default();
    Compiled {
        sparql: format!(
            "{}{} WHERE {{\n{body}}}\n{order}{tie_breakers}{limit}\n",
            prologue(),
            select(&columns, true, merge_by)
        ),
        columns,
        post: Post::Rows {
            sort,
            merge_by: merge_by.map(str::to_owned),
        },
    }
}

/// Compiles a resolved question (other than `sparql …`, which needs no compiling).
pub fn compile(resolved: &Resolved) -> Compiled {
    let time = resolved.time;
    let with_sources = resolved.with_sources;
    match &resolved.plan {
        Plan::Sparql(text) => Compiled {
            sparql: text.clone(),
            columns: vec![],
            post: Post::rows(),
        },
        Plan::Related {
            relation,
            entity,
            direction,
            transitive: true,
        } => {
            let path = property_path(relation);
            Compiled {
                sparql: walk_step(&path, *direction, std::slice::from_ref(&entity.iri)),
                columns: vec![],
                post: Post::Transitive {
                    entity: entity.iri.clone(),
                    direction: *direction,
                    path,
                },
            }
        }
        Plan::Related {
            relation,
            entity,
            direction,
            transitive: false,
        } => related(relation, entity, *direction, time, with_sources),
        Plan::Describe(entity) => describe(entity),
        Plan::Path { from, to } => Compiled {
            sparql: neighbours(std::slice::from_ref(&from.iri), true),
            columns: vec![],
            post: Post::ShortestPath {
                from: from.iri.clone(),
                to: to.iri.clone(),
            },
        },
        Plan::List {
            class,
            qualifiers,
            developer,
            place,
        } => {
            let mut columns = vec![Column::named("name", "x")];
            let mut body = format!(
                "  ?x a ?type . ?type rdfs:subClassOf* {} .\n",
                term(&class.iri)
            );
            body.push_str(&qualifier_patterns(qualifiers));
            if let Some(developer) = developer {
                writeln!(body, "  {} cat:develops ?x .", term(&developer.iri)).expect("String");
            }
            if let Some(place) = place {
                writeln!(
                    body,
                    "  ?x (cat:basedIn|cat:locatedIn)/cat:locatedIn* {} .",
                    term(&place.iri)
                )
                .expect("String");
            }
            body.push_str(&optional_labelled("?x cat:basedIn", "based_in"));
            columns.push(Column::entity("based in", "based_in"));
            // One date per row: the earliest (within the time filter, when there is one).
            let same_scope = time_filter("date0", time);
            let earliest = format!(
                "FILTER NOT EXISTS {{ ?x cat:date ?date0 FILTER (STR(?date0) < STR(?date)){}{} }}",
                if same_scope.is_empty() { "" } else { " " },
                same_scope.trim()
            );
            if time.is_some() {
                write!(
                    body,
                    "  ?x cat:date ?date .\n{}  {earliest}\n",
                    time_filter("date", time)
                )
                .expect("String");
            } else {
                writeln!(body, "  OPTIONAL {{ ?x cat:date ?date {earliest} }}").expect("String");
            }
            columns.push(Column::text("date", "date"));
            body.push_str(&optional_labelled("?x cat:accessLevel", "access"));
            columns.push(Column::entity("access", "access"));
            if with_sources {
                match place {
                    // The place may be reached through facts of other passages (a city's
                    // country, from the reference layer): each is cited, and says which.
                    Some(place) => {
                        body.push_str(&place_sources(&term(&place.iri)));
                        columns.extend([
                            Column::named("fact about", "fact_s"),
                            Column::named("relation", "fact_p"),
                            Column::named("object", "fact_o"),
                        ]);
                    }
                    None => body.push_str("  GRAPH ?g { ?x a ?type }\n"),
                }
                body.push_str(&sources("g"));
                columns.extend(source_columns());
            }
            finish(
                columns,
                body,
                "ORDER BY ?x",
                None,
                vec![SortKey::Label("x".into())],
            )
        }
        Plan::Count {
            class,
            qualifiers,
            group,
        } => count(class, qualifiers, group.as_ref()),
        Plan::Top {
            limit,
            class,
            measure,
        } => top(*limit, class, measure, time, with_sources),
        Plan::Attribute { measure, entity } => {
            let mut columns = vec![
                Column::number("value", "value"),
                Column::text("unit", "unit"),
                Column::text("period", "period"),
                Column::entity("item", "item"),
                Column::entity("counterpart", "counterpart"),
            ];
            let mut body = format!(
                "  ?obs a cat:Observation ; cat:measure {} ; cat:subject {} ; cat:value ?value .\n\
                 \x20 OPTIONAL {{ ?obs cat:unit ?unit }}\n\
                 \x20 OPTIONAL {{ ?obs cat:period ?period }}\n\
                 \x20 OPTIONAL {{ ?obs cat:periodStart ?start }}\n{}{}",
                term(&measure.iri),
                term(&entity.iri),
                optional_labelled("?obs cat:item", "item"),
                optional_labelled("?obs cat:counterpart", "counterpart"),
            );
            body.push_str(&time_filter("start", time));
            if with_sources {
                body.push_str("  GRAPH ?g { ?obs cat:value ?value }\n");
                body.push_str(&sources("g"));
                columns.extend(source_columns());
            }
            finish(columns, body, "ORDER BY ?start ?value", None, vec![])
        }
        Plan::Investments {
            investor,
            recipient,
        } => statements(
            "Investment",
            &[
                ("investor", "investor", investor.as_ref(), true),
                ("recipient", "recipient", recipient.as_ref(), true),
                ("status", "epistemicStatus", None, false),
            ],
            &[
                ("amount", "amount", true),
                ("currency", "currency", false),
                ("date", "date", false),
                ("note", "amountNote", false),
            ],
            "date",
            time,
            with_sources,
        ),
        Plan::Releases { by, class_in } => {
            let mut compiled = statements(
                "OpenSourceRelease",
                &[
                    ("by", "releasedBy", by.as_ref(), true),
                    ("release", "releasedItem", None, true),
                ],
                &[("date", "date", false)],
                "date",
                time,
                with_sources,
            );
            if let Some((class, place)) = class_in {
                let extra = format!(
                    "  ?by a ?by_type . ?by_type rdfs:subClassOf* {} .\n  ?by (cat:basedIn|cat:locatedIn)/cat:locatedIn* {} .\n",
                    term(&class.iri),
                    term(&place.iri)
                );
                compiled.sparql =
                    compiled
                        .sparql
                        .replacen(" WHERE {\n", &format!(" WHERE {{\n{extra}"), 1);
            }
            compiled
        }
        Plan::CloudDeals { exclusive_only } => {
            let mut compiled = statements(
                "Agreement",
                &[
                    ("provider", "cloudProvider", None, true),
                    ("customer", "cloudCustomer", None, true),
                    ("platform", "cloudPlatform", None, false),
                    ("status", "epistemicStatus", None, false),
                ],
                &[
                    ("exclusive", "exclusiveCloud", false),
                    ("preferred", "preferredProvider", false),
                    ("start", "startDate", false),
                    ("revised", "revisionDate", false),
                ],
                "start",
                time,
                with_sources,
            );
            if *exclusive_only {
                compiled.sparql = compiled.sparql.replacen(
                    " WHERE {\n",
                    " WHERE {\n  ?st cat:exclusiveCloud true .\n",
                    1,
                );
            }
            compiled
        }
        Plan::Concerns { raised_by, about } => statements(
            "Concern",
            &[
                ("raised by", "raisedBy", raised_by.as_ref(), true),
                ("about", "concernAbout", about.as_ref(), false),
                ("theme", "theme", None, false),
                ("report", "statedIn", None, false),
                ("status", "epistemicStatus", None, false),
            ],
            &[("date", "date", false)],
            "date",
            time,
            with_sources,
        ),
    }
}

/// `top 3 chatbots by traffic share`: the largest values of a measure among things of a class.
///
/// Observations of a series (`cat:inSeries`: one source panel, such as one chart) are compared
/// only within one series and one period: the panel is that of the latest in-series
/// observation (within the time filter, when there is one), so the latest period of the
/// latest series, and the `period` and `series` columns say which. Observations in no series
/// rank as they always did, each subject by its latest value; when both kinds match, the
/// panel alone is ranked, since values of other panels are not comparable with it.
fn top(
    limit: u32,
    class: &crate::vocabulary::Class,
    measure: &crate::vocabulary::Measure,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let mut columns = vec![
        Column::named(&class.label.to_lowercase(), "subject"),
        Column::number("value", "value"),
        Column::text("unit", "unit"),
        Column::text("period", "period"),
        Column::entity("series", "series"),
    ];
    let key = |end: &str, start: &str, series: &str| {
        format!("CONCAT(STR(?{end}), \"|\", COALESCE(STR(?{start}), \"\"), \"|\", STR(?{series}))")
    };
    // The ranking, limited to `limit` observations in a subquery, so that the passages of
    // `with sources` add rows to the top N instead of taking their places.
    let ranking = format!(
        "\x20 SELECT DISTINCT ?obs ?subject ?value ?unit ?period ?series ?series_label WHERE {{\n\
         \x20   ?obs a cat:Observation ; cat:measure {m} ; cat:subject ?subject ; cat:value ?value .\n\
         \x20   ?subject a ?type . ?type rdfs:subClassOf* {c} .\n\
         \x20   OPTIONAL {{ ?obs cat:unit ?unit }}\n\
         \x20   OPTIONAL {{ ?obs cat:period ?period }}\n\
         \x20   OPTIONAL {{ ?obs cat:periodStart ?start }}\n\
         \x20   OPTIONAL {{ ?obs cat:periodEnd ?end }}\n\
         {series}\
         \x20   # the panel: the series and period of the latest observation in a series\n\
         \x20   OPTIONAL {{\n\
         \x20     SELECT (MAX({panel_key}) AS ?panel) WHERE {{\n\
         \x20       ?in cat:inSeries ?series1 ; cat:measure {m} ; cat:subject ?subject1 ; cat:periodEnd ?end1 ; a cat:Observation .\n\
         \x20       ?subject1 a ?type1 . ?type1 rdfs:subClassOf* {c} .\n\
         \x20       OPTIONAL {{ ?in cat:periodStart ?start1 }}\n\
         {panel_scope}\
         \x20     }}\n\
         \x20   }}\n\
         \x20   # outside series, each subject's latest observation: the latest end, found once per\n\
         \x20   # subject (a NOT EXISTS per row would scan every observation of the measure per row)\n\
         \x20   OPTIONAL {{\n\
         \x20     SELECT ?subject (MAX(STR(?end2)) AS ?latest) WHERE {{\n\
         \x20       ?later cat:measure {m} ; cat:subject ?subject ; cat:periodEnd ?end2 ; a cat:Observation .\n\
         \x20       OPTIONAL {{ ?later cat:periodStart ?start2 }}\n\
         {latest_scope}\
         \x20     }}\n\
         \x20     GROUP BY ?subject\n\
         \x20   }}\n\
         \x20   FILTER (IF(BOUND(?panel), BOUND(?series) && {row_key} = ?panel, !BOUND(?latest) || !BOUND(?end) || STR(?end) >= ?latest))\n\
         {time_scope}\
         \x20 }}\n\
         \x20 ORDER BY DESC(?value) ?subject ?obs\n\
         \x20 LIMIT {limit}\n",
        m = term(&measure.iri),
        c = term(&class.iri),
        series = indented(&optional_labelled("?obs cat:inSeries", "series"), 2),
        panel_key = key("end1", "start1", "series1"),
        row_key = key("end", "start", "series"),
        panel_scope = indented(&time_filter("start1", time), 6),
        latest_scope = indented(&time_filter("start2", time), 6),
        time_scope = indented(&time_filter("start", time), 2),
    );
    let mut body = String::from("  {\n");
    for line in ranking.lines() {
        writeln!(body, "  {line}").expect("String");
    }
    body.push_str("  }\n");
    if with_sources {
        body.push_str("  GRAPH ?g { ?obs cat:value ?value }\n");
        body.push_str(&sources("g"));
        columns.extend(source_columns());
    }
    finish(columns, body, "ORDER BY DESC(?value)", None, vec![])
}

/// Each line of `text` moved right by `by` spaces.
fn indented(text: &str, by: usize) -> String {
    text.lines()
        .map(|line| format!("{}{line}\n", " ".repeat(by)))
        .collect()
}

/// Rows of n-ary statements of `class`: `roles` are entity-valued properties (header,
/// property, a fixed value if any, required?), `attributes` literal-valued ones
/// (header, property, numeric?). `date_var` is the attribute the time filter applies to.
fn statements(
    class: &str,
    roles: &[(&str, &str, Option<&Entity>, bool)],
    attributes: &[(&str, &str, bool)],
    date_var: &str,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let mut columns = Vec::new();
    let mut body = String::new();
    for (header, property, fixed, required) in roles {
        let var = var_name(header);
        match fixed {
            // A fixed role is still shown, so every row reads on its own.
            Some(entity) => {
                let x = term(&entity.iri);
                writeln!(body, "  ?st {} {x} .", cat_term(property)).expect("String");
                writeln!(body, "  BIND ({x} AS ?{var})").expect("String");
                columns.push(Column::named(header, &var));
            }
            None if *required => {
                writeln!(body, "  ?st {} ?{var} .", cat_term(property)).expect("String");
                columns.push(Column::named(header, &var));
            }
            None => {
                body.push_str(&optional_labelled(
                    &format!("?st {}", cat_term(property)),
                    &var,
                ));
                columns.push(Column::entity(header, &var));
            }
        }
    }
    // After the roles, so that the path joins on ?st (a subclass counts: an antitrust
    // concern is a concern) instead of starting a product with what comes before.
    writeln!(
        body,
        "  ?st a ?st_class . ?st_class rdfs:subClassOf* {} .",
        cat_term(class)
    )
    .expect("String");
    for (header, property, numeric) in attributes {
        let var = var_name(header);
        writeln!(body, "  OPTIONAL {{ ?st {} ?{var} }}", cat_term(property)).expect("String");
        columns.push(if *numeric {
            Column::number(header, &var)
        } else {
            Column::text(header, &var)
        });
    }
    body.push_str(&time_filter(&var_name(date_var), time));
    if with_sources {
        writeln!(body, "  GRAPH ?g {{ ?st a ?st_class }}").expect("String");
        body.push_str(&sources("g"));
        columns.extend(source_columns());
    }
    let order = format!("ORDER BY ?{} ?st", var_name(date_var));
    finish_merging(columns, body, &order, None, vec![], Some("st"))
}

fn var_name(header: &str) -> String {
    header.replace(' ', "_")
}

/// `who R X` / `what does X R`, with the attributes of the statement that records the
/// relation when the ontology links one (an investment for `invested in`).
fn related(
    relation: &Relation,
    entity: &Entity,
    direction: Direction,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let path = property_path(relation);
    let x = term(&entity.iri);
    let (header, subject, object) = match direction {
        Direction::Subjects => ("who", "?answer".to_owned(), x.clone()),
        Direction::Objects => ("what", x.clone(), "?answer".to_owned()),
    };
    let mut columns = vec![Column::named(header, "answer")];
    let mut body = String::new();
    match (&relation.nests_by, with_sources) {
        (None, false) => writeln!(body, "  {subject} {path} {object} .").expect("String"),
        (None, true) => {
            writeln!(body, "  GRAPH ?g {{ {subject} {path} {object} }}").expect("String")
        }
        // Places nest: `based in Italy` is based in Italy or in a place inside it.
        (Some(nest), false) => {
            writeln!(body, "  {subject} {path}/{}* {object} .", term(nest)).expect("String")
        }
        // The hops may be stated by different passages (Milan's country is background): the
        // row cites the stated edge, and shows the place it names.
        (Some(nest), true) => {
            writeln!(
                body,
                "  GRAPH ?g {{ {subject} {path} ?via }}\n  ?via {}* {object} .",
                term(nest)
            )
            .expect("String");
            columns.push(Column::named("via", "via"));
        }
    }
    if let Some(link) = &relation.statement {
        // Time filters need the dated statement; otherwise it only adds detail.
        let mut statement = vec![format!(
            // A subclass of the statement class counts (an antitrust concern is a concern).
            "?st {} {subject} ; {} {object} ; a ?st_class . ?st_class rdfs:subClassOf* {} .",
            term(&link.subject_role),
            term(&link.object_role),
            term(&link.class)
        )];
        for (detail, detail_label) in &link.details {
            // The detail's local name (amount, currency, date) names its variable; the
            // ontology's IRIs are ASCII names, so it is a valid one. Its label heads the column.
            let local: String = detail
                .as_str()
                .rsplit(['#', '/'])
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let var = if local.is_empty() {
                "detail".to_owned()
            } else {
                local
            };
            statement.push(
                optional_labelled(&format!("?st {}", term(detail)), &var)
                    .trim()
                    .to_owned(),
            );
            // Details are literals (amounts, dates) or terms with labels (themes, reports).
            columns.push(if var == "amount" {
                Column::number(detail_label, &var)
            } else {
                Column::entity(detail_label, &var)
            });
        }
        match time {
            Some(filter) => {
                statement.extend(
                    [
                        "OPTIONAL { ?st cat:date ?when_date }",
                        "OPTIONAL { ?st cat:startDate ?when_start }",
                        "OPTIONAL { ?st cat:periodStart ?when_period }",
                        "BIND (COALESCE(?when_date, ?when_start, ?when_period) AS ?when)",
                    ]
                    .map(str::to_owned),
                );
                for line in statement {
                    writeln!(body, "  {line}").expect("String");
                }
                body.push_str(&time_filter("when", Some(filter)));
            }
            None => {
                body.push_str("  OPTIONAL {\n");
                for line in statement {
                    writeln!(body, "    {line}").expect("String");
                }
                body.push_str("  }\n");
            }
        }
    }
    if with_sources {
        if relation.statement.is_some() {
            // A row with a statement cites the passages that state it, not every passage
            // that states the bare edge (the 2019 investment is not note b's).
            body.push_str("  FILTER (!BOUND(?st) || EXISTS { GRAPH ?g { ?st a ?st_class } })\n");
        }
        body.push_str(&sources("g"));
        columns.extend(source_columns());
    }
    // One row per statement: the investors of a joint commitment share its row.
    let merge_by = relation.statement.as_ref().map(|_| "st");
    finish_merging(
        columns,
        body,
        "ORDER BY ?answer",
        None,
        vec![SortKey::Label("answer".into())],
        merge_by,
    )
}

/// Every fact about an entity, in both directions, with its passage.
fn describe(entity: &Entity) -> Compiled {
    let x = term(&entity.iri);
    let columns = vec![
        Column::entity("relation", "relation"),
        Column::text("direction", "direction"),
        Column::entity("other", "other"),
        Column::text("value", "value"),
        Column::text("source", "source"),
        Column::entity("document", "document"),
    ];
    let body = format!(
        "  {{ GRAPH ?g {{ {x} ?relation ?object }} BIND (\"→\" AS ?direction) }}\n\
         \x20 UNION\n\
         \x20 {{ GRAPH ?g {{ ?object ?relation {x} }} BIND (\"←\" AS ?direction) }}\n\
         \x20 ?g cat:locator ?source ; cat:inDocument ?document .\n\
         \x20 OPTIONAL {{ ?object rdfs:label ?other_label FILTER (isIRI(?object) && LANGMATCHES(LANG(?other_label), \"en\")) }}\n\
         \x20 BIND (IF(isLITERAL(?object), ?unbound, ?object) AS ?other)\n\
         \x20 BIND (IF(isLITERAL(?object), ?object, ?unbound) AS ?value)\n{}{}",
        label("relation"),
        label("document"),
    );
    finish(
        columns,
        body,
        "ORDER BY ?relation ?direction LCASE(STR(?other_label)) ?value ?source",
        None,
        vec![],
    )
}

/// `count models by developer`.
fn count(
    class: &crate::vocabulary::Class,
    qualifiers: &[Qualifier],
    group: Option<&Grouping>,
) -> Compiled {
    let class_pattern = format!(
        "  ?x a ?type . ?type rdfs:subClassOf* {} .\n{}",
        term(&class.iri),
        qualifier_patterns(qualifiers)
    );
    match group {
        None => {
            let columns = vec![Column::number("count", "count")];
            Compiled {
                sparql: format!(
                    "{}SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{\n{class_pattern}}}\n",
                    prologue()
                ),
                columns,
                post: Post::rows(),
            }
        }
        Some(grouping) => {
            let path = property_path(&grouping.relation);
            let pattern = match (&grouping.class, grouping.by_subject) {
                (None, true) => format!("?group {path} ?x ."),
                (None, false) => format!("?x {path} ?group ."),
                (Some(group_class), true) => format!(
                    "?group {path} ?x .\n  ?group a ?group_type . ?group_type rdfs:subClassOf* {} .",
                    term(group_class)
                ),
                // Grouped by the instance of the class the value is or nests in: a company
                // based in Milan counts under Italy, and a value of another class (a region,
                // such as Europe) is no group. Things known only by such values are left out,
                // with no "(no country)" row: as things with no value at all always were, a
                // count by country counts only what has a country.
                // The groups of the relation's distinct values are found once, not per thing.
                (Some(group_class), false) => format!(
                    "?x {path} ?value .\n\
                     \x20 {{\n\
                     \x20   SELECT DISTINCT ?value ?group WHERE {{\n\
                     \x20     {{ SELECT DISTINCT ?value WHERE {{ ?any {path} ?value }} }}\n\
                     \x20     {}\n\
                     \x20     ?group a ?group_type . ?group_type rdfs:subClassOf* {} .\n\
                     \x20   }}\n\
                     \x20 }}",
                    // The values nest as the ontology says the relation's objects do.
                    match &grouping.relation.nests_by {
                        Some(nest) => format!("?value {}* ?group .", term(nest)),
                        None => "BIND (?value AS ?group)".to_owned(),
                    },
                    term(group_class)
                ),
            };
            let columns = vec![
                Column::named(&grouping.label, "group"),
                Column::number("count", "count"),
            ];
            Compiled {
                sparql: format!(
                    "{}SELECT ?group (COUNT(DISTINCT ?x) AS ?count) WHERE {{\n{class_pattern}  {pattern}\n}}\nGROUP BY ?group\nORDER BY DESC(?count) ?group\n",
                    prologue(),
                ),
                columns,
                post: Post::Rows {
                    sort: vec![
                        SortKey::NumberDescending("count".into()),
                        SortKey::Label("group".into()),
                    ],
                    merge_by: None,
                },
            }
        }
    }
}
