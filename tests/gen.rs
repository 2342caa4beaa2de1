//! End-to-end tests of `catena gen`: the generated graph passes `catena check`, every form
//! of the question language has answers on it, .nt output loads, and bad arguments are usage
//! errors.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// A `catena` command with no user configuration leaking in.
fn catena() -> Command {
    let mut cmd = Command::cargo_bin("catena").expect("the catena binary is built");
    cmd.env_remove("CATENA_HISTORY").env("NO_COLOR", "1");
    cmd
}

/// A temporary folder that lives as long as the test binary, with one generated graph in it.
fn generated(file_name: &str) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    let path = dir.path().join(file_name);
    if !path.exists() {
        catena()
            .args(["gen", "--entities", "2000", "--seed", "7"])
            .arg(&path)
            .assert()
            .success()
            .stderr(predicate::str::contains("entities").and(predicate::str::contains("triples")));
    }
    path
}

/// Every question form of the language (see tests/translations.rs and `.help`), in English
/// and Italian, with the generator's anchor labels.
const QUESTIONS: &[&str] = &[
    "who depends on \"Chip 0\"",
    "chi dipende da \"Chip 0\"",
    "what does \"Model 5\" depend on",
    "da cosa dipende \"Model 5\"",
    "who depends on \"Model 0\" transitively",
    "chi dipende da \"Company 3\" transitivamente",
    "who invested in \"Company 1\"",
    "chi ha investito in \"Company 1\"",
    "investments by \"Company 0\"",
    "investimenti di \"Company 0\"",
    "investments in \"Company 1\"",
    "open-source releases",
    "open-source releases by \"Company 0\"",
    "open-source releases in 2025",
    "open-source releases by companies in \"Country 0\"",
    "rilasci open source di \"Company 0\"",
    "exclusive cloud deals",
    "accordi cloud esclusivi",
    "cloud deals",
    "who is the cloud provider of \"Company 1\"",
    "chi è il fornitore cloud di \"Company 1\"",
    "concerns raised by \"Regulator 0\"",
    "preoccupazioni sollevate da \"Regulator 0\"",
    "concerns about \"Company 0\"",
    "who raised concerns about \"Company 0\"",
    "list companies in \"Country 0\"",
    "elenca aziende in \"Country 0\"",
    "companies in \"Country 0\"",
    "list regulators",
    "list models by \"Company 0\"",
    "elenca modelli di \"Company 0\"",
    "open models by \"Company 0\" in 2024",
    "modelli aperti di \"Company 0\" nel 2023",
    "list open models",
    "count open models by developer",
    "who builds on \"Chip 0\"",
    "who is member of \"Alliance 0\"",
    "traffic share of \"Chatbot 0\"",
    "quota di traffico di \"Chatbot 0\"",
    "revenue of \"Company 0\"",
    "count models by developer",
    "conta modelli per sviluppatore",
    "count companies by country",
    "top 3 chatbots by traffic share",
    "describe \"Chip 0\"",
    "descrivi \"Chip 0\"",
    "path from \"Chatbot 1\" to \"Chip 0\"",
    "percorso da \"Chatbot 1\" a \"Chip 0\"",
    "investments by \"Company 0\" since 2023",
    "who invested in \"Company 1\" in 2023",
    "open-source releases prima del 2025",
    "open-source releases before 2025",
    "revenue of \"Company 0\" since 2022",
    "concerns raised by \"Regulator 0\" before 2025",
    "list models by \"Company 0\" in 2020",
    "who invested in \"Company 1\" with sources",
    "chi dipende da \"Chip 0\" con fonti",
];

/// Asks every question in one run (`-e` … `--format json`) and returns each answer's rows.
fn answers(data: &Path, questions: &[&str]) -> Vec<Vec<Value>> {
    let mut command = catena();
    command.arg("--data").arg(data).args(["--format", "json"]);
    for question in questions {
        command.args(["-e", question]);
    }
    let output = command.output().expect("catena runs");
    assert!(
        output.status.success(),
        "a question failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answers: Vec<Vec<Value>> = serde_json::Deserializer::from_slice(&output.stdout)
        .into_iter::<Value>()
        .map(|answer| {
            let answer = answer.expect("catena prints SPARQL JSON results");
            answer["results"]["bindings"]
                .as_array()
                .expect("a bindings array")
                .clone()
        })
        .collect();
    assert_eq!(answers.len(), questions.len(), "one answer per question");
    answers
}

fn value<'a>(row: &'a Value, var: &str) -> Option<&'a str> {
    row[var]["value"].as_str()
}

#[test]
fn the_generated_graph_passes_check() {
    catena()
        .arg("--data")
        .arg(generated("check.nq"))
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: "));
}

