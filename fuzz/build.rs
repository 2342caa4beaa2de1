//! The shipped graph's lexicon, for the `question` target: the files of ../ontology and
//! ../data read and parsed as catena-graph's build script reads them (catena-vocab's
//! `embedded`: same files, same order, same parser), and the lexicon computed by the language
//! crate, written as JSON to OUT_DIR. The target thus links the language alone, with no store.

use std::path::Path;
use std::{env, fs};

use catena_language::vocabulary::Vocabulary;
use catena_vocab::{ONTOLOGY_GRAPH, embedded};

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("..");
    let quads: Vec<_> = embedded::read(&root)
        .iter()
        .flat_map(embedded::EmbeddedFile::quads)
        .collect();
    let lexicon = Vocabulary::from_dataset(&quads, ONTOLOGY_GRAPH);
    let json = serde_json::to_string(&lexicon).expect("the lexicon serialises");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("lexicon.json"), json).expect("OUT_DIR is writable");
}
