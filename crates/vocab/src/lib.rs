//! Namespaces of catena's vocabulary and the prefixes every SPARQL query gets for free, and
//! [`cat`](mod@cat): a typed constant for every term of the ontology, generated from it at build time.

/// Every term the ontology declares in its namespace, as a typed IRI named as in the
/// ontology (`cat::dependsOn`, `cat::Company`), beside oxrdf's own `vocab::{rdf, rdfs, xsd}`.
#[allow(non_upper_case_globals)]
pub mod cat {
    // Named exactly as the ontology names them: classes and properties that differ only in
    // case (`cat::AccessLevel`, `cat::accessLevel`) stay distinct.
    use oxrdf::NamedNodeRef;
    include!(concat!(env!("OUT_DIR"), "/cat_terms.rs"));
}

pub use oxrdf::vocab::{rdf, rdfs, xsd};

#[cfg(feature = "embedded")]
pub mod embedded;

/// A SPARQL parser that knows catena's [`PREFIXES`], as every query catena runs is parsed.
#[cfg(feature = "sparql")]
pub fn sparql_parser() -> spargebra::SparqlParser {
    PREFIXES
        .iter()
        .fold(spargebra::SparqlParser::new(), |parser, (prefix, iri)| {
            parser
                .with_prefix(*prefix, *iri)
                .expect("the predefined prefix IRIs are valid")
        })
}

/// catena's ontology: classes, properties, measures, concern themes.
pub const CAT: &str = "https://w3id.org/catena/ontology#";
/// Named things of the value chain: organisations, places, products, initiatives…
pub const ENT: &str = "https://w3id.org/catena/entity/";
/// N-ary statement nodes: investments, agreements, releases, concerns, observations.
pub const STMT: &str = "https://w3id.org/catena/statement/";
/// Source documents and the passages (named graphs) that cite them.
pub const SRC: &str = "https://w3id.org/catena/source/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const SCHEMA: &str = "https://schema.org/";

/// The named graph the ontology is loaded into.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/catena/ontology";
/// The named graph that describes the source documents and their passages.
pub const CATALOGUE_GRAPH: &str = "https://w3id.org/catena/source/catalogue";

/// Prefixes predefined for SPARQL queries and used to abbreviate IRIs in tables,
/// most specific first so that abbreviation picks the longest match.
pub const PREFIXES: &[(&str, &str)] = &[
    ("cat", CAT),
    ("ent", ENT),
    ("stmt", STMT),
    ("src", SRC),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("prov", PROV),
    ("dcterms", DCTERMS),
    ("schema", SCHEMA),
];

/// `PREFIX p: <iri>` lines for the predefined prefixes named in `names`, in their order, or
/// for all of them.
pub fn prologue(names: Option<&[&str]>) -> String {
    let line = |(prefix, iri): &(&str, &str)| format!("PREFIX {prefix}: <{iri}>\n");
    match names {
        None => PREFIXES.iter().map(line).collect(),
        Some(names) => names
            .iter()
            .filter_map(|name| PREFIXES.iter().find(|(p, _)| p == name))
            .map(line)
            .collect(),
    }
}

/// An IRI in catena's ontology namespace.
pub fn cat(local: &str) -> String {
    format!("{CAT}{local}")
}

/// Abbreviates an IRI with the predefined prefixes (`ent:NVIDIA`), or returns `<iri>`.
pub fn compact(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter_map(|(prefix, ns)| {
            let local = iri.strip_prefix(ns)?;
            is_simple_local_name(local).then(|| format!("{prefix}:{local}"))
        })
        .next()
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// Whether `local` can be written after a prefix without escaping in Turtle and SPARQL.
fn is_simple_local_name(local: &str) -> bool {
    !local.is_empty()
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && local
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ontology_terms_are_typed_constants() {
        assert_eq!(cat::dependsOn.as_str(), format!("{CAT}dependsOn"));
        assert_ne!(cat::AccessLevel, cat::accessLevel);
        assert_eq!(compact(cat::Company.as_str()), "cat:Company");
    }

    #[test]
    fn compacts_known_namespaces() {
        assert_eq!(compact(&format!("{ENT}NVIDIA")), "ent:NVIDIA");
        assert_eq!(
            compact(&format!("{SRC}assetti-sec1.1")),
            "src:assetti-sec1.1"
        );
        assert_eq!(compact(&cat("dependsOn")), "cat:dependsOn");
    }

    #[test]
    fn keeps_unknown_or_awkward_iris_whole() {
        assert_eq!(compact("http://example.org/x"), "<http://example.org/x>");
        assert_eq!(compact(&format!("{ENT}a/b")), format!("<{ENT}a/b>"));
        assert_eq!(compact(&format!("{ENT}end.")), format!("<{ENT}end.>"));
        assert_eq!(compact(ENT), format!("<{ENT}>"));
    }
}
