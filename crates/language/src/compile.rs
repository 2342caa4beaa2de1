//! Compilation: a resolved plan → a typed SPARQL query ([`crate::query`]) and a description
//! of the answer's columns.
//!
//! The query is built only from IRIs taken from the graph or the ontology (validated
//! `NamedNode`s), variables the code names, integers the parser produced, and literals of
//! this module. No text a user typed is ever part of a query, so nothing a user types can
//! change its structure; the tests re-parse every translation to make sure.

use oxrdf::NamedNode;

use crate::ast::{End, TimeFilter};
use crate::noun_phrase::{Link, NounPhrase, Target};
use crate::query::{
    Comparison, Expr, Function, GraphName, Group, OrderKey, Path, Pattern, Projection, Query,
    Select, Term, Triples, Var, Verb,
};
use crate::resolve::{Direction, Ends, Grouping, Plan, Resolved};
use crate::vocab::{RDF, RDFS, cat};
use crate::vocabulary::{
    Class, Entity, Measure, Qualifier, Relation, StatementForm, StatementLink, Vocabulary,
};

/// How a column is shown in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// An IRI, shown by the label bound to its [`Column::label`] variable: by the query, or
    /// after it from the entity index ([`Column::labelled_after`]).
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
    pub var: Var,
    /// The variable bound to the English label of an entity column's value (`?x_label`
    /// beside `?x`); `None` for other columns.
    pub label: Option<Var>,
    pub kind: Kind,
    /// An entity column whose labels come from the entity index after the query, not from
    /// an `rdfs:label` lookup in it: a lookup per row is slow on hubs (an in-memory store
    /// walks every statement of a subject to find its label), the index is already in memory.
    pub labelled_after: bool,
}

impl Column {
    /// An entity column labelled by the query (values that may be outside `ent:`).
    pub fn entity(header: &str, var: Var) -> Self {
        Self {
            header: header.to_owned(),
            label: Some(var.label()),
            var,
            kind: Kind::Entity,
            labelled_after: false,
        }
    }

    /// An entity column labelled after the query, from the entity index.
    pub fn named(header: &str, var: Var) -> Self {
        Self {
            labelled_after: true,
            ..Self::entity(header, var)
        }
    }

    pub fn number(header: &str, var: Var) -> Self {
        Self {
            header: header.to_owned(),
            var,
            label: None,
            kind: Kind::Number,
            labelled_after: false,
        }
    }

    pub fn text(header: &str, var: Var) -> Self {
        Self {
            header: header.to_owned(),
            var,
            label: None,
            kind: Kind::Text,
            labelled_after: false,
        }
    }

    /// The label variable the query itself binds, if it does.
    fn label_in_query(&self) -> Option<&Var> {
        self.label.as_ref().filter(|_| !self.labelled_after)
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
        merge_by: Option<Var>,
    },
    /// The rows are the edges `?s ?o` of a relation that touch `entity`; the walk goes on
    /// level by level ([`walk_step`] over each new frontier) and answers with everything
    /// that reaches (or is reached from) `entity`, and the chain that links them.
    Transitive {
        entity: NamedNode,
        direction: Direction,
        /// The relation's property path, for the next levels' queries.
        path: Path,
    },
    /// The rows are the entity-to-entity edges `?s ?p ?o` leaving `from`; the search goes
    /// on from both ends ([`neighbours`]) and answers with the shortest chain.
    ShortestPath { from: NamedNode, to: NamedNode },
    /// The rows are the facts about `entity`, one per fact and passage (`describe`): the
    /// answer keeps them as rows for the machine formats, and a table shows them as the
    /// entity's card, grouped by relation, one line per fact with its passages merged.
    Card { entity: NamedNode },
}

/// A key of the sort done after labelling, when the order depends on labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    /// The label of the entity in the column of this variable, case-insensitively;
    /// unlabelled rows last.
    Label(Var),
    /// The number in this variable, largest first.
    NumberDescending(Var),
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
    /// The query; `None` for SPARQL the user wrote (`sparql …`), which is run as written.
    pub query: Option<Box<Query>>,
    /// The query's text: [`Compiled::query`] printed, or the user's SPARQL.
    pub sparql: String,
    pub columns: Vec<Column>,
    pub post: Post,
    /// What to run when this finds no rows ([`Plan::Either`]).
    pub otherwise: Option<Box<Compiled>>,
    /// Rows that may answer for another name than the one asked (`traffic share of OpenAI`
    /// answers for ChatGPT): the answer says so under its table.
    pub stand_in: Option<Box<StandIn>>,
}

/// The name a question asked about, and the column naming what each row is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandIn {
    pub column: Var,
    pub asked: NamedNode,
    pub asked_label: String,
    /// What the rows are of, in English and in Italian (`traffic share`, `quota di traffico`).
    pub what: [String; 2],
}

impl Compiled {
    fn new(query: Query, columns: Vec<Column>, post: Post) -> Self {
        Self {
            sparql: query.to_string(),
            query: Some(Box::new(query)),
            columns,
            post,
            stand_in: None,
            otherwise: None,
        }
    }
}

/// A variable the code names.
fn var(name: &'static str) -> Var {
    Var::fixed(name)
}

/// A term of catena's ontology the compiler uses by name (the shapes of lists, observations
/// and sources); its local names are ASCII names, so the IRI is valid.
fn cat_node(local: &str) -> NamedNode {
    NamedNode::new_unchecked(cat(local))
}

fn rdf_type() -> NamedNode {
    NamedNode::new_unchecked(format!("{RDF}type"))
}

fn rdfs_label() -> NamedNode {
    NamedNode::new_unchecked(format!("{RDFS}label"))
}

/// `rdfs:subClassOf*`
fn sub_class_path() -> Path {
    Path::from(NamedNode::new_unchecked(format!("{RDFS}subClassOf"))).zero_or_more()
}

/// `?thing a ?type . ?type rdfs:subClassOf* class`: an instance of the class or of a
/// subclass.
fn instance_of(thing: &Var, type_var: &Var, class: &NamedNode) -> Pattern {
    Pattern::Triples(vec![
        Triples::new(thing, rdf_type(), type_var),
        Triples::new(type_var, sub_class_path(), class),
    ])
}

/// `(cat:basedIn|cat:locatedIn)/cat:locatedIn*`: what is in a place, directly or inside it.
fn in_place_path() -> Path {
    Path::Alternative(vec![
        cat_node("basedIn").into(),
        cat_node("locatedIn").into(),
    ])
    .then(Path::from(cat_node("locatedIn")).zero_or_more())
}

/// `VALUES ?var { <a> <b> … }`, the IRIs written whole.
fn values(var: Var, nodes: &[NamedNode]) -> Pattern {
    Pattern::Values(var, nodes.iter().cloned().map(Term::FullIri).collect())
}

/// One level of a transitive walk: the edges of `path` that end (`Subjects`: who depends on
/// the frontier) or start (`Objects`) at the frontier's nodes.
pub fn walk_step(path: &Path, direction: Direction, frontier: &[NamedNode]) -> Query {
    let (s, o) = (var("s"), var("o"));
    let (bound, other) = match direction {
        Direction::Subjects => (&o, &s),
        Direction::Objects => (&s, &o),
    };
    let mut pattern = Group::block();
    pattern
        .line(values(bound.clone(), frontier))
        .line(Pattern::triple(&s, path.clone(), &o))
        .line(Pattern::Filter(Expr::call_var(Function::IsIri, other)));
    Query::new(Select::distinct(&[s.clone(), o.clone()], pattern))
}

/// One step of the shortest-path search: the entity-to-entity edges (other than `rdf:type`)
/// leaving the nodes (`outgoing`) or arriving at them.
pub fn neighbours(nodes: &[NamedNode], outgoing: bool) -> Query {
    let (s, p, o) = (var("s"), var("p"), var("o"));
    let (bound, other) = if outgoing { (&s, &o) } else { (&o, &s) };
    let entity_edge = Expr::And(vec![
        Expr::call_var(Function::IsIri, other),
        Expr::compare(
            Expr::var(&p),
            Comparison::NotEqual,
            Term::Iri(rdf_type()).into(),
        ),
        Expr::call(
            Function::StrStarts,
            vec![
                Expr::call_var(Function::Str, other),
                Expr::call(Function::Str, vec![Term::namespace("ent").into()]),
            ],
        ),
    ]);
    let mut pattern = Group::block();
    pattern
        .line(values(bound.clone(), nodes))
        .line(Pattern::triple(&s, &p, &o))
        .line(Pattern::Filter(entity_edge));
    Query::new(Select::distinct(
        &[s.clone(), p.clone(), o.clone()],
        pattern,
    ))
}

/// `(p1|p2|…)`, `(p|^p)` for a symmetric relation, `(^p1|^p2|…)` for an inverse one.
fn property_path(relation: &Relation) -> Path {
    let mut alternatives: Vec<Path> = relation
        .with_sub_properties
        .iter()
        .map(|p| {
            if relation.inverse {
                Path::from(p).inverse()
            } else {
                Path::from(p)
            }
        })
        .collect();
    if relation.symmetric {
        alternatives.extend(
            relation
                .with_sub_properties
                .iter()
                .map(|p| Path::from(p).inverse()),
        );
    }
    Path::Alternative(alternatives)
}

