//! `catena import ecosystem-graphs` end to end, on small invented fixtures written in the
//! format of Stanford CRFM's Ecosystem Graphs asset files (no record of the real data set is
//! copied here):
//!
//! - `messy/` (four files, 19 records) holds every irregularity the importer must absorb:
//!   fields bare or as `{value, explanation}`, created dates in every shape, dependencies in
//!   every shape, dependency names differing only in case or spacing, names matching no
//!   asset, one name given by two records in two files, a self-dependency, a cycle
//!   Loop Alpha → Loop Beta → Loop Gamma → Loop Alpha, organisation strings naming several
//!   organisations, organisations spelled two ways, and two bad records;
//! - `broken/` has one valid file and one that is not YAML;
//! - `empty/` has no `*.yaml` file;
//! - `no-facts.ttl` is an empty data file: with `--data` it leaves the graph with the
//!   ontology and the import only.
//!
//! Answers are read as SPARQL JSON results (`--format json`), the import report as JSON.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::catena;
use serde_json::{Value, json};

/// The source document of every imported passage.
const EG_DOCUMENT: &str = "https://w3id.org/catena/source/ecosystem-graphs";
/// The graph holding the catalogue of sources and passages.
const CATALOGUE: &str = "https://w3id.org/catena/source/catalogue";
/// The named graph of the ontology.
const ONTOLOGY: &str = "https://w3id.org/catena/ontology";

/// The records of `messy/` that are imported: (file, line, name).
const MESSY_RECORDS: [(&str, usize, &str); 17] = [
    ("chipmakers.yaml", 3, "Spruce-Vision"),
    ("chipmakers.yaml", 10, "Spruce-Audio"),
    ("chipmakers.yaml", 16, "Hemlock-MoE"),
    ("chipmakers.yaml", 23, "Hemlock-Lite"),
    ("chipmakers.yaml", 30, "Oak Assistant"),
    ("circle_works.yaml", 2, "Loop Alpha"),
    ("circle_works.yaml", 9, "Loop Beta"),
    ("circle_works.yaml", 19, "Loop Gamma"),
    ("circle_works.yaml", 26, "Birch Corpus"),
    ("example_labs.yaml", 2, "Alder-7B"),
    ("example_labs.yaml", 23, "Alder-7B-Chat"),
    ("example_labs.yaml", 32, "Birch Corpus"),
    ("example_labs.yaml", 39, "Fir-1B"),
    ("partners.yaml", 2, "Juniper-Vid"),
    ("partners.yaml", 9, "Yew-Code"),
    ("partners.yaml", 19, "Cedar Web"),
    ("partners.yaml", 27, "Linden Chat"),
];

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ecosystem-graphs")
        .join(name)
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The graph the import goes into.
#[derive(Clone, Copy)]
enum Base {
    /// The shipped ontology and facts of the two documents.
    Shipped,
    /// The shipped ontology only (`--data no-facts.ttl`).
    OntologyOnly,
}

/// Runs `catena [--data no-facts.ttl] import ecosystem-graphs DIR [extra…] [-e q…]`.
fn run_import(base: Base, dir: &Path, extra: &[&str], questions: &[&str]) -> Output {
    let no_facts = fixture("no-facts.ttl");
    let mut cmd = catena();
    if let Base::OntologyOnly = base {
        cmd.args(["--data", path_arg(&no_facts)]);
    }
    cmd.args(["import", "ecosystem-graphs", path_arg(dir)])
        .args(extra);
    for question in questions {
        cmd.args(["-e", question]);
    }
    cmd.timeout(Duration::from_secs(120))
        .output()
        .expect("catena runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "catena failed ({:?})\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// The JSON values printed one after another (answers of several questions).
fn json_stream(bytes: &[u8]) -> Vec<Value> {
    serde_json::Deserializer::from_slice(bytes)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("not a stream of JSON values ({e}):\n{}", text(bytes)))
}

/// The import report printed with `--format json` and no questions.
fn report(base: Base, dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let output = run_import(base, dir, &args, &[]);
    assert_success(&output);
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("the report is not JSON ({e}):\n{}", text(&output.stdout)))
}

/// One answer: its variables and its rows (variable → value: IRIs in full, literals as
/// their lexical form), or its boolean.
#[derive(Debug)]
struct Answer {
    vars: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
    boolean: Option<bool>,
}

