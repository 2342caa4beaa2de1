//! Embeds every file of `ontology/` and `data/` into the binary, so that a fresh
//! `cargo run` answers questions with no set-up and adding a data file needs no code change.
//!
//! Besides the text (for `catena check` and `push`, which report by file), the files are
//! parsed here once and embedded as a table of terms and quads, so that start-up builds the
//! graph without parsing Turtle: a question answered cold pays only for the store.
//!
//! The shipped graph's vocabulary (relation phrases, class plurals, entity names…) is computed
//! here too, with catena-language's `Vocabulary::from_dataset`, and embedded as JSON: a session on the
//! shipped graph starts without reading it from the store.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use oxrdf::{GraphName, Quad, Term};

use catena_language::vocabulary;
use catena_vocab::{ONTOLOGY_GRAPH, embedded};

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // ontology/ and data/ belong to the whole workspace, two levels up from this crate.
    let root = Path::new(&manifest_dir).join("../..");
    let mut generated = String::from("&[\n");
    let mut quads: Vec<Quad> = Vec::new();
    for file in embedded::read(&root) {
        let path = &file.path;
        writeln!(
            generated,
            "    ({path:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../../{path}\"))),"
        )
        .expect("writing to a String cannot fail");
        quads.extend(file.quads());
    }
    generated.push_str("]\n");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("embedded.rs"), generated).expect("OUT_DIR is writable");
    fs::write(
        Path::new(&out_dir).join("embedded_quads.rs"),
        quad_table(&quads),
    )
    .expect("OUT_DIR is writable");
    // The store keeps each distinct quad once: its length holding the shipped graph.
    let distinct: HashSet<&Quad> = quads.iter().collect();
    fs::write(
        Path::new(&out_dir).join("embedded_len.rs"),
        distinct.len().to_string(),
    )
    .expect("OUT_DIR is writable");
    // The vocabulary is computed by the language crate (a build dependency: a change to it
    // reruns this script), as a store holding these quads would give it.
    let vocabulary = serde_json::to_string(&vocabulary::Vocabulary::from_dataset(
        &quads,
        ONTOLOGY_GRAPH,
    ))
    .expect("the vocabulary serialises");
    fs::write(Path::new(&out_dir).join("vocabulary.json"), vocabulary)
        .expect("OUT_DIR is writable");
}

/// Rust source for `(TERMS, QUADS)`: each distinct term once, quads as indices into it.
fn quad_table(quads: &[Quad]) -> String {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut terms = String::from("&[\n");
    let mut quad_rows = String::from("&[\n");
    let mut term_id = |key: String, code: String, terms: &mut String| -> usize {
        let next = index.len();
        *index.entry(key).or_insert_with(|| {
            writeln!(terms, "    {code},").expect("writing to a String cannot fail");
            next
        })
    };
    for quad in quads {
        let subject = match &quad.subject {
            oxrdf::NamedOrBlankNode::NamedNode(n) => term_id(
                format!("<{}>", n.as_str()),
                format!("E::Iri({:?})", n.as_str()),
                &mut terms,
            ),
            oxrdf::NamedOrBlankNode::BlankNode(b) => term_id(
                format!("_:{}", b.as_str()),
                format!("E::Blank({:?})", b.as_str()),
                &mut terms,
            ),
        };
        let predicate = term_id(
            format!("<{}>", quad.predicate.as_str()),
            format!("E::Iri({:?})", quad.predicate.as_str()),
            &mut terms,
        );
        let object = match &quad.object {
            Term::NamedNode(n) => term_id(
                format!("<{}>", n.as_str()),
                format!("E::Iri({:?})", n.as_str()),
                &mut terms,
            ),
            Term::BlankNode(b) => term_id(
                format!("_:{}", b.as_str()),
                format!("E::Blank({:?})", b.as_str()),
                &mut terms,
            ),
            Term::Literal(l) => {
                let code = match l.language() {
                    Some(language) => format!("E::Lang({:?}, {language:?})", l.value()),
                    None => format!("E::Typed({:?}, {:?})", l.value(), l.datatype().as_str()),
                };
                term_id(l.to_string(), code, &mut terms)
            }
            #[allow(unreachable_patterns)]
            _ => panic!("unsupported term in {quad}"),
        };
        let graph = match &quad.graph_name {
            GraphName::NamedNode(n) => term_id(
                format!("<{}>", n.as_str()),
                format!("E::Iri({:?})", n.as_str()),
                &mut terms,
            ),
            GraphName::BlankNode(b) => term_id(
                format!("_:{}", b.as_str()),
                format!("E::Blank({:?})", b.as_str()),
                &mut terms,
            ),
            GraphName::DefaultGraph => term_id("default".into(), "E::Default".into(), &mut terms),
        };
        writeln!(
            quad_rows,
            "    [{subject}, {predicate}, {object}, {graph}],"
        )
        .expect("writing to a String cannot fail");
    }
    terms.push(']');
    quad_rows.push(']');
    format!("({terms}, {quad_rows})\n")
}
