#![no_main]
//! See `catena_language::fuzzing::question`: the language alone, over the shipped graph's
//! lexicon (computed by ../build.rs), with no store.

use std::sync::OnceLock;

use catena_language::vocabulary::Vocabulary;
use libfuzzer_sys::fuzz_target;

/// The lexicon, read once per process.
fn lexicon() -> &'static Vocabulary {
    static LEXICON: OnceLock<Vocabulary> = OnceLock::new();
    LEXICON.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/lexicon.json")))
            .expect("build.rs wrote a lexicon that reads back")
    })
}

fuzz_target!(|data: &[u8]| catena_language::fuzzing::question(data, lexicon()));
