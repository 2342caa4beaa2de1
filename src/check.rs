//! Validation of the data against the ontology (`catena check`): declared terms,
//! domains and ranges, a cited passage for every fact, labels, and unique names.
//!
//! It works on parsed sources rather than on the store, so that every violation can name
//! the file it is in.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use oxigraph::model::{GraphName, Literal, NamedOrBlankNode, Quad, Term};

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
        Term::Literal(literal) => literal.to_string(),
        other => other.to_string(),
    }
}

impl Ontology {
    fn new(quads: &[&Quad]) -> Self {
        let rdf_type = iri(&format!("{RDF}type"));
        let class_types: HashSet<Term> = [format!("{OWL}Class"), format!("{RDFS}Class")]
            .iter()
            .map(|t| iri(t))
            .collect();
        let property_types: HashSet<Term> = [
            "ObjectProperty",
            "DatatypeProperty",
            "AnnotationProperty",
            "SymmetricProperty",
            "TransitiveProperty",
            "FunctionalProperty",
        ]
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
        let nil = iri(&format!("{RDF}nil"));
        for (holder, mut cell) in union_heads {
            let mut members = Vec::new();
            let mut seen = HashSet::new();
            while cell != nil && seen.insert(cell.clone()) {
                if let Some(first) = list_first.get(&cell) {
                    members.push(first.clone());
                }
                match list_rest.get(&cell) {
                    Some(rest) => cell = rest.clone(),
                    None => break,
                }
            }
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
    let ontology_quads: Vec<&Quad> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Ontology)
        .flat_map(|s| &s.quads)
        .collect();
    let ontology = Ontology::new(&ontology_quads);
    let data: Vec<(&str, &Quad)> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Data)
        .flat_map(|s| s.quads.iter().map(move |q| (s.name.as_str(), q)))
        .collect();

    let rdf_type = iri(&format!("{RDF}type"));
    let label = iri(&format!("{RDFS}label"));
    let catalogue = GraphName::NamedNode(oxigraph::model::NamedNode::new_unchecked(
        vocab::CATALOGUE_GRAPH,
    ));

    // Types of every node, from the ontology (individuals such as measures) and the data.
    let mut types: HashMap<Term, HashSet<Term>> = HashMap::new();
    for quad in ontology_quads
        .iter()
        .copied()
        .chain(data.iter().map(|(_, q)| *q))
    {
        if Term::NamedNode(quad.predicate.clone()) == rdf_type {
            types
                .entry(subject_term(&quad.subject))
                .or_default()
                .insert(quad.object.clone());
        }
    }
    let closed_types = |node: &Term| -> HashSet<Term> {
        let mut closed = HashSet::new();
        for class in types.get(node).into_iter().flatten() {
            ontology.ancestors(class, &mut closed);
        }
        closed
    };

    let mut violations = BTreeSet::new();
    let mut violation = |file: &str, subject: &Term, message: String| {
        violations.insert(Violation {
            file: file.to_owned(),
            subject: show(subject),
            message,
        });
    };

    // Where each subject is first described, for violations about a subject as a whole.
    let mut first_file: HashMap<Term, &str> = HashMap::new();
    let mut labels: HashMap<Term, Vec<Literal>> = HashMap::new();
    for (file, quad) in &data {
        first_file
            .entry(subject_term(&quad.subject))
            .or_insert(file);
    }
    for quad in &ontology_quads {
        if quad.predicate.as_str() == format!("{RDFS}label")
            && let Term::Literal(literal) = &quad.object
        {
            labels
                .entry(subject_term(&quad.subject))
                .or_default()
                .push(literal.clone());
        }
    }

