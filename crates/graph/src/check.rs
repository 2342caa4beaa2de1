//! Validation of the data against the ontology (`catena check`): declared terms,
//! domains and ranges, a cited passage for every fact, labels, and unique names.
//!
//! It works on parsed sources rather than on the store, so that every violation can name
//! the file it is in.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::graph::{ParsedSource, SourceKind};
use crate::vocab::{self, OWL, RDF, RDFS, XSD};

/// One thing wrong with the data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The file that holds the offending triple (or first mentions the subject).
    pub file: String,
    /// The offending subject, abbreviated (`ent:NVIDIA`).
    pub subject: String,
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.subject, self.message)
    }
}

/// What was checked, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckSummary {
    pub facts: usize,
    pub subjects: usize,
    pub passages: usize,
}

/// The ontology, indexed for the checks.
struct Ontology {
    classes: HashSet<Term>,
    properties: HashSet<Term>,
    super_classes: HashMap<Term, Vec<Term>>,
    super_properties: HashMap<Term, Vec<Term>>,
    domains: HashMap<Term, Vec<Term>>,
    ranges: HashMap<Term, Vec<Term>>,
    /// Members of `owl:unionOf` lists, by the blank node (or IRI) that holds the list.
    unions: HashMap<Term, Vec<Term>>,
    datatypes: HashSet<Term>,
}

fn iri(value: &str) -> Term {
    Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(value))
}

fn subject_term(subject: &NamedOrBlankNode) -> Term {
    match subject {
        NamedOrBlankNode::NamedNode(node) => Term::NamedNode(node.clone()),
        NamedOrBlankNode::BlankNode(node) => Term::BlankNode(node.clone()),
    }
}

fn show(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => vocab::compact(node.as_str()),
        Term::Literal(literal) => {
            // `"2015"^^xsd:gYear` rather than the datatype's full IRI.
            let written = literal.to_string();
            let datatype = literal.datatype().as_str();
            match written.strip_suffix(&format!("^^<{datatype}>")) {
                Some(value) => format!("{value}^^{}", vocab::compact(datatype)),
                None => written,
            }
        }
        other => other.to_string(),
    }
}

/// The OWL classes whose instances are properties.
const OWL_PROPERTY_TYPES: [&str; 6] = [
    "ObjectProperty",
    "DatatypeProperty",
    "AnnotationProperty",
    "SymmetricProperty",
    "TransitiveProperty",
    "FunctionalProperty",
];

/// The members of an RDF list, from its first cell (cycles and broken lists end it).
fn list_members(
    mut cell: Term,
    first: &HashMap<Term, Term>,
    rest: &HashMap<Term, Term>,
) -> Vec<Term> {
    let nil = iri(&format!("{RDF}nil"));
    let mut members = Vec::new();
    let mut seen = HashSet::new();
    while cell != nil && seen.insert(cell.clone()) {
        if let Some(member) = first.get(&cell) {
            members.push(member.clone());
        }
        match rest.get(&cell) {
            Some(next) => cell = next.clone(),
            None => break,
        }
    }
    members
}

impl Ontology {
    fn new(quads: &[&Quad]) -> Self {
        let rdf_type = iri(&format!("{RDF}type"));
        let class_types: HashSet<Term> = [format!("{OWL}Class"), format!("{RDFS}Class")]
            .iter()
            .map(|t| iri(t))
            .collect();
        let property_types: HashSet<Term> = OWL_PROPERTY_TYPES
            .iter()
            .map(|t| iri(&format!("{OWL}{t}")))
            .chain([iri(&format!("{RDF}Property"))])
            .collect();
        let sub_class_of = iri(&format!("{RDFS}subClassOf"));
        let sub_property_of = iri(&format!("{RDFS}subPropertyOf"));
        let domain = iri(&format!("{RDFS}domain"));
        let range = iri(&format!("{RDFS}range"));
        let union_of = iri(&format!("{OWL}unionOf"));
        let datatype = iri(&format!("{RDFS}Datatype"));

        let mut ontology = Ontology {
            classes: HashSet::new(),
            properties: HashSet::new(),
            super_classes: HashMap::new(),
            super_properties: HashMap::new(),
            domains: HashMap::new(),
            ranges: HashMap::new(),
            unions: HashMap::new(),
            datatypes: HashSet::new(),
        };
        let mut list_first: HashMap<Term, Term> = HashMap::new();
        let mut list_rest: HashMap<Term, Term> = HashMap::new();
        let mut union_heads: Vec<(Term, Term)> = Vec::new();
        for quad in quads {
            let subject = subject_term(&quad.subject);
            let predicate = Term::NamedNode(quad.predicate.clone());
            let object = quad.object.clone();
            if predicate == rdf_type && class_types.contains(&object) {
                ontology.classes.insert(subject);
            } else if predicate == rdf_type && property_types.contains(&object) {
                ontology.properties.insert(subject);
            } else if predicate == rdf_type && object == datatype {
                ontology.datatypes.insert(subject);
            } else if predicate == sub_class_of {
                // A superclass named only in an alignment (schema:Organization) is a class too.
                ontology.classes.insert(object.clone());
                ontology
                    .super_classes
                    .entry(subject)
                    .or_default()
                    .push(object);
            } else if predicate == sub_property_of {
                ontology
                    .super_properties
                    .entry(subject)
                    .or_default()
                    .push(object);
            } else if predicate == domain {
                ontology.domains.entry(subject).or_default().push(object);
            } else if predicate == range {
                ontology.ranges.entry(subject).or_default().push(object);
            } else if predicate == union_of {
                union_heads.push((subject, object));
            } else if quad.predicate.as_str() == format!("{RDF}first") {
                list_first.insert(subject, object);
            } else if quad.predicate.as_str() == format!("{RDF}rest") {
                list_rest.insert(subject, object);
            }
        }
        for (holder, head) in union_heads {
            let members = list_members(head, &list_first, &list_rest);
            ontology.unions.insert(holder, members);
        }
        ontology
    }

    /// `term` and every class above it.
    fn ancestors(&self, class: &Term, into: &mut HashSet<Term>) {
        if into.insert(class.clone()) {
            for parent in self.super_classes.get(class).into_iter().flatten() {
                self.ancestors(parent, into);
            }
        }
    }

    /// Domains (or ranges) of a property and of every property above it.
    fn inherited(&self, property: &Term, table: &HashMap<Term, Vec<Term>>) -> Vec<Term> {
        let mut result = Vec::new();
        let mut stack = vec![property.clone()];
        let mut seen = HashSet::new();
        while let Some(p) = stack.pop() {
            if !seen.insert(p.clone()) {
                continue;
            }
            result.extend(table.get(&p).into_iter().flatten().cloned());
            stack.extend(self.super_properties.get(&p).into_iter().flatten().cloned());
        }
        result
    }