#[test]
fn every_question_form_has_answers() {
    let data = generated("questions.nq");
    let answers = answers(&data, QUESTIONS);
    for (question, rows) in QUESTIONS.iter().zip(&answers) {
        assert!(!rows.is_empty(), "no answer to `{question}`");
    }
    let answer = |question: &str| -> &Vec<Value> {
        let index = QUESTIONS
            .iter()
            .position(|q| *q == question)
            .unwrap_or_else(|| panic!("`{question}` is not in QUESTIONS"));
        &answers[index]
    };

    // Transitive answers go further than one step.
    let transitive = answer("who depends on \"Model 0\" transitively");
    let steps: Vec<u64> = transitive
        .iter()
        .filter_map(|row| value(row, "steps")?.parse().ok())
        .collect();
    assert!(steps.iter().any(|&s| s > 1), "{steps:?}");
    assert!(
        steps.iter().any(|&s| s >= 3),
        "chains are deeper: {steps:?}"
    );

    // The path reaches its end.
    let path = answer("path from \"Chatbot 1\" to \"Chip 0\"");
    let last = path.last().expect("a path");
    assert_eq!(value(last, "to_label"), Some("Chip 0"));
    assert_eq!(value(&path[0], "from_label"), Some("Chatbot 1"));

    // The hubs are the hubs.
    let top = answer("top 3 chatbots by traffic share");
    assert_eq!(top.len(), 3);
    assert_eq!(value(&top[0], "subject_label"), Some("Chatbot 0"));
    let developers = answer("count models by developer");
    assert_eq!(value(&developers[0], "group_label"), Some("Company 0"));
    let countries = answer("count companies by country");
    assert_eq!(value(&countries[0], "group_label"), Some("Country 0"));
    let providers = answer("who is the cloud provider of \"Company 1\"");
    assert!(
        providers
            .iter()
            .any(|row| value(row, "answer_label") == Some("Company 0")),
        "{providers:?}"
    );
    let exclusive = answer("exclusive cloud deals");
    assert!(
        exclusive
            .iter()
            .all(|row| value(row, "exclusive") == Some("true"))
    );

    // Time filters filter.
    for row in answer("investments by \"Company 0\" since 2023") {
        let date = value(row, "date").expect("a date");
        assert!(&date[..4] >= "2023", "{date}");
    }
    for row in answer("open-source releases before 2025") {
        let date = value(row, "date").expect("a date");
        assert!(&date[..4] < "2025", "{date}");
    }

    // Sources name the generated document's passages.
    for row in answer("who invested in \"Company 1\" with sources") {
        assert!(
            value(row, "document_label")
                .is_some_and(|l| l.starts_with("Synthetic value-chain graph")),
            "{row}"
        );
        assert!(
            value(row, "source").is_some_and(|s| s.starts_with("companies ")),
            "{row}"
        );
    }
}

#[test]
fn the_same_size_and_seed_give_the_same_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, seed: &str| {
        let path = dir.path().join(name);
        catena()
            .args(["gen", "--entities", "500", "--seed", seed])
            .arg(&path)
            .assert()
            .success();
        std::fs::read(&path).expect("the file is written")
    };
    let first = write("a.nq", "3");
    assert_eq!(first, write("b.nq", "3"));
    assert_ne!(first, write("c.nq", "4"));
}

#[test]
fn n_triples_output_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("graph.nt");
    catena()
        .args(["gen", "--triples", "20000", "--seed", "1"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("triples"));
    let text = std::fs::read_to_string(&path).expect("the file is written");
    let lines = text.lines().count();
    assert!((17_000..23_000).contains(&lines), "{lines} triples");
    assert!(text.lines().all(|line| line.ends_with(" .")));
    let answers = answers(
        &path,
        &[
            "who depends on \"Chip 0\"",
            "who depends on \"Model 0\" transitively",
            "top 3 chatbots by traffic share",
        ],
    );
    assert!(answers.iter().all(|rows| !rows.is_empty()));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let in_dir = |name: &str| dir.path().join(name).display().to_string();
    let cases: [&[&str]; 6] = [
        &["gen", "--entities", "100", "-"],
        &["gen", "--entities", "100", &in_dir("graph.ttl")],
        &["gen", "--entities", "100", &in_dir("graph")],
        &["gen", &in_dir("graph.nq")],
        &[
            "gen",
            "--entities",
            "100",
            "--triples",
            "1000",
            &in_dir("graph.nq"),
        ],
        &["gen", "--entities", "0", &in_dir("graph.nq")],
    ];
    for args in cases {
        catena()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::is_empty().not());
    }
    catena()
        .args(["gen", "--entities", "100", "-"])
        .assert()
        .stderr(predicate::str::contains(".nq"));
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("readable").count(),
        0,
        "nothing is written on a usage error"
    );
}
