//! The files of `ontology/` and `data/` that catena ships, read and parsed as the build
//! scripts that embed them need (catena-graph's, which embeds the graph and its lexicon, and
//! the fuzz targets', which embed the lexicon alone): one listing, one order, one parser, so
//! that every embedded copy is the same graph.

use std::fs;
use std::path::Path;

use oxrdf::{GraphName, NamedNode, Quad};
use oxttl::{NQuadsParser, TriGParser};

use crate::ONTOLOGY_GRAPH;

/// The folders of the workspace whose RDF files are shipped.
pub const DIRS: &[&str] = &["ontology", "data"];

/// The file endings read as RDF: Turtle and TriG (one parser), N-Triples and N-Quads.
pub const RDF_EXTENSIONS: &[&str] = &["ttl", "trig", "nt", "nq"];

/// One shipped file.
pub struct EmbeddedFile {
    /// The path from the workspace root (`data/apertura.trig`), as reports name it.
    pub path: String,
    pub text: String,
    /// Whether its default-graph triples belong to the ontology's graph.
    pub ontology: bool,
}

/// The shipped RDF files under the workspace `root`, folder by folder in [`DIRS`] order and by
/// name within a folder: a stable order makes load order, phrase order and error messages
/// reproducible. Prints `cargo:rerun-if-changed` for every folder and file, for the build
/// script that calls it.
pub fn read(root: &Path) -> Vec<EmbeddedFile> {
    let mut files = Vec::new();
    for dir in DIRS {
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
        names.sort();
        for name in names {
            let path = format!("{dir}/{name}");
            println!("cargo:rerun-if-changed={}", root.join(&path).display());
            let text = fs::read_to_string(root.join(&path))
                .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            files.push(EmbeddedFile {
                path,
                text,
                ontology: *dir == "ontology",
            });
        }
    }
    files
}

impl EmbeddedFile {
    /// The file's quads; default-graph triples of the ontology go to its graph. A syntax
    /// error fails the build with its position (`catena check` gives the same message).
    pub fn quads(&self) -> Vec<Quad> {
        let default_graph = if self.ontology {
            GraphName::NamedNode(NamedNode::new_unchecked(ONTOLOGY_GRAPH))
        } else {
            GraphName::DefaultGraph
        };
        let fix = |mut quad: Quad| {
            if quad.graph_name.is_default_graph() {
                quad.graph_name = default_graph.clone();
            }
            quad
        };
        let bytes = self.text.as_bytes();
        let parsed: Result<Vec<Quad>, String> =
            if self.path.ends_with(".nt") || self.path.ends_with(".nq") {
                NQuadsParser::new()
                    .for_slice(bytes)
                    .map(|q| q.map(fix).map_err(|e| e.to_string()))
                    .collect()
            } else {
                TriGParser::new()
                    .for_slice(bytes)
                    .map(|q| q.map(fix).map_err(|e| e.to_string()))
                    .collect()
            };
        parsed.unwrap_or_else(|e| panic!("{}: {e}", self.path))
    }
}
