//! Persistent stores and loading, end to end through the binary (built with `--features
//! rocksdb`): every load format, gzip, named graphs, an atomic failed load, reopening a store
//! in another process, a store held by another process, refused or allowed updates, and a
//! load killed with SIGKILL midway.
#![cfg(feature = "rocksdb")]

mod common;

use std::io::Write as _;
use std::path::Path;

use common::catena;
use predicates::prelude::*;

const FORMATS: &str = "tests/fixtures/formats";

fn store_arg(dir: &Path) -> String {
    dir.to_str().expect("UTF-8 temp path").to_owned()
}

/// The number of quads in the store, as `catena store init` reports it for an existing store.
fn quads(dir: &Path) -> usize {
    let output = catena()
        .args(["store", "init", &store_arg(dir)])
        .output()
        .expect("catena runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    text.rsplit('(')
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {text}"))
}

fn ask(dir: &Path, query: &str) -> bool {
    let output = catena()
        .args([
            "--store",
            &store_arg(dir),
            "sparql",
            "--format",
            "json",
            query,
        ])
        .output()
        .expect("catena runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    json["boolean"].as_bool().expect("ASK result")
}

#[test]
fn a_new_store_holds_the_shipped_graph_and_answers_questions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    catena()
        .args(["store", "init", &store_arg(&store)])
        .assert()
        .success()
        .stdout(predicate::str::contains("created the store"));
    assert!(quads(&store) > 2000);
    // A second process opens the same store and finds the data.
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "-e",
            "what does NVIDIA depend on",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("TSMC"));
}

#[test]
fn every_format_loads_into_its_graph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    let cases = [
        ("acme.ttl", "Acme Turtle", Some("http://example.org/g-ttl")),
        ("acme.nt", "Acme N-Triples", Some("http://example.org/g-nt")),
        ("acme.rdf", "Acme RDF/XML", Some("http://example.org/g-rdf")),
        (
            "acme.jsonld",
            "Acme JSON-LD",
            Some("http://example.org/g-jsonld"),
        ),
        ("acme.nq", "Acme N-Quads", None),
        ("acme.trig", "Acme TriG", None),
    ];
    for (file, label, graph) in cases {
        let path = format!("{FORMATS}/{file}");
        let mut command = catena();
        command.args(["--store", &store_arg(&store), "load", &path]);
        if let Some(graph) = graph {
            command.args(["--graph", graph]);
        }
        command
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "{path}: 2 triples read, 2 added (atomic load"
            )));
        let graph = graph.map(str::to_owned).unwrap_or_else(|| {
            format!(
                "http://example.org/from-{}",
                file.rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .replace("nq", "nquads")
            )
        });
        assert!(
            ask(
                &store,
                &format!("ASK {{ GRAPH <{graph}> {{ ent:Acme rdfs:label \"{label}\"@en }} }}")
            ),
            "{file} should be in {graph}"
        );
    }
}

#[test]
fn gzip_is_read_transparently_and_format_can_be_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    let gz = dir.path().join("acme.nt.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).expect("create"),
        flate2::Compression::fast(),
    );
    encoder
        .write_all(&std::fs::read(format!("{FORMATS}/acme.nt")).expect("fixture"))
        .expect("write");
    encoder.finish().expect("finish");
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "load",
            gz.to_str().expect("path"),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 triples read, 2 added"));
    let odd_name = dir.path().join("acme.data");
    std::fs::copy(format!("{FORMATS}/acme.ttl"), &odd_name).expect("copy");
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "load",
            odd_name.to_str().expect("path"),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot tell the RDF format"));
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "load",
            "--rdf-format",
            "turtle",
            odd_name.to_str().expect("path"),
        ])
        .assert()
        .success();
}

#[test]
fn a_failed_atomic_load_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    let before = quads(&store);
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "load",
            &format!("{FORMATS}/broken.ttl"),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("{FORMATS}/broken.ttl:4:")));
    assert_eq!(quads(&store), before);
    assert!(!ask(&store, "ASK { ent:Broken ?p ?o }"));
}