impl Answer {
    fn from_json(json: &Value) -> Self {
        let vars = json["head"]["vars"]
            .as_array()
            .map(|vars| {
                vars.iter()
                    .map(|v| v.as_str().expect("variable name").to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let rows = json["results"]["bindings"]
            .as_array()
            .map(|bindings| common::binding_rows(bindings))
            .unwrap_or_default();
        Self {
            vars,
            rows,
            boolean: json["boolean"].as_bool(),
        }
    }

    /// The distinct values of `var`.
    fn column(&self, var: &str) -> BTreeSet<String> {
        self.rows
            .iter()
            .filter_map(|row| row.get(var).cloned())
            .collect()
    }

    /// The labels of the first entity column (`answer_label`, `x_label`, `group_label`).
    fn names(&self) -> BTreeSet<String> {
        let var = self
            .vars
            .iter()
            .find(|v| v.ends_with("_label"))
            .unwrap_or_else(|| panic!("no label column in {:?}", self.vars));
        self.column(var)
    }
}

/// Imports `messy/` into `base` and answers the questions (`--format json`).
fn ask(base: Base, questions: &[&str]) -> Vec<Answer> {
    ask_dir(base, &fixture("messy"), questions)
}

fn ask_dir(base: Base, dir: &Path, questions: &[&str]) -> Vec<Answer> {
    let output = run_import(base, dir, &["--format", "json"], questions);
    assert_success(&output);
    let answers: Vec<Answer> = json_stream(&output.stdout)
        .iter()
        .map(Answer::from_json)
        .collect();
    assert_eq!(
        answers.len(),
        questions.len(),
        "one answer per question:\n{}",
        text(&output.stdout)
    );
    answers
}

/// Answers of questions on the shipped graph without any import.
fn ask_shipped(questions: &[&str]) -> Vec<Answer> {
    let mut cmd = catena();
    cmd.args(["--format", "json"]);
    for question in questions {
        cmd.args(["-e", question]);
    }
    let output = cmd.output().expect("catena runs");
    assert_success(&output);
    json_stream(&output.stdout)
        .iter()
        .map(Answer::from_json)
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// `label → count` of a `count … by developer` answer.
fn counts(answer: &Answer) -> BTreeMap<String, u64> {
    answer
        .rows
        .iter()
        .map(|row| {
            (
                row["group_label"].clone(),
                row["count"].parse().expect("a count"),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------

#[test]
fn json_report_counts_assets_organisations_edges_and_problems_exactly() {
    let mut report = report(Base::Shipped, &fixture("messy"), &[]);
    let object = report.as_object_mut().expect("a JSON object");
    let seconds = object.remove("seconds").expect("seconds");
    assert!(seconds.as_f64().is_some_and(|s| s >= 0.0), "{seconds}");
    let quads = object
        .remove("quads")
        .and_then(|q| q.as_u64())
        .expect("quads");
    let new_quads = object
        .remove("new_quads")
        .and_then(|q| q.as_u64())
        .expect("new_quads");
    assert!(quads > 0);
    assert_eq!(
        new_quads, quads,
        "nothing of the import was in the graph before"
    );
    let expected = json!({
        "files": 4,
        "records": 19,
        "assets_by_type": {"applications": 2, "datasets": 2, "models": 12},
        "distinct_assets": 16,
        "assets_linked": [],
        "duplicate_names": [
            {"name": "Birch Corpus", "records": ["circle_works.yaml:26", "example_labs.yaml:32"]}
        ],
        "organisations": 8,
        "organisations_linked": ["DeepSeek", "NVIDIA", "OpenAI"],
        "organisation_spellings": 12,
        "organisation_variants": [
            ["Example Lab", "Example Labs"],
            ["ExampleLabs", "Example Labs"]
        ],
        "dependency_edges": 20,
        "dependencies_normalised": [
            ["ALDER 7B", "Alder-7B"],
            ["alder 7b chat", "Alder-7B-Chat"],
            ["cedar WEB", "Cedar Web"],
            ["loop alpha", "Loop Alpha"]
        ],
        "unresolved_dependencies": [
            {"name": "Pine Crawl", "mentions": 3, "linked_to": null},
            {"name": "CUDA", "mentions": 2, "linked_to": "CUDA"},
            {"name": "Rowan Books", "mentions": 1, "linked_to": null}
        ],
        "self_dependencies": ["Fir-1B"],
        "assets_on_cycles": ["Loop Alpha", "Loop Beta", "Loop Gamma"],
        "skipped": [
            {
                "file": "circle_works.yaml",
                "line": 32,
                "name": "Maple Bot",
                "message": "unknown type `robot`: expected model, dataset or application"
            },
            {
                "file": "example_labs.yaml",
                "line": 48,
                "name": null,
                "message": "the record has no `name`"
            }
        ],
        "warnings": [
            {
                "file": "circle_works.yaml",
                "line": 9,
                "name": "Loop Beta",
                "message": "created_date has no value; 2022-03-03 taken from its explanation"
            },
            {
                "file": "partners.yaml",
                "line": 9,
                "name": "Yew-Code",
                "message": "`url` \"not a web address\" is not a web address; left out"
            }
        ],
        "broken_files": []
    });
    assert_eq!(report, expected);
}

#[test]
fn json_report_on_an_empty_graph_reads_every_spelling_as_one_new_organisation() {
    // Without the documents' facts, "Nvidia"/"NVIDIA" and "Deepseek AI"/"DeepSeek" meet
    // by their keys alone, and CUDA is an external asset like any other.
    let report = report(Base::OntologyOnly, &fixture("messy"), &[]);
    assert_eq!(report["organisations"], 8);
    assert_eq!(report["organisation_spellings"], 12);
    assert_eq!(report["organisations_linked"], json!([]));
    assert_eq!(
        report["organisation_variants"],
        json!([
            ["Deepseek AI", "DeepSeek"],
            ["Example Lab", "Example Labs"],
            ["ExampleLabs", "Example Labs"],
            ["Nvidia", "NVIDIA"]
        ])
    );
    assert_eq!(
        report["unresolved_dependencies"],
        json!([
            {"name": "Pine Crawl", "mentions": 3, "linked_to": null},
            {"name": "CUDA", "mentions": 2, "linked_to": null},
            {"name": "Rowan Books", "mentions": 1, "linked_to": null}
        ])
    );
    assert_eq!(report["dependency_edges"], 20);
    assert_eq!(report["distinct_assets"], 16);
}

#[test]
fn text_report_lists_merges_unresolved_names_skipped_records_and_warnings() {
    let output = run_import(Base::Shipped, &fixture("messy"), &[], &[]);
    assert_success(&output);
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert!(
        lines[0].starts_with("imported 19 records from 4 files in "),
        "{report}"
    );
    for expected in [
        "  assets: 16 (2 applications, 2 datasets, 12 models)",
        "    names given by more than one record, merged: Birch Corpus (circle_works.yaml:26, example_labs.yaml:32)",
        "  organisations: 8 from 12 spellings (3 already in the graph)",
        "    read as one organisation: Example Lab → Example Labs, ExampleLabs → Example Labs",
        "  dependency edges: 20",
        "    matched ignoring case and spacing: ALDER 7B → Alder-7B, alder 7b chat → Alder-7B-Chat, cedar WEB → Cedar Web, loop alpha → Loop Alpha",
        "  unresolved dependency names: 3, kept as external assets: Pine Crawl, CUDA, Rowan Books",
        "  self-dependencies dropped: Fir-1B",
        "  assets on dependency cycles: Loop Alpha, Loop Beta, Loop Gamma",
        "  records skipped: 2",
        "    circle_works.yaml:32: Maple Bot: unknown type `robot`: expected model, dataset or application",
        "    example_labs.yaml:48: the record has no `name`",
        "  warnings: 2",
        "    circle_works.yaml:9: Loop Beta: created_date has no value; 2022-03-03 taken from its explanation",
        "    partners.yaml:9: Yew-Code: `url` \"not a web address\" is not a web address; left out",
    ] {
        assert!(
            lines.contains(&expected),
            "no line {expected:?} in:\n{report}"
        );
    }
    assert!(!report.contains("files skipped"), "{report}");
}

#[test]
fn summary_goes_to_stderr_when_questions_follow() {
    let output = run_import(
        Base::Shipped,
        &fixture("messy"),
        &["--format", "json"],
        &["who depends on \"Rowan Books\""],
    );
    assert_success(&output);
    let summary: Value = serde_json::from_slice(&output.stderr)
        .unwrap_or_else(|e| panic!("stderr is the JSON report ({e}):\n{}", text(&output.stderr)));
    assert_eq!(summary["records"], 19);
    let answers = json_stream(&output.stdout);
    assert_eq!(answers.len(), 1, "stdout holds the answer only");
    assert_eq!(Answer::from_json(&answers[0]).names(), set(&["Loop Gamma"]));
}

// ---------------------------------------------------------------------------------------
// Records, fields and dates
// ---------------------------------------------------------------------------------------

#[test]
fn bad_records_are_skipped_without_stopping_the_import() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "sparql ASK { ?x rdfs:label \"Maple Bot\"@en }",
            "sparql ASK { ?x cat:date \"2023-01-01\"^^xsd:date }",
            // The records after the bad ones, in the same files and in later files, are there.
            "sparql SELECT DISTINCT ?name WHERE { ?x a ?class ; rdfs:label ?name . VALUES ?class { cat:FoundationModel cat:Dataset cat:Application } }",
        ],
    );
    assert_eq!(
        answers[0].boolean,
        Some(false),
        "the record of unknown type"
    );
    assert_eq!(answers[1].boolean, Some(false), "the record without a name");
    let expected: BTreeSet<String> = MESSY_RECORDS.iter().map(|r| r.2.to_owned()).collect();
    assert_eq!(answers[2].column("name"), expected);
}

#[test]
fn fields_given_bare_or_with_an_explanation_are_read_alike() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            // access, modality and created_date as {value, explanation}; license and size bare.
            "sparql SELECT DISTINCT ?access ?modality ?licence ?size ?url WHERE { ?x rdfs:label \"Alder-7B\"@en ; cat:accessLevel ?access ; cat:modality ?modality ; cat:licence ?licence ; cat:size ?size ; cat:url ?url }",
            // organization as {value, explanation}.
            "sparql SELECT DISTINCT ?org WHERE { ?o cat:develops ?x ; rdfs:label ?org . ?x rdfs:label \"Fir-1B\"@en }",
            // type as {value, explanation}.
            "sparql SELECT DISTINCT ?class WHERE { ?x rdfs:label \"Cedar Web\"@en ; a ?class }",
            // a url that is not one is left out.
            "sparql ASK { ?x rdfs:label \"Yew-Code\"@en ; cat:url ?url }",
        ],
    );
    assert_eq!(answers[0].rows.len(), 1, "{:?}", answers[0].rows);
    let row = &answers[0].rows[0];
    assert_eq!(row["access"], "https://w3id.org/catena/ontology#OpenAccess");
    assert_eq!(row["modality"], "text; text");
    assert_eq!(row["licence"], "Apache 2.0");
    assert_eq!(row["size"], "7B parameters (dense)");
    assert_eq!(row["url"], "https://example.org/alder-7b");
    assert_eq!(answers[1].column("org"), set(&["Example Labs"]));
    assert_eq!(
        answers[2].column("class"),
        set(&["https://w3id.org/catena/ontology#Dataset"])
    );
    assert_eq!(answers[3].boolean, Some(false));
}

#[test]
fn created_dates_in_every_shape_are_read() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "sparql SELECT DISTINCT ?name ?date (DATATYPE(?date) AS ?type) WHERE { ?x cat:date ?date ; rdfs:label ?name }",
        ],
    );
    let xsd = |t: &str| format!("http://www.w3.org/2001/XMLSchema#{t}");
    let got: BTreeSet<(String, String, String)> = answers[0]
        .rows
        .iter()
        .map(|r| (r["name"].clone(), r["date"].clone(), r["type"].clone()))
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        // {value: ISO date, explanation}
        ("Alder-7B", "2023-06-11", "date"),
        // a bare year
        ("Alder-7B-Chat", "2024", "gYear"),
        // `unknown` in one record, a bare year in the other record of the same name
        ("Birch Corpus", "2021", "gYear"),
        ("Cedar Web", "2023", "gYear"),
        // a bare ISO date
        ("Fir-1B", "2022-11-30", "date"),
        ("Hemlock-Lite", "2024-08-08", "date"),
        ("Hemlock-MoE", "2024-12-01", "date"),
        ("Juniper-Vid", "2024-02-20", "date"),
        ("Linden Chat", "2024-07-01", "date"),
        // "June 11, 2023"
        ("Loop Alpha", "2023-06-11", "date"),
        // the date only in the explanation
        ("Loop Beta", "2022-03-03", "date"),
        ("Loop Gamma", "2021-09-01", "date"),
        ("Oak Assistant", "2023-04-04", "date"),
        ("Spruce-Audio", "2023-10-02", "date"),
        ("Spruce-Vision", "2024-03-18", "date"),
        ("Yew-Code", "2024-05-05", "date"),
    ]
    .iter()
    .map(|(n, d, t)| ((*n).to_owned(), (*d).to_owned(), xsd(t)))
    .collect();
    assert_eq!(got, expected);
}

