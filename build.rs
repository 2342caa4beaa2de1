//! Embeds every file of `ontology/` and `data/` into the binary, so that a fresh
//! `cargo run` answers questions with no set-up and adding a data file needs no code change.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

const EMBEDDED_DIRS: &[&str] = &["ontology", "data"];
const RDF_EXTENSIONS: &[&str] = &["ttl", "trig", "nt", "nq"];

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut generated = String::from("&[\n");
    for dir in EMBEDDED_DIRS {
        println!("cargo:rerun-if-changed={dir}");
        let mut names: Vec<String> = fs::read_dir(Path::new(&manifest_dir).join(dir))
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
        // A stable order makes load order, and so error messages, reproducible.
        names.sort();
        for name in names {
            let path = format!("{dir}/{name}");
            println!("cargo:rerun-if-changed={path}");
            writeln!(
                generated,
                "    ({path:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{path}\"))),"
            )
            .expect("writing to a String cannot fail");
        }
    }
    generated.push_str("]\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, generated).expect("OUT_DIR is writable");
}