    fn is_datatype(&self, term: &Term) -> bool {
        match term {
            Term::NamedNode(node) => {
                node.as_str().starts_with(XSD)
                    || node.as_str() == format!("{RDFS}Literal")
                    || node.as_str() == format!("{RDF}langString")
                    || self.datatypes.contains(term)
            }
            _ => {
                self.datatypes.contains(term)
                    || self
                        .unions
                        .get(term)
                        .is_some_and(|members| members.iter().all(|m| self.is_datatype(m)))
            }
        }
    }
}

/// Whether an instance with `types` (closed upwards) belongs to `class`, unions included.
fn satisfies(ontology: &Ontology, types: &HashSet<Term>, class: &Term) -> bool {
    if let Term::NamedNode(node) = class
        && (node.as_str() == format!("{RDFS}Resource") || node.as_str() == format!("{OWL}Thing"))
    {
        return true;
    }
    match ontology.unions.get(class) {
        Some(members) => members.iter().any(|m| satisfies(ontology, types, m)),
        None => types.contains(class),
    }
}

/// Whether a literal fits a datatype range: derived numeric types fit `xsd:decimal`,
/// language-tagged strings fit `xsd:string`, and the lexical form must be valid.
fn literal_fits(ontology: &Ontology, literal: &Literal, range: &Term) -> bool {
    if let Some(members) = ontology.unions.get(range) {
        return members.iter().any(|m| literal_fits(ontology, literal, m));
    }
    let Term::NamedNode(range) = range else {
        return false;
    };
    let range = range.as_str();
    if range == format!("{RDFS}Literal") {
        return true;
    }
    let datatype = literal.datatype().as_str();
    let integer_types = [
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "long",
        "int",
    ];

    datatype == range
        || (range == format!("{XSD}decimal")
            && integer_types
                .iter()
                .any(|t| datatype == format!("{XSD}{t}")))
        || (range == format!("{XSD}string") && datatype == format!("{RDF}langString"))
}

/// Whether a literal's lexical form is valid for its (common) datatype.
fn lexical_form_is_valid(literal: &Literal) -> bool {
    let Some(local) = literal.datatype().as_str().strip_prefix(XSD) else {
        return true;
    };
    let value = literal.value();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year = |s: &str| s.len() >= 4 && digits(s.trim_start_matches('-'));
    let month =
        |s: &str| s.len() == 2 && digits(s) && (1..=12).contains(&s.parse::<u8>().unwrap_or(0));
    let day =
        |s: &str| s.len() == 2 && digits(s) && (1..=31).contains(&s.parse::<u8>().unwrap_or(0));
    match local {
        "integer" | "long" | "int" | "nonNegativeInteger" | "positiveInteger" => {
            digits(value.trim_start_matches(['-', '+']))
        }
        "decimal" => {
            let unsigned = value.trim_start_matches(['-', '+']);
            let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
            (digits(whole) || whole.is_empty())
                && (fraction.is_empty() || digits(fraction))
                && !(whole.is_empty() && fraction.is_empty())
        }
        "boolean" => matches!(value, "true" | "false" | "1" | "0"),
        "gYear" => year(value),
        "gYearMonth" => value
            .rsplit_once('-')
            .is_some_and(|(y, m)| year(y) && month(m)),
        "date" => {
            let parts: Vec<&str> = value.rsplitn(3, '-').collect();
            parts.len() == 3 && day(parts[0]) && month(parts[1]) && year(parts[2])
        }
        _ => true,
    }
}

/// Runs every check; an empty list means the data is valid.
pub fn check(sources: &[ParsedSource]) -> (Vec<Violation>, CheckSummary) {
    let index = Index::new(sources);
    let mut found = Found::default();
    let passages = check_provenance(&index, &mut found);
    check_declared_terms(&index, &mut found);
    check_literals(&index, &mut found);
    check_domains_and_ranges(&index, &mut found);
    check_types_and_labels(&index, &mut found);
    check_unique_labels(&index, &mut found);
    check_label_tags(&index, &mut found);
    check_italian_labels(&index, &mut found);
    check_observation_periods(&index, &mut found);
    check_reference_agreement(&index, &mut found);
    let summary = CheckSummary {
        facts: index.data.len(),
        subjects: index.named.len(),
        passages,
    };
    (found.0.into_iter().collect(), summary)
}

/// The violations found so far, sorted and without duplicates.
#[derive(Default)]
struct Found(BTreeSet<Violation>);

impl Found {
    fn add(&mut self, file: &str, subject: &Term, message: impl Into<String>) {
        self.0.insert(Violation {
            file: file.to_owned(),
            subject: show(subject),
            message: message.into(),
        });
    }
}

/// The ontology and the data, indexed once for every rule.
struct Index<'a> {
    ontology: Ontology,
    /// Every data quad, with the file it is in.
    data: Vec<(&'a str, &'a Quad)>,
    /// Stated types of every node, from the ontology (individuals) and the data.
    types: HashMap<Term, HashSet<Term>>,
    /// Where each subject is first described, for violations about a subject as a whole.
    first_file: HashMap<Term, &'a str>,
    /// `rdfs:label`s of every node, from the ontology and the data, without repeats.
    labels: HashMap<Term, Vec<Literal>>,
    catalogue: GraphName,
    /// Facts of the catalogue graph: subject → predicate IRI → objects.
    catalogue_facts: HashMap<Term, HashMap<String, Vec<Term>>>,
    /// Every named subject, and every entity, statement or source it points to, with the
    /// file that first describes it.
    named: BTreeMap<String, (Term, &'a str)>,
}

impl<'a> Index<'a> {
    fn new(sources: &'a [ParsedSource]) -> Self {
        let of_kind = |kind: SourceKind| {
            sources
                .iter()
                .filter(move |s| s.kind == kind)
                .flat_map(|s| s.quads.iter().map(move |q| (s.name.as_str(), q)))
        };
        let ontology_quads: Vec<&Quad> = of_kind(SourceKind::Ontology).map(|(_, q)| q).collect();
        let data: Vec<(&str, &Quad)> = of_kind(SourceKind::Data).collect();
        let catalogue = GraphName::NamedNode(NamedNode::new_unchecked(vocab::CATALOGUE_GRAPH));
        let rdf_type = format!("{RDF}type");
        let label = format!("{RDFS}label");

        let mut types: HashMap<Term, HashSet<Term>> = HashMap::new();
        let mut labels: HashMap<Term, Vec<Literal>> = HashMap::new();
        for quad in ontology_quads
            .iter()
            .copied()
            .chain(data.iter().map(|(_, q)| *q))
        {
            let subject = subject_term(&quad.subject);
            if quad.predicate.as_str() == rdf_type {
                types
                    .entry(subject)
                    .or_default()
                    .insert(quad.object.clone());
            } else if quad.predicate.as_str() == label
                && let Term::Literal(literal) = &quad.object
            {
                // The same label stated in two passages is one label.
                let known = labels.entry(subject).or_default();
                if !known.contains(literal) {
                    known.push(literal.clone());
                }
            }
        }
        let mut first_file: HashMap<Term, &str> = HashMap::new();
        let mut catalogue_facts: HashMap<Term, HashMap<String, Vec<Term>>> = HashMap::new();
        for (file, quad) in &data {
            let subject = subject_term(&quad.subject);
            first_file.entry(subject.clone()).or_insert(file);
            if quad.graph_name == catalogue {
                catalogue_facts
                    .entry(subject)
                    .or_default()
                    .entry(quad.predicate.as_str().to_owned())
                    .or_default()
                    .push(quad.object.clone());
            }
        }
        let named = named_nodes(&data, &first_file);
        Index {
            ontology: Ontology::new(&ontology_quads),
            data,
            types,
            first_file,
            labels,
            catalogue,
            catalogue_facts,
            named,
        }
    }

