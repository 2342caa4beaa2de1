//! End-to-end tests of the command line: SPARQL, output formats, stats, check, and the
//! error paths (bad SPARQL, updates, malformed or invalid RDF, usage errors).

mod common;

use common::catena;
use predicates::prelude::*;

const FIXTURE_VALID: &str = "tests/fixtures/valid";
const FIXTURE_BROKEN: &str = "tests/fixtures/broken";
const FIXTURE_MALFORMED: &str = "tests/fixtures/malformed";

fn on_fixture(args: &[&str]) -> assert_cmd::assert::Assert {
    catena().args(["--data", FIXTURE_VALID]).args(args).assert()
}

#[test]
fn sparql_prints_a_table_by_default() {
    on_fixture(&[
        "sparql",
        "SELECT ?who ?what WHERE { ?who cat:develops ?what }",
    ])
    .success()
    .stdout(predicate::str::contains("│ ent:Acme │ ent:Widget │"))
    .stdout(predicate::str::contains("(1 row)"));
}

#[test]
fn sparql_formats_follow_the_w3c_result_formats() {
    let query = "SELECT ?amount WHERE { ?i cat:amount ?amount }";
    on_fixture(&["sparql", "--format", "csv", query])
        .success()
        .stdout("amount\r\n1000000\r\n");
    on_fixture(&["sparql", "--format", "tsv", query])
        .success()
        .stdout("?amount\n1000000\n");
    on_fixture(&["sparql", "--format", "json", query])
        .success()
        .stdout(predicate::str::contains(
            r#""value":"1000000","datatype":"http://www.w3.org/2001/XMLSchema#integer""#,
        ));
    on_fixture(&["sparql", "--format", "xml", query])
        .success()
        .stdout(predicate::str::contains(
            "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">1000000</literal>",
        ));
}

#[test]
fn sparql_ask_construct_and_describe() {
    on_fixture(&["sparql", "ASK { ent:Ruritania cat:investsIn ent:Acme }"])
        .success()
        .stdout("true\n");
    on_fixture(&[
        "sparql",
        "--format",
        "json",
        "ASK { ent:Acme cat:investsIn ent:Ruritania }",
    ])
    .success()
    .stdout(predicate::str::contains(r#""boolean":false"#));
    on_fixture(&[
        "sparql",
        "CONSTRUCT { ?s cat:develops ?o } WHERE { ?s cat:develops ?o }",
    ])
    .success()
    .stdout(predicate::str::contains(
        "ent:Acme cat:develops ent:Widget .",
    ));
    on_fixture(&["sparql", "--format", "ntriples", "DESCRIBE ent:Widget"])
        .success()
        .stdout(predicate::str::contains(
            "<https://w3id.org/catena/entity/Widget> <http://www.w3.org/2000/01/rdf-schema#label> \"Widget GPU\"@en .",
        ));
}

#[test]
fn sparql_reads_a_file_or_standard_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("q.rq");
    std::fs::write(&file, "SELECT ?c\nWHERE {\n  ent:Acme cat:basedIn ?c\n}\n").expect("write");
    on_fixture(&[
        "sparql",
        "--format",
        "csv",
        "-f",
        file.to_str().expect("utf-8 path"),
    ])
    .success()
    .stdout("c\r\nhttps://w3id.org/catena/entity/Ruritania\r\n");
    catena()
        .args(["--data", FIXTURE_VALID, "sparql", "--format", "csv"])
        .write_stdin("SELECT (COUNT(*) AS ?n) WHERE { ?s cat:develops ?o }")
        .assert()
        .success()
        .stdout("n\r\n1\r\n");
    catena()
        .args(["sparql"])
        .write_stdin("   \n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the query on standard input is empty",
        ));
}

#[test]
fn bad_sparql_points_at_the_error() {
    on_fixture(&["sparql", "SELECT ?x\nWHERE { ?x cat:develops }"])
        .code(1)
        .stderr(predicate::str::contains("error: invalid SPARQL at 2:"))
        .stderr(predicate::str::contains(" 2 | WHERE { ?x cat:develops }"))
        .stderr(predicate::str::contains("^"));
}

#[test]
fn updates_are_refused() {
    on_fixture(&["sparql", "DELETE WHERE { ?s ?p ?o }"])
        .code(1)
        .stderr(predicate::str::contains("SPARQL updates"))
        .stderr(predicate::str::contains("read-only"));
}

