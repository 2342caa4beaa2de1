//! The reference layer (data/reference.trig): background facts of public record kept in
//! passages of their own document, a cat:ReferenceDataset. Answers use them (a company based
//! in Milan is a company in Italy), cite them as "catena reference data", and leave them out
//! with `--documents-only` or `.documents only`; and traffic shares are ranked within one panel.

mod common;

use std::io::{BufRead, BufReader, Read, Write};

use common::catena;
use predicates::prelude::*;

const ENT: &str = "https://w3id.org/catena/entity/";
const SRC: &str = "https://w3id.org/catena/source/";
const REFERENCE_LABEL: &str = "catena reference data (public record, not the source documents)";

use common::Row;

/// The rows of a question answered as SPARQL JSON, with the given extra arguments.
fn answer(args: &[&str], question: &str) -> Vec<Row> {
    common::answer_with(args, question)
}

/// The labels in `var_label` of the rows, sorted and without repeats.
fn labels(rows: &[Row], var: &str) -> Vec<String> {
    let mut labels: Vec<String> = rows
        .iter()
        .filter_map(|row| row.get(&format!("{var}_label")).cloned())
        .collect();
    labels.sort();
    labels.dedup();
    labels
}

fn get<'a>(row: &'a Row, var: &str) -> &'a str {
    row.get(var).map(String::as_str).unwrap_or_default()
}

#[test]
fn companies_in_italy_include_neuronova_through_the_reference_layer() {
    let names = labels(&answer(&[], "list companies in Italy"), "x");
    assert!(names.contains(&"Neuronova".to_owned()), "{names:?}");
    // The companies the documents place in Italy are there too.
    for company in ["ASC27", "Almawave", "Engineering", "iGenius"] {
        assert!(names.contains(&company.to_owned()), "{company}: {names:?}");
    }

    // With sources, Neuronova's rows cite the document for Neuronova in Milan and the
    // reference layer, by its own label and locator, for Milan in Italy.
    let rows = answer(&[], "list companies in Italy with sources");
    let neuronova: Vec<&Row> = rows
        .iter()
        .filter(|row| get(row, "x") == format!("{ENT}Neuronova"))
        .collect();
    let cited = |s: &str, o: &str| {
        neuronova
            .iter()
            .find(|row| {
                get(row, "fact_s") == format!("{ENT}{s}")
                    && get(row, "fact_o") == format!("{ENT}{o}")
            })
            .unwrap_or_else(|| panic!("no source for {s} → {o} in {neuronova:#?}"))
    };
    let milan_italy = cited("Milan", "Italy");
    assert_eq!(get(milan_italy, "source"), "places");
    assert_eq!(get(milan_italy, "document"), format!("{SRC}reference"));
    assert_eq!(get(milan_italy, "document_label"), REFERENCE_LABEL);
    assert_eq!(get(milan_italy, "fact_p_label"), "located in");
    let based = cited("Neuronova", "Milan");
    assert_eq!(get(based, "source"), "§1.1");
    assert_eq!(get(based, "document"), format!("{SRC}assetti"));

    // The table reads the same way.
    catena()
        .args(["-e", "list companies in Italy with sources"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"Milan\s+│ located in │ Italy\s+│ places\s+│ catena reference data",
            )
            .expect("regex"),
        );
}

