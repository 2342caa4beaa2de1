//! Questions and SPARQL against a remote SPARQL endpoint (`--endpoint URL`), and `catena push`
//! filling one: here the remote engine is `catena serve` on a loopback port, started empty of
//! the shipped facts (it serves a small fixture), so everything the questions find was pushed.

mod common;

use common::{ServeProcess, catena};
use predicates::prelude::*;

fn json(args: &[&str]) -> serde_json::Value {
    let output = catena().args(args).output().expect("catena runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn push_then_the_same_questions_give_the_same_answers_remotely() {
    let server = ServeProcess::start(&["--data", "tests/fixtures/valid"], &["--allow-update"]);
    let url = server.sparql_url();

    // Before the push the remote engine knows nothing of NVIDIA: a clear error, exit 1.
    catena()
        .args(["--endpoint", &url, "-e", "who depends on NVIDIA"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown entity `NVIDIA`"));

    catena()
        .args(["push", "--endpoint", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("named graphs to"));

    for question in [
        "who depends on NVIDIA",
        "chi dipende da TSMC transitivamente",
        "who invested in OpenAI with sources",
        "path from OpenAI to TSMC",
        "concerns raised by FTC",
        "traffic share of ChatGPT",
    ] {
        let local = json(&["--format", "json", "-e", question]);
        let remote = json(&["--endpoint", &url, "--format", "json", "-e", question]);
        assert_eq!(local, remote, "{question}");
        assert!(
            !local["results"]["bindings"]
                .as_array()
                .expect("rows")
                .is_empty(),
            "{question} has answers"
        );
    }

    let ask = json(&[
        "--endpoint",
        &url,
        "sparql",
        "--format",
        "json",
        "ASK { ent:TSMC cat:manufacturesFor ent:NVIDIA }",
    ]);
    assert_eq!(ask["boolean"], true);
    catena()
        .args(["--endpoint", &url, "sparql", "SELECT ?x WHERE { ?x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("HTTP 400"));
}

#[test]
fn an_unreachable_or_wrong_endpoint_is_a_clear_error() {
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    catena()
        .args([
            "--endpoint",
            "http://127.0.0.1:9/sparql",
            "-e",
            "who depends on NVIDIA",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot read entity names from the endpoint",
        ));
    catena()
        .args([
            "--endpoint",
            "ftp://example.org/sparql",
            "-e",
            "list regulators",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an http:// or https:// URL"));
    catena()
        .args(["--endpoint", "http://127.0.0.1:9/sparql", "stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--endpoint applies to questions"));
}