/// `LANGMATCHES(LANG(?label), "en")`
fn is_english(label: &Var) -> Expr {
    Expr::call(
        Function::LangMatches,
        vec![
            Expr::call_var(Function::Lang, label),
            Term::string("en").into(),
        ],
    )
}

/// The English label of `?var`, bound to its label variable when there is one.
fn label(var: &Var) -> Pattern {
    let label = var.label();
    Pattern::Optional(Group::inline(vec![
        Pattern::triple(var, rdfs_label(), &label),
        Pattern::Filter(is_english(&label)),
    ]))
}

/// `subject property ?var`, optional, with the label of `?var` looked up only when it is
/// bound (a label lookup on an unbound variable would match every label of the graph).
fn optional_labelled(subject: impl Into<Term>, property: impl Into<Verb>, var: &Var) -> Pattern {
    Pattern::Optional(Group::inline(vec![
        Pattern::triple(subject, property, var),
        label(var),
    ]))
}

/// `OPTIONAL { subject property ?var }`
fn optional(subject: impl Into<Term>, property: impl Into<Verb>, var: &Var) -> Pattern {
    Pattern::Optional(Group::inline(vec![Pattern::triple(subject, property, var)]))
}

/// `?x property value .` for each qualifier (`?x cat:accessLevel cat:OpenAccess .`).
fn qualifier_patterns(x: &Var, qualifiers: &[Qualifier]) -> Vec<Pattern> {
    qualifiers
        .iter()
        .map(|q| Pattern::triple(x, &q.property, &q.value))
        .collect()
}

/// What makes `?x` a thing of the noun phrase: its class, its adjectives, then each
/// restriction — a link, a UNION of the links any of which holds, or a FILTER NOT EXISTS
/// around them when negated. `depth` numbers the variables of a phrase nested in another's
/// link (`models by Chinese companies`).
fn noun_phrase_patterns(
    phrase: &NounPhrase,
    x: &Var,
    depth: usize,
    vocabulary: &Vocabulary,
) -> Vec<Pattern> {
    let type_var = if depth == 0 {
        var("type")
    } else {
        var("type").numbered(depth)
    };
    let mut patterns = vec![instance_of(x, &type_var, &phrase.class.iri)];
    patterns.extend(qualifier_patterns(x, &phrase.qualifiers));
    patterns.extend(restriction_patterns(
        &phrase.restrictions,
        x,
        &phrase.class,
        depth,
        vocabulary,
    ));
    patterns
}

/// The restrictions of a noun phrase on its thing `?x`, of `class`: each a link, a UNION of
/// links, or a FILTER NOT EXISTS around them when negated.
fn restriction_patterns(
    restrictions: &[crate::noun_phrase::Restriction],
    x: &Var,
    class: &Class,
    depth: usize,
    vocabulary: &Vocabulary,
) -> Vec<Pattern> {
    let mut patterns = Vec::new();
    for restriction in restrictions {
        let mut links: Vec<Vec<Pattern>> = restriction
            .any_of
            .iter()
            .map(|link| link_patterns(link, x, class, depth, vocabulary))
            .collect();
        let held = if links.len() == 1 {
            links.remove(0)
        } else {
            vec![Pattern::Union(
                links.into_iter().map(Group::inline).collect(),
            )]
        };
        if restriction.negated {
            patterns.push(Pattern::Filter(Expr::NotExists(Group::inline(held))));
        } else {
            patterns.extend(held);
        }
    }
    patterns
}

/// One link of a noun phrase's thing `?x` to a named entity or to the things of a nested
/// phrase, bound to `?thing1` (`?thing2` one level further…).
fn link_patterns(
    link: &Link,
    x: &Var,
    class: &Class,
    depth: usize,
    vocabulary: &Vocabulary,
) -> Vec<Pattern> {
    match link {
        // A product is where its developer is (`Chinese models`, `models in France`).
        Link::Place(place) if class.ancestors.contains(&cat_node("Product")) => {
            return vec![Pattern::triple(
                x,
                Path::from(cat_node("develops"))
                    .inverse()
                    .then(in_place_path()),
                &place.iri,
            )];
        }
        Link::Place(place) => return vec![Pattern::triple(x, in_place_path(), &place.iri)],
        Link::Qualified(qualifier) => {
            return qualifier_patterns(x, std::slice::from_ref(qualifier));
        }
        Link::Developer(_) | Link::Related { .. } => {}
    }
    // Places and adjectives returned above: every other link ties by a relation.
    let Some((relation, direction, target)) = tie_of(link, vocabulary) else {
        return vec![];
    };
    let other = var("thing").numbered(depth + 1);
    let (end, nested) = match target {
        Target::Entity(entity) => (Term::Iri(entity.iri.clone()), vec![]),
        Target::Anything => (Term::from(&other), vec![]),
        Target::Things(phrase) => (
            Term::from(&other),
            noun_phrase_patterns(phrase, &other, depth + 1, vocabulary),
        ),
    };
    let mut path = relation.map_or_else(|| Path::from(cat_node("develops")), property_path);
    if let Some(nest) = relation.and_then(|r| r.nests_by.as_ref()) {
        path = path.then(Path::from(nest).zero_or_more());
    }
    let tie = match direction {
        Direction::Subjects => Pattern::triple(x, path, end),
        // What a named organisation does, its subsidiaries do too (`models by Google`: Google
        // DeepMind's), where the ontology says the relation's subjects nest so.
        Direction::Objects => {
            if let (Some(nest), Target::Entity(_)) =
                (relation.and_then(|r| r.subject_nests_by.as_ref()), target)
            {
                path = Path::from(nest).inverse().zero_or_more().then(path);
            }
            Pattern::triple(end, path, x)
        }
    };
    std::iter::once(tie).chain(nested).collect()
}

/// The relation a link ties its thing by, which end of it the thing is, and what is at the
/// other end: `by X` is `cat:develops`'s object (the relation itself when the vocabulary has
/// it). `None` for a place or an adjective, which tie by no relation of their own.
fn tie_of<'a>(
    link: &'a Link,
    vocabulary: &'a Vocabulary,
) -> Option<(Option<&'a Relation>, Direction, &'a Target)> {
    match link {
        Link::Related {
            relation,
            direction,
            target,
        } => Some((Some(&**relation), *direction, target)),
        Link::Developer(target) => {
            let develops = cat_node("develops");
            let relation = vocabulary.relations.iter().find(|r| r.iri == develops);
            Some((relation, Direction::Objects, target))
        }
        Link::Place(_) | Link::Qualified(_) => None,
    }
}

/// A filter on the date `?var` (a date, year-month or year): its period overlaps the
/// filter's. Lexical dates sort by time, and a date starts with the year or month it lies in:
/// `?var` begins no later than the filter's end (`STR(?var) <= "2024~"`, `~` sorting after
/// every digit and `-`, or `< "2025"` before a moment), and ends no earlier than its start
/// (`CONCAT(STR(?var), "~") >= "2024"`, so that the year `2024` overlaps `January 2024`).
fn time_filter(var: &Var, filter: Option<TimeFilter>) -> Option<Pattern> {
    period_filter(var, None, filter)
}

/// [`time_filter`] on a period from `?start` to `?end` (when bound; else `?start` alone):
/// the period overlaps the filter's when it starts no later than the filter ends and ends
/// no earlier than the filter starts.
fn period_filter(
    start_var: &Var,
    end_var: Option<&Var>,
    filter: Option<TimeFilter>,
) -> Option<Pattern> {
    let filter = filter?;
    let text = || Expr::call_var(Function::Str, start_var);
    let end_text = || match end_var {
        Some(end) => Expr::call(
            Function::Str,
            vec![Expr::call(
                Function::Coalesce,
                vec![Expr::var(end), Expr::var(start_var)],
            )],
        ),
        None => text(),
    };
    let mut tests = Vec::new();
    if let Some(start) = filter.start {
        let ends = Expr::call(Function::Concat, vec![end_text(), Term::string("~").into()]);
        tests.push(Expr::compare(
            ends,
            Comparison::GreaterOrEqual,
            Term::string(&start.key()).into(),
        ));
    }
    match filter.end {
        Some(End::Through(end)) => tests.push(Expr::compare(
            text(),
            Comparison::LessOrEqual,
            Term::string(&format!("{}~", end.key())).into(),
        )),
        Some(End::Before(end)) => tests.push(Expr::compare(
            text(),
            Comparison::Less,
            Term::string(&end.key()).into(),
        )),
        None => {}
    }
    let test = match tests.len() {
        0 => return None,
        1 => tests.remove(0),
        _ => Expr::And(tests),
    };
    Some(Pattern::Filter(test))
}

/// Adds the time filter on `?var`, if there is one, as a line of `group`.
fn add_time_filter(group: &mut Group, var: &Var, filter: Option<TimeFilter>) {
    if let Some(pattern) = time_filter(var, filter) {
        group.line(pattern);
    }
}

