//! Generates a typed constant for every term the ontology declares in catena's namespace
//! (`cat::dependsOn`, `cat::Company`…), so that code naming an ontology term is checked by the
//! compiler against ontology/catena.ttl instead of failing at run time on a misspelt string.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use oxrdf::NamedOrBlankNode;
use oxttl::TurtleParser;

const CAT: &str = "https://w3id.org/catena/ontology#";

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let ontology = Path::new(&manifest_dir).join("../../ontology/catena.ttl");
    println!("cargo:rerun-if-changed={}", ontology.display());
    let text = fs::read_to_string(&ontology)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", ontology.display()));
    let mut locals = BTreeSet::new();
    for triple in TurtleParser::new().for_slice(text.as_bytes()) {
        let triple = triple.unwrap_or_else(|e| panic!("ontology/catena.ttl: {e}"));
        if let NamedOrBlankNode::NamedNode(subject) = &triple.subject
            && let Some(local) = subject.as_str().strip_prefix(CAT)
            && is_rust_identifier(local)
        {
            locals.insert(local.to_owned());
        }
    }
    let mut generated = String::new();
    for local in &locals {
        writeln!(
            generated,
            "/// `cat:{local}`\npub const {local}: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(\"{CAT}{local}\");"
        )
        .expect("writing to a String cannot fail");
    }
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("cat_terms.rs"), generated).expect("OUT_DIR is writable");
}

/// Local names that are Rust identifiers as they are (the ontology's are camelCase words).
fn is_rust_identifier(local: &str) -> bool {
    local
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