#[test]
fn documents_only_leaves_the_reference_layer_out_of_questions() {
    let names = labels(
        &answer(&["--documents-only"], "list companies in Italy"),
        "x",
    );
    assert_eq!(names, ["ASC27", "Almawave", "Engineering", "iGenius"]);

    // Only the companies a document places in the United States.
    let all = labels(&answer(&[], "list companies in United States"), "x");
    assert!(
        all.len() > 5 && all.contains(&"OpenAI".to_owned()),
        "{all:?}"
    );
    let documents = labels(
        &answer(&["--documents-only"], "list companies in United States"),
        "x",
    );
    assert_eq!(documents, ["NVIDIA", "xAI"]);

    // A source of a reference fact is never shown, and the flag works for `run` and
    // standard input too.
    let rows = answer(
        &["--documents-only"],
        "list companies in Italy with sources",
    );
    assert!(
        rows.iter()
            .all(|row| get(row, "document") != format!("{SRC}reference")),
        "{rows:#?}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("questions.txt");
    std::fs::write(&script, "list companies in Italy\n").expect("write");
    for args in [
        vec![
            "--documents-only",
            "run",
            script.to_str().expect("UTF-8 path"),
        ],
        vec!["--documents-only"],
    ] {
        catena()
            .args(&args)
            .write_stdin("list companies in Italy\n")
            .assert()
            .success()
            .stdout(predicate::str::contains("iGenius"))
            .stdout(predicate::str::contains("Neuronova").not());
    }
}

#[test]
fn explain_says_the_graphs_are_narrowed() {
    catena()
        .args(["--documents-only", "-e", "explain list companies in Italy"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "# run on the documents' graphs only",
        ));
}

#[test]
fn count_by_country_shows_countries_only() {
    let rows = answer(&[], "count companies by country");
    let groups: Vec<&str> = rows.iter().map(|row| get(row, "group")).collect();
    for place in [
        "Milan",
        "Paris",
        "Europe",
        "EuropeanUnion",
        "EuropeAndUK",
        "World",
    ] {
        assert!(
            !groups.contains(&format!("{ENT}{place}").as_str()),
            "{place} is not a country: {rows:#?}"
        );
    }
    let count = |country: &str| {
        rows.iter()
            .find(|row| get(row, "group") == format!("{ENT}{country}"))
            .map(|row| get(row, "count").to_owned())
            .unwrap_or_else(|| panic!("no {country} in {rows:#?}"))
    };
    // ASC27, Almawave, Engineering, iGenius (Tab. 1) and Neuronova (Milan).
    assert_eq!(count("Italy"), "5");
    // Siemens and Volkswagen, "based in Europe" by §3, count under Germany by the
    // reference layer; Airbus, based only in Europe, under no country.
    let germany: u32 = count("Germany").parse().expect("a count");
    assert!(germany >= 2, "{rows:#?}");
    assert!(
        rows.iter().all(|row| !get(row, "group_label").is_empty()),
        "{rows:#?}"
    );

    // Without the reference layer, Neuronova (Milan) and the European firms count nowhere,
    // and still no city or region is a group.
    let documents = answer(&["--documents-only"], "count companies by country");
    let italy = documents
        .iter()
        .find(|row| get(row, "group") == format!("{ENT}Italy"))
        .expect("Italy");
    assert_eq!(get(italy, "count"), "4");
    assert!(
        documents.iter().all(|row| !["Milan", "Europe"]
            .iter()
            .any(|p| get(row, "group") == format!("{ENT}{p}"))),
        "{documents:#?}"
    );
    // The Italian form groups the same way.
    assert_eq!(answer(&[], "conta aziende per paese").len(), rows.len());
}

#[test]
fn sparql_with_documents_only_cannot_see_the_reference_graphs() {
    let select = common::select_with;
    let graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";
    let reference = |rows: &[Row]| -> Vec<String> {
        rows.iter()
            .map(|row| get(row, "g").to_owned())
            .filter(|g| g.starts_with(&format!("{SRC}reference")))
            .collect()
    };
    let all = select(&[], graphs);
    assert_eq!(
        reference(&all),
        [
            format!("{SRC}reference-demonyms"),
            format!("{SRC}reference-headquarters"),
            format!("{SRC}reference-parents"),
            format!("{SRC}reference-places"),
        ]
    );
    let documents = select(&["--documents-only"], graphs);
    assert!(reference(&documents).is_empty(), "{documents:#?}");
    // Every other graph is still there: the passages, the catalogue, the ontology.
    let hidden = reference(&all).len();
    assert_eq!(documents.len(), all.len() - hidden);

    let ask = |args: &[&str], query: &str| -> bool {
        let output = catena()
            .args(args)
            .args(["sparql", "--format", "json", query])
            .output()
            .expect("catena runs");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        json["boolean"].as_bool().expect("ASK")
    };
    let milan = "ASK { ent:Milan cat:locatedIn ent:Italy }";
    assert!(ask(&[], milan));
    assert!(!ask(&["--documents-only"], milan));
    // Not through GRAPH either, by name or by FROM NAMED.
    assert!(!ask(
        &["--documents-only"],
        "ASK { GRAPH src:reference-places { ?s ?p ?o } }"
    ));
    assert!(!ask(
        &["--documents-only"],
        "ASK FROM NAMED src:reference-places { GRAPH ?g { ?s ?p ?o } }"
    ));
    // The documents' facts are all seen.
    assert!(ask(
        &["--documents-only"],
        "ASK { ent:Neuronova cat:basedIn ent:Milan }"
    ));
    // `sparql …` questions go through the same scope.
    let rows = answer(
        &["--documents-only"],
        "sparql SELECT ?c WHERE { ent:Milan cat:locatedIn ?c }",
    );
    assert!(rows.is_empty(), "{rows:#?}");
}

#[test]
fn documents_only_is_refused_where_it_cannot_apply() {
    // A remote engine's graphs cannot be narrowed from here: said, not ignored.
    catena()
        .args([
            "--endpoint",
            "http://127.0.0.1:9/sparql",
            "--documents-only",
            "-e",
            "list companies",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--documents-only is not supported with --endpoint",
        ));
    catena()
        .args(["--documents-only", "stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not take it"));
}

#[test]
fn the_repl_setting_leaves_the_reference_layer_out_and_back_in() {
    use rexpect::reader::Options;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("catena"));
    command
        .env("CATENA_HISTORY", dir.path().join("history"))
        .env("TERM", "xterm")
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1");
    let options = Options::new()
        .timeout_ms(Some(20_000))
        .strip_ansi_escape_codes(true);
    let mut session =
        rexpect::session::spawn_with_options(command, options).expect("the REPL starts");
    session.exp_string("catena> ").expect("a prompt");
    let mut ask = |line: &str| -> String {
        session.send_line(line).expect("send");
        // The echo of the line, then its answer up to the next prompt.
        session.exp_string(line).expect("echo");
        session.exp_string("catena> ").expect("the next prompt")
    };
    assert!(ask(".documents").contains("documents: all"));
    assert!(ask("list companies in Italy").contains("Neuronova"));
    assert!(ask(".documents only").contains("documents: only (the reference layer is left out)"));
    let narrowed = ask("list companies in Italy");
    assert!(
        narrowed.contains("iGenius") && !narrowed.contains("Neuronova"),
        "{narrowed}"
    );
    assert!(ask(".documents").contains("documents: only"));
    assert!(ask(".documents sometimes").contains("usage: .documents only|all"));
    assert!(ask(".documents all").contains("documents: all"));
    assert!(ask("list companies in Italy").contains("Neuronova"));
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("the REPL ends");
}