/// The passages of a row of `list … in PLACE` with sources, in `?g`: where the thing is stated,
/// and where each fact that puts it in the place is stated — its own `cat:basedIn` or
/// `cat:locatedIn`, then every `cat:locatedIn` on the way to the place (Neuronova is based in
/// Milan by one passage, Milan is in Italy by another). `?fact_s ?fact_p ?fact_o` is the fact
/// each passage is cited for, labelled after the query (a label lookup per row is slow).
fn place_sources(place: &NamedNode) -> Pattern {
    let (x, g, kind) = (var("x"), GraphName::Var(var("g")), var("type"));
    let (fact_s, fact_p, fact_o) = (var("fact_s"), var("fact_p"), var("fact_o"));
    let located = cat_node("locatedIn");
    let within_place = || Pattern::triple(&fact_o, Path::from(&located).zero_or_more(), place);
    let mut typed = Group::block();
    typed
        .line(Pattern::Graph(
            g.clone(),
            Group::inline(vec![Pattern::triple(&x, rdf_type(), &kind)]),
        ))
        .line_of(vec![
            Pattern::Bind(Expr::var(&x), fact_s.clone()),
            Pattern::Bind(Term::string("is a").into(), fact_p.clone()),
            Pattern::Bind(Expr::var(&kind), fact_o.clone()),
        ]);
    let mut own = Group::block();
    own.line(Pattern::Values(
        fact_p.clone(),
        vec![cat_node("basedIn").into(), located.clone().into()],
    ))
    .line(Pattern::Graph(
        g.clone(),
        Group::inline(vec![Pattern::triple(&x, &fact_p, &fact_o)]),
    ))
    .line(within_place())
    .line(Pattern::Bind(Expr::var(&x), fact_s.clone()));
    let mut on_the_way = Group::block();
    on_the_way
        .line(Pattern::triple(&x, in_place_path(), &fact_s))
        .line(Pattern::Graph(
            g,
            Group::inline(vec![Pattern::triple(&fact_s, &located, &fact_o)]),
        ))
        .line(within_place())
        .line(Pattern::Bind(Term::Iri(located.clone()).into(), fact_p));
    Pattern::Union(vec![typed, own, on_the_way])
}

/// Source columns' pattern: the passage's locator and document, for the graph `?g`.
fn sources() -> Pattern {
    let document = var("document");
    Pattern::Optional(Group::inline(vec![
        Triples::new(var("g"), cat_node("locator"), var("source"))
            .and(cat_node("inDocument"), &document)
            .into(),
        label(&document),
    ]))
}

fn source_columns() -> [Column; 2] {
    [
        Column::text("source", var("source")),
        Column::entity("document", var("document")),
    ]
}

/// `GRAPH ?g { pattern }`
fn in_graph(pattern: Pattern) -> Pattern {
    Pattern::Graph(GraphName::Var(var("g")), Group::inline(vec![pattern]))
}

/// The whole query, its SELECT built from the columns so that the projection and the table
/// always agree; `merge_by` is a variable the answer needs but does not show (the statement
/// rows are merged by). After the `order` keys, every projected variable they do not mention
/// breaks ties, so the same question always lists its rows in the same order; `sort` is
/// applied after labelling, for orders that depend on labels.
fn finish(
    columns: Vec<Column>,
    pattern: Group,
    mut order: Vec<OrderKey>,
    sort: Vec<SortKey>,
    merge_by: Option<Var>,
) -> Compiled {
    let shown: Vec<Var> = columns
        .iter()
        .flat_map(|column| [Some(&column.var), column.label_in_query()])
        .flatten()
        .cloned()
        .collect();
    let tie_breakers: Vec<OrderKey> = shown
        .iter()
        .filter(|var| !order.iter().any(|key| key.mentions(var)))
        .map(OrderKey::var)
        .collect();
    order.extend(tie_breakers);
    let mut projection = shown;
    projection.extend(merge_by.iter().cloned());
    let mut select = Select::distinct(&projection, pattern);
    select.order_by = order;
    Compiled::new(Query::new(select), columns, Post::Rows { sort, merge_by })
}

/// Compiles a resolved question; the statement forms (investments, releases, …) take their
/// shape from the ontology's annotations, read into `vocabulary`.
pub fn compile(resolved: &Resolved, vocabulary: &Vocabulary) -> Compiled {
    let time = resolved.time;
    let with_sources = resolved.with_sources;
    match &resolved.plan {
        Plan::Sparql(text) => Compiled {
            query: None,
            sparql: text.clone(),
            columns: vec![],
            post: Post::rows(),
            stand_in: None,
            otherwise: None,
        },
        Plan::Related {
            relation,
            entity,
            direction,
            transitive: true,
        } => transitive(relation, entity, *direction),
        Plan::Related {
            relation,
            entity,
            direction,
            transitive: false,
        } => related(relation, entity, *direction, None, time, with_sources),
        Plan::Between {
            relation,
            ends,
            asked,
        } => {
            let (entity, direction, only) = match ends {
                Ends::Both { subject, object } => (object, Direction::Subjects, Some(subject)),
                Ends::Subject(subject) => (subject, Direction::Objects, None),
                Ends::Object(object) => (object, Direction::Subjects, None),
            };
            let mut compiled = related(relation, entity, direction, only, time, with_sources);
            // The asked thing first: `how much` shows the amount, `when` the date.
            if let Some(at) =
                asked.and_then(|header| compiled.columns.iter().position(|c| c.header == header))
            {
                let column = compiled.columns.remove(at);
                compiled.columns.insert(0, column);
            }
            compiled
        }
        Plan::Describe(entity) => describe(entity, vocabulary),
        Plan::Either { first, otherwise } => {
            let with_plan = |plan: &Plan| Resolved {
                plan: plan.clone(),
                ..resolved.clone()
            };
            let mut compiled = compile(&with_plan(first), vocabulary);
            compiled.otherwise = Some(Box::new(compile(&with_plan(otherwise), vocabulary)));
            compiled
        }
        Plan::Dates(entity) => dates(entity),
        Plan::Check {
            entity,
            restrictions,
            italian,
        } => check(entity, restrictions, *italian, vocabulary),
        Plan::DatesBetween { names, properties } => dates_between(names, properties),
        Plan::Path { from, to } => Compiled::new(
            neighbours(std::slice::from_ref(&from.iri), true),
            vec![],
            Post::ShortestPath {
                from: from.iri.clone(),
                to: to.iri.clone(),
            },
        ),
        Plan::List(phrase) => match statement_form_of(&phrase.class, vocabulary) {
            Some(form) => statement_list(phrase, form, vocabulary, time, with_sources),
            None => list(phrase, vocabulary, time, with_sources),
        },
        Plan::Count { phrase, group } => count(phrase, group.as_ref(), vocabulary, time),
        Plan::Top {
            limit,
            class,
            measure,
        } => top(*limit, class, measure, time, with_sources),
        Plan::Attribute { measure, entity } => {
            let mut compiled = attribute(measure, entity.as_ref(), time, with_sources);
            compiled.stand_in = entity.as_ref().map(|entity| {
                Box::new(StandIn {
                    column: var("about"),
                    asked: entity.iri.clone(),
                    asked_label: entity.label.clone(),
                    what: [
                        measure.label.to_lowercase(),
                        measure
                            .phrases
                            .iter()
                            .filter(|p| p.lang == crate::vocabulary::Lang::It)
                            .max_by_key(|p| p.text.len())
                            .map_or_else(|| measure.label.to_lowercase(), |p| p.text.clone()),
                    ],
                })
            });
            compiled
        }
        statement_plan => statement_question(statement_plan, vocabulary, time, with_sources),
    }
}

/// The first level of `who depends on X transitively`; [`Post::Transitive`] walks on.
fn transitive(relation: &Relation, entity: &Entity, direction: Direction) -> Compiled {
    let path = property_path(relation);
    Compiled::new(
        walk_step(&path, direction, std::slice::from_ref(&entity.iri)),
        vec![],
        Post::Transitive {
            entity: entity.iri.clone(),
            direction,
            path,
        },
    )
}

/// The dates of a phrase's thing `?x`: its own `cat:date`, or the date of a statement of a
/// relation the phrase ties it by, when the ontology records that relation as dated statements
/// (`models released in 2025`: a model has no date of its own, its release has). `tag` keeps
/// the statement's variables apart when the pattern is used twice in one query.
fn dates_of(
    phrase: &NounPhrase,
    x: &Var,
    date: &Var,
    vocabulary: &Vocabulary,
    tag: &str,
) -> Pattern {
    let own = Pattern::triple(x, cat_node("date"), date);
    let mut branches = vec![];
    let ties = phrase
        .restrictions
        .iter()
        .filter(|restriction| !restriction.negated)
        .flat_map(|restriction| &restriction.any_of)
        .filter_map(|link| tie_of(link, vocabulary));
    for (relation, direction, target) in ties {
        let Some(relation) = relation else { continue };
        for statement in &relation.dated_by {
            let n = branches.len() + 1;
            let st = Var::from_words(&format!("{tag}_st"), "date_st").numbered(n);
            let st_type = Var::from_words(&format!("{tag}_st_type"), "date_st_type").numbered(n);
            let (own_role, other_role) = match direction {
                Direction::Objects => (&statement.object_role, &statement.subject_role),
                Direction::Subjects => (&statement.subject_role, &statement.object_role),
            };
            let mut triples = Triples::new(&st, own_role, x).and(cat_node("date"), date);
            if let Target::Entity(entity) = target {
                triples = triples.and(other_role, &entity.iri);
            }
            branches.push(vec![
                Pattern::Triples(vec![triples]),
                instance_of(&st, &st_type, &statement.class),
            ]);
        }
    }
    if branches.is_empty() {
        return own;
    }
    branches.insert(0, vec![own]);
    Pattern::Union(branches.into_iter().map(Group::inline).collect())
}

