//! Replays the fuzzers' corpora (`fuzz/corpus/<target>/`) and their findings
//! (`fuzz/regressions/<target>/`) through the same entry points the fuzz targets call, on
//! stable Rust, so that CI checks every input the fuzzers kept without running them. See
//! fuzz/README.md for running the fuzzers themselves.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use catena_language::vocabulary::Vocabulary;

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.is_file()),
        );
    }
    files.sort();
    files
}

/// Runs every input of `target`; a panic names the file that caused it.
fn replay(target: &str, entry: fn(&[u8]), at_least: usize) {
    let files = inputs(target);
    assert!(
        files.len() >= at_least,
        "fuzz/corpus/{target} holds {} inputs; expected at least {at_least}",
        files.len()
    );
    for file in &files {
        let data = std::fs::read(file).expect("a corpus file is readable");
        if std::panic::catch_unwind(|| entry(&data)).is_err() {
            panic!("{} fails (see the panic above)", file.display());
        }
    }
}

/// Through the engine (the answer is run on the embedded graph) and through the language
/// alone over the shipped lexicon, as the `question` fuzz target drives it.
#[test]
fn question_corpus() {
    replay("question", catena::fuzzing::question, 50);
    replay("question", language_question, 50);
}

fn language_question(data: &[u8]) {
    static LEXICON: OnceLock<Vocabulary> = OnceLock::new();
    let lexicon = LEXICON.get_or_init(catena::graph::embedded_vocabulary);
    catena_language::fuzzing::question(data, lexicon);
}

#[test]
fn ecosystem_yaml_corpus() {
    replay("ecosystem_yaml", catena::fuzzing::ecosystem_yaml, 5);
}

#[test]
fn http_request_corpus() {
    replay("http_request", catena::fuzzing::http_request, 15);
}

#[test]
fn ask_query_corpus() {
    replay("ask_query", catena::fuzzing::ask_query, 30);
}