#[test]
fn bulk_loads_report_what_they_added() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    let before = quads(&store);
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "load",
            "--bulk",
            &format!("{FORMATS}/acme.nq"),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 added (bulk load"));
    assert_eq!(quads(&store), before + 2);
}

#[test]
fn updates_are_refused_unless_allowed_and_then_persist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    let insert =
        "INSERT DATA { GRAPH <http://example.org/notes> { ent:NVIDIA rdfs:comment \"checked\" } }";
    catena()
        .args(["--store", &store_arg(&store), "sparql", insert])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refused"));
    assert!(!ask(&store, "ASK { ent:NVIDIA rdfs:comment \"checked\" }"));
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "sparql",
            "--allow-update",
            insert,
        ])
        .assert()
        .success();
    assert!(ask(&store, "ASK { ent:NVIDIA rdfs:comment \"checked\" }"));
}

#[test]
fn a_store_in_use_or_a_foreign_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    quads(&store);
    let held = oxigraph::store::Store::open(&store).expect("the test holds the store");
    catena()
        .args(["--store", &store_arg(&store), "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("in use by another process"));
    drop(held);
    let foreign = dir.path().join("photos");
    std::fs::create_dir(&foreign).expect("mkdir");
    std::fs::write(foreign.join("cat.jpg"), b"not rdf").expect("write");
    catena()
        .args(["--store", &store_arg(&foreign), "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a catena store"));
    assert!(
        !foreign.join("CURRENT").exists(),
        "nothing was written into the folder"
    );
}

/// Starts `catena --store DIR load [--bulk] FILE`, kills it with SIGKILL after `after`, and
/// returns whether it was still running then (false: it had finished first).
fn kill_load_after(dir: &Path, file: &Path, bulk: bool, after: std::time::Duration) -> bool {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("catena"));
    command.args(["--store", &store_arg(dir), "load"]);
    if bulk {
        command.arg("--bulk");
    }
    let mut child = command
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("catena starts");
    std::thread::sleep(after);
    let running = child.try_wait().expect("the load's status").is_none();
    // Child::kill sends SIGKILL on Unix: no handler, no flush, no clean close.
    let _ = child.kill();
    let _ = child.wait();
    running
}