/// `list companies in France`, `open models by Google in 2024`.
fn list(
    phrase: &NounPhrase,
    vocabulary: &Vocabulary,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let (x, date, based_in, access) = (var("x"), var("date"), var("based_in"), var("access"));
    let mut columns = vec![Column::named("name", x.clone())];
    let mut body = Group::block();
    for pattern in noun_phrase_patterns(phrase, &x, 0, vocabulary) {
        body.line(pattern);
    }
    body.line(optional_labelled(&x, cat_node("basedIn"), &based_in));
    columns.push(Column::entity("based in", based_in));
    // One date per row: the earliest (within the time filter, when there is one).
    let date0 = var("date0");
    let mut earlier = vec![
        dates_of(phrase, &x, &date0, vocabulary, "date0"),
        Pattern::Filter(Expr::compare(
            Expr::call_var(Function::Str, &date0),
            Comparison::Less,
            Expr::call_var(Function::Str, &date),
        )),
    ];
    earlier.extend(time_filter(&date0, time));
    let earliest = Pattern::Filter(Expr::NotExists(Group::inline(earlier)));
    if time.is_some() {
        body.line(dates_of(phrase, &x, &date, vocabulary, "date"));
        add_time_filter(&mut body, &date, time);
        body.line(earliest);
    } else {
        let dates = dates_of(phrase, &x, &date, vocabulary, "date");
        // Several sources of dates read best a line each.
        let optional = match dates {
            Pattern::Union(_) => {
                let mut group = Group::block();
                group.line(dates).line(earliest);
                group
            }
            _ => Group::inline(vec![dates, earliest]),
        };
        body.line(Pattern::Optional(optional));
    }
    columns.push(Column::text("date", date));
    body.line(optional_labelled(&x, cat_node("accessLevel"), &access));
    columns.push(Column::entity("access", access));
    if with_sources {
        match phrase.place() {
            // The place may be reached through facts of other passages (a city's
            // country, from the reference layer): each is cited, and says which.
            Some(place) => {
                body.line(place_sources(&place.iri));
                columns.extend([
                    Column::named("fact about", var("fact_s")),
                    Column::named("relation", var("fact_p")),
                    Column::named("object", var("fact_o")),
                ]);
            }
            None => {
                body.line(in_graph(Pattern::triple(&x, rdf_type(), var("type"))));
            }
        }
        body.line(sources());
        columns.extend(source_columns());
    }
    finish(
        columns,
        body,
        vec![OrderKey::var(&x)],
        vec![SortKey::Label(x.clone())],
        None,
    )
}

/// `traffic share of ChatGPT`: the observations of a measure about one entity.
fn attribute(
    measure: &Measure,
    entity: Option<&Entity>,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let (obs, value, start, about) = (var("obs"), var("value"), var("start"), var("about"));
    let columns = vec![
        Column::number("value", value.clone()),
        Column::text("unit", var("unit")),
        Column::text("period", var("period")),
        Column::named("for", about.clone()),
        Column::entity("item", var("item")),
        Column::entity("counterpart", var("counterpart")),
    ];
    let mut body = Group::block();
    if let Some(entity) = entity {
        // A company where its product was meant, and the reverse: `traffic share of OpenAI`
        // answers for ChatGPT, `revenue of ChatGPT` for OpenAI, when nothing is observed of
        // the name itself; the `for` column, and a note under the table, say so.
        let own = || {
            Group::inline(vec![
                Triples::new(var("own"), cat_node("measure"), &measure.iri)
                    .and(cat_node("subject"), &entity.iri)
                    .into(),
            ])
        };
        let itself = Group::inline(vec![Pattern::Bind(
            Term::Iri(entity.iri.clone()).into(),
            about.clone(),
        )]);
        let products = Group::inline(vec![
            Pattern::triple(&entity.iri, cat_node("develops"), &about),
            Pattern::Filter(Expr::NotExists(own())),
        ]);
        let developers = Group::inline(vec![
            Pattern::triple(&about, cat_node("develops"), &entity.iri),
            Pattern::Filter(Expr::NotExists(own())),
        ]);
        body.line(Pattern::Union(vec![itself, products, developers]));
    }
    body.line(
        Triples::new(&obs, rdf_type(), cat_node("Observation"))
            .and(cat_node("measure"), &measure.iri)
            .and(cat_node("subject"), &about)
            .and(cat_node("value"), &value),
    )
    .line(optional(&obs, cat_node("unit"), &var("unit")))
    .line(optional(&obs, cat_node("period"), &var("period")))
    .line(optional(&obs, cat_node("periodStart"), &start))
    .line(optional(&obs, cat_node("periodEnd"), &var("end")))
    .line(optional_labelled(&obs, cat_node("item"), &var("item")))
    .line(optional_labelled(
        &obs,
        cat_node("counterpart"),
        &var("counterpart"),
    ));
    // An observation over a period matches a filter its period overlaps.
    if let Some(filter) = period_filter(&start, Some(&var("end")), time) {
        body.line(filter);
    }
    let mut columns = columns;
    if with_sources {
        body.line(in_graph(Pattern::triple(&obs, cat_node("value"), &value)))
            .line(sources());
        columns.extend(source_columns());
    }
    finish(
        columns,
        body,
        vec![OrderKey::var(&start), OrderKey::var(&value)],
        vec![],
        None,
    )
}

/// `CONCAT(STR(?end), "|", COALESCE(STR(?start), ""), "|", STR(?series))`: the panel of an
/// observation, comparable as text (the latest end sorts last).
fn panel_key(end: &Var, start: &Var, series: &Var) -> Expr {
    Expr::call(
        Function::Concat,
        vec![
            Expr::call_var(Function::Str, end),
            Term::string("|").into(),
            Expr::call(
                Function::Coalesce,
                vec![
                    Expr::call_var(Function::Str, start),
                    Term::string("").into(),
                ],
            ),
            Term::string("|").into(),
            Expr::call_var(Function::Str, series),
        ],
    )
}

/// The panel of the ranking: the greatest [`panel_key`] of the in-series observations of
/// the measure about things of the class (within the time filter).
fn latest_panel(measure: &Measure, class: &Class, time: Option<TimeFilter>) -> Select {
    let (obs, series, subject) = (var("in"), var("series1"), var("subject1"));
    let (end, start) = (var("end1"), var("start1"));
    let mut pattern = Group::block();
    pattern
        .line(
            Triples::new(&obs, cat_node("inSeries"), &series)
                .and(cat_node("measure"), &measure.iri)
                .and(cat_node("subject"), &subject)
                .and(cat_node("periodEnd"), &end)
                .and(rdf_type(), cat_node("Observation")),
        )
        .line(instance_of(&subject, &var("type1"), &class.iri))
        .line(optional(&obs, cat_node("periodStart"), &start));
    add_time_filter(&mut pattern, &start, time);
    Select {
        distinct: false,
        projection: vec![Projection::Expr(
            Expr::Max(Box::new(panel_key(&end, &start, &series))),
            var("panel"),
        )],
        pattern,
        group_by: vec![],
        order_by: vec![],
        limit: None,
    }
}

/// Each subject's latest observation end (within the time filter), found once per subject.
fn latest_per_subject(measure: &Measure, time: Option<TimeFilter>) -> Select {
    let (later, subject, end, start) = (var("later"), var("subject"), var("end2"), var("start2"));
    let mut pattern = Group::block();
    pattern
        .line(
            Triples::new(&later, cat_node("measure"), &measure.iri)
                .and(cat_node("subject"), &subject)
                .and(cat_node("periodEnd"), &end)
                .and(rdf_type(), cat_node("Observation")),
        )
        .line(optional(&later, cat_node("periodStart"), &start));
    add_time_filter(&mut pattern, &start, time);
    Select {
        distinct: false,
        projection: vec![
            Projection::Var(subject.clone()),
            Projection::Expr(
                Expr::Max(Box::new(Expr::call_var(Function::Str, &end))),
                var("latest"),
            ),
        ],
        pattern,
        group_by: vec![subject],
        order_by: vec![],
        limit: None,
    }
}

