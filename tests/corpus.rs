//! The question corpus (`tests/corpus/*.questions`, format in its README): every question,
//! asked through the binary, gives its case's answer; the SPARQL each compiles to is kept as
//! a snapshot, one per corpus file.

mod common;

use std::path::{Path, PathBuf};

/// One case: questions that must all give `answer` (a column's values, in order, merged).
struct Case {
    line: usize,
    questions: Vec<String>,
    /// The column checked: the first, or the one named in brackets (`=[date] …`).
    column: Option<String>,
    answer: Vec<String>,
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/corpus")
        .expect("tests/corpus exists")
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "questions"))
        .collect();
    files.sort();
    files
}

fn cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("the corpus file reads");
    let mut cases = Vec::new();
    let mut questions: Vec<String> = Vec::new();
    let mut first_line = 0;
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            assert!(
                questions.is_empty(),
                "{}:{}: a case ends with its `=` line",
                path.display(),
                number + 1
            );
            continue;
        }
        if let Some(answer) = line.strip_prefix('=') {
            assert!(
                !questions.is_empty(),
                "{}:{}: an answer with no question",
                path.display(),
                number + 1
            );
            let (column, answer) = match answer.trim().strip_prefix('[') {
                Some(rest) => match rest.split_once(']') {
                    Some((column, answer)) => (Some(column.to_owned()), answer.trim()),
                    None => panic!("{}:{}: `=[column]`", path.display(), number + 1),
                },
                None => (None, answer.trim()),
            };
            cases.push(Case {
                line: first_line,
                column,
                questions: std::mem::take(&mut questions),
                answer: if answer.is_empty() {
                    vec![]
                } else {
                    answer.split(" | ").map(str::to_owned).collect()
                },
            });
            continue;
        }
        if questions.is_empty() {
            first_line = number + 1;
        }
        questions.push(line.to_owned());
    }
    assert!(
        questions.is_empty(),
        "{}: the last case has no `=` line",
        path.display()
    );
    cases
}

/// The values of the answer's first column, or of `column` (labels where the answer has
/// them), merged.
fn column_values(question: &str, column: Option<&str>) -> Vec<String> {
    let output = common::catena()
        .args(["--format", "json", "-e", question])
        .output()
        .expect("catena runs");
    assert!(
        output.status.success(),
        "`{question}` failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("SPARQL JSON");
    let var = match column {
        Some(column) => column.to_owned(),
        None => json["head"]["vars"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    };
    let vars = json["head"]["vars"].as_array().expect("head vars");
    assert!(
        vars.iter().any(|v| v.as_str() == Some(var.as_str())),
        "`{question}` has no column `{var}`: {vars:?}"
    );
    let mut values: Vec<String> = Vec::new();
    for binding in json["results"]["bindings"].as_array().expect("bindings") {
        let term = binding
            .get(format!("{var}_label"))
            .or_else(|| binding.get(&var));
        let value = term
            .and_then(|t| t["value"].as_str())
            .unwrap_or_default()
            .to_owned();
        if !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

fn explained(question: &str) -> String {
    let output = common::catena()
        .args(["-e", &format!("explain {question}")])
        .output()
        .expect("catena runs");
    assert!(output.status.success(), "explain `{question}` failed");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| !line.starts_with("PREFIX "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_question_of_the_corpus_gives_its_answer() {
    let mut failures = Vec::new();
    let mut asked = 0;
    for path in corpus_files() {
        let mut sparql = String::new();
        for case in cases(&path) {
            for question in &case.questions {
                asked += 1;
                let got = column_values(question, case.column.as_deref());
                if got != case.answer {
                    failures.push(format!(
                        "{}:{}: `{question}`\n  expected: {}\n  got:      {}",
                        path.display(),
                        case.line,
                        case.answer.join(" | "),
                        got.join(" | ")
                    ));
                }
                sparql.push_str(&format!("## {question}\n{}\n\n", explained(question)));
            }
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("corpus")
            .to_owned();
        insta::assert_snapshot!(format!("corpus_{name}"), sparql);
    }
    assert!(asked >= 100, "the corpus holds {asked} questions");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