#[test]
fn a_load_killed_midway_leaves_a_store_that_opens_with_all_or_nothing_of_it() {
    let work = tempfile::tempdir().expect("temp dir");
    let file = work.path().join("big.nt");
    let generated = catena()
        .args(["gen", "--triples", "300000", "--seed", "3"])
        .arg(&file)
        .output()
        .expect("catena gen runs");
    assert!(generated.status.success());
    let triples = std::fs::read_to_string(&file)
        .expect("the file")
        .lines()
        .count();

    // Atomic: one transaction, so a kill before its commit leaves nothing of the file.
    let atomic = work.path().join("atomic");
    let before = quads(&atomic);
    let killed = kill_load_after(&atomic, &file, false, std::time::Duration::from_millis(700));
    let after = quads(&atomic);
    assert!(
        after == before || after == before + triples,
        "an atomic load killed midway left {} of {triples} triples",
        after - before
    );
    if killed {
        assert_eq!(
            after, before,
            "the transaction was not committed, so nothing is there"
        );
    }
    // The store is whole: it answers, and a new load completes.
    assert!(ask(&atomic, "ASK { ent:NVIDIA ?p ?o }"));
    catena()
        .args(["--store", &store_arg(&atomic), "load"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(quads(&atomic), before + triples);

    // Bulk: written in batches, so a kill leaves a part of the file (documented), in a store
    // that opens without repair and takes the rest when the load is run again.
    let bulk = work.path().join("bulk");
    let before = quads(&bulk);
    kill_load_after(&bulk, &file, true, std::time::Duration::from_millis(700));
    let after = quads(&bulk);
    assert!(
        (before..=before + triples).contains(&after),
        "a bulk load killed midway left {after} quads (from {before})"
    );
    assert!(ask(&bulk, "ASK { ent:NVIDIA ?p ?o }"));
    catena()
        .args(["--store", &store_arg(&bulk), "load", "--bulk"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(quads(&bulk), before + triples);
}

/// The store's kept lexicon, as JSON (the first line names the catena that wrote it).
fn kept_lexicon(store: &Path) -> (String, serde_json::Value) {
    let text = std::fs::read_to_string(store.join("catena-lexicon.json")).expect("a kept lexicon");
    let (header, json) = text.split_once('\n').expect("a header line");
    (
        header.to_owned(),
        serde_json::from_str(json).expect("the kept lexicon is JSON"),
    )
}

fn question(store: &Path, question: &str) -> assert_cmd::assert::Assert {
    catena()
        .args(["--store", &store_arg(store), "-e", question])
        .assert()
}

#[test]
fn the_store_keeps_its_lexicon_and_every_change_through_catena_renews_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("kg");
    quads(&store);
    let (header, mut lexicon) = kept_lexicon(&store);
    assert!(header.starts_with("catena-lexicon "), "{header}");

    // Questions resolve with the kept lexicon, not with names read again from the store: a
    // name given to NVIDIA in the kept file alone is understood.
    let nvidia = lexicon["entities"]
        .as_array_mut()
        .expect("entities")
        .iter_mut()
        .find(|e| e["label"] == "NVIDIA")
        .expect("NVIDIA is kept");
    nvidia["names"]
        .as_array_mut()
        .expect("names")
        .push("Zzyzx Chips".into());
    std::fs::write(
        store.join("catena-lexicon.json"),
        format!("{header}\n{lexicon}"),
    )
    .expect("writes");
    question(&store, "what does Zzyzx Chips depend on")
        .success()
        .stdout(predicate::str::contains("TSMC"));

    // A load renews it from the store: the new entity is known, the planted name is gone.
    let file = dir.path().join("acme.ttl");
    std::fs::write(
        &file,
        "@prefix ent: <https://w3id.org/catena/entity/> .\n\
         @prefix cat: <https://w3id.org/catena/ontology#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         ent:AcmeFoundry a cat:Company ; rdfs:label \"Acme Foundry\"@en .\n\
         ent:NVIDIA cat:dependsOn ent:AcmeFoundry .\n",
    )
    .expect("writes");
    catena()
        .args(["--store", &store_arg(&store), "load"])
        .arg(&file)
        .assert()
        .success();
    let (_, renewed) = kept_lexicon(&store);
    assert!(!renewed.to_string().contains("Zzyzx"));
    assert!(renewed.to_string().contains("Acme Foundry"));
    question(&store, "who depends on Acme Foundry")
        .success()
        .stdout(predicate::str::contains("NVIDIA"));
    question(&store, "what does Zzyzx Chips depend on")
        .code(1)
        .stderr(predicate::str::contains("unknown entity"));

    // An update renews it too.
    catena()
        .args([
            "--store",
            &store_arg(&store),
            "sparql",
            "--allow-update",
            "INSERT DATA { GRAPH <http://example.org/notes> { ent:AcmeFoundry skos:altLabel \"Acme\"@en } }",
        ])
        .assert()
        .success();
    assert!(kept_lexicon(&store).1.to_string().contains("\"Acme\""));
    question(&store, "who depends on Acme")
        .success()
        .stdout(predicate::str::contains("NVIDIA"));

    // A lexicon another catena wrote, or a damaged one, is read again from the store and kept.
    for stale in ["catena-lexicon 0.0.0\n{}", "catena-lexicon\nnot json"] {
        std::fs::write(store.join("catena-lexicon.json"), stale).expect("writes");
        question(&store, "who depends on Acme Foundry")
            .success()
            .stdout(predicate::str::contains("NVIDIA"));
        assert!(kept_lexicon(&store).1.to_string().contains("Acme Foundry"));
    }
}