    let passage = iri(&vocab::cat("Passage"));
    let document = iri(&vocab::cat("SourceDocument"));
    let in_document = vocab::cat("inDocument");
    let locator = vocab::cat("locator");
    let mut catalogue_facts: HashMap<Term, HashMap<String, Vec<Term>>> = HashMap::new();
    for (_, quad) in data.iter().filter(|(_, q)| q.graph_name == catalogue) {
        catalogue_facts
            .entry(subject_term(&quad.subject))
            .or_default()
            .entry(quad.predicate.as_str().to_owned())
            .or_default()
            .push(quad.object.clone());
    }
    let is_a = |node: &Term, class: &Term| {
        catalogue_facts
            .get(node)
            .and_then(|facts| facts.get(&format!("{RDF}type")))
            .is_some_and(|classes| classes.contains(class))
    };
    let mut passages_checked: HashSet<Term> = HashSet::new();
    let mut graph_reported: HashSet<(String, Term)> = HashSet::new();

    for (file, quad) in &data {
        let subject = subject_term(&quad.subject);
        let predicate = Term::NamedNode(quad.predicate.clone());

        // Provenance: every fact sits in the graph of a declared passage.
        match &quad.graph_name {
            GraphName::DefaultGraph => violation(
                file,
                &subject,
                format!(
                    "fact `{} {}` has no source: put it in the named graph of the passage that states it",
                    show(&predicate),
                    show(&quad.object)
                ),
            ),
            graph if *graph == catalogue => {
                if !is_a(&subject, &passage) && !is_a(&subject, &document) {
                    violation(
                        file,
                        &subject,
                        "the catalogue graph may only describe cat:Passage and cat:SourceDocument nodes"
                            .to_owned(),
                    );
                }
            }
            GraphName::NamedNode(node) => {
                let graph = Term::NamedNode(node.clone());
                passages_checked.insert(graph.clone());
                if graph_reported.insert(((*file).to_owned(), graph.clone())) {
                    let facts = catalogue_facts.get(&graph);
                    let documents = facts.and_then(|f| f.get(&in_document));
                    if !is_a(&graph, &passage) {
                        violation(
                            file,
                            &graph,
                            "graph is not a declared passage: describe it in src:catalogue as a cat:Passage with cat:inDocument and cat:locator".to_owned(),
                        );
                    } else if !documents.is_some_and(|d| d.iter().any(|d| is_a(d, &document))) {
                        violation(
                            file,
                            &graph,
                            "passage has no cat:inDocument pointing to a cat:SourceDocument"
                                .to_owned(),
                        );
                    } else if facts
                        .and_then(|f| f.get(&locator))
                        .is_none_or(|l| l.is_empty())
                    {
                        violation(file, &graph, "passage has no cat:locator".to_owned());
                    }
                }
            }
            GraphName::BlankNode(_) => violation(
                file,
                &subject,
                "fact is in a blank-node graph: passages must be IRIs".to_owned(),
            ),
        }

        if predicate == label
            && let Term::Literal(literal) = &quad.object
        {
            // The same label stated in two passages is one label.
            let known = labels.entry(subject.clone()).or_default();
            if !known.contains(literal) {
                known.push(literal.clone());
            }
        }

        // Vocabulary: predicates and classes must be declared in the ontology.
        let builtin =
            quad.predicate.as_str().starts_with(RDF) || quad.predicate.as_str().starts_with(RDFS);
        if !builtin && !ontology.properties.contains(&predicate) {
            violation(
                file,
                &subject,
                format!(
                    "property {} is not declared in the ontology",
                    show(&predicate)
                ),
            );
            continue;
        }
        if predicate == rdf_type {
            if !ontology.classes.contains(&quad.object) {
                violation(
                    file,
                    &subject,
                    format!(
                        "class {} is not declared in the ontology",
                        show(&quad.object)
                    ),
                );
            }
            continue;
        }

        if let Term::Literal(literal) = &quad.object
            && !lexical_form_is_valid(literal)
        {
            violation(
                file,
                &subject,
                format!(
                    "{}: {} is not a valid value of its datatype",
                    show(&predicate),
                    literal
                ),
            );
        }

        // Domain and range, inherited from super-properties.
        let subject_types = closed_types(&subject);
        for domain in ontology.inherited(&predicate, &ontology.domains) {
            if !satisfies(&ontology, &subject_types, &domain) {
                violation(
                    file,
                    &subject,
                    format!(
                        "{} expects a subject of class {}, but the subject's classes are {}",
                        show(&predicate),
                        show_class(&ontology, &domain),
                        show_types(types.get(&subject))
                    ),
                );
            }
        }
        for range in ontology.inherited(&predicate, &ontology.ranges) {
            let fits = match &quad.object {
                Term::Literal(literal) => {
                    ontology.is_datatype(&range) && literal_fits(&ontology, literal, &range)
                }
                object => {
                    !ontology.is_datatype(&range)
                        && satisfies(&ontology, &closed_types(object), &range)
                }
            };
            if !fits {
                let found = match &quad.object {
                    Term::Literal(literal) => format!("the literal {literal}"),
                    object => format!(
                        "{} of class {}",
                        show(object),
                        show_types(types.get(object))
                    ),
                };
                violation(
                    file,
                    &subject,
                    format!(
                        "{} expects a value of {}, found {found}",
                        show(&predicate),
                        show_class(&ontology, &range),
                    ),
                );
            }
        }
    }