/// The ranking of [`top`]: the `limit` largest values, one panel or each subject's latest.
fn ranking(limit: u32, class: &Class, measure: &Measure, time: Option<TimeFilter>) -> Select {
    let (obs, subject, value, series) = (var("obs"), var("subject"), var("value"), var("series"));
    let (start, end, panel, latest) = (var("start"), var("end"), var("panel"), var("latest"));
    let bound = |v: &Var| Expr::call_var(Function::Bound, v);
    let in_panel = Expr::call(
        Function::If,
        vec![
            bound(&panel),
            Expr::And(vec![
                bound(&series),
                Expr::compare(
                    panel_key(&end, &start, &series),
                    Comparison::Equal,
                    Expr::var(&panel),
                ),
            ]),
            Expr::Or(vec![
                Expr::negate(bound(&latest)),
                Expr::negate(bound(&end)),
                Expr::compare(
                    Expr::call_var(Function::Str, &end),
                    Comparison::GreaterOrEqual,
                    Expr::var(&latest),
                ),
            ]),
        ],
    );
    let subquery = |select: Select| {
        let mut group = Group::block();
        group.line(Pattern::SubSelect(Box::new(select)));
        Pattern::Optional(group)
    };
    let mut pattern = Group::block();
    pattern
        .line(
            Triples::new(&obs, rdf_type(), cat_node("Observation"))
                .and(cat_node("measure"), &measure.iri)
                .and(cat_node("subject"), &subject)
                .and(cat_node("value"), &value),
        )
        .line(instance_of(&subject, &var("type"), &class.iri))
        .line(optional(&obs, cat_node("unit"), &var("unit")))
        .line(optional(&obs, cat_node("period"), &var("period")))
        .line(optional(&obs, cat_node("periodStart"), &start))
        .line(optional(&obs, cat_node("periodEnd"), &end))
        .line(optional_labelled(&obs, cat_node("inSeries"), &series))
        .line(Pattern::Comment(
            "the panel: the series and period of the latest observation in a series",
        ))
        .line(subquery(latest_panel(measure, class, time)))
        .line(Pattern::Comment(
            "outside series, each subject's latest observation: the latest end, found once per",
        ))
        .line(Pattern::Comment(
            "subject (a NOT EXISTS per row would scan every observation of the measure per row)",
        ))
        .line(subquery(latest_per_subject(measure, time)))
        .line(Pattern::Filter(in_panel));
    add_time_filter(&mut pattern, &start, time);
    let projected = [
        "obs",
        "subject",
        "value",
        "unit",
        "period",
        "series",
        "series_label",
    ];
    let mut select = Select::distinct(&projected.map(var), pattern);
    select.order_by = vec![
        OrderKey::Desc(Expr::var(&value)),
        OrderKey::var(&subject),
        OrderKey::var(&obs),
    ];
    select.limit = Some(limit);
    select
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
    class: &Class,
    measure: &Measure,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let mut columns = vec![
        Column::named(&class.label.to_lowercase(), var("subject")),
        Column::number("value", var("value")),
        Column::text("unit", var("unit")),
        Column::text("period", var("period")),
        Column::entity("series", var("series")),
    ];
    // The ranking, limited to `limit` observations in a subquery, so that the passages of
    // `with sources` add rows to the top N instead of taking their places.
    let mut ranked = Group::block();
    ranked.line(Pattern::SubSelect(Box::new(ranking(
        limit, class, measure, time,
    ))));
    let mut body = Group::block();
    body.line(Pattern::Group(ranked));
    if with_sources {
        body.line(in_graph(Pattern::triple(
            var("obs"),
            cat_node("value"),
            var("value"),
        )))
        .line(sources());
        columns.extend(source_columns());
    }
    finish(
        columns,
        body,
        vec![OrderKey::Desc(Expr::var(&var("value")))],
        vec![],
        None,
    )
}

/// The rows of a statement form, before the query is finished: the caller may add
/// patterns to the WHERE (`releases by companies in China`, `exclusive cloud deals`).
struct StatementRows {
    columns: Vec<Column>,
    body: Group,
    order: Vec<OrderKey>,
    /// The variable of the column of the form's subject role (`?by` for releases).
    subject: Option<Var>,
}

/// The statement node of a row.
fn statement_var() -> Var {
    var("st")
}

/// Rows of the n-ary statements of `form`'s class: its role columns (entities; `subject`
/// and `object` fix the subject and object roles), then its attribute columns (literals),
/// each statement once, by date.
fn statement_rows(
    form: &StatementForm,
    subject: Option<&Entity>,
    object: Option<&Entity>,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> StatementRows {
    let st = statement_var();
    let st_class = var("st_class");
    let mut columns = Vec::new();
    let mut body = Group::block();
    let mut subject_var = None;
    for role in &form.roles {
        let column_var = Var::from_words(&role.header, "role");
        let fixed = if form.subject_role.as_ref() == Some(&role.property) {
            subject_var = Some(column_var.clone());
            subject
        } else if form.object_role.as_ref() == Some(&role.property) {
            object
        } else {
            None
        };
        match fixed {
            // A fixed role is still shown, so every row reads on its own.
            Some(entity) => {
                body.line(Pattern::triple(&st, &role.property, &entity.iri))
                    .line(Pattern::Bind(
                        Term::Iri(entity.iri.clone()).into(),
                        column_var.clone(),
                    ));
                columns.push(Column::named(&role.header, column_var));
            }
            None if role.required => {
                body.line(Pattern::triple(&st, &role.property, &column_var));
                columns.push(Column::named(&role.header, column_var));
            }
            None => {
                body.line(optional_labelled(&st, &role.property, &column_var));
                columns.push(Column::entity(&role.header, column_var));
            }
        }
    }
    // After the roles, so that the path joins on ?st (a subclass counts: an antitrust
    // concern is a concern) instead of starting a product with what comes before.
    body.line(instance_of(&st, &st_class, &form.class));
    let mut date = None;
    for attribute in &form.attributes {
        let column_var = Var::from_words(&attribute.header, "attribute");
        if form.date.as_ref() == Some(&attribute.property) {
            date = Some(column_var.clone());
        }
        body.line(optional(&st, &attribute.property, &column_var));
        columns.push(if attribute.numeric {
            Column::number(&attribute.header, column_var)
        } else {
            Column::text(&attribute.header, column_var)
        });
    }
    if let Some(date) = &date {
        add_time_filter(&mut body, date, time);
    }
    if with_sources {
        body.line(in_graph(Pattern::triple(&st, rdf_type(), &st_class)))
            .line(sources());
        columns.extend(source_columns());
    }
    let order = date.iter().chain([&st]).map(OrderKey::var).collect();
    StatementRows {
        columns,
        body,
        order,
        subject: subject_var,
    }
}

impl StatementRows {
    /// The query, one row per statement.
    fn finish(self) -> Compiled {
        finish(
            self.columns,
            self.body,
            self.order,
            vec![],
            Some(statement_var()),
        )
    }
}

/// The names `cat:questionForm` gives the statement forms of the language.
const INVESTMENTS: &str = "investments";
const RELEASES: &str = "releases";
const CLOUD_DEALS: &str = "cloud deals";
const CONCERNS: &str = "concerns";

/// `investments by Microsoft`, `open-source releases by companies in China`, `exclusive
/// cloud deals`, `concerns raised by FTC`: rows of the statement form the ontology names for
/// the question's form.
fn statement_question(
    plan: &Plan,
    vocabulary: &Vocabulary,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let (name, subject, object) = match plan {
        Plan::Investments {
            investor,
            recipient,
        } => (INVESTMENTS, investor.as_ref(), recipient.as_ref()),
        Plan::Releases { by, .. } => (RELEASES, by.as_ref(), None),
        Plan::CloudDeals { .. } => (CLOUD_DEALS, None, None),
        Plan::Concerns { raised_by, about } => (CONCERNS, raised_by.as_ref(), about.as_ref()),
        _ => return no_statement_form(),
    };
    let Some(form) = vocabulary
        .statement_forms
        .iter()
        .find(|form| form.question_form == name)
    else {
        return no_statement_form();
    };
    let mut rows = statement_rows(form, subject, object, time, with_sources);
    match plan {
        Plan::Releases {
            class_in: Some((class, place)),
            ..
        } => {
            if let Some(by) = rows.subject.clone() {
                let by_type = Var::from_words(&format!("{}_type", by.as_str()), "subject_type");
                rows.body
                    .prepend(vec![Pattern::triple(&by, in_place_path(), &place.iri)])
                    .prepend(vec![instance_of(&by, &by_type, &class.iri)]);
            }
        }
        Plan::CloudDeals {
            exclusive_only: true,
        } => {
            if let Some(exclusivity) = &form.exclusivity {
                rows.body.prepend(vec![Pattern::triple(
                    statement_var(),
                    exclusivity,
                    Term::Boolean(true),
                )]);
            }
        }
        _ => {}
    }
    rows.finish()
}

/// The statement form of a kind of statement (a concern, an antitrust concern, an
/// investment), the nearest up its classes.
fn statement_form_of<'v>(class: &Class, vocabulary: &'v Vocabulary) -> Option<&'v StatementForm> {
    class.ancestors.iter().find_map(|ancestor| {
        vocabulary
            .statement_forms
            .iter()
            .find(|form| form.class == *ancestor)
    })
}

/// `concerns that the FTC raised`, `which antitrust concerns are about Microsoft`: a noun
/// phrase of statements lists them as their form does, a row per statement with its roles
/// and attributes, not as things with a name.
fn statement_list(
    phrase: &NounPhrase,
    form: &StatementForm,
    vocabulary: &Vocabulary,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let mut rows = statement_rows(form, None, None, time, with_sources);
    let phrase = by_subject_role(phrase, form, vocabulary);
    rows.body.prepend(noun_phrase_patterns(
        &phrase,
        &statement_var(),
        0,
        vocabulary,
    ));
    rows.finish()
}

/// `by`/`di` a name, said of statements, is their subject role (`le preoccupazioni della
/// FTC`: raised by the FTC), not who developed them.
fn by_subject_role(
    phrase: &NounPhrase,
    form: &StatementForm,
    vocabulary: &Vocabulary,
) -> NounPhrase {
    let role = form
        .subject_role
        .as_ref()
        .and_then(|role| vocabulary.relations.iter().find(|r| r.iri == *role));
    let mut phrase = phrase.clone();
    let Some(role) = role else {
        return phrase;
    };
    for restriction in &mut phrase.restrictions {
        for link in &mut restriction.any_of {
            if let Link::Developer(target) = link {
                *link = Link::Related {
                    relation: Box::new(role.clone()),
                    direction: Direction::Subjects,
                    target: target.clone(),
                };
            }
        }
    }
    phrase
}