// ---------------------------------------------------------------------------------------
// Dependencies
// ---------------------------------------------------------------------------------------

#[test]
fn dependencies_in_every_shape_become_edges() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "what does Alder-7B depend on",       // a list
            "what does Alder-7B-Chat depend on",  // a single string
            "what does Hemlock-MoE depend on",    // a single string
            "what does \"Loop Gamma\" depend on", // a wrapped list [[a, b]]
            "what does \"Loop Beta\" depend on",  // {value: [...], explanation}
            "what does Yew-Code depend on",       // {value: [...], explanation}
            "what does Spruce-Audio depend on",   // no dependencies field
            "what does Juniper-Vid depend on",    // []
            "what does \"Linden Chat\" depend on",
        ],
    );
    let expected: [&[&str]; 9] = [
        &["Birch Corpus", "Cedar Web", "Pine Crawl", "CUDA"],
        &["Alder-7B"],
        &["Spruce-Vision"],
        &["Loop Alpha", "Rowan Books"],
        &["Loop Gamma"],
        &["Alder-7B", "Pine Crawl"],
        &[],
        &[],
        &["Alder-7B-Chat", "Juniper-Vid"],
    ];
    for (answer, expected) in answers.iter().zip(expected) {
        assert_eq!(answer.names(), set(expected));
    }
}