    // Every subject, and every entity or statement it points to, has a type and a label.
    let mut named: BTreeMap<String, (Term, &str)> = BTreeMap::new();
    for (file, quad) in &data {
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
    let mut by_label: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (node, file) in named.values() {
        if !types.contains_key(node) {
            violation(file, node, "has no rdf:type".to_owned());
        }
        let node_labels = labels.get(node).map(Vec::as_slice).unwrap_or_default();
        if node_labels.is_empty() {
            violation(file, node, "has no rdfs:label".to_owned());
        }
        let mut languages = HashSet::new();
        for literal in node_labels {
            let language = literal.language().unwrap_or("").to_owned();
            if !languages.insert(language.clone()) {
                violation(
                    file,
                    node,
                    format!(
                        "has more than one rdfs:label in language \"{language}\": {}",
                        node_labels
                            .iter()
                            .filter(|l| l.language().unwrap_or("") == language)
                            .map(|l| format!("\"{}\"", l.value()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
            by_label
                .entry(literal.value().trim().to_lowercase())
                .or_default()
                .insert(show(node));
        }
    }
    for (text, owners) in &by_label {
        if owners.len() > 1 {
            let owners: Vec<&String> = owners.iter().collect();
            let first = named
                .values()
                .find(|(node, _)| show(node) == *owners[0])
                .map(|(_, file)| *file)
                .unwrap_or("data");
            violations.insert(Violation {
                file: first.to_owned(),
                subject: owners[0].clone(),
                message: format!(
                    "shares the label \"{text}\" with {}",
                    owners[1..]
                        .iter()
                        .map(|o| o.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }

    let summary = CheckSummary {
        facts: data.len(),
        subjects: named.len(),
        passages: passages_checked.len(),
    };
    (violations.into_iter().collect(), summary)
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
"#;

    const CATALOGUE: &str = r#"
@prefix cat: <https://w3id.org/catena/ontology#> .
@prefix src: <https://w3id.org/catena/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
src:catalogue {
  src:doc a cat:SourceDocument ; rdfs:label "A document"@en .
  src:doc-p1 a cat:Passage ; cat:inDocument src:doc ; cat:locator "¶1" ; rdfs:label "paragraph 1"@en .
}
"#;

    fn run(data: &str) -> Vec<String> {
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
                    "@prefix cat: <https://w3id.org/catena/ontology#> .\n@prefix ent: <https://w3id.org/catena/entity/> .\n@prefix src: <https://w3id.org/catena/source/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n{data}"
                ),
                kind: SourceKind::Data,
            },
        ];
        let parsed: Vec<_> = sources
            .iter()
            .map(|s| parse_source(s).expect("parses"))
            .collect();
        check(&parsed).0.iter().map(ToString::to_string).collect()
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
}