#[test]
fn usage_errors_exit_with_2() {
    catena()
        .args(["sparql", "--format", "yaml", "ASK {}"])
        .assert()
        .code(2);
    catena().args(["frobnicate"]).assert().code(2);
    catena()
        .args(["stats", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "choose totals, classes or relations",
        ));
    on_fixture(&["sparql", "--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }"])
        .code(2)
        .stderr(predicate::str::contains("use --format turtle or ntriples"));
}

#[test]
fn stats_counts_classes_and_relations() {
    on_fixture(&["stats"])
        .success()
        .stdout(predicate::str::contains("Entities and statements by class"))
        .stdout(predicate::str::contains("Facts by relation"))
        .stdout(predicate::str::contains("cat:Company"));
    on_fixture(&["stats", "relations", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains(
            "https://w3id.org/catena/ontology#investsIn,invests in,1,1",
        ));
    on_fixture(&["stats", "totals", "--format", "csv"])
        .success()
        .stdout(predicate::str::starts_with(
            "facts,passages,entities,statements\r\n",
        ));
}

#[test]
fn check_passes_on_the_shipped_data() {
    catena()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: "));
}

#[test]
fn check_names_the_file_and_subject_of_each_violation() {
    let file = "tests/fixtures/broken/facts.trig";
    catena()
        .args(["--data", FIXTURE_BROKEN, "check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{file}: ent:Acme: property cat:secretlyOwns is not declared in the ontology"
        )))
        .stderr(predicate::str::contains(format!(
            "{file}: ent:Globex: cat:basedIn expects a value of cat:Place"
        )))
        .stderr(predicate::str::contains("shares the label \"acme\""))
        .stderr(predicate::str::contains(format!(
            "{file}: ent:Nameless: has no rdfs:label"
        )))
        .stderr(predicate::str::contains(format!(
            "{file}: src:fixture-p99: graph is not a declared passage"
        )))
        .stderr(predicate::str::contains("violations of the ontology"));
}

#[test]
fn check_passes_on_a_valid_fixture() {
    on_fixture(&["check"])
        .success()
        .stdout(predicate::str::contains("in 1 passages"));
}

#[test]
fn malformed_rdf_reports_file_line_and_column() {
    for command in [&["check"][..], &["sparql", "ASK {}"][..], &["stats"][..]] {
        catena()
            .args(["--data", FIXTURE_MALFORMED])
            .args(command)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "tests/fixtures/malformed/bad.trig:7:",
            ))
            .stderr(predicate::str::contains("invalid RDF"))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn missing_or_unknown_data_paths_are_clear_errors() {
    catena()
        .args(["--data", "no/such/dir", "check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read no/such/dir"));
    catena()
        .args(["--data", "Cargo.toml", "check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Cargo.toml: unknown RDF format"));
}