#[test]
fn dependency_names_differing_in_case_or_spacing_reach_the_asset() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "who depends on \"Cedar Web\"",  // written "cedar  WEB"
            "who depends on Alder-7B",       // written "ALDER 7B" once
            "who depends on Alder-7B-Chat",  // written "alder 7b chat"
            "who depends on \"Loop Alpha\"", // written "loop alpha"
            "sparql SELECT DISTINCT ?name WHERE { ?x rdfs:label|skos:altLabel ?name FILTER (LCASE(STR(?name)) IN (\"cedar web\", \"cedar  web\", \"alder 7b\", \"alder 7b chat\", \"loop alpha\")) }",
        ],
    );
    assert_eq!(answers[0].names(), set(&["Alder-7B", "Spruce-Vision"]));
    assert_eq!(answers[1].names(), set(&["Alder-7B-Chat", "Yew-Code"]));
    assert_eq!(answers[2].names(), set(&["Linden Chat"]));
    assert_eq!(answers[3].names(), set(&["Loop Gamma"]));
    // No node was made for the spellings: only the assets' own names are there.
    assert_eq!(answers[4].column("name"), set(&["Cedar Web", "Loop Alpha"]));
}

#[test]
fn unresolved_dependency_names_become_external_assets() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "sparql SELECT DISTINCT ?name WHERE { ?x a cat:ExternalAsset ; rdfs:label ?name }",
            "who depends on \"Pine Crawl\"",
            "who depends on \"Rowan Books\"",
            "describe \"Pine Crawl\"",
        ],
    );
    // On a graph without the documents, CUDA is an external asset too.
    assert_eq!(
        answers[0].column("name"),
        set(&["CUDA", "Pine Crawl", "Rowan Books"])
    );
    assert_eq!(
        answers[1].names(),
        set(&["Alder-7B", "Birch Corpus", "Yew-Code"])
    );
    assert_eq!(answers[2].names(), set(&["Loop Gamma"]));
    // Every mention is cited to the record that makes it.
    assert_eq!(
        answers[3].column("source"),
        set(&[
            "circle_works.yaml: Birch Corpus (line 26)",
            "example_labs.yaml: Alder-7B (line 2)",
            "partners.yaml: Yew-Code (line 9)",
        ])
    );
}

#[test]
fn unresolved_names_the_graph_knows_link_to_its_entity() {
    let answers = ask(
        Base::Shipped,
        &[
            "sparql SELECT DISTINCT ?name WHERE { ?x a cat:ExternalAsset ; rdfs:label ?name }",
            "sparql SELECT DISTINCT ?who WHERE { ?who cat:dependsOn ent:CUDA . FILTER (?who IN (ent:Alder7B, ent:SpruceVision)) }",
            "sparql ASK { ent:CUDA a cat:ExternalAsset }",
        ],
    );
    assert_eq!(
        answers[0].column("name"),
        set(&["Pine Crawl", "Rowan Books"])
    );
    assert_eq!(
        answers[1].column("who"),
        set(&[
            "https://w3id.org/catena/entity/Alder7B",
            "https://w3id.org/catena/entity/SpruceVision"
        ])
    );
    assert_eq!(answers[2].boolean, Some(false));
}

#[test]
fn records_sharing_a_name_describe_one_asset() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "sparql SELECT DISTINCT ?x WHERE { ?x rdfs:label \"Birch Corpus\"@en }",
            "describe \"Birch Corpus\"",
            "who depends on \"Birch Corpus\"",
            "what does \"Birch Corpus\" depend on",
        ],
    );
    assert_eq!(answers[0].rows.len(), 1, "{:?}", answers[0].rows);
    let describe = &answers[1];
    // The asset's own facts come from the two records; the edges into it from the records
    // that depend on it.
    let outgoing: BTreeSet<String> = describe
        .rows
        .iter()
        .filter(|r| r["direction"] == "→")
        .map(|r| r["source"].clone())
        .collect();
    assert_eq!(
        outgoing,
        set(&[
            "circle_works.yaml: Birch Corpus (line 26)",
            "example_labs.yaml: Birch Corpus (line 32)",
        ])
    );
    // Facts of both records: the access level of one, the date of the other.
    let value_from = |value: &str| -> BTreeSet<String> {
        describe
            .rows
            .iter()
            .filter(|r| {
                r.get("value").map(String::as_str) == Some(value)
                    || r.get("other_label").map(String::as_str) == Some(value)
            })
            .map(|r| r["source"].clone())
            .collect()
    };
    assert_eq!(
        value_from("closed access"),
        set(&["example_labs.yaml: Birch Corpus (line 32)"])
    );
    assert_eq!(
        value_from("2021"),
        set(&["circle_works.yaml: Birch Corpus (line 26)"])
    );
    assert_eq!(answers[2].names(), set(&["Alder-7B", "Fir-1B"]));
    assert_eq!(answers[3].names(), set(&["Pine Crawl"]));
}