    /// The stated types of `node` and every class above them.
    fn closed_types(&self, node: &Term) -> HashSet<Term> {
        let mut closed = HashSet::new();
        for class in self.types.get(node).into_iter().flatten() {
            self.ontology.ancestors(class, &mut closed);
        }
        closed
    }

    /// Whether the catalogue types `node` as `class` or a subclass of it.
    fn catalogued_as(&self, node: &Term, class: &Term) -> bool {
        let stated = self
            .catalogue_facts
            .get(node)
            .and_then(|facts| facts.get(&format!("{RDF}type")));
        let mut closed = HashSet::new();
        for stated in stated.into_iter().flatten() {
            self.ontology.ancestors(stated, &mut closed);
        }
        closed.contains(class)
    }

    /// Whether rules past the vocabulary check apply to facts with this predicate: it is
    /// declared (or built in) and it is not `rdf:type`.
    fn checks_values_of(&self, predicate: &NamedNode) -> bool {
        let builtin = predicate.as_str().starts_with(RDF) || predicate.as_str().starts_with(RDFS);
        (builtin
            || self
                .ontology
                .properties
                .contains(&Term::NamedNode(predicate.clone())))
            && predicate.as_str() != format!("{RDF}type")
    }
}

/// Named subjects, and the entities, statements and sources that facts point to.
fn named_nodes<'a>(
    data: &[(&'a str, &Quad)],
    first_file: &HashMap<Term, &'a str>,
) -> BTreeMap<String, (Term, &'a str)> {
    let mut named: BTreeMap<String, (Term, &str)> = BTreeMap::new();
    for (file, quad) in data {
        let subject = subject_term(&quad.subject);
        if matches!(subject, Term::NamedNode(_)) {
            named.entry(subject.to_string()).or_insert((subject, file));
        }
        if let Term::NamedNode(node) = &quad.object
            && [vocab::ENT, vocab::STMT, vocab::SRC]
                .iter()
                .any(|ns| node.as_str().starts_with(ns))
        {
            named.entry(quad.object.to_string()).or_insert((
                quad.object.clone(),
                first_file.get(&quad.object).copied().unwrap_or(file),
            ));
        }
    }
    named
}

/// Provenance: every fact sits in the named graph of a declared passage, and the catalogue
/// describes only passages and documents. Returns the number of passages checked.
fn check_provenance(index: &Index, found: &mut Found) -> usize {
    let passage = iri(&vocab::cat("Passage"));
    let document = iri(&vocab::cat("SourceDocument"));
    let mut passages_checked: HashSet<Term> = HashSet::new();
    let mut graph_reported: HashSet<(&str, Term)> = HashSet::new();
    for (file, quad) in &index.data {
        let subject = subject_term(&quad.subject);
        match &quad.graph_name {
            GraphName::DefaultGraph => found.add(
                file,
                &subject,
                format!(
                    "fact `{} {}` has no source: put it in the named graph of the passage that states it",
                    vocab::compact(quad.predicate.as_str()),
                    show(&quad.object)
                ),
            ),
            graph if *graph == index.catalogue => {
                if !index.catalogued_as(&subject, &passage)
                    && !index.catalogued_as(&subject, &document)
                {
                    found.add(
                        file,
                        &subject,
                        "the catalogue graph may only describe cat:Passage and cat:SourceDocument nodes",
                    );
                }
            }
            GraphName::NamedNode(node) => {
                let graph = Term::NamedNode(node.clone());
                passages_checked.insert(graph.clone());
                if graph_reported.insert((file, graph.clone())) {
                    check_passage(index, file, &graph, found);
                }
            }
            GraphName::BlankNode(_) => found.add(
                file,
                &subject,
                "fact is in a blank-node graph: passages must be IRIs",
            ),
        }
    }
    passages_checked.len()
}

/// A graph that holds facts is a catalogued passage, of a document, with a locator.
fn check_passage(index: &Index, file: &str, graph: &Term, found: &mut Found) {
    let passage = iri(&vocab::cat("Passage"));
    let document = iri(&vocab::cat("SourceDocument"));
    let facts = index.catalogue_facts.get(graph);
    let documents = facts.and_then(|f| f.get(&vocab::cat("inDocument")));
    if !index.catalogued_as(graph, &passage) {
        found.add(
            file,
            graph,
            "graph is not a declared passage: describe it in src:catalogue as a cat:Passage with cat:inDocument and cat:locator",
        );
    } else if !documents.is_some_and(|d| d.iter().any(|d| index.catalogued_as(d, &document))) {
        found.add(
            file,
            graph,
            "passage has no cat:inDocument pointing to a cat:SourceDocument",
        );
    } else if facts
        .and_then(|f| f.get(&vocab::cat("locator")))
        .is_none_or(|l| l.is_empty())
    {
        found.add(file, graph, "passage has no cat:locator");
    }
}

/// Vocabulary: predicates and classes must be declared in the ontology.
fn check_declared_terms(index: &Index, found: &mut Found) {
    let rdf_type = format!("{RDF}type");
    for (file, quad) in &index.data {
        let subject = subject_term(&quad.subject);
        let predicate = Term::NamedNode(quad.predicate.clone());
        let builtin =
            quad.predicate.as_str().starts_with(RDF) || quad.predicate.as_str().starts_with(RDFS);
        if !builtin && !index.ontology.properties.contains(&predicate) {
            found.add(
                file,
                &subject,
                format!(
                    "property {} is not declared in the ontology",
                    show(&predicate)
                ),
            );
        } else if quad.predicate.as_str() == rdf_type
            && !index.ontology.classes.contains(&quad.object)
        {
            found.add(
                file,
                &subject,
                format!(
                    "class {} is not declared in the ontology",
                    show(&quad.object)
                ),
            );
        }
    }
}

/// Literals have a valid lexical form for their datatype.
fn check_literals(index: &Index, found: &mut Found) {
    for (file, quad) in &index.data {
        if let Term::Literal(literal) = &quad.object
            && index.checks_values_of(&quad.predicate)
            && !lexical_form_is_valid(literal)
        {
            found.add(
                file,
                &subject_term(&quad.subject),
                format!(
                    "{}: {} is not a valid value of its datatype",
                    vocab::compact(quad.predicate.as_str()),
                    literal
                ),
            );
        }
    }
}

/// Domain and range, inherited from super-properties.
fn check_domains_and_ranges(index: &Index, found: &mut Found) {
    let ontology = &index.ontology;
    for (file, quad) in index
        .data
        .iter()
        .filter(|(_, q)| index.checks_values_of(&q.predicate))
    {
        let subject = subject_term(&quad.subject);
        let predicate = Term::NamedNode(quad.predicate.clone());
        let subject_types = index.closed_types(&subject);
        for domain in ontology.inherited(&predicate, &ontology.domains) {
            if !satisfies(ontology, &subject_types, &domain) {
                found.add(
                    file,
                    &subject,
                    format!(
                        "{} expects a subject of class {}, but the subject's classes are {}",
                        show(&predicate),
                        show_class(ontology, &domain),
                        show_types(index.types.get(&subject))
                    ),
                );
            }
        }
        for range in ontology.inherited(&predicate, &ontology.ranges) {
            let fits = match &quad.object {
                Term::Literal(literal) => {
                    ontology.is_datatype(&range) && literal_fits(ontology, literal, &range)
                }
                object => {
                    !ontology.is_datatype(&range)
                        && satisfies(ontology, &index.closed_types(object), &range)
                }
            };
            if !fits {
                let found_value = match &quad.object {
                    Term::Literal(literal) => format!("the literal {literal}"),
                    object => format!(
                        "{} of class {}",
                        show(object),
                        show_types(index.types.get(object))
                    ),
                };
                found.add(
                    file,
                    &subject,
                    format!(
                        "{} expects a value of {}, found {found_value}",
                        show(&predicate),
                        show_class(ontology, &range),
                    ),
                );
            }
        }
    }
}

/// Every subject, and every entity or statement it points to, has a type and a label, and
/// at most one label per language.
fn check_types_and_labels(index: &Index, found: &mut Found) {
    for (node, file) in index.named.values() {
        if !index.types.contains_key(node) {
            found.add(file, node, "has no rdf:type");
        }
        let node_labels = index
            .labels
            .get(node)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if node_labels.is_empty() {
            found.add(file, node, "has no rdfs:label");
        }
        let mut languages = HashSet::new();
        for literal in node_labels {
            let language = literal.language().unwrap_or("");
            if !languages.insert(language) {
                let same: Vec<String> = node_labels
                    .iter()
                    .filter(|l| l.language().unwrap_or("") == language)
                    .map(|l| format!("\"{}\"", l.value()))
                    .collect();
                found.add(
                    file,
                    node,
                    format!(
                        "has more than one rdfs:label in language \"{language}\": {}",
                        same.join(", ")
                    ),
                );
            }
        }
    }
}

/// No two named nodes share a label, compared case-insensitively.
fn check_unique_labels(index: &Index, found: &mut Found) {
    let mut by_label: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (node, _) in index.named.values() {
        for literal in index.labels.get(node).into_iter().flatten() {
            by_label
                .entry(literal.value().trim().to_lowercase())
                .or_default()
                .insert(show(node));
        }
    }
    for (text, owners) in &by_label {
        let owners: Vec<&String> = owners.iter().collect();
        let [first, others @ ..] = owners.as_slice() else {
            continue;
        };
        if others.is_empty() {
            continue;
        }
        let file = index
            .named
            .values()
            .find(|(node, _)| show(node) == **first)
            .map(|(_, file)| *file)
            .unwrap_or("data");
        let others: Vec<&str> = others.iter().map(|o| o.as_str()).collect();
        found.0.insert(Violation {
            file: file.to_owned(),
            subject: (*first).clone(),
            message: format!("shares the label \"{text}\" with {}", others.join(", ")),
        });
    }
}

/// Labels and aliases are language-tagged: a plain string says nothing of its language.
fn check_label_tags(index: &Index, found: &mut Found) {
    let tagged = [format!("{RDFS}label"), format!("{}altLabel", vocab::SKOS)];
    for (file, quad) in &index.data {
        if tagged.iter().any(|p| quad.predicate.as_str() == p)
            && let Term::Literal(literal) = &quad.object
            && literal.language().is_none()
            && literal.datatype().as_str() == format!("{XSD}string")
        {
            found.add(
                file,
                &subject_term(&quad.subject),
                format!(
                    "{} \"{}\" has no language tag (@en, @it)",
                    vocab::compact(quad.predicate.as_str()),
                    literal.value()
                ),
            );
        }
    }
}

/// Statements (cat:Statement and its subclasses) and reports have an Italian label.
fn check_italian_labels(index: &Index, found: &mut Found) {
    let statement = iri(&vocab::cat("Statement"));
    let report = iri(&vocab::cat("Report"));
    for (node, file) in index.named.values() {
        let types = index.closed_types(node);
        let kind = if types.contains(&statement) {
            "statement"
        } else if types.contains(&report) {
            "report"
        } else {
            continue;
        };
        let italian = index
            .labels
            .get(node)
            .into_iter()
            .flatten()
            .any(|l| l.language() == Some("it"));
        if !italian {
            found.add(
                file,
                node,
                format!("{kind} has no Italian rdfs:label (\"…\"@it)"),
            );
        }
    }
}

/// A dated observation states the period it covers: cat:date, cat:period or either end
/// of the period calls for both cat:periodStart and cat:periodEnd.
fn check_observation_periods(index: &Index, found: &mut Found) {
    let observation = iri(&vocab::cat("Observation"));
    let mut stated: HashMap<Term, HashSet<&str>> = HashMap::new();
    for (_, quad) in &index.data {
        if let Some(local) = quad.predicate.as_str().strip_prefix(vocab::CAT) {
            stated
                .entry(subject_term(&quad.subject))
                .or_default()
                .insert(local);
        }
    }
    for (node, file) in &index.first_file {
        let Some(properties) = stated.get(node) else {
            continue;
        };
        let Some(dated_by) = ["date", "period", "periodStart", "periodEnd"]
            .into_iter()
            .find(|p| properties.contains(p))
        else {
            continue;
        };
        if !index.closed_types(node).contains(&observation) {
            continue;
        }
        for missing in ["periodStart", "periodEnd"] {
            if !properties.contains(missing) {
                found.add(
                    file,
                    node,
                    format!("observation has cat:{dated_by} but no cat:{missing}"),
                );
            }
        }
    }
}

/// The properties on which the reference layer and the documents must agree.
const REFERENCE_PROPERTIES: [&str; 6] = [
    "basedIn",
    "locatedIn",
    "subsidiaryOf",
    "foundedOn",
    "startDate",
    "endDate",
];

/// The graphs of the reference layer: passages of a cat:ReferenceDataset document.
fn reference_graphs(index: &Index) -> HashSet<GraphName> {
    let dataset = iri(&vocab::cat("ReferenceDataset"));
    let in_document = vocab::cat("inDocument");
    index
        .catalogue_facts
        .iter()
        .filter(|(_, facts)| {
            facts.get(&in_document).is_some_and(|docs| {
                docs.iter()
                    .any(|d| index.closed_types(d).contains(&dataset))
            })
        })
        .filter_map(|(passage, _)| match passage {
            Term::NamedNode(node) => Some(GraphName::NamedNode(node.clone())),
            _ => None,
        })
        .collect()
}

/// A reference fact and the document facts on the same subject and property agree: a
/// document value differs from every reference value only if none of them nest with it.
fn check_reference_agreement(index: &Index, found: &mut Found) {
    let reference = reference_graphs(index);
    if reference.is_empty() {
        return;
    }
    let ontology_graph = GraphName::NamedNode(NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH));
    let properties: HashSet<String> = REFERENCE_PROPERTIES.iter().map(|p| vocab::cat(p)).collect();
    let mut in_reference: HashMap<(Term, &str), Vec<(&str, &Quad)>> = HashMap::new();
    let mut in_documents: Vec<(&str, &Quad)> = Vec::new();
    for (file, quad) in index.data.iter().copied() {
        if !properties.contains(quad.predicate.as_str()) {
            continue;
        }
        if reference.contains(&quad.graph_name) {
            in_reference
                .entry((subject_term(&quad.subject), quad.predicate.as_str()))
                .or_default()
                .push((file, quad));
        } else if matches!(quad.graph_name, GraphName::NamedNode(_))
            && quad.graph_name != index.catalogue
            && quad.graph_name != ontology_graph
        {
            in_documents.push((file, quad));
        }
    }
    let nesting = Nesting::new(index);
    for (_, document) in in_documents {
        let subject = subject_term(&document.subject);
        let key = (subject.clone(), document.predicate.as_str());
        let Some(references) = in_reference.get(&key) else {
            continue;
        };
        if references
            .iter()
            .any(|(_, stated)| nesting.agree(&document.predicate, &stated.object, &document.object))
        {
            continue;
        }
        for (file, stated) in references {
            found.add(
                file,
                &subject,
                format!(
                    "{} {} in {} contradicts {} in {}",
                    vocab::compact(stated.predicate.as_str()),
                    show(&stated.object),
                    show_graph(&stated.graph_name),
                    show(&document.object),
                    show_graph(&document.graph_name),
                ),
            );
        }
    }
}