/// A statement question whose form the ontology does not describe: a query with no rows
/// (`catena check` and the vocabulary's tests make sure the shipped ontology has them all).
fn no_statement_form() -> Compiled {
    let mut pattern = Group::block();
    pattern.line(Pattern::Filter(Term::Boolean(false).into()));
    Compiled::new(
        Query::new(Select::distinct(&[statement_var()], pattern)),
        vec![],
        Post::rows(),
    )
}

/// The variable of a statement detail: its local name (amount, currency, date); the
/// ontology's IRIs are ASCII names, so it is a valid one.
fn detail_var(detail: &NamedNode) -> Var {
    let local = detail
        .as_str()
        .rsplit(['#', '/'])
        .next()
        .unwrap_or_default();
    Var::from_words(local, "detail")
}

/// The statement recording a relation's edge, with its details: required when a time
/// filter needs its date, else optional detail.
fn statement_detail(
    link: &StatementLink,
    subject: &Term,
    object: &Term,
    time: Option<TimeFilter>,
    body: &mut Group,
    columns: &mut Vec<Column>,
) {
    let st = statement_var();
    let st_class = var("st_class");
    let mut statement = Group::block();
    // A subclass of the statement class counts (an antitrust concern is a concern).
    statement.line(Pattern::Triples(vec![
        Triples::new(&st, &link.subject_role, subject.clone())
            .and(&link.object_role, object.clone())
            .and(rdf_type(), &st_class),
        Triples::new(&st_class, sub_class_path(), &link.class),
    ]));
    for (detail, detail_label) in &link.details {
        let detail_var = detail_var(detail);
        statement.line(optional_labelled(&st, detail, &detail_var));
        // Details are literals (amounts, dates) or terms with labels (themes, reports).
        columns.push(if detail_var.as_str() == "amount" {
            Column::number(detail_label, detail_var)
        } else {
            Column::entity(detail_label, detail_var)
        });
    }
    match time {
        Some(filter) => {
            let when = var("when");
            let dates = [
                ("date", var("when_date")),
                ("startDate", var("when_start")),
                ("periodStart", var("when_period")),
            ];
            for (property, date) in &dates {
                statement.line(optional(&st, cat_node(property), date));
            }
            statement.line(Pattern::Bind(
                Expr::call(
                    Function::Coalesce,
                    dates.iter().map(|(_, date)| Expr::var(date)).collect(),
                ),
                when.clone(),
            ));
            body.extend(statement);
            add_time_filter(body, &when, Some(filter));
        }
        None => {
            body.line(Pattern::Optional(statement));
        }
    }
}

/// `who R X` / `what does X R`, with the attributes of the statement that records the
/// relation when the ontology links one (an investment for `invested in`).
fn related(
    relation: &Relation,
    entity: &Entity,
    direction: Direction,
    only: Option<&Entity>,
    time: Option<TimeFilter>,
    with_sources: bool,
) -> Compiled {
    let path = property_path(relation);
    let answer = var("answer");
    let x = Term::Iri(entity.iri.clone());
    let (header, subject, object) = match direction {
        Direction::Subjects => ("who", Term::from(&answer), x),
        Direction::Objects => (relation.object_kind.header(), x, Term::from(&answer)),
    };
    let mut columns = vec![Column::named(header, answer.clone())];
    let mut body = Group::block();
    // Both ends named: the answer is the one given.
    if let Some(only) = only {
        body.line(values(answer.clone(), std::slice::from_ref(&only.iri)));
    }
    // Places nest for the things in a place (`based in Europe` finds Mistral AI, based in
    // France); a place asked for is the one stated (Mistral AI is based in France, not in
    // every region around it).
    let nests_by = relation
        .nests_by
        .as_ref()
        .filter(|_| direction == Direction::Subjects);
    match (nests_by, with_sources) {
        (None, false) => {
            body.line(Pattern::triple(subject.clone(), path, object.clone()));
        }
        (None, true) => {
            body.line(in_graph(Pattern::triple(
                subject.clone(),
                path,
                object.clone(),
            )));
        }
        // Places nest: `based in Italy` is based in Italy or in a place inside it.
        (Some(nest), false) => {
            let nested = path.then(Path::from(nest).zero_or_more());
            body.line(Pattern::triple(subject.clone(), nested, object.clone()));
        }
        // The hops may be stated by different passages (Milan's country is background): the
        // row cites the stated edge, and shows the place it names.
        (Some(nest), true) => {
            let via = var("via");
            body.line(in_graph(Pattern::triple(subject.clone(), path, &via)))
                .line(Pattern::triple(
                    &via,
                    Path::from(nest).zero_or_more(),
                    object.clone(),
                ));
            columns.push(Column::named("via", via));
        }
    }
    if let Some(link) = &relation.statement {
        statement_detail(link, &subject, &object, time, &mut body, &mut columns);
    }
    if with_sources {
        if relation.statement.is_some() {
            // A row with a statement cites the passages that state it, not every passage
            // that states the bare edge (the 2019 investment is not note b's).
            let st = statement_var();
            body.line(Pattern::Filter(Expr::Or(vec![
                Expr::negate(Expr::call_var(Function::Bound, &st)),
                Expr::Exists(Group::inline(vec![in_graph(Pattern::triple(
                    &st,
                    rdf_type(),
                    var("st_class"),
                ))])),
            ])));
        }
        body.line(sources());
        columns.extend(source_columns());
    }
    // One row per statement: the investors of a joint commitment share its row.
    let merge_by = relation.statement.as_ref().map(|_| statement_var());
    finish(
        columns,
        body,
        vec![OrderKey::var(&answer)],
        vec![SortKey::Label(answer.clone())],
        merge_by,
    )
}

/// Every fact about an entity, in both directions, with its passage: one row per fact and
/// passage, which the answer lays out as an entity card ([`Post::Card`]). Besides the
/// entity's own edges, the n-ary statements it takes part in read as facts: an observation
/// of it as its measure with value, unit and period; a statement recording a relation
/// (`cat:statementClass`: an investment, a release, a concern, a cloud deal) and a claim
/// (`rdf:subject`, `rdf:predicate`, `rdf:object`) as that relation with its counterpart; any
/// other role (a party, a counterpart, an item) as the role, with the statement.
fn describe(entity: &Entity, vocabulary: &Vocabulary) -> Compiled {
    let (relation, document) = (var("relation"), var("document"));
    let columns = vec![
        Column::entity("relation", relation.clone()),
        Column::text("direction", var("direction")),
        Column::entity("other", var("other")),
        Column::text("value", var("value")),
        Column::text("unit", var("unit")),
        Column::text("period", var("period")),
        Column::entity("item", var("item")),
        Column::entity("status", var("status")),
        Column::entity("statement", described_statement()),
        Column::text("source", var("source")),
        Column::entity("document", document.clone()),
        Column::text("reference", var("reference")),
    ];
    let x = &entity.iri;
    // The relations recorded by statements, with the roles of their two ends.
    let links: Vec<(&NamedNode, &StatementLink)> = vocabulary
        .relations
        .iter()
        .filter_map(|relation| Some((&relation.iri, relation.statement.as_ref()?)))
        .collect();
    let mut body = Group::block();
    body.line(Pattern::Union(vec![
        own_edges(x),
        statement_facts(x, &links),
    ]))
    .line(
        Triples::new(var("g"), cat_node("locator"), var("source"))
            .and(cat_node("inDocument"), &document),
    )
    .line(Pattern::Bind(
        Expr::Exists(Group::inline(vec![Pattern::triple(
            &document,
            rdf_type(),
            cat_node("ReferenceDataset"),
        )])),
        var("reference"),
    ))
    .line(label(&relation))
    .line(label(&document));
    let order = vec![
        OrderKey::var(&relation),
        OrderKey::var(&var("direction")),
        OrderKey::Asc(Expr::call(
            Function::LCase,
            vec![Expr::call_var(Function::Str, &var("other").label())],
        )),
        OrderKey::var(&var("value")),
        OrderKey::var(&var("source")),
    ];
    Compiled {
        post: Post::Card { entity: x.clone() },
        ..finish(columns, body, order, vec![], None)
    }
}

/// The statement node a fact of `describe` comes from.
fn described_statement() -> Var {
    var("statement")
}

/// `describe`'s facts of the entity's own edges, in both directions, to anything but a
/// statement node (those are read as the facts they record, [`statement_facts`]).
fn own_edges(x: &NamedNode) -> Group {
    let (relation, object, direction) = (var("relation"), var("object"), var("direction"));
    let (other, unbound) = (var("other"), var("unbound"));
    let way = |edge: Pattern, arrow: &str| {
        Group::inline(vec![
            in_graph(edge),
            Pattern::Bind(Term::string(arrow).into(), direction.clone()),
        ])
    };
    let object_type = var("object_type");
    let is_literal = Expr::call_var(Function::IsLiteral, &object);
    let other_label = other.label();
    let mut edges = Group::block();
    edges
        .line(Pattern::Union(vec![
            way(Pattern::triple(x, &relation, &object), "→"),
            way(Pattern::triple(&object, &relation, x), "←"),
        ]))
        .line(Pattern::Filter(Expr::NotExists(Group::inline(vec![
            Pattern::Triples(vec![
                Triples::new(&object, rdf_type(), &object_type),
                Triples::new(&object_type, sub_class_path(), cat_node("Statement")),
            ]),
        ]))))
        .line(Pattern::Optional(Group::inline(vec![
            Pattern::triple(&object, rdfs_label(), &other_label),
            Pattern::Filter(Expr::And(vec![
                Expr::call_var(Function::IsIri, &object),
                is_english(&other_label),
            ])),
        ])))
        .line(Pattern::Bind(
            Expr::call(
                Function::If,
                vec![is_literal.clone(), Expr::var(&unbound), Expr::var(&object)],
            ),
            other,
        ))
        .line(Pattern::Bind(
            Expr::call(
                Function::If,
                vec![is_literal, Expr::var(&object), Expr::var(&unbound)],
            ),
            var("value"),
        ));
    edges
}