#[test]
fn self_dependencies_are_dropped() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "what does Fir-1B depend on",
            "who depends on Fir-1B",
            "sparql ASK { ?x cat:dependsOn ?x }",
        ],
    );
    assert_eq!(answers[0].names(), set(&["Birch Corpus"]));
    assert_eq!(answers[1].names(), BTreeSet::new());
    assert_eq!(answers[2].boolean, Some(false));
}

#[test]
fn transitive_questions_end_on_the_dependency_cycle() {
    // `ask` runs catena with a timeout: a walk that loops on the cycle fails the test.
    let answers = ask(
        Base::OntologyOnly,
        &[
            "who depends on \"Rowan Books\" transitively",
            "who depends on \"Loop Alpha\" transitively",
            "what does \"Loop Alpha\" depend on transitively",
        ],
    );
    let steps = |answer: &Answer| -> BTreeMap<String, (String, String)> {
        answer
            .rows
            .iter()
            .map(|r| {
                (
                    r["answer_label"].clone(),
                    (r["steps"].clone(), r["path"].clone()),
                )
            })
            .collect()
    };
    let expected = |items: &[(&str, &str, &str)]| -> BTreeMap<String, (String, String)> {
        items
            .iter()
            .map(|(n, s, p)| ((*n).to_owned(), ((*s).to_owned(), (*p).to_owned())))
            .collect()
    };
    assert_eq!(answers[0].rows.len(), 3, "{:?}", answers[0].rows);
    assert_eq!(
        steps(&answers[0]),
        expected(&[
            ("Loop Gamma", "1", "Loop Gamma → Rowan Books"),
            ("Loop Beta", "2", "Loop Beta → Loop Gamma → Rowan Books"),
            (
                "Loop Alpha",
                "3",
                "Loop Alpha → Loop Beta → Loop Gamma → Rowan Books"
            ),
        ])
    );
    assert_eq!(
        steps(&answers[1]),
        expected(&[
            ("Loop Gamma", "1", "Loop Gamma → Loop Alpha"),
            ("Loop Beta", "2", "Loop Beta → Loop Gamma → Loop Alpha"),
        ])
    );
    assert_eq!(
        answers[2].names(),
        set(&["Loop Beta", "Loop Gamma", "Rowan Books"])
    );
}

// ---------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------

#[test]
fn organisation_strings_naming_several_organisations_are_split() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "list models by \"University of Maryland, College Park\"",
            "list models by \"Juniper Analytics\"",
            "list models by \"Quarry Institute\"",
            "list models by \"Example Labs\"",
            "sparql SELECT DISTINCT ?name WHERE { ?o cat:develops ?x ; rdfs:label ?name }",
            "sparql SELECT DISTINCT ?name WHERE { ?o a cat:ResearchBody ; rdfs:label ?name }",
        ],
    );
    assert_eq!(answers[0].names(), set(&["Juniper-Vid"]));
    assert_eq!(answers[1].names(), set(&["Juniper-Vid"]));
    assert_eq!(answers[2].names(), set(&["Yew-Code"]));
    assert_eq!(
        answers[3].names(),
        set(&["Alder-7B", "Alder-7B-Chat", "Fir-1B", "Yew-Code"])
    );
    // No organisation is named after a fragment ("College Park") or a whole list.
    assert_eq!(
        answers[4].column("name"),
        set(&[
            "Circle Works",
            "DeepSeek",
            "Example Labs",
            "Juniper Analytics",
            "NVIDIA",
            "OpenAI",
            "Quarry Institute",
            "University of Maryland, College Park",
        ])
    );
    assert_eq!(
        answers[5].column("name"),
        set(&["Quarry Institute", "University of Maryland, College Park"])
    );
}

#[test]
fn spellings_of_one_organisation_count_for_one_developer() {
    let answers = ask(
        Base::OntologyOnly,
        &[
            "count models by developer",
            "list models by ExampleLabs",
            "list models by \"Example Lab\"",
            "list models by Nvidia",
            "list models by \"Deepseek AI\"",
        ],
    );
    let expected: BTreeMap<String, u64> = [
        ("Example Labs", 4),
        ("Circle Works", 3),
        ("DeepSeek", 2),
        ("NVIDIA", 2),
        ("Juniper Analytics", 1),
        ("Quarry Institute", 1),
        ("University of Maryland, College Park", 1),
    ]
    .iter()
    .map(|(n, c)| ((*n).to_owned(), *c))
    .collect();
    assert_eq!(counts(&answers[0]), expected);
    let example_labs = set(&["Alder-7B", "Alder-7B-Chat", "Fir-1B", "Yew-Code"]);
    assert_eq!(answers[1].names(), example_labs);
    assert_eq!(answers[2].names(), example_labs);
    assert_eq!(answers[3].names(), set(&["Spruce-Audio", "Spruce-Vision"]));
    assert_eq!(answers[4].names(), set(&["Hemlock-Lite", "Hemlock-MoE"]));
}

