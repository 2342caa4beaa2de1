//! The shipped graph's lexicon, for the `question` target: the files of ../ontology and
//! ../data parsed as catena-graph's build script parses them (same files, same order), and
//! the lexicon computed by the language crate, written as JSON to OUT_DIR. The target thus
//! links the language alone, with no store.

use std::path::Path;
use std::{env, fs};

use catena_language::vocabulary::Vocabulary;
use catena_vocab::ONTOLOGY_GRAPH;
use oxrdf::{GraphName, NamedNode, Quad};
use oxttl::TriGParser;

const EMBEDDED_DIRS: &[&str] = &["ontology", "data"];
/// The shipped files are Turtle and TriG (TriG's parser reads both).
const RDF_EXTENSIONS: &[&str] = &["ttl", "trig"];

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("..");
    let mut quads: Vec<Quad> = Vec::new();
    for dir in EMBEDDED_DIRS {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
        let mut names: Vec<String> = fs::read_dir(root.join(dir))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|name| {
                        Path::new(name)
                            .extension()
                            .is_some_and(|ext| RDF_EXTENSIONS.iter().any(|known| ext == *known))
                    })
                    .collect()
            })
            .unwrap_or_default();
        // The order catena-graph loads them in, which decides phrase order and labels.
        names.sort();
        for name in names {
            let path = format!("{dir}/{name}");
            println!("cargo:rerun-if-changed={}", root.join(&path).display());
            let text = fs::read_to_string(root.join(&path))
                .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            quads.extend(parse(&path, &text, *dir == "ontology"));
        }
    }
    let lexicon = Vocabulary::from_dataset(&quads, ONTOLOGY_GRAPH);
    let json = serde_json::to_string(&lexicon).expect("the lexicon serialises");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("lexicon.json"), json).expect("OUT_DIR is writable");
}

/// The quads of one file; default-graph triples of the ontology go to its graph.
fn parse(path: &str, text: &str, ontology: bool) -> Vec<Quad> {
    let default_graph = if ontology {
        GraphName::NamedNode(NamedNode::new_unchecked(ONTOLOGY_GRAPH))
    } else {
        GraphName::DefaultGraph
    };
    TriGParser::new()
        .for_slice(text.as_bytes())
        .map(|quad| {
            let mut quad = quad.unwrap_or_else(|e| panic!("{path}: {e}"));
            if quad.graph_name.is_default_graph() {
                quad.graph_name = default_graph.clone();
            }
            quad
        })
        .collect()
}