/// Which values nest in which: places by cat:locatedIn, organisations by cat:subsidiaryOf,
/// over the whole data; dates by precision (2015 holds 2015-12-11).
struct Nesting {
    located_in: HashMap<Term, Vec<Term>>,
    subsidiary_of: HashMap<Term, Vec<Term>>,
}

impl Nesting {
    fn new(index: &Index) -> Self {
        let edges = |property: &str| {
            let property = vocab::cat(property);
            let mut edges: HashMap<Term, Vec<Term>> = HashMap::new();
            for (_, quad) in index
                .data
                .iter()
                .filter(|(_, q)| q.predicate.as_str() == property)
            {
                edges
                    .entry(subject_term(&quad.subject))
                    .or_default()
                    .push(quad.object.clone());
            }
            edges
        };
        Nesting {
            located_in: edges("locatedIn"),
            subsidiary_of: edges("subsidiaryOf"),
        }
    }

    /// Whether two values of `property` for one subject are the same or nest.
    fn agree(&self, property: &NamedNode, a: &Term, b: &Term) -> bool {
        if a == b {
            return true;
        }
        let edges = match property.as_str().strip_prefix(vocab::CAT) {
            Some("basedIn" | "locatedIn") => &self.located_in,
            Some("subsidiaryOf") => &self.subsidiary_of,
            _ => return dates_nest(a, b),
        };
        reaches(edges, a, b) || reaches(edges, b, a)
    }
}