#[test]
fn spellings_of_known_organisations_link_to_the_documents_entities() {
    let before = ask_shipped(&["count models by developer"]);
    let answers = ask(
        Base::Shipped,
        &[
            "count models by developer",
            "list models by NVIDIA",
            "list models by DeepSeek",
        ],
    );
    let mut expected = counts(&before[0]);
    for (developer, added) in [
        ("NVIDIA", 2),   // "Nvidia" and "NVIDIA"
        ("DeepSeek", 2), // "Deepseek AI" and "DeepSeek"
        ("Example Labs", 4),
        ("Circle Works", 3),
        ("Juniper Analytics", 1),
        ("Quarry Institute", 1),
        ("University of Maryland, College Park", 1),
    ] {
        *expected.entry(developer.to_owned()).or_default() += added;
    }
    assert_eq!(counts(&answers[0]), expected);
    let nvidia = answers[1].names();
    assert!(
        nvidia.contains("Spruce-Vision") && nvidia.contains("Spruce-Audio"),
        "{nvidia:?}"
    );
    let deepseek = answers[2].names();
    assert!(
        deepseek.contains("Hemlock-MoE") && deepseek.contains("Hemlock-Lite"),
        "{deepseek:?}"
    );
    let before_deepseek = ask_shipped(&["list models by DeepSeek"]);
    assert_eq!(deepseek.len(), before_deepseek[0].names().len() + 2);
}

#[test]
fn open_models_by_organisation_in_a_year() {
    let answers = ask(
        Base::Shipped,
        &[
            "open models by \"Example Labs\" in 2024",
            "open models by \"Example Labs\" in 2023",
            "open models by \"Circle Works\" in 2021",
            "open models by NVIDIA in 2024",
            "open models by NVIDIA in 2023",
        ],
    );
    assert_eq!(answers[0].names(), set(&["Alder-7B-Chat", "Yew-Code"]));
    assert_eq!(answers[1].names(), set(&["Alder-7B"]));
    // Loop Gamma (2021) is closed.
    assert_eq!(answers[2].names(), BTreeSet::new());
    assert!(
        answers[3].names().contains("Spruce-Vision"),
        "{:?}",
        answers[3].rows
    );
    // Spruce-Audio (2023) is closed.
    assert!(
        !answers[4].names().contains("Spruce-Audio"),
        "{:?}",
        answers[4].rows
    );
}

#[test]
fn describe_known_organisations_shows_both_sources() {
    let answers = ask(Base::Shipped, &["describe NVIDIA", "describe OpenAI"]);
    for (answer, asset) in answers.iter().zip(["Spruce-Vision", "Oak Assistant"]) {
        let documents = answer.column("document");
        assert!(documents.contains(EG_DOCUMENT), "{documents:?}");
        assert!(
            documents.iter().any(|d| d != EG_DOCUMENT),
            "rows of the documents too: {documents:?}"
        );
        assert!(
            answer.rows.iter().any(|r| {
                r.get("relation_label").map(String::as_str) == Some("develops")
                    && r.get("other_label").map(String::as_str) == Some(asset)
                    && r["document"] == EG_DOCUMENT
            }),
            "no `develops {asset}` row from Ecosystem Graphs: {:#?}",
            answer.rows
        );
    }
}

// ---------------------------------------------------------------------------------------
// Provenance
// ---------------------------------------------------------------------------------------

#[test]
fn every_imported_fact_is_cited_to_its_record() {
    let questions = [
        // Graphs with facts that are not passages of the data set.
        format!(
            "sparql SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER NOT EXISTS {{ ?g a cat:Passage ; cat:inDocument <{EG_DOCUMENT}> ; cat:locator ?loc }} }}"
        ),
        // The passages and their locators.
        format!(
            "sparql SELECT DISTINCT ?g ?loc WHERE {{ GRAPH ?g {{ ?s ?p ?o }} ?g a cat:Passage ; cat:inDocument <{EG_DOCUMENT}> ; cat:locator ?loc }}"
        ),
        // Each asset's type is stated in the passage of its own record.
        "sparql SELECT DISTINCT ?name ?loc WHERE { GRAPH ?g { ?x a ?class ; rdfs:label ?name } ?g cat:locator ?loc . VALUES ?class { cat:FoundationModel cat:Dataset cat:Application } }".to_owned(),
        // The catalogue says nothing but the passages and the source document.
        format!(
            "sparql ASK {{ GRAPH <{CATALOGUE}> {{ ?s ?p ?o }} FILTER (?s != <{EG_DOCUMENT}>) FILTER NOT EXISTS {{ GRAPH <{CATALOGUE}> {{ ?s cat:inDocument <{EG_DOCUMENT}> }} }} }}"
        ),
        format!("sparql ASK {{ GRAPH <{CATALOGUE}> {{ <{EG_DOCUMENT}> a cat:SourceDocument }} }}"),
    ];
    let questions: Vec<&str> = questions.iter().map(String::as_str).collect();
    let answers = ask(Base::OntologyOnly, &questions);
    assert_eq!(answers[0].column("g"), set(&[CATALOGUE, ONTOLOGY]));
    let locators: Vec<String> = answers[1].rows.iter().map(|r| r["loc"].clone()).collect();
    let expected: BTreeSet<String> = MESSY_RECORDS
        .iter()
        .map(|(file, line, name)| format!("{file}: {name} (line {line})"))
        .collect();
    assert_eq!(
        locators.len(),
        MESSY_RECORDS.len(),
        "one locator per passage"
    );
    assert_eq!(answers[1].column("g").len(), MESSY_RECORDS.len());
    assert_eq!(locators.into_iter().collect::<BTreeSet<_>>(), expected);
    let typed: BTreeSet<(String, String)> = answers[2]
        .rows
        .iter()
        .map(|r| (r["name"].clone(), r["loc"].clone()))
        .collect();
    let expected_typed: BTreeSet<(String, String)> = MESSY_RECORDS
        .iter()
        .map(|(file, line, name)| ((*name).to_owned(), format!("{file}: {name} (line {line})")))
        .collect();
    assert_eq!(typed, expected_typed);
    assert_eq!(answers[3].boolean, Some(false));
    assert_eq!(answers[4].boolean, Some(true));
}