/// `describe`'s facts of the statements the entity takes part in, each with the
/// statement's details (its value or amount, unit or currency, period or date, item and
/// status).
fn statement_facts(x: &NamedNode, links: &[(&NamedNode, &StatementLink)]) -> Group {
    let (st, relation, direction, other) = (
        described_statement(),
        var("relation"),
        var("direction"),
        var("other"),
    );
    let arrow = |text: &str| Pattern::Bind(Term::string(text).into(), direction.clone());
    let mut observed = Group::block();
    observed
        .line(in_graph(Pattern::triple(&st, cat_node("subject"), x)))
        .line(Pattern::triple(&st, cat_node("measure"), &relation))
        .line(arrow("→"))
        .line(optional_labelled(&st, cat_node("counterpart"), &other));
    let mut members = vec![observed];
    for (recorded, link) in links {
        let side = |role: &NamedNode, counter: &NamedNode, text: &str| {
            Group::inline(vec![
                in_graph(Pattern::triple(&st, role, x)),
                arrow(text),
                optional_labelled(&st, counter, &other),
            ])
        };
        let mut recorded_by = Group::block();
        recorded_by
            .line(Pattern::Union(vec![
                side(&link.subject_role, &link.object_role, "→"),
                side(&link.object_role, &link.subject_role, "←"),
            ]))
            .line(Pattern::Bind(
                Term::Iri((*recorded).clone()).into(),
                relation.clone(),
            ));
        members.push(recorded_by);
    }
    members.push(claim_facts(x));
    members.push(role_facts(x, links));
    let mut facts = Group::block();
    facts.line(Pattern::Union(members));
    statement_details(&mut facts);
    facts
}

/// A claim (`rdf:subject`, `rdf:predicate`, `rdf:object`) the entity is the subject or the
/// object of, as its predicate with the other end.
fn claim_facts(x: &NamedNode) -> Group {
    let (st, other, direction) = (described_statement(), var("other"), var("direction"));
    let rdf = |local: &str| NamedNode::new_unchecked(format!("{RDF}{local}"));
    let side = |role: &str, counter: &str, text: &str| {
        Group::inline(vec![
            in_graph(Pattern::triple(&st, rdf(role), x)),
            Pattern::triple(&st, rdf(counter), &other),
            Pattern::Bind(Term::string(text).into(), direction.clone()),
        ])
    };
    let mut claims = Group::block();
    claims
        .line(Pattern::Union(vec![
            side("subject", "object", "→"),
            side("object", "subject", "←"),
        ]))
        .line(Pattern::triple(&st, rdf("predicate"), var("relation")))
        .line(label(&other));
    claims
}

/// Any other role the entity has in a statement (a party to an agreement, the counterpart
/// of an observation), when it has none of the roles read as a relation: the role, with
/// the statement itself as the other end.
fn role_facts(x: &NamedNode, links: &[(&NamedNode, &StatementLink)]) -> Group {
    let (st, other, taken) = (described_statement(), var("other"), var("taken"));
    let mut roles = vec![
        cat_node("subject"),
        NamedNode::new_unchecked(format!("{RDF}subject")),
        NamedNode::new_unchecked(format!("{RDF}object")),
    ];
    for (_, link) in links {
        for role in [&link.subject_role, &link.object_role] {
            if !roles.contains(role) {
                roles.push(role.clone());
            }
        }
    }
    let mut facts = Group::block();
    facts
        .line(in_graph(Pattern::triple(&st, var("relation"), x)))
        .line(instance_of(&st, &var("st_class"), &cat_node("Statement")))
        .line(Pattern::Filter(Expr::NotExists(Group::inline(vec![
            Pattern::Values(taken.clone(), roles.into_iter().map(Term::Iri).collect()),
            Pattern::triple(&st, &taken, x),
        ]))))
        .line(Pattern::Bind(Expr::var(&st), other.clone()))
        .line(Pattern::Bind(Term::string("←").into(), var("direction")))
        .line(label(&other));
    facts
}

