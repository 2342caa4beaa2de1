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
    let output = catena_output(name, args, stdin);
    format!("## {name}\n{}", outcome(&output))
}

/// What catena did with `args` (and `stdin`), from the project's folder, within a minute;
/// it never panics.
fn catena_output(name: &str, args: &[&str], stdin: Option<Vec<u8>>) -> std::process::Output {
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
    output
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
            "questions" => messages(
                name,
                &std::fs::read_to_string(dir.join(name)).expect("text"),
            ),
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
            "yaml" => run_import(name, &path),
            "http" => http(
                name,
                &http_bytes(&std::fs::read(dir.join(name)).expect("the request")),
            ),
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
    let mut big_head = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n".to_vec();
    for i in 0..100 {
        big_head.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "a".repeat(700)).as_bytes());
    }
    big_head.extend_from_slice(b"\r\n");
    report.push_str(&http("(a 70 KB request head)", &big_head));
    let long_target = format!(
        "GET /sparql?query=ASK%7B%7D%23{} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "x".repeat(2000)
    );
    report.push_str(&http("(a 2 KB request target)", long_target.as_bytes()));
    report.push_str(&run(
        "(a usage error)",
        &["--format", "yaml", "-e", "who depends on NVIDIA"],
        None,
    ));
    insta::assert_snapshot!(report);
}

/// A file of questions, one per line (`#` comments): each is asked alone, and every question
/// its message offers is asked back and must answer.
fn messages(name: &str, text: &str) -> String {
    let mut report = String::new();
    for question in text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
    {
        let output = catena_output(question, &["-e", question], None);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{question}: refused as input\n{stderr}"
        );
        let message = stderr.lines().next().unwrap_or_default();
        for offered in offered_questions(question, message) {
            let asked = catena_output(&offered, &["-e", &offered], None);
            assert!(
                asked.status.success(),
                "{question}: the offered `{offered}` does not answer:\n{}",
                String::from_utf8_lossy(&asked.stderr)
            );
        }
        report.push_str(&format!("## {name}: {question}\n{}", outcome(&output)));
    }
    report
}

/// The questions an error message offers: its `did you mean …` (`forse intendevi …`), and
/// every example in backquotes of three words or more (shorter ones are words, not
/// questions) that is not a quote of what was typed (`unknown entity `Microsoft by Google``).
fn offered_questions(question: &str, message: &str) -> Vec<String> {
    let typed = question.to_lowercase();
    let mut offered: Vec<String> = ["did you mean `", "forse intendevi `"]
        .iter()
        .filter_map(|lead| message.split_once(lead))
        .filter_map(|(_, rest)| rest.split_once('`'))
        .map(|(whole, _)| whole.to_owned())
        .collect();
    for quoted in message.split('`').skip(1).step_by(2) {
        let is_example = quoted.split_whitespace().count() >= 3
            && !quoted.contains('…')
            && !typed.contains(&quoted.to_lowercase());
        if is_example && !offered.iter().any(|o| o == quoted) {
            offered.push(quoted.to_owned());
        }
    }
    offered
}

#[test]
fn offered_questions_are_the_long_quoted_ones_not_quotes_of_the_question() {
    assert_eq!(
        offered_questions(
            "what does X depnds",
            "unknown word `depnds`: expected a relation, as in `companies that depend on X`; \
             did you mean `who depends on X`? (after `what does … `)"
        ),
        ["who depends on X", "companies that depend on X"]
    );
    assert_eq!(
        offered_questions(
            "investments by Microsoft by Google",
            "unknown entity `Microsoft by Google`"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        offered_questions(
            "chi dipende NVIDIA",
            "forse intendevi `chi dipende da NVIDIA`?"
        ),
        ["chi dipende da NVIDIA"]
    );
}

/// `catena import ecosystem-graphs FILE`: its messages and exit code, and the report's
/// skipped records and warnings (standard output, without the time it took).
fn run_import(name: &str, path: &str) -> String {
    let output = catena_output(name, &["import", "ecosystem-graphs", path], None);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut report = String::new();
    let mut listing = false;
    for line in stdout.lines() {
        // The skipped records and warnings, with the lines that list them.
        if line.starts_with("  records skipped:") || line.starts_with("  warnings:") {
            listing = true;
        } else if !line.starts_with("    ") {
            listing = false;
        }
        if listing {
            writeln!(report, "  > {line}").expect("String");
        }
    }
    format!("## {name}\n{}{report}", outcome(&output))
}

/// A `.http` file as sent: its head's lines end in CRLF (the file keeps plain line ends,
/// so that it reads and diffs like text); the body after the blank line is sent as it is.
fn http_bytes(file: &[u8]) -> Vec<u8> {
    let (head, body) = match file.windows(2).position(|w| w == b"\n\n") {
        Some(at) => (&file[..at + 2], &file[at + 2..]),
        None => (file, &[][..]),
    };
    let mut bytes = Vec::new();
    for &byte in head {
        if byte == b'\n' {
            bytes.extend_from_slice(b"\r\n");
        } else {
            bytes.push(byte);
        }
    }
    bytes.extend_from_slice(body);
    bytes
}

/// One endpoint for the `.http` inputs: the embedded graph, small limits (1 KiB requests,
/// 1 s for a client to send one), on a loopback port.
fn endpoint() -> std::net::SocketAddr {
    static ADDRESS: std::sync::OnceLock<std::net::SocketAddr> = std::sync::OnceLock::new();
    *ADDRESS.get_or_init(|| {
        let engine = catena::engine::Engine::from_sources(&catena::graph::embedded_sources())
            .expect("the embedded graph loads");
        let config = catena::serve::ServeConfig {
            max_request_bytes: 1024,
            request_timeout: Duration::from_secs(1),
            ..catena::serve::ServeConfig::default()
        };
        common::start_server(std::sync::Arc::new(engine), config)
    })
}

/// Sends `request` and keeps the connection open (so that an incomplete request waits for
/// its deadline); the answer's status line, Content-Type, Allow, and body.
fn http(name: &str, request: &[u8]) -> String {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(endpoint()).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a timeout");
    // The server may answer (and stop reading) before the request is all sent.
    let _ = stream.write_all(request);
    let answer = common::read_http_response(&mut stream).unwrap_or_default();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let mut text = String::new();
    for line in head.lines() {
        let kept = line.starts_with("HTTP/")
            || line.starts_with("Content-Type:")
            || line.starts_with("Allow:");
        if kept {
            writeln!(text, "  {line}").expect("String");
        }
    }
    for line in body.lines().take(12) {
        let shown: String = line.chars().take(240).collect();
        writeln!(text, "  | {shown}").expect("String");
    }
    assert!(!text.is_empty(), "{name}: no answer");
    format!("## {name}\n{text}")
}