/// Whether `to` is reachable from `from` by zero or more edges.
fn reaches(edges: &HashMap<Term, Vec<Term>>, from: &Term, to: &Term) -> bool {
    let mut stack = vec![from];
    let mut seen = HashSet::new();
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node) {
            stack.extend(edges.get(node).into_iter().flatten());
        }
    }
    false
}

/// Whether one date is the other at a coarser precision (`2015`, `2015-12`, `2015-12-11`).
fn dates_nest(a: &Term, b: &Term) -> bool {
    let (Term::Literal(a), Term::Literal(b)) = (a, b) else {
        return false;
    };
    let within = |coarse: &str, fine: &str| {
        fine.strip_prefix(coarse)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
    };
    within(a.value(), b.value()) || within(b.value(), a.value())
}

fn show_graph(graph: &GraphName) -> String {
    match graph {
        GraphName::NamedNode(node) => vocab::compact(node.as_str()),
        GraphName::BlankNode(node) => node.to_string(),
        GraphName::DefaultGraph => "the default graph".to_owned(),
    }
}

/// The `cat:note`s of the data that carry a figure with a unit ("2048 GPUs", "EUR 150 bn",
/// "90–95%"): figures hidden in prose, listed for review by `catena check --notes`. Each
/// is reported with the note's text as its message. Not a violation.
pub fn notes_with_figures(sources: &[ParsedSource]) -> Vec<Violation> {
    let note = vocab::cat("note");
    let mut found = BTreeSet::new();
    for source in sources.iter().filter(|s| s.kind == SourceKind::Data) {
        for quad in &source.quads {
            if quad.predicate.as_str() == note
                && let Term::Literal(text) = &quad.object
                && has_figure(text.value())
            {
                found.insert(Violation {
                    file: source.name.clone(),
                    subject: show(&subject_term(&quad.subject)),
                    message: text.value().to_owned(),
                });
            }
        }
    }
    found.into_iter().collect()
}

/// The review list of `catena check --notes`: a count line, then one `file: subject: note`
/// line per note with a figure.
pub fn notes_report(sources: &[ParsedSource]) -> String {
    let notes = notes_with_figures(sources);
    let mut report = match notes.len() {
        0 => "no cat:note carries a figure\n".to_owned(),
        1 => "1 cat:note carries a figure (for review, not a violation):\n".to_owned(),
        n => format!("{n} cat:notes carry a figure (for review, not violations):\n"),
    };
    for note in &notes {
        report.push_str(&format!("{note}\n"));
    }
    report
}