/// The details of the statement `?st` a fact comes from: its value (a measured value, an
/// amount, or the note that stands for one), unit (or currency), period (or date, or start
/// date), item, status and label.
fn statement_details(facts: &mut Group) {
    let st = described_statement();
    let first_of = |group: &mut Group, properties: &[(&str, &'static str)], into: &'static str| {
        for (property, detail) in properties {
            group.line(optional(&st, cat_node(property), &var(detail)));
        }
        group.line(Pattern::Bind(
            Expr::call(
                Function::Coalesce,
                properties.iter().map(|(_, d)| Expr::var(&var(d))).collect(),
            ),
            var(into),
        ));
    };
    first_of(
        facts,
        &[
            ("value", "measured"),
            ("amount", "amount"),
            ("amountNote", "amount_note"),
        ],
        "value",
    );
    first_of(
        facts,
        &[("unit", "measure_unit"), ("currency", "currency")],
        "unit",
    );
    first_of(
        facts,
        &[
            ("period", "stated_period"),
            ("date", "date"),
            ("startDate", "start_date"),
        ],
        "period",
    );
    facts
        .line(optional_labelled(&st, cat_node("item"), &var("item")))
        .line(optional_labelled(
            &st,
            cat_node("epistemicStatus"),
            &var("status"),
        ))
        .line(label(&st));
}

/// `does NVIDIA depend on TSMC`: one row, `yes` or `not stated` (`sì`, `non risulta`),
/// whether the name meets
/// every restriction — the patterns a noun phrase's thing would meet, on the name.
fn check(
    entity: &Entity,
    restrictions: &[crate::noun_phrase::Restriction],
    italian: bool,
    vocabulary: &Vocabulary,
) -> Compiled {
    let (x, answer) = (var("x"), var("answer"));
    let Some(thing) = vocabulary.entity_class() else {
        return no_statement_form();
    };
    // The thing is the name, whatever its kind.
    let mut held = vec![values(x.clone(), std::slice::from_ref(&entity.iri))];
    held.extend(restriction_patterns(restrictions, &x, thing, 0, vocabulary));
    let held = Group::inline(held);
    // The graph holds what the documents state: a fact it lacks is not stated, not false.
    let (yes, no) = if italian {
        ("sì", "non risulta")
    } else {
        ("yes", "not stated")
    };
    let mut body = Group::block();
    body.line(Pattern::Bind(
        Expr::call(
            Function::If,
            vec![
                Expr::Exists(held),
                Term::string(yes).into(),
                Term::string(no).into(),
            ],
        ),
        answer.clone(),
    ));
    finish(
        vec![Column::text("answer", answer)],
        body,
        vec![],
        vec![],
        None,
    )
}

/// `when did Microsoft and OpenAI revise their agreement`: the dates of the statements both
/// names are part of, in any role, with what each date is and of which statement.
fn dates_between(names: &[Entity; 2], properties: &[NamedNode]) -> Compiled {
    let (date, what, st) = (var("date"), var("what"), var("st"));
    let columns = vec![
        Column::text("date", date.clone()),
        Column::named("what", what.clone()),
        Column::entity("of", st.clone()),
    ];
    let mut body = Group::block();
    let [first, second] = names;
    body.line(Pattern::triple(&st, var("role1"), &first.iri))
        .line(Pattern::triple(&st, var("role2"), &second.iri))
        .line(instance_of(&st, &var("st_class"), &cat_node("Statement")));
    if !properties.is_empty() {
        body.line(values(what.clone(), properties));
    }
    body.line(Pattern::triple(&st, &what, &date))
        .line(Pattern::Filter(is_date(&date)))
        .line(label(&st));
    let order = vec![OrderKey::var(&date), OrderKey::var(&what)];
    finish(columns, body, order, vec![], None)
}

/// Whether `?var` is a date, a year-month, a year or a date-time.
fn is_date(date: &Var) -> Expr {
    let datatype = |local: &str| {
        Expr::compare(
            Expr::call_var(Function::Datatype, date),
            Comparison::Equal,
            Expr::Term(Term::Iri(NamedNode::new_unchecked(format!(
                "{}{local}",
                crate::vocab::XSD
            )))),
        )
    };
    Expr::Or(vec![
        datatype("date"),
        datatype("gYearMonth"),
        datatype("gYear"),
        datatype("dateTime"),
    ])
}

/// `when was Stargate announced`: every date-valued fact about a name, the date first and
/// the property that gives it (`date`, `founded on`, `start date`).
fn dates(entity: &Entity) -> Compiled {
    let (date, what) = (var("date"), var("what"));
    let columns = vec![
        Column::text("date", date.clone()),
        Column::named("what", what.clone()),
    ];
    let mut body = Group::block();
    body.line(Pattern::triple(&entity.iri, &what, &date))
        .line(Pattern::Filter(is_date(&date)));
    let order = vec![OrderKey::var(&date), OrderKey::var(&what)];
    finish(columns, body, order, vec![], None)
}

/// The pattern that puts `?x` in its group of `count … by …`.
fn grouping_pattern(grouping: &Grouping, x: &Var, group: &Var) -> Vec<Pattern> {
    let path = property_path(&grouping.relation);
    let group_type = var("group_type");
    match (&grouping.class, grouping.by_subject) {
        (None, true) => vec![Pattern::triple(group, path, x)],
        (None, false) => vec![Pattern::triple(x, path, group)],
        (Some(group_class), true) => vec![
            Pattern::triple(group, path, x),
            instance_of(group, &group_type, group_class),
        ],
        // Grouped by the instance of the class the value is or nests in: a company
        // based in Milan counts under Italy, and a value of another class (a region,
        // such as Europe) is no group. Things known only by such values are left out,
        // with no "(no country)" row: as things with no value at all always were, a
        // count by country counts only what has a country.
        // The groups of the relation's distinct values are found once, not per thing.
        (Some(group_class), false) => {
            let value = var("value");
            let distinct_values = Select::distinct(
                std::slice::from_ref(&value),
                Group::inline(vec![Pattern::triple(var("any"), path.clone(), &value)]),
            );
            let mut groups = Group::block();
            groups
                .line(Pattern::Group(Group::inline(vec![Pattern::SubSelect(
                    Box::new(distinct_values),
                )])))
                // The values nest as the ontology says the relation's objects do.
                .line(match &grouping.relation.nests_by {
                    Some(nest) => Pattern::triple(&value, Path::from(nest).zero_or_more(), group),
                    None => Pattern::Bind(Expr::var(&value), group.clone()),
                })
                .line(instance_of(group, &group_type, group_class));
            let mut wrapper = Group::block();
            wrapper.line(Pattern::SubSelect(Box::new(Select::distinct(
                &[value.clone(), group.clone()],
                groups,
            ))));
            vec![Pattern::triple(x, path, &value), Pattern::Group(wrapper)]
        }
    }
}

/// `count models by developer`, `how many models did Meta release in 2023`: a time filter
/// counts the things dated within it (a model by its creation, a statement by its date).
fn count(
    phrase: &NounPhrase,
    grouping: Option<&Grouping>,
    vocabulary: &Vocabulary,
    time: Option<TimeFilter>,
) -> Compiled {
    let (x, count, group) = (var("x"), var("count"), var("group"));
    let mut pattern = Group::block();
    for line in noun_phrase_patterns(phrase, &x, 0, vocabulary) {
        pattern.line(line);
    }
    if time.is_some() {
        let date = var("date");
        pattern.line(dates_of(phrase, &x, &date, vocabulary, "date"));
        add_time_filter(&mut pattern, &date, time);
    }
    let counted = Projection::Expr(
        Expr::Count {
            distinct: true,
            expr: Box::new(Expr::var(&x)),
        },
        count.clone(),
    );
    let Some(grouping) = grouping else {
        let select = Select {
            distinct: false,
            projection: vec![counted],
            pattern,
            group_by: vec![],
            order_by: vec![],
            limit: None,
        };
        return Compiled::new(
            Query::new(select),
            vec![Column::number("count", count)],
            Post::rows(),
        );
    };
    for line in grouping_pattern(grouping, &x, &group) {
        pattern.line(line);
    }
    let select = Select {
        distinct: false,
        projection: vec![Projection::Var(group.clone()), counted],
        pattern,
        group_by: vec![group.clone()],
        order_by: vec![OrderKey::Desc(Expr::var(&count)), OrderKey::var(&group)],
        limit: None,
    };
    Compiled::new(
        Query::new(select),
        vec![
            Column::named(&grouping.label, group.clone()),
            Column::number("count", count.clone()),
        ],
        Post::Rows {
            sort: vec![SortKey::NumberDescending(count), SortKey::Label(group)],
            merge_by: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::StatementColumn;

    fn node(local: &str) -> NamedNode {
        cat_node(local)
    }

    fn column(local: &str, header: &str, required: bool, numeric: bool) -> StatementColumn {
        StatementColumn {
            property: node(local),
            header: header.to_owned(),
            required,
            numeric,
        }
    }

    /// A statement form the shipped ontology does not have: the query follows the form.
    fn grant_form() -> StatementForm {
        StatementForm {
            class: node("Grant"),
            question_form: "grants".to_owned(),
            subject_role: Some(node("grantor")),
            object_role: Some(node("grantee")),
            roles: vec![
                column("grantor", "given by", true, false),
                column("grantee", "to", false, false),
            ],
            attributes: vec![
                column("sum", "sum", false, true),
                column("awarded", "awarded", false, false),
            ],
            date: Some(node("awarded")),
            exclusivity: None,
        }
    }

    fn entity(local: &str) -> Entity {
        Entity {
            iri: NamedNode::new_unchecked(format!("{}{local}", crate::vocab::ENT)),
            label: local.to_owned(),
            label_is_english: true,
            names: vec![local.to_owned()],
            demonyms: vec![],
        }
    }

    fn relation(local: &str, inverse: bool, sub_properties: &[&str]) -> Relation {
        Relation {
            iri: node(local),
            label: local.to_owned(),
            phrases: vec![],
            inverse_phrases: vec![],
            with_sub_properties: sub_properties.iter().map(|p| node(p)).collect(),
            symmetric: false,
            inverse,
            statement: None,
            dated_by: vec![],
            group_phrases: vec![],
            inverse_group_phrases: vec![],
            nests_by: None,
            subject_nests_by: None,
            plural_phrases: vec![],
            participles: vec![],
            passives: vec![],
            subject_nouns: vec![],
            object_nouns: vec![],
            domain: vec![],
            range: vec![],
            object_kind: crate::vocabulary::AnswerKind::Thing,
        }
    }

    #[test]
    fn an_inverse_relation_walks_the_other_backwards() {
        // `cat:raises owl:inverseOf cat:raisedBy`: its facts are raisedBy's, read backwards.
        let raises = relation("raises", true, &["raisedBy"]);
        assert_eq!(property_path(&raises).to_string(), "(^cat:raisedBy)");
        let raised_by = relation("raisedBy", false, &["raisedBy", "raisedFirstBy"]);
        assert_eq!(
            property_path(&raised_by).to_string(),
            "(cat:raisedBy|cat:raisedFirstBy)"
        );
    }

    #[test]
    fn statement_rows_follow_the_form() {
        let rows = statement_rows(
            &grant_form(),
            Some(&entity("Fund")),
            None,
            Some(TimeFilter::since(crate::ast::Moment::year(2020))),
            false,
        );
        assert_eq!(rows.subject.as_ref().map(Var::as_str), Some("given_by"));
        let compiled = rows.finish();
        let where_and_order = compiled
            .sparql
            .split_once("SELECT")
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        assert_eq!(
            where_and_order,
            " DISTINCT ?given_by ?to ?to_label ?sum ?awarded ?st WHERE {\n\
             \x20 ?st cat:grantor ent:Fund .\n\
             \x20 BIND (ent:Fund AS ?given_by)\n\
             \x20 OPTIONAL { ?st cat:grantee ?to . OPTIONAL { ?to rdfs:label ?to_label FILTER (LANGMATCHES(LANG(?to_label), \"en\")) } }\n\
             \x20 ?st a ?st_class . ?st_class rdfs:subClassOf* cat:Grant .\n\
             \x20 OPTIONAL { ?st cat:sum ?sum }\n\
             \x20 OPTIONAL { ?st cat:awarded ?awarded }\n\
             \x20 FILTER (CONCAT(STR(?awarded), \"~\") >= \"2020\")\n\
             }\n\
             ORDER BY ?awarded ?st ?given_by ?to ?to_label ?sum\n"
        );
        let kinds: Vec<&Kind> = compiled.columns.iter().map(|c| &c.kind).collect();
        assert_eq!(
            kinds,
            [&Kind::Entity, &Kind::Entity, &Kind::Number, &Kind::Text]
        );
        assert_eq!(
            compiled.columns[1].label.as_ref().map(Var::as_str),
            Some("to_label")
        );
        assert_eq!(compiled.columns[2].label, None);
    }

    #[test]
    fn a_statement_form_the_ontology_lacks_has_no_rows() {
        let resolved = Resolved {
            explain: false,
            plan: Plan::CloudDeals {
                exclusive_only: true,
            },
            time: None,
            with_sources: false,
            first: None,
        };
        let compiled = compile(&resolved, &Vocabulary::default());
        assert!(compiled.columns.is_empty());
        assert!(compiled.sparql.ends_with("WHERE {\n  FILTER (false)\n}\n"));
    }

    #[test]
    fn order_keys_skip_the_variables_they_mention() {
        let (x, other) = (var("x"), var("other"));
        let mut pattern = Group::block();
        pattern.line(Pattern::triple(&x, node("p"), &other));
        let compiled = finish(
            vec![
                Column::text("x", x.clone()),
                Column::entity("other", other.clone()),
            ],
            pattern,
            vec![OrderKey::Asc(Expr::call(
                Function::LCase,
                vec![Expr::call_var(Function::Str, &other.label())],
            ))],
            vec![],
            None,
        );
        assert!(
            compiled
                .sparql
                .ends_with("}\nORDER BY LCASE(STR(?other_label)) ?x ?other\n"),
            "{}",
            compiled.sparql
        );
    }
}
