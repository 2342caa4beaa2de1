//! The bad-input corpus (`tests/bad_inputs/`, see its README): every malformed or hostile
//! input gets its exact message and exit code, checked against one insta snapshot, and never
//! a panic.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use common::catena;

/// What catena printed on standard error (at most 12 lines of at most 240 characters, so that
/// an echoed 1 MB input stays readable) and its exit code.
fn outcome(output: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut text = String::new();
    for line in stderr.lines().take(12) {
        let shown: String = line.chars().take(240).collect();
        let cut = if shown.len() < line.len() { " …" } else { "" };
        writeln!(text, "  {shown}{cut}").expect("String");
    }
    let code = output
        .status
        .code()
        .map_or_else(|| "killed by a signal".to_owned(), |c| c.to_string());
    format!("exit {code}\n{text}")
}

fn run(name: &str, args: &[&str], stdin: Option<Vec<u8>>) -> String {
    let mut command = catena();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .timeout(Duration::from_secs(60));
    command.write_stdin(stdin.unwrap_or_default());
    let output = command.output().expect("catena runs");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "{name}: catena panicked:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    format!("## {name}\n{}", outcome(&output))
}

#[test]
fn bad_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "README.md")
        .collect();
    names.sort();
    let mut report = String::new();
    for name in &names {
        let path = format!("tests/bad_inputs/{name}");
        let extension = name.rsplit('.').next().unwrap_or_default();
        let result = match extension {
            "question" => run(name, &["run", &path], None),
            "stdin" => run(
                name,
                &[],
                Some(std::fs::read(dir.join(name)).expect("the input")),
            ),
            "ttl" | "nt" => run(
                name,
                &["--data", &path, "-e", "who depends on NVIDIA"],
                None,
            ),
            "rq" => run(name, &["sparql", "--file", &path], None),
            other => {
                panic!("{name}: no way to feed a .{other} file; see tests/bad_inputs/README.md")
            }
        };
        report.push_str(&result);
    }

    // Too large to commit: made here.
    let huge = format!("who depends on {}\n", "N".repeat(1024 * 1024));
    report.push_str(&run("(a 1 MB question line)", &[], Some(huge.into_bytes())));
    let modifiers = format!("who depends on NVIDIA{}\n", " in 2024".repeat(10_000));
    report.push_str(&run(
        "(10,000 repeated modifiers)",
        &[],
        Some(modifiers.into_bytes()),
    ));
    let sparql = format!("ASK {{ FILTER (\"{}\" = \"b\") }}", "a".repeat(1024 * 1024));
    report.push_str(&run(
        "(a 1 MB SPARQL query: answered)",
        &["sparql"],
        Some(sparql.into_bytes()),
    ));
    report.push_str(&run(
        "(a usage error)",
        &["--format", "yaml", "-e", "who depends on NVIDIA"],
        None,
    ));
    insta::assert_snapshot!(report);
}