/// One HTTP request to the endpoint in memory; the reply's body.
fn serve(documents_only: bool, request: &str) -> String {
    let engine = catena::engine::Engine::new(
        catena::graph::KnowledgeGraph::embedded().expect("the shipped graph"),
    )
    .expect("an engine");
    let reply = catena::serve::respond_to_bytes(
        std::sync::Arc::new(engine),
        catena::serve::ServeConfig {
            documents_only,
            ..catena::serve::ServeConfig::default()
        },
        request.as_bytes(),
    );
    let reply = String::from_utf8(reply).expect("UTF-8 reply");
    reply
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or(reply)
}

#[test]
fn the_endpoint_with_documents_only_answers_from_the_documents() {
    let ask = "GET /ask?q=list+companies+in+Italy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert!(serve(false, ask).contains("Neuronova"));
    let narrowed = serve(true, ask);
    assert!(
        narrowed.contains("iGenius") && !narrowed.contains("Neuronova"),
        "{narrowed}"
    );
    let sparql = "GET /sparql?query=ASK%7Bent%3AMilan%20cat%3AlocatedIn%20ent%3AItaly%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert!(serve(false, sparql).contains("true"));
    assert!(serve(true, sparql).contains("false"));
}

#[test]
fn catena_serve_takes_the_flag() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("catena"))
        .args(["--documents-only", "serve", "--bind", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("catena serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("a line");
    let address = line
        .strip_prefix("listening on http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&address).expect("connects");
    stream
        .write_all(
            b"GET /ask?q=list+companies+in+Italy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .expect("request");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("reply");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        reply.contains("iGenius") && !reply.contains("Neuronova"),
        "{reply}"
    );
}

/// Traffic shares of two panels and some observations in no panel, to rank on their own.
const PANELS: &str = r#"
@prefix cat: <https://w3id.org/catena/ontology#> .
@prefix ent: <https://w3id.org/catena/entity/> .
@prefix stmt: <https://w3id.org/catena/statement/> .
@prefix src: <https://w3id.org/catena/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

src:catalogue {
  src:doc a cat:SourceDocument ; rdfs:label "A document"@en .
  src:doc-fig a cat:Passage ; cat:inDocument src:doc ; cat:locatorKind "figure" ; cat:locator "Fig. 1" .
}
src:doc-fig {
  ent:A a cat:Chatbot ; rdfs:label "Bot A"@en .
  ent:B a cat:Chatbot ; rdfs:label "Bot B"@en .
  ent:C a cat:Chatbot ; rdfs:label "Bot C"@en .
  ent:D a cat:Chatbot ; rdfs:label "Bot D"@en .
  stmt:wide a cat:Series ; rdfs:label "Eight platforms"@en .
  stmt:narrow a cat:Series ; rdfs:label "Five platforms"@en .
  # The wide panel: Dec 2024 and Feb 2025; A leads with 90 in Dec.
  stmt:a1 a cat:Observation ; cat:subject ent:A ; cat:measure cat:WebTrafficShare ; cat:value 90.0 ;
      cat:unit "percent" ; cat:period "Dec 2024" ; cat:periodStart "2024-12"^^xsd:gYearMonth ;
      cat:periodEnd "2024-12"^^xsd:gYearMonth ; cat:inSeries stmt:wide .
  stmt:b1 a cat:Observation ; cat:subject ent:B ; cat:measure cat:WebTrafficShare ; cat:value 5.0 ;
      cat:unit "percent" ; cat:period "Dec 2024" ; cat:periodStart "2024-12"^^xsd:gYearMonth ;
      cat:periodEnd "2024-12"^^xsd:gYearMonth ; cat:inSeries stmt:wide .
  stmt:a2 a cat:Observation ; cat:subject ent:A ; cat:measure cat:WebTrafficShare ; cat:value 80.0 ;
      cat:unit "percent" ; cat:period "Feb 2025" ; cat:periodStart "2025-02-01"^^xsd:date ;
      cat:periodEnd "2025-02-07"^^xsd:date ; cat:inSeries stmt:wide .
  stmt:c2 a cat:Observation ; cat:subject ent:C ; cat:measure cat:WebTrafficShare ; cat:value 12.0 ;
      cat:unit "percent" ; cat:period "Feb 2025" ; cat:periodStart "2025-02-01"^^xsd:date ;
      cat:periodEnd "2025-02-07"^^xsd:date ; cat:inSeries stmt:wide .
  # The narrow panel, later: another set of platforms, so other shares. A has none in it.
  stmt:b3 a cat:Observation ; cat:subject ent:B ; cat:measure cat:WebTrafficShare ; cat:value 40.0 ;
      cat:unit "percent" ; cat:period "Mar–May 2025" ; cat:periodStart "2025-03"^^xsd:gYearMonth ;
      cat:periodEnd "2025-05"^^xsd:gYearMonth ; cat:inSeries stmt:narrow .
  stmt:c3 a cat:Observation ; cat:subject ent:C ; cat:measure cat:WebTrafficShare ; cat:value 30.0 ;
      cat:unit "percent" ; cat:period "Mar–May 2025" ; cat:periodStart "2025-03"^^xsd:gYearMonth ;
      cat:periodEnd "2025-05"^^xsd:gYearMonth ; cat:inSeries stmt:narrow .
  # Revenue in no series: each subject's latest value, as always.
  stmt:r1 a cat:Observation ; cat:subject ent:A ; cat:measure cat:Revenue ; cat:value 10 ;
      cat:unit "USD" ; cat:period "2023" ; cat:periodStart "2023"^^xsd:gYear ; cat:periodEnd "2023"^^xsd:gYear .
  stmt:r2 a cat:Observation ; cat:subject ent:A ; cat:measure cat:Revenue ; cat:value 20 ;
      cat:unit "USD" ; cat:period "2024" ; cat:periodStart "2024"^^xsd:gYear ; cat:periodEnd "2024"^^xsd:gYear .
  stmt:r3 a cat:Observation ; cat:subject ent:D ; cat:measure cat:Revenue ; cat:value 15 ;
      cat:unit "USD" ; cat:period "2023" ; cat:periodStart "2023"^^xsd:gYear ; cat:periodEnd "2023"^^xsd:gYear .
}
"#;

fn on_panels(question: &str) -> Vec<(String, String, String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("panels.trig");
    std::fs::write(&file, PANELS).expect("write");
    answer(&["--data", file.to_str().expect("UTF-8 path")], question)
        .iter()
        .map(|row| {
            (
                get(row, "subject_label").to_owned(),
                get(row, "value").to_owned(),
                get(row, "period").to_owned(),
                get(row, "series_label").to_owned(),
            )
        })
        .collect()
}

fn row(subject: &str, value: &str, period: &str, series: &str) -> (String, String, String, String) {
    (subject.into(), value.into(), period.into(), series.into())
}

#[test]
fn top_shares_rank_within_one_series_and_period() {
    // By default: the latest period of the latest series, not each bot's latest share.
    assert_eq!(
        on_panels("top 3 chatbots by traffic share"),
        [
            row("Bot B", "40", "Mar–May 2025", "Five platforms"),
            row("Bot C", "30", "Mar–May 2025", "Five platforms"),
        ]
    );
    // With a time filter: the latest period that matches it.
    assert_eq!(
        on_panels("top 3 chatbots by traffic share in 2024"),
        [
            row("Bot A", "90", "Dec 2024", "Eight platforms"),
            row("Bot B", "5", "Dec 2024", "Eight platforms"),
        ]
    );
    assert_eq!(
        on_panels("top 1 chatbots by traffic share before 2025"),
        [row("Bot A", "90", "Dec 2024", "Eight platforms")]
    );
    // Observations in no series rank as before: each subject by its latest value.
    assert_eq!(
        on_panels("top 3 chatbots by revenue"),
        [
            row("Bot A", "20", "2024", ""),
            row("Bot D", "15", "2023", "")
        ]
    );
}

/// Needs the shipped data's series (cat:inSeries on the Fig. 5 and Fig. 6 observations of
/// data/assetti-1.trig).
#[test]
fn top_traffic_shares_on_the_shipped_data_name_one_period_and_series() {
    let rows = answer(&[], "top 3 chatbots by traffic share");
    assert!(!rows.is_empty());
    let periods: Vec<&str> = rows.iter().map(|row| get(row, "period")).collect();
    let series: Vec<&str> = rows.iter().map(|row| get(row, "series_label")).collect();
    assert!(periods.iter().all(|p| *p == "Mar–May 2025"), "{rows:#?}");
    assert!(series.iter().all(|s| s.contains("Fig. 6")), "{rows:#?}");

    let rows = answer(&[], "top 3 chatbots by traffic share in 2024 with sources");
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|row| get(row, "period") == "Dec 2024"),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .all(|row| get(row, "series_label").contains("Fig. 5")),
        "{rows:#?}"
    );
    // The passages add rows to the top three, they do not take their places.
    let subjects: std::collections::BTreeSet<&str> =
        rows.iter().map(|row| get(row, "subject")).collect();
    assert!(
        subjects.contains(format!("{ENT}ChatGPT").as_str()),
        "{rows:#?}"
    );
}