#[test]
fn load_needs_a_store() {
    catena()
        .args(["load", "tests/fixtures/formats/acme.ttl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("catena load needs --store DIR"));
}

/// What `catena serve` writes on standard error in its first second or two (up to its first
/// line), then the server is stopped.
fn serve_first_stderr_line(args: &[&str]) -> String {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("catena"))
        .arg("serve")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("catena serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stderr).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver
        .recv_timeout(std::time::Duration::from_secs(3))
        .unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    line
}

#[test]
fn serve_warns_when_it_listens_beyond_loopback() {
    // Bound to every interface (port 0: any free one); no traffic is sent to it.
    let warning = serve_first_stderr_line(&["--bind", "0.0.0.0:0", "--allow-update"]);
    assert!(
        warning.starts_with("warning: listening on 0.0.0.0:0, which other machines can reach")
            && warning.contains("no authentication and updates are allowed"),
        "{warning}"
    );
    // On loopback, no warning.
    let quiet = serve_first_stderr_line(&["--bind", "127.0.0.1:0"]);
    assert!(!quiet.contains("warning"), "{quiet}");
}

/// A query with billions of rows (every triple three times side by side) streams: its first
/// hundred thousand rows arrive while it runs, memory stays flat, and closing the pipe ends
/// it quietly (`catena sparql … | head`). Buffered, it would print nothing and grow until
/// it ran out of memory.
#[test]
fn sparql_results_stream_in_constant_memory() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let binary = assert_cmd::cargo::cargo_bin("catena");
    let mut child = std::process::Command::new(binary)
        .args([
            "sparql",
            "--format",
            "tsv",
            "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        ])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("catena starts");
    let pid = child.id();
    let started = Instant::now();
    // A watchdog: if the rows do not come (buffered output), the reads below end instead
    // of waiting for ever.
    let (done, watch) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if watch.recv_timeout(Duration::from_secs(60)).is_err() {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
        }
    });
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    assert_eq!(
        lines.next().and_then(Result::ok).as_deref(),
        Some("?a\t?d\t?g"),
        "the header comes first"
    );
    let mut peak_kib = 0;
    for n in 0..100_000 {
        let line = lines
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("the output ended after {n} rows"));
        assert_eq!(line.split('\t').count(), 3, "{line}");
        if n % 10_000 == 0 {
            peak_kib = peak_kib.max(common::resident_kib(&pid.to_string()).unwrap_or(0));
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the first rows took {:?}",
        started.elapsed()
    );
    assert!(
        peak_kib < 300 * 1024,
        "catena held {peak_kib} KiB while streaming"
    );
    let _ = done.send(());
    // Closing the pipe stops it, without an error message.
    drop(lines);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("catena went on after its reader had gone");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr");
    assert!(status.success(), "{status}: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn readme_states_the_shipped_graphs_totals() {
    let output = catena()
        .args(["stats", "totals", "--format", "csv"])
        .output()
        .expect("catena runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let values: Vec<&str> = text
        .lines()
        .nth(1)
        .expect("a row of totals")
        .split(',')
        .collect();
    // facts, passages, entities, statements, as README writes them (a space before thousands).
    let readable = |n: &str| match n.len() {
        4.. => format!("{} {}", &n[..n.len() - 3], &n[n.len() - 3..]),
        _ => n.to_owned(),
    };
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let want = format!(
        "The shipped graph holds {} facts in {} passages",
        readable(values[0]),
        values[1]
    );
    assert!(readme.contains(&want), "README should say: {want}");
    let entities = format!("about {} entities and {} statements", values[2], values[3]);
    assert!(readme.contains(&entities), "README should say: {entities}");
}

/// `catena … | head`: when the reader goes away, catena stops quietly with exit code 0.
#[test]
fn a_closed_standard_output_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("catena"))
        .args(["sparql", "--format", "tsv", "SELECT * WHERE { ?s ?p ?o }"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("catena runs");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("the first bytes");
    // More than a pipe's buffer is left to write: the next writes find the pipe closed.
    drop(stdout);
    let output = child.wait_with_output().expect("catena ends");
    assert!(output.status.success(), "{:?}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// `catena -e 'describe NVIDIA' | head -3`: a closed pipe while an answer is written ends
/// catena quietly too (it said `error: cannot write the results: Broken pipe`).
#[test]
fn an_answer_written_to_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let run = |question: &str, read_first: bool| {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("catena"))
            .args(["-e", question])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("catena runs");
        let mut stdout = child.stdout.take().expect("piped stdout");
        if read_first {
            let mut first = [0u8; 16];
            stdout.read_exact(&mut first).expect("the first bytes");
        }
        // Closed before catena is done: the rest of the answer meets a closed pipe.
        drop(stdout);
        let output = child.wait_with_output().expect("catena ends");
        assert!(output.status.success(), "{question}: {:?}", output.status);
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{question}");
    };
    // Closed before the answer is ready: its first buffer full of table meets the closed pipe.
    run("describe NVIDIA", false);
    // Closed after the first bytes, with more than a pipe's buffer of rows left to write.
    run("sparql SELECT * WHERE { ?s ?p ?o }", true);
}

/// Answers at `--width 80`: a table wraps its cells to fit, and one that cannot fit with its
/// columns at their minimum widths is written one block per record. Without `--width`,
/// output that is not a terminal stays as wide as it is, whatever `COLUMNS` says.
#[test]
fn answers_fit_eighty_columns() {
    use unicode_width::UnicodeWidthStr;
    let answer = |args: &[&str]| -> String {
        let output = catena()
            .env("COLUMNS", "80")
            .args(args)
            .output()
            .expect("catena runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let fits = |text: &str| text.lines().all(|line| line.width() <= 80);
    let investments = answer(&[
        "--width",
        "80",
        "-e",
        "investments by Microsoft with sources",
    ]);
    assert!(
        fits(&investments) && investments.starts_with("─[ RECORD 1 ]"),
        "{investments}"
    );
    insta::assert_snapshot!("width_80_investments_by_microsoft", investments);
    let question = "who depends on NVIDIA with sources";
    let depends = answer(&["--width", "80", "-e", question]);
    assert!(fits(&depends) && depends.starts_with('┌'), "{depends}");
    insta::assert_snapshot!("width_80_who_depends_on_nvidia", depends);
    let expanded = answer(&["--width", "80", "--expanded", "-e", question]);
    assert!(fits(&expanded), "{expanded}");
    insta::assert_snapshot!("width_80_who_depends_on_nvidia_expanded", expanded);
    // A pipe, no --width: unwrapped, a table, and --expanded=off leaves it so.
    let wide = "investments by Microsoft with sources";
    let piped = answer(&["-e", wide]);
    assert!(!fits(&piped) && piped.starts_with('┌'), "{piped}");
    assert_eq!(answer(&["--expanded=off", "-e", wide]), piped);
}

/// `describe X` is the entity's card: a title line, the facts grouped by relation, one line
/// per fact with its passages merged, wrapped to the width and never cut.
#[test]
fn entity_cards_fit_eighty_columns() {
    use unicode_width::UnicodeWidthStr;
    let answer = |args: &[&str]| -> String {
        let output = catena().args(args).output().expect("catena runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let cards = [
        ("card_describe_nvidia", "describe NVIDIA", "NVIDIA — "),
        ("card_descrivi_openai", "descrivi OpenAI", "OpenAI — "),
        ("card_describe_deepseek", "describe DeepSeek", "DeepSeek — "),
    ];
    for (name, question, title) in cards {
        let card = answer(&["--width", "80", "-e", question]);
        assert!(card.starts_with(title), "{card}");
        let wide: Vec<&str> = card.lines().filter(|line| line.width() > 80).collect();
        assert!(wide.is_empty(), "wider than 80: {wide:#?}\n{card}");
        assert!(!card.contains('…'), "nothing is cut:\n{card}");
        // No statement node by its name, no raw role of one.
        for raw in [
            "\nsubject",
            "rdf:object",
            "\nparty\n",
            "\nrecipient",
            "\ninvestor",
        ] {
            assert!(!card.contains(raw), "{raw:?} in:\n{card}");
        }
        insta::assert_snapshot!(name, card, question);
    }
    // Piped, with no width: the same card, unwrapped; --expanded=off changes nothing.
    let piped = answer(&["-e", "describe NVIDIA"]);
    assert!(piped.starts_with("NVIDIA — "), "{piped}");
    assert!(piped.lines().any(|line| line.width() > 80), "{piped}");
    assert_eq!(answer(&["--expanded=off", "-e", "describe NVIDIA"]), piped);
    // Machine formats keep the rows, one per fact and passage.
    let csv = answer(&["--format", "csv", "-e", "describe NVIDIA"]);
    assert!(
        csv.starts_with("relation,relation_label,direction,other,other_label,value,unit,period,"),
        "{csv}"
    );
    assert!(
        csv.contains(",revenue,→,,,35080000000,USD,Oct 2024,"),
        "an observation's value, unit and period: {csv}"
    );
}

/// `first N …` answers a page in every format; the table's footer says which of how many.
#[test]
fn first_n_answers_one_page_in_every_format() {
    catena()
        .args(["-e", "first 2 companies that depend on NVIDIA"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Amazon"))
        .stdout(predicate::str::contains("ASC27"))
        .stdout(predicate::str::contains("DeepSeek").not())
        .stdout(predicate::str::contains("(rows 1–2 of 5)"));
    let output = catena()
        .args([
            "--format",
            "json",
            "-e",
            "primi 3 aziende che dipendono da NVIDIA",
        ])
        .output()
        .expect("catena runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let bindings = json["results"]["bindings"].as_array().expect("bindings");
    assert_eq!(bindings.len(), 3, "{json}");
    // A page that holds the whole answer is the answer.
    catena()
        .args(["-e", "first 50 companies that depend on NVIDIA"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(5 rows)"));
}

/// A measure asked of a company that only its product has answers for the product, and says
/// so under the table, in the question's language; machine formats carry no note.
#[test]
fn an_answer_for_another_name_says_so_under_the_table() {
    catena()
        .args(["-e", "traffic share of OpenAI"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ChatGPT"))
        .stdout(predicate::str::contains(
            "note: the graph records no web traffic share of OpenAI itself; the rows are for ChatGPT",
        ));
    catena()
        .args(["-e", "quota di traffico di OpenAI"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nota: il grafo non registra"))
        .stdout(predicate::str::contains("le righe sono per ChatGPT"));
    catena()
        .args(["-e", "traffic share of ChatGPT"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note:").not());
    catena()
        .args(["-e", "traffic share of OpenAI", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note").not());
}
