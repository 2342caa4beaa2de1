//! docs/modelling.md stays in step with the vocabulary: every `cat:` term the ontology
//! defines, and every `cat:` term the data uses, is mentioned there as `cat:LocalName`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use catena::graph::{self, ParsedSource, SourceKind};
use catena::vocab::{CAT, OWL, RDF, RDFS};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};

const DOC: &str = "docs/modelling.md";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The RDF files of a directory of the repository, parsed.
fn parsed(dir: &str, kind: SourceKind) -> Vec<ParsedSource> {
    let sources = graph::read_sources(&[root().join(dir)], kind)
        .unwrap_or_else(|e| panic!("cannot read {dir}/: {e}"));
    graph::parse_all(&sources).unwrap_or_else(|e| panic!("cannot parse {dir}/: {e}"))
}

/// A file's path relative to the repository, as messages show it (`data/assetti-1.trig`).
fn shown(name: &str) -> String {
    Path::new(name)
        .strip_prefix(root())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| name.to_owned())
}

/// The local name of a term in the `cat:` namespace.
fn cat_local(term: &Term) -> Option<String> {
    match term {
        Term::NamedNode(node) => node
            .as_str()
            .strip_prefix(CAT)
            .filter(|l| !l.is_empty())
            .map(str::to_owned),
        _ => None,
    }
}

fn subject(quad: &Quad) -> Term {
    match &quad.subject {
        NamedOrBlankNode::NamedNode(n) => Term::NamedNode(n.clone()),
        NamedOrBlankNode::BlankNode(b) => Term::BlankNode(b.clone()),
    }
}

/// Every `cat:` term of one quad, wherever it stands.
fn cat_terms(quad: &Quad) -> impl Iterator<Item = String> {
    let graph = match &quad.graph_name {
        GraphName::NamedNode(n) => Some(Term::NamedNode(n.clone())),
        _ => None,
    };
    [
        Some(subject(quad)),
        Some(Term::NamedNode(quad.predicate.clone())),
        Some(quad.object.clone()),
        graph,
    ]
    .into_iter()
    .flatten()
    .filter_map(|t| cat_local(&t))
}

/// Where a term comes from: the files that define it, and the files that use it.
#[derive(Default)]
struct Origins {
    defined_in: BTreeSet<String>,
    used_in: BTreeSet<String>,
}

impl std::fmt::Display for Origins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |files: &BTreeSet<String>| files.iter().cloned().collect::<Vec<_>>().join(", ");
        match (self.defined_in.is_empty(), self.used_in.is_empty()) {
            (false, false) => write!(
                f,
                "defined in {}; used in {}",
                list(&self.defined_in),
                list(&self.used_in)
            ),
            (false, true) => write!(f, "defined in {}", list(&self.defined_in)),
            _ => write!(f, "used in {}", list(&self.used_in)),
        }
    }
}

/// Whether a `cat:` subject of this type is a term to document: a class, a property, or an
/// individual of a `cat:` class (measure, concern theme, access level, epistemic status…).
/// Concept schemes (`skos:ConceptScheme`), which only group the individuals, are not.
fn defines_a_term(class: &Term) -> bool {
    let Term::NamedNode(class) = class else {
        return false;
    };
    let class = class.as_str();
    class.starts_with(CAT)
        || class == format!("{RDF}Property")
        || class == format!("{RDFS}Class")
        || class
            .strip_prefix(OWL)
            .is_some_and(|local| local == "Class" || local.ends_with("Property"))
}

/// The terms that must be documented, each with where it comes from: defined in the
/// ontology (see [`defines_a_term`]) or used anywhere in the data.
fn required_terms() -> BTreeMap<String, Origins> {
    let mut required: BTreeMap<String, Origins> = BTreeMap::new();
    let rdf_type = format!("{RDF}type");
    for source in parsed("ontology", SourceKind::Ontology) {
        for quad in source
            .quads
            .iter()
            .filter(|q| q.predicate.as_str() == rdf_type)
        {
            if let Some(local) = cat_local(&subject(quad))
                && defines_a_term(&quad.object)
            {
                required
                    .entry(local)
                    .or_default()
                    .defined_in
                    .insert(shown(&source.name));
            }
        }
    }
    for source in parsed("data", SourceKind::Data) {
        for quad in &source.quads {
            for local in cat_terms(quad) {
                required
                    .entry(local)
                    .or_default()
                    .used_in
                    .insert(shown(&source.name));
            }
        }
    }
    required
}

/// The local names written as `cat:LocalName` in a text, on word boundaries.
fn mentioned(text: &str) -> BTreeSet<String> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices("cat:") {
        if text[..at].chars().next_back().is_some_and(is_name) {
            continue;
        }
        let rest = &text[at + "cat:".len()..];
        let end = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
        if end > 0 {
            names.insert(rest[..end].to_owned());
        }
    }
    names
}

#[test]
fn mentions_are_found_on_word_boundaries() {
    let names =
        mentioned("`cat:Company`, cat:basedIn* and cat:note. Not xcat:Foo, and cat:Series.");
    let expected: BTreeSet<String> = ["Company", "basedIn", "note", "Series"]
        .map(str::to_owned)
        .into();
    assert_eq!(names, expected);
    assert!(!mentioned("cat:Statements").contains("Statement"));
}

#[test]
fn modelling_doc_mentions_every_term_of_the_ontology_and_data() {
    let doc = std::fs::read_to_string(root().join(DOC)).expect("docs/modelling.md is readable");
    let documented = mentioned(&doc);
    let missing: Vec<String> = required_terms()
        .into_iter()
        .filter(|(local, _)| !documented.contains(local))
        .map(|(local, origins)| format!("cat:{local} ({origins})"))
        .collect();
    assert!(
        missing.is_empty(),
        "{DOC} does not mention: {}",
        missing.join(", ")
    );
}