/// A piece of a note's text, for finding figures.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// Digits with optional `.`/`,` separators; `year` when it reads as one (1900–2039).
    Number {
        year: bool,
    },
    /// Letters (with inner hyphens and apostrophes), lowercased; digits after a letter
    /// stay in the word (`H100`, `FY2025`).
    Word(String),
    Symbol(char),
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let c = at(i);
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            while at(i).is_ascii_digit()
                || (matches!(at(i), '.' | ',') && at(i + 1).is_ascii_digit())
            {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let year = number.len() == 4
                && number
                    .parse::<u16>()
                    .is_ok_and(|n| (1900..=2039).contains(&n));
            tokens.push(Token::Number { year });
        } else if c.is_alphabetic() {
            while at(i).is_alphanumeric()
                || (matches!(at(i), '-' | '\'' | '’') && at(i + 1).is_alphabetic())
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            tokens.push(Token::Word(word.to_lowercase()));
        } else {
            tokens.push(Token::Symbol(c));
            i += 1;
        }
    }
    tokens
}

/// Units and scale words a figure may be followed by.
const UNITS: &[&str] = &[
    "percent",
    "usd",
    "eur",
    "cny",
    "dollar",
    "dollars",
    "euro",
    "euros",
    "yuan",
    "billion",
    "billions",
    "million",
    "millions",
    "thousand",
    "thousands",
    "trillion",
    "trillions",
    "bn",
    "m",
    "gpus",
    "chips",
    "models",
    "units",
    "universities",
    "papers",
    "people",
    "products",
    "companies",
    "firms",
    "times",
];

/// Currencies, which may come before the figure (`USD 500 bn`, `$6`).
const CURRENCIES: &[&str] = &["usd", "eur", "cny"];

/// Whether a text carries a number with a unit: digits next to a unit or scale word, or
/// with up to two words between them (`100,000 accelerator chips`) unless the number reads
/// as a year. Years alone, and numbers written in words, do not count.
pub fn has_figure(text: &str) -> bool {
    let tokens = tokens(text);
    let unit_before = |i: usize| match i.checked_sub(1).and_then(|j| tokens.get(j)) {
        Some(Token::Symbol(c)) => matches!(c, '$' | '€'),
        Some(Token::Word(word)) => CURRENCIES.contains(&word.as_str()),
        _ => false,
    };
    let unit_after = |i: usize, year: bool| {
        let window = if year { 1 } else { 3 };
        for (k, token) in tokens.iter().skip(i + 1).take(window).enumerate() {
            match token {
                Token::Symbol(c) => return k == 0 && matches!(c, '%' | '$' | '€'),
                Token::Number { .. } => return false,
                Token::Word(word) if UNITS.contains(&word.as_str()) => return true,
                Token::Word(word) if word == "per" => {
                    return tokens.get(i + k + 2) == Some(&Token::Word("cent".to_owned()));
                }
                Token::Word(_) => {}
            }
        }
        false
    };
    tokens.iter().enumerate().any(|(i, token)| match token {
        Token::Number { year } => unit_before(i) || unit_after(i, *year),
        _ => false,
    })
}

fn show_class(ontology: &Ontology, class: &Term) -> String {
    match ontology.unions.get(class) {
        Some(members) => members.iter().map(show).collect::<Vec<_>>().join(" or "),
        None => show(class),
    }
}