// ---------------------------------------------------------------------------------------
// Files that cannot be read, and usage errors
// ---------------------------------------------------------------------------------------

/// `torn.yaml:LINE:COLUMN:` in a message, with the line inside the broken record.
fn assert_cites_torn_yaml(message: &str) {
    let at = message
        .find("torn.yaml:")
        .unwrap_or_else(|| panic!("no torn.yaml:line:column in {message:?}"));
    let mut parts = message[at + "torn.yaml:".len()..].splitn(3, ':');
    let line: usize = parts
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line in {message:?}"));
    let column: usize = parts
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column in {message:?}"));
    assert!((5..=8).contains(&line), "line {line} in {message:?}");
    assert!(column >= 1, "{message:?}");
}

#[test]
fn broken_yaml_stops_the_import_with_file_line_and_column() {
    let out = tempfile::tempdir().expect("temp dir");
    let nq = out.path().join("broken.nq");
    let output = run_import(
        Base::Shipped,
        &fixture("broken"),
        &["--output", path_arg(&nq)],
        &["who depends on \"Quince Set\""],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("1 file could not be read, so nothing was imported"),
        "{stderr}"
    );
    assert_cites_torn_yaml(&stderr);
    // Nothing was imported: no output file, no answer, no summary.
    assert!(!nq.exists());
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
    assert!(
        !stderr.lines().any(|l| l.starts_with("imported ")),
        "{stderr}"
    );
}

#[test]
fn keep_going_imports_the_valid_file_and_reports_the_broken_one() {
    let report = report(Base::Shipped, &fixture("broken"), &["--keep-going"]);
    assert_eq!(report["files"], 1);
    assert_eq!(report["records"], 2);
    assert_eq!(
        report["assets_by_type"],
        json!({"datasets": 1, "models": 1})
    );
    assert_eq!(report["dependency_edges"], 1);
    assert_eq!(report["skipped"], json!([]));
    let broken = report["broken_files"].as_array().expect("broken_files");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert_cites_torn_yaml(broken[0].as_str().expect("text"));

    let output = run_import(Base::Shipped, &fixture("broken"), &["--keep-going"], &[]);
    assert_success(&output);
    let summary = text(&output.stdout);
    assert!(
        summary.contains("  files skipped: 1\n    torn.yaml:"),
        "{summary}"
    );
}

#[test]
fn keep_going_answers_questions_on_the_valid_file() {
    let output = run_import(
        Base::Shipped,
        &fixture("broken"),
        &["--keep-going", "--format", "json"],
        &[
            "who depends on \"Quince Set\"",
            "sparql ASK { ?x rdfs:label ?name FILTER (STR(?name) IN (\"Torn Model\", \"Never Read\")) }",
        ],
    );
    assert_success(&output);
    let answers: Vec<Answer> = json_stream(&output.stdout)
        .iter()
        .map(Answer::from_json)
        .collect();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0].names(), set(&["Quince-3B"]));
    assert_eq!(answers[1].boolean, Some(false));
}

#[test]
fn folder_without_asset_files_is_a_usage_error() {
    let output = run_import(Base::Shipped, &fixture("empty"), &[], &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("holds no asset files (*.yaml)"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
/// An absent folder is bad input, as an absent file is for `catena run` and `catena load`.
fn absent_folder_is_an_input_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let absent = dir.path().join("no-such-folder");
    let output = run_import(Base::Shipped, &absent, &[], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("cannot read"));
    assert!(
        text(&output.stderr).contains("no-such-folder"),
        "{}",
        text(&output.stderr)
    );
    assert!(output.stdout.is_empty());
}

// ---------------------------------------------------------------------------------------
// --output
// ---------------------------------------------------------------------------------------

/// The quads of an N-Quads or TriG file.
fn parse_quads(path: &Path, format: oxigraph::io::RdfFormat) -> Vec<oxigraph::model::Quad> {
    let file = std::fs::File::open(path).expect("the output file exists");
    oxigraph::io::RdfParser::from_format(format)
        .for_reader(file)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

#[test]
fn output_nquads_holds_every_imported_quad_in_its_named_graph() {
    use oxigraph::io::RdfFormat;
    use oxigraph::model::GraphName;
    let out = tempfile::tempdir().expect("temp dir");
    let nq = out.path().join("import.nq");
    let report = report(
        Base::Shipped,
        &fixture("messy"),
        &["--output", path_arg(&nq)],
    );
    let quads = parse_quads(&nq, RdfFormat::NQuads);
    assert_eq!(Some(quads.len() as u64), report["quads"].as_u64());
    let lines = std::fs::read_to_string(&nq)
        .expect("UTF-8")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(lines, quads.len(), "one quad per line");
    let mut graphs = BTreeSet::new();
    for quad in &quads {
        match &quad.graph_name {
            GraphName::NamedNode(g) => {
                graphs.insert(g.as_str().to_owned());
            }
            other => panic!("a quad outside the named graphs ({other}): {quad}"),
        }
    }
    assert!(graphs.remove(CATALOGUE), "{graphs:?}");
    assert_eq!(
        graphs.len(),
        MESSY_RECORDS.len(),
        "one graph per record: {graphs:?}"
    );
    for g in &graphs {
        assert!(g.starts_with(&format!("{EG_DOCUMENT}/")), "{g}");
    }
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(out.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["import.nq".to_owned()]);

    // The file alone, loaded as the data, answers like the import.
    let output = catena()
        .args(["--data", path_arg(&nq), "--format", "json"])
        .args(["-e", "who depends on \"Pine Crawl\""])
        .args(["-e", "what does \"Loop Gamma\" depend on"])
        .args(["-e", "sparql SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <https://w3id.org/catena/ontology>) }"])
        .output()
        .expect("catena runs");
    assert_success(&output);
    let answers: Vec<Answer> = json_stream(&output.stdout)
        .iter()
        .map(Answer::from_json)
        .collect();
    assert_eq!(
        answers[0].names(),
        set(&["Alder-7B", "Birch Corpus", "Yew-Code"])
    );
    assert_eq!(answers[1].names(), set(&["Loop Alpha", "Rowan Books"]));
    assert_eq!(answers[2].column("n"), set(&[&quads.len().to_string()]));
}

#[test]
fn output_trig_holds_the_same_quads() {
    use oxigraph::io::RdfFormat;
    let out = tempfile::tempdir().expect("temp dir");
    let nq = out.path().join("import.nq");
    let trig = out.path().join("import.trig");
    let first = report(
        Base::Shipped,
        &fixture("messy"),
        &["--output", path_arg(&nq)],
    );
    let second = report(
        Base::Shipped,
        &fixture("messy"),
        &["--output", path_arg(&trig)],
    );
    assert_eq!(first["quads"], second["quads"]);
    let nquads: BTreeSet<String> = parse_quads(&nq, RdfFormat::NQuads)
        .iter()
        .map(ToString::to_string)
        .collect();
    let trig: BTreeSet<String> = parse_quads(&trig, RdfFormat::TriG)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(nquads, trig);
}

#[test]
fn output_turtle_is_refused_because_it_would_lose_named_graphs() {
    let out = tempfile::tempdir().expect("temp dir");
    let ttl = out.path().join("import.ttl");
    let output = run_import(
        Base::Shipped,
        &fixture("messy"),
        &["--output", path_arg(&ttl)],
        &[],
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("write the import as .nq or .trig"),
        "{stderr}"
    );
    assert!(!ttl.exists());
    assert_eq!(
        std::fs::read_dir(out.path()).expect("read dir").count(),
        0,
        "no partial file is left"
    );
}

// ---------------------------------------------------------------------------------------
// Persistent stores (only with `--features rocksdb`)
// ---------------------------------------------------------------------------------------

#[cfg(feature = "rocksdb")]
mod store {
    use super::*;

    /// The number of quads in the store, as `catena store init` reports it.
    fn quads(dir: &Path) -> usize {
        let output = catena()
            .args(["store", "init", path_arg(dir)])
            .output()
            .expect("catena runs");
        assert_success(&output);
        let text = text(&output.stdout);
        text.rsplit('(')
            .next()
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {text}"))
    }

    /// `catena --store DIR import ecosystem-graphs FIXTURE --format json [extra…]`.
    fn import_into(dir: &Path, fixture_name: &str, extra: &[&str]) -> Output {
        catena()
            .args(["--store", path_arg(dir), "--format", "json"])
            .args([
                "import",
                "ecosystem-graphs",
                path_arg(&fixture(fixture_name)),
            ])
            .args(extra)
            .timeout(Duration::from_secs(300))
            .output()
            .expect("catena runs")
    }

    #[test]
    fn importing_twice_into_a_store_adds_nothing_the_second_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("kg");
        let before = quads(&store);

        let first = import_into(&store, "messy", &[]);
        assert_success(&first);
        let first: Value = serde_json::from_slice(&first.stdout).expect("JSON report");
        let added = first["new_quads"].as_u64().expect("new_quads") as usize;
        assert!(added > 0);
        assert_eq!(first["new_quads"], first["quads"]);
        let after_first = quads(&store);
        assert_eq!(after_first, before + added);

        let second = import_into(&store, "messy", &[]);
        assert_success(&second);
        let second: Value = serde_json::from_slice(&second.stdout).expect("JSON report");
        // The second import links to what the first wrote (so it may state fewer quads:
        // no labels for entities that now exist), and adds nothing.
        assert_eq!(second["new_quads"], 0, "{second:#}");
        assert_eq!(
            quads(&store),
            after_first,
            "the second import changed the store"
        );
    }

    #[test]
    fn another_process_sees_the_imported_facts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("kg");
        assert_success(&import_into(&store, "messy", &[]));
        let output = catena()
            .args(["--store", path_arg(&store), "--format", "json"])
            .args(["-e", "who depends on \"Pine Crawl\""])
            .args(["-e", "list models by Nvidia"])
            .args(["-e", "who depends on \"Rowan Books\" transitively"])
            .output()
            .expect("catena runs");
        assert_success(&output);
        let answers: Vec<Answer> = json_stream(&output.stdout)
            .iter()
            .map(Answer::from_json)
            .collect();
        assert_eq!(
            answers[0].names(),
            set(&["Alder-7B", "Birch Corpus", "Yew-Code"])
        );
        let nvidia = answers[1].names();
        assert!(
            nvidia.contains("Spruce-Vision") && nvidia.contains("Spruce-Audio"),
            "{nvidia:?}"
        );
        assert_eq!(
            answers[2].names(),
            set(&["Loop Alpha", "Loop Beta", "Loop Gamma"])
        );
    }

    #[test]
    fn broken_yaml_leaves_the_store_unchanged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("kg");
        let before = quads(&store);
        let output = import_into(&store, "broken", &[]);
        assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
        assert_eq!(quads(&store), before);
    }

    #[test]
    fn refused_output_format_leaves_the_store_unchanged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("kg");
        let ttl = dir.path().join("import.ttl");
        let before = quads(&store);
        let output = import_into(&store, "messy", &["--output", path_arg(&ttl)]);
        assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
        assert!(!ttl.exists());
        // A usage error should be found before anything is written.
        assert_eq!(
            quads(&store),
            before,
            "the refused import was written to the store"
        );
    }
}