fn show_types(types: Option<&HashSet<Term>>) -> String {
    match types {
        Some(types) if !types.is_empty() => {
            let mut names: Vec<String> = types.iter().map(show).collect();
            names.sort();
            names.join(", ")
        }
        _ => "(none)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{RdfSource, parse_source};

    const ONTOLOGY: &str = r#"
@prefix cat: <https://w3id.org/catena/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
cat:Passage a owl:Class . cat:SourceDocument a owl:Class .
cat:Agent a owl:Class . cat:Company a owl:Class ; rdfs:subClassOf cat:Agent .
cat:Place a owl:Class . cat:Country a owl:Class ; rdfs:subClassOf cat:Place .
cat:inDocument a owl:ObjectProperty . cat:locator a owl:DatatypeProperty .
cat:basedIn a owl:ObjectProperty ; rdfs:domain cat:Agent ; rdfs:range cat:Place .
cat:amount a owl:DatatypeProperty ; rdfs:range xsd:decimal .
cat:date a owl:DatatypeProperty ; rdfs:range [ a rdfs:Datatype ; owl:unionOf ( xsd:date xsd:gYear ) ] .
cat:ReferenceDataset a owl:Class ; rdfs:subClassOf cat:SourceDocument .
cat:Report a owl:Class . cat:Statement a owl:Class .
cat:Investment a owl:Class ; rdfs:subClassOf cat:Statement .
cat:Observation a owl:Class ; rdfs:subClassOf cat:Statement .
cat:Concern a owl:Class ; rdfs:subClassOf cat:Statement .
cat:AntitrustConcern a owl:Class ; rdfs:subClassOf cat:Concern .
cat:period a owl:DatatypeProperty . cat:periodStart a owl:DatatypeProperty .
cat:periodEnd a owl:DatatypeProperty . cat:note a owl:DatatypeProperty .
cat:locatedIn a owl:ObjectProperty . cat:subsidiaryOf a owl:ObjectProperty .
cat:foundedOn a owl:DatatypeProperty .
<http://www.w3.org/2004/02/skos/core#altLabel> a owl:AnnotationProperty .
"#;

    const CATALOGUE: &str = r#"
@prefix cat: <https://w3id.org/catena/ontology#> .
@prefix src: <https://w3id.org/catena/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
src:catalogue {
  src:doc a cat:SourceDocument ; rdfs:label "A document"@en .
  src:doc-p1 a cat:Passage ; cat:inDocument src:doc ; cat:locator "¶1" ; rdfs:label "paragraph 1"@en .
  src:doc-p2 a cat:Passage ; cat:inDocument src:doc ; cat:locator "¶2" ; rdfs:label "paragraph 2"@en .
  src:reference a cat:ReferenceDataset ; rdfs:label "Reference facts"@en .
  src:reference-places a cat:Passage ; cat:inDocument src:reference ; cat:locator "places" ;
      rdfs:label "reference places"@en .
}
"#;

    /// The test ontology, the catalogue, and `data` (with the usual prefixes) as
    /// `data/facts.trig`.
    fn sources(data: &str) -> Vec<ParsedSource> {
        let sources = [
            RdfSource {
                name: "ontology/test.ttl".into(),
                text: ONTOLOGY.into(),
                kind: SourceKind::Ontology,
            },
            RdfSource {
                name: "data/catalogue.trig".into(),
                text: CATALOGUE.into(),
                kind: SourceKind::Data,
            },
            RdfSource {
                name: "data/facts.trig".into(),
                text: format!(
                    "@prefix cat: <https://w3id.org/catena/ontology#> .\n@prefix ent: <https://w3id.org/catena/entity/> .\n@prefix src: <https://w3id.org/catena/source/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix stmt: <https://w3id.org/catena/statement/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n{data}"
                ),
                kind: SourceKind::Data,
            },
        ];
        sources
            .iter()
            .map(|s| parse_source(s).expect("parses"))
            .collect()
    }

    fn run(data: &str) -> Vec<String> {
        check(&sources(data))
            .0
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    const VALID: &str = r#"src:doc-p1 {
  ent:Acme a cat:Company ; rdfs:label "Acme"@en ; cat:basedIn ent:Ruritania ; cat:amount 12 ; cat:date "2024"^^xsd:gYear .
  ent:Ruritania a cat:Country ; rdfs:label "Ruritania"@en .
}"#;

    #[test]
    fn valid_data_passes() {
        assert_eq!(run(VALID), Vec::<String>::new());
    }

    #[test]
    fn undeclared_terms_are_named() {
        let violations = run(&VALID.replace("cat:amount 12", "cat:amount 12 ; cat:profit 3"));
        assert_eq!(
            violations,
            ["data/facts.trig: ent:Acme: property cat:profit is not declared in the ontology"]
        );
        let violations = run(&VALID.replace("a cat:Country", "a cat:Nation"));
        assert!(
            violations
                .iter()
                .any(|v| v == "data/facts.trig: ent:Ruritania: class cat:Nation is not declared in the ontology"),
            "{violations:?}"
        );
    }

    #[test]
    fn domain_and_range_hold() {
        let violations = run(&VALID.replace("cat:basedIn ent:Ruritania", "cat:basedIn ent:Acme"));
        assert!(
            violations
                .iter()
                .any(|v| v.contains("cat:basedIn expects a value of cat:Place")),
            "{violations:?}"
        );
        let violations = run(&VALID.replace(
            "ent:Ruritania a cat:Country ; rdfs:label \"Ruritania\"@en .",
            "ent:Ruritania a cat:Country ; rdfs:label \"Ruritania\"@en ; cat:basedIn ent:Acme .",
        ));
        assert!(
            violations
                .iter()
                .any(|v| v
                    .contains("ent:Ruritania: cat:basedIn expects a subject of class cat:Agent")),
            "{violations:?}"
        );
        let violations = run(&VALID.replace("cat:amount 12", "cat:amount \"twelve\""));
        assert!(
            violations
                .iter()
                .any(|v| v.contains("expects a value of xsd:decimal")),
            "{violations:?}"
        );
        let violations = run(&VALID.replace("\"2024\"^^xsd:gYear", "\"2024-13\"^^xsd:gYearMonth"));
        assert!(
            violations
                .iter()
                .any(|v| v.contains("xsd:date or xsd:gYear")),
            "{violations:?}"
        );
        let violations = run(&VALID.replace("\"2024\"^^xsd:gYear", "\"24\"^^xsd:gYear"));
        assert!(
            violations.iter().any(|v| v.contains("not a valid value")),
            "{violations:?}"
        );
    }

    #[test]
    fn facts_need_a_declared_passage() {
        let violations = run(&VALID.replace("src:doc-p1 {", "src:doc-p9 {"));
        assert!(
            violations
                .iter()
                .any(|v| v
                    .starts_with("data/facts.trig: src:doc-p9: graph is not a declared passage")),
            "{violations:?}"
        );
        let violations = run(&format!("{VALID}\nent:Acme cat:amount 3 ."));
        assert!(
            violations.iter().any(|v| v.contains("has no source")),
            "{violations:?}"
        );
    }

    #[test]
    fn labels_are_present_and_unique() {
        let violations =
            run(&VALID.replace("rdfs:label \"Ruritania\"@en", "rdfs:label \"acme\"@it"));
        assert!(
            violations
                .iter()
                .any(|v| v.contains("shares the label \"acme\"")),
            "{violations:?}"
        );
        let violations = run(&VALID.replace(" ; rdfs:label \"Ruritania\"@en", ""));
        assert!(
            violations
                .iter()
                .any(|v| v.contains("ent:Ruritania: has no rdfs:label")),
            "{violations:?}"
        );
        let violations =
            run(&VALID.replace("cat:basedIn ent:Ruritania", "cat:basedIn ent:Nowhere"));
        assert!(
            violations
                .iter()
                .any(|v| v.contains("ent:Nowhere: has no rdf:type")),
            "{violations:?}"
        );
    }

    /// `VALID` with more facts in the graph of `src:doc-p1`.
    fn valid_with(facts: &str) -> String {
        VALID.replace("\n}", &format!("\n{facts}\n}}"))
    }

    #[test]
    fn dated_observations_have_their_period() {
        let observation =
            r#"stmt:obs a cat:Observation ; rdfs:label "An observation"@en , "Un'osservazione"@it"#;
        let dated = format!("{observation} ; cat:date \"2024\"^^xsd:gYear .");
        let violations = run(&valid_with(&dated));
        assert_eq!(
            violations,
            [
                "data/facts.trig: stmt:obs: observation has cat:date but no cat:periodEnd",
                "data/facts.trig: stmt:obs: observation has cat:date but no cat:periodStart",
            ]
        );
        let violations = run(&valid_with(&format!(
            "{observation} ; cat:periodStart \"2024\" ."
        )));
        assert_eq!(
            violations,
            ["data/facts.trig: stmt:obs: observation has cat:periodStart but no cat:periodEnd"]
        );
        let violations = run(&valid_with(&format!(
            "{observation} ; cat:period \"2024\" ; cat:periodStart \"2024\" ; cat:periodEnd \"2024\" ."
        )));
        assert_eq!(violations, Vec::<String>::new());
        // An undated observation, and a dated statement that is not an observation, pass.
        assert_eq!(
            run(&valid_with(&format!("{observation} ."))),
            Vec::<String>::new()
        );
        let investment = r#"stmt:inv a cat:Investment ; rdfs:label "An investment"@en , "Un investimento"@it ; cat:date "2024"^^xsd:gYear ."#;
        assert_eq!(run(&valid_with(investment)), Vec::<String>::new());
    }

    #[test]
    fn statements_and_reports_have_an_italian_label() {
        for class in ["cat:Investment", "cat:AntitrustConcern", "cat:Statement"] {
            let node = format!("stmt:s a {class} ; rdfs:label \"A statement\"@en .");
            assert_eq!(
                run(&valid_with(&node)),
                ["data/facts.trig: stmt:s: statement has no Italian rdfs:label (\"…\"@it)"],
                "{class}"
            );
            let node = format!(
                "stmt:s a {class} ; rdfs:label \"A statement\"@en , \"Un'affermazione\"@it ."
            );
            assert_eq!(run(&valid_with(&node)), Vec::<String>::new(), "{class}");
        }
        let report = r#"ent:Study a cat:Report ; rdfs:label "A study"@en ."#;
        assert_eq!(
            run(&valid_with(report)),
            ["data/facts.trig: ent:Study: report has no Italian rdfs:label (\"…\"@it)"]
        );
        let report = r#"ent:Study a cat:Report ; rdfs:label "A study"@en , "Uno studio"@it ."#;
        assert_eq!(run(&valid_with(report)), Vec::<String>::new());
    }

    #[test]
    fn labels_carry_a_language_tag() {
        let violations = run(&VALID.replace("rdfs:label \"Acme\"@en", "rdfs:label \"Acme\""));
        assert_eq!(
            violations,
            ["data/facts.trig: ent:Acme: rdfs:label \"Acme\" has no language tag (@en, @it)"]
        );
        let violations = run(&VALID.replace(
            "rdfs:label \"Acme\"@en",
            "rdfs:label \"Acme\"@en ; skos:altLabel \"ACME\" , \"Acme Inc.\"@en",
        ));
        assert_eq!(
            violations,
            ["data/facts.trig: ent:Acme: skos:altLabel \"ACME\" has no language tag (@en, @it)"]
        );
    }

    /// `VALID` plus a document passage and a reference passage.
    fn with_reference(document: &str, reference: &str) -> Vec<String> {
        run(&format!(
            "{}\nsrc:doc-p2 {{ {document} }}\nsrc:reference-places {{ {reference} }}",
            valid_with(
                r#"ent:Europe a cat:Place ; rdfs:label "Europe"@en .
  ent:Ruritania cat:locatedIn ent:Europe .
  ent:Capital a cat:Place ; rdfs:label "Capital"@en ; cat:locatedIn ent:Ruritania .
  ent:Syldavia a cat:Country ; rdfs:label "Syldavia"@en .
  ent:Parent a cat:Company ; rdfs:label "Parent"@en .
  ent:Holding a cat:Company ; rdfs:label "Holding"@en ; cat:subsidiaryOf ent:Parent ."#
            )
        ))
    }

    #[test]
    fn the_reference_layer_agrees_with_the_documents() {
        // A reference document is a source document: its passages are declared.
        assert_eq!(
            with_reference("", "ent:Acme cat:basedIn ent:Ruritania ."),
            Vec::<String>::new()
        );
        let violations = with_reference(
            "ent:Acme cat:basedIn ent:Ruritania .",
            "ent:Acme cat:basedIn ent:Syldavia .",
        );
        assert_eq!(
            violations,
            [
                "data/facts.trig: ent:Acme: cat:basedIn ent:Syldavia in src:reference-places contradicts ent:Ruritania in src:doc-p1",
                "data/facts.trig: ent:Acme: cat:basedIn ent:Syldavia in src:reference-places contradicts ent:Ruritania in src:doc-p2",
            ]
        );
        // Places that nest by cat:locatedIn, either way round, agree.
        for (document, reference) in [
            ("ent:Capital", "ent:Ruritania"),
            ("ent:Europe", "ent:Ruritania"),
            ("ent:Ruritania", "ent:Capital"),
        ] {
            let violations = with_reference(
                &format!("ent:Acme cat:basedIn {document} ."),
                &format!("ent:Acme cat:basedIn {reference} ."),
            );
            assert_eq!(violations, Vec::<String>::new(), "{document} / {reference}");
        }
        // One agreeing reference value is enough.
        let violations = with_reference(
            "ent:Acme cat:basedIn ent:Syldavia .",
            "ent:Acme cat:basedIn ent:Ruritania , ent:Syldavia .",
        );
        assert_eq!(violations, Vec::<String>::new());
    }

    #[test]
    fn the_reference_layer_agrees_on_parents_and_dates() {
        let violations = with_reference(
            "ent:Acme cat:subsidiaryOf ent:Holding .",
            "ent:Acme cat:subsidiaryOf ent:Parent .",
        );
        assert_eq!(violations, Vec::<String>::new());
        let violations = with_reference(
            "ent:Acme cat:subsidiaryOf ent:Holding .",
            "ent:Acme cat:subsidiaryOf ent:Ruritania .",
        );
        assert!(
            violations.iter().any(|v| v.ends_with(
                "cat:subsidiaryOf ent:Ruritania in src:reference-places contradicts ent:Holding in src:doc-p2"
            )),
            "{violations:?}"
        );
        let violations = with_reference(
            r#"ent:Acme cat:foundedOn "2015"^^xsd:gYear ."#,
            r#"ent:Acme cat:foundedOn "2016-12-11"^^xsd:date ."#,
        );
        assert_eq!(
            violations,
            [
                r#"data/facts.trig: ent:Acme: cat:foundedOn "2016-12-11"^^xsd:date in src:reference-places contradicts "2015"^^xsd:gYear in src:doc-p2"#
            ]
        );
        let violations = with_reference(
            r#"ent:Acme cat:foundedOn "2015"^^xsd:gYear ."#,
            r#"ent:Acme cat:foundedOn "2015-12-11"^^xsd:date ."#,
        );
        assert_eq!(violations, Vec::<String>::new());
        // Two document passages may differ: only the reference layer is held to them.
        let violations = with_reference(
            "ent:Acme cat:basedIn ent:Syldavia .",
            "ent:Holding cat:basedIn ent:Syldavia .",
        );
        assert_eq!(violations, Vec::<String>::new());
    }

    #[test]
    fn figures_in_prose_are_found() {
        for text in [
            "Using only 2048 less powerful GPUs.",
            "Using 2048 GPUs.",
            "About EUR 150 bn private.",
            "A cost 90–95% below.",
            "Estimate, about 50 thousand units.",
            "Each with over 100,000 accelerator chips.",
            "CNY 3.61 trillion of investment.",
            "The ~USD 6 million figure.",
            "It costs $6m.",
            "Worth €200.",
            "Up 12 per cent.",
            "Up 12 percent.",
            "More than 500 universities.",
            "Grew 3 times.",
            "The 2024 models.",
        ] {
            assert!(has_figure(text), "{text}");
        }
        for text in [
            "Moderate overtraining (five times) uses up the stock by 2027.",
            "Peak of the 2019–2024 series.",
            "Founded in 2024 by the largest technology companies.",
            "UK developer among the 2024 leaders by models released.",
            "Trained on H800 GPUs and H100 chips.",
            "Nearly 20,000 of about 29,000 submissions.",
            "Held on 10–11 February 2025.",
            "Grouped under Others in the Fig. 5 traffic chart.",
            "In the billions of dollars.",
            "Per the Nature Index 2024-25.",
        ] {
            assert!(!has_figure(text), "{text}");
        }
    }

    #[test]
    fn notes_with_figures_are_listed_for_review() {
        let data = valid_with(
            r#"ent:Ruritania cat:note "Home of 2048 GPUs."@en .
  ent:Acme cat:note "Founded in 2019."@en ."#,
        );
        let sources = sources(&data);
        let notes: Vec<String> = notes_with_figures(&sources)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            notes,
            ["data/facts.trig: ent:Ruritania: Home of 2048 GPUs."]
        );
        assert_eq!(
            notes_report(&sources),
            "1 cat:note carries a figure (for review, not a violation):\ndata/facts.trig: ent:Ruritania: Home of 2048 GPUs.\n"
        );
        // A review list, not a violation.
        assert_eq!(run(&data), Vec::<String>::new());
        assert_eq!(
            notes_report(&self::sources(VALID)),
            "no cat:note carries a figure\n"
        );
    }
}
