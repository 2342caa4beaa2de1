//! `catena import ecosystem-graphs` on the whole Stanford CRFM Ecosystem Graphs data set:
//! exact answers to dependency questions, per-organisation model counts and the import
//! report, each compared with values this file computes on its own from the YAML files.
//!
//! The data set is not part of the repository (it has no licence for redistribution); it is
//! read from `../shared/ecosystem-graphs/assets` beside the crate. When that folder is
//! absent every test says so on stderr and passes.
//!
//! The expectations are computed with `yaml_rust2` and the importer's documented rules, not
//! with catena's own code, so that a mistake in the importer cannot hide in its own oracle:
//! - a field is bare or a `{value, explanation}` mapping;
//! - records with one `name` are one asset;
//! - a dependency name is the asset of exactly that name, else the one asset whose name has
//!   the same letters and digits lower-cased, else an external node; self-dependencies are
//!   dropped;
//! - an organisation string can list several organisations, separated by commas and "and".
//!
//! Every question runs on a graph of the ontology and the import only (`--data` names an
//! empty Turtle file), so that facts of the embedded source documents cannot add answers.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;
use yaml_rust2::{Yaml, YamlLoader};

use common::catena;

/// The asset folder, relative to the crate.
const ASSETS: &str = "../shared/ecosystem-graphs/assets";

/// What separates the steps of a `path` column.
const PATH_ARROW: &str = " → ";

// ---------------------------------------------------------------------------------------
// The data set, read independently of catena
// ---------------------------------------------------------------------------------------

/// One YAML record, reduced to the fields the checks need.
#[derive(Debug)]
struct Record {
    name: String,
    kind: String,
    organisation: Option<String>,
    /// Dependency names as written (trimmed), without placeholders.
    dependencies: Vec<String>,
}

/// The whole data set: its records and the indexes that resolve dependency names.
struct Data {
    records: Vec<Record>,
    /// Distinct asset names.
    names: BTreeSet<String>,
    /// Asset names by their letters and digits lower-cased, for names written differently.
    by_loose: HashMap<String, Vec<String>>,
}

/// Where a dependency name leads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// An asset of the data set, by its name.
    Asset(String),
    /// Something no record describes, by the name as written.
    External(String),
}

/// The value of a field written bare or as `{value, explanation}`: the importer reads both.
fn value(field: &Yaml) -> &Yaml {
    match field {
        Yaml::Hash(_) => &field["value"],
        other => other,
    }
}

/// A scalar as text (names such as `1.5` parse as numbers), or `None` for anything else.
fn scalar(node: &Yaml) -> Option<String> {
    match node {
        Yaml::String(text) | Yaml::Real(text) => Some(text.clone()),
        Yaml::Integer(n) => Some(n.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Inner spaces collapsed and ends trimmed, as names are compared.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that stand for "no dependency given" rather than naming one (`Unknown` appears in
/// a dependency list of the data); the importer reads no edge from them.
fn is_placeholder(text: &str) -> bool {
    matches!(
        text.to_lowercase().as_str(),
        "" | "unknown" | "none" | "n/a" | "na" | "null" | "tbd" | "?"
    )
}

/// Letters and digits, lower-cased: the second way a dependency name finds its asset
/// ("LLaMA 2" → "Llama 2").
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The organisations an organisation string lists: parts separated by commas, semicolons
/// and "and"/"&", trimmed. Good enough for the organisations the counts check, whose
/// spellings were looked up in the data.
fn organisation_parts(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" & ")))
        .map(tidy)
        .map(|part| part.strip_prefix("and ").map(str::to_owned).unwrap_or(part))
        .filter(|part| !part.is_empty())
        .collect()
}

impl Data {
    /// Reads every `*.yaml` file of `dir`.
    fn load(dir: &Path) -> Self {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("the asset folder can be listed")
            .map(|entry| entry.expect("a readable folder entry").path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml")
            })
            .collect();
        paths.sort();
        assert!(!paths.is_empty(), "no asset files in {}", dir.display());
        let mut records = Vec::new();
        for path in &paths {
            let text = std::fs::read_to_string(path).expect("an asset file is UTF-8 text");
            let documents = YamlLoader::load_from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()));
            for document in &documents {
                let Yaml::Array(items) = document else {
                    continue;
                };
                records.extend(items.iter().filter_map(read_record));
            }
        }
        let names: BTreeSet<String> = records.iter().map(|r| r.name.clone()).collect();
        let mut by_loose: HashMap<String, Vec<String>> = HashMap::new();
        for name in &names {
            by_loose.entry(loose(name)).or_default().push(name.clone());
        }
        Self {
            records,
            names,
            by_loose,
        }
    }

    /// Where a dependency name leads: exact name first, then the one loose match.
    fn resolve(&self, dependency: &str) -> Target {
        if self.names.contains(dependency) {
            return Target::Asset(dependency.to_owned());
        }
        match self.by_loose.get(&loose(dependency)).map(Vec::as_slice) {
            Some([one]) => Target::Asset(one.clone()),
            _ => Target::External(dependency.to_owned()),
        }
    }

    /// Every dependency edge of the data set, self-dependencies dropped: asset → target.
    fn edges(&self) -> BTreeMap<String, BTreeSet<Target>> {
        let mut edges: BTreeMap<String, BTreeSet<Target>> = BTreeMap::new();
        for record in &self.records {
            for dependency in &record.dependencies {
                let target = self.resolve(dependency);
                if target != Target::Asset(record.name.clone()) {
                    edges.entry(record.name.clone()).or_default().insert(target);
                }
            }
        }
        edges
    }

    /// Asset → assets it depends on (edges to external nodes left out).
    fn asset_edges(&self) -> BTreeMap<String, BTreeSet<String>> {
        self.edges()
            .into_iter()
            .map(|(from, targets)| {
                let assets = targets
                    .into_iter()
                    .filter_map(|t| match t {
                        Target::Asset(name) => Some(name),
                        Target::External(_) => None,
                    })
                    .collect();
                (from, assets)
            })
            .collect()
    }

    /// The names of the assets that depend directly on `asset`.
    fn dependents(&self, asset: &str) -> BTreeSet<String> {
        self.asset_edges()
            .into_iter()
            .filter(|(_, targets)| targets.contains(asset))
            .map(|(from, _)| from)
            .collect()
    }

    /// What `asset` depends on, as labels: assets by name, external nodes as written.
    fn dependencies_of(&self, asset: &str) -> BTreeSet<String> {
        self.edges()
            .remove(asset)
            .unwrap_or_default()
            .into_iter()
            .map(|t| match t {
                Target::Asset(name) | Target::External(name) => name,
            })
            .collect()
    }

    /// Every asset that depends on `asset` directly or through others, with its shortest
    /// number of steps: a breadth-first search over the reversed edges. `asset` itself is
    /// left out even when a cycle leads back to it.
    fn transitive_dependents(&self, asset: &str) -> BTreeMap<String, usize> {
        let mut reversed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, targets) in self.asset_edges() {
            for target in targets {
                reversed.entry(target).or_default().insert(from.clone());
            }
        }
        let mut distance: BTreeMap<String, usize> = BTreeMap::from([(asset.to_owned(), 0)]);
        let mut queue = VecDeque::from([asset.to_owned()]);
        while let Some(current) = queue.pop_front() {
            let next = distance[&current] + 1;
            for dependent in reversed.get(&current).into_iter().flatten() {
                if !distance.contains_key(dependent) {
                    distance.insert(dependent.clone(), next);
                    queue.push_back(dependent.clone());
                }
            }
        }
        distance.remove(asset);
        distance
    }

    /// Distinct asset names of one type (`model`, `dataset`, `application`).
    fn names_of_kind(&self, kind: &str) -> BTreeSet<String> {
        self.records
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.name.clone())
            .collect()
    }

    /// Distinct model names whose organisation string lists one of `spellings`
    /// (case-insensitively).
    fn models_by(&self, spellings: &[&str]) -> BTreeSet<String> {
        self.records
            .iter()
            .filter(|r| r.kind == "model")
            .filter(|r| {
                r.organisation.as_deref().is_some_and(|org| {
                    organisation_parts(org)
                        .iter()
                        .any(|part| spellings.iter().any(|s| part.eq_ignore_ascii_case(s)))
                })
            })
            .map(|r| r.name.clone())
            .collect()
    }

    /// Names given by more than one record.
    fn duplicate_names(&self) -> BTreeSet<String> {
        let mut seen = BTreeMap::<&str, usize>::new();
        for record in &self.records {
            *seen.entry(&record.name).or_default() += 1;
        }
        seen.into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(name, _)| name.to_owned())
            .collect()
    }

    /// Assets with a dependency that resolves to themselves.
    fn self_dependencies(&self) -> BTreeSet<String> {
        self.records
            .iter()
            .filter(|r| {
                r.dependencies
                    .iter()
                    .any(|d| self.resolve(d) == Target::Asset(r.name.clone()))
            })
            .map(|r| r.name.clone())
            .collect()
    }

    /// The number of distinct edges of the graph: to assets by name, to external nodes by
    /// their loose key (external names written differently are one node).
    fn edge_count(&self) -> usize {
        let mut keys: BTreeSet<(String, String)> = BTreeSet::new();
        for (from, targets) in self.edges() {
            for target in targets {
                let key = match target {
                    Target::Asset(name) => format!("asset:{name}"),
                    Target::External(name) => {
                        let key = loose(&name);
                        format!("external:{}", if key.is_empty() { name } else { key })
                    }
                };
                keys.insert((from.clone(), key));
            }
        }
        keys.len()
    }
}

/// Reads one record; `None` for an item without a name or type (the data has none).
fn read_record(item: &Yaml) -> Option<Record> {
    let name = tidy(&scalar(value(&item["name"]))?);
    let kind = scalar(value(&item["type"]))?.trim().to_lowercase();
    let organisation = match value(&item["organization"]) {
        Yaml::Array(items) => Some(
            items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        other => scalar(other),
    };
    let written: Vec<String> = match value(&item["dependencies"]) {
        Yaml::Array(items) => items.iter().filter_map(|i| scalar(value(i))).collect(),
        Yaml::String(text) => text.split([',', ';']).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let mut dependencies: Vec<String> = Vec::new();
    for dependency in written.iter().map(|d| tidy(d)) {
        if !is_placeholder(&dependency) && !dependencies.contains(&dependency) {
            dependencies.push(dependency);
        }
    }
    Some(Record {
        name,
        kind,
        organisation,
        dependencies,
    })
}

// ---------------------------------------------------------------------------------------
// Running catena
// ---------------------------------------------------------------------------------------

/// The data set and an empty Turtle file for `--data`, or `None` (with a notice) when the
/// data set is absent, so that the tests pass on machines without it.
struct Setup {
    assets: PathBuf,
    data: Data,
    /// Holds the empty Turtle file.
    _dir: TempDir,
    empty: PathBuf,
}

fn setup() -> Option<Setup> {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join(ASSETS);
    if !assets.is_dir() {
        eprintln!("skipped: {ASSETS} is absent");
        return None;
    }
    let dir = TempDir::new().expect("a temporary directory");
    let empty = dir.path().join("empty.ttl");
    std::fs::write(&empty, "").expect("the empty Turtle file is written");
    Some(Setup {
        data: Data::load(&assets),
        assets,
        _dir: dir,
        empty,
    })
}

impl Setup {
    /// Runs `catena --data EMPTY import ecosystem-graphs ASSETS` with `extra` arguments,
    /// asserts success and returns stdout parsed as JSON.
    fn import_json(&self, extra: &[&str]) -> Value {
        let output = catena()
            .arg("--data")
            .arg(&self.empty)
            .args(["import", "ecosystem-graphs"])
            .arg(&self.assets)
            .args(extra)
            .args(["--format", "json"])
            .output()
            .expect("catena runs");
        assert!(
            output.status.success(),
            "catena import {extra:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "catena import {extra:?} did not print JSON ({e}):\n{}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }

    /// The rows of a question's answer: variable → value (literals as their lexical form).
    fn ask(&self, question: &str) -> Vec<BTreeMap<String, String>> {
        let json = self.import_json(&["-e", question]);
        common::binding_rows(
            json["results"]["bindings"]
                .as_array()
                .unwrap_or_else(|| panic!("{question:?}: no SPARQL JSON bindings in {json}")),
        )
    }
}

/// One column of a row, which must be there.
fn column<'a>(row: &'a BTreeMap<String, String>, name: &str, question: &str) -> &'a str {
    row.get(name)
        .unwrap_or_else(|| panic!("{question:?}: a row without `{name}`: {row:?}"))
}

/// The answer labels of a question, which must not repeat.
fn labels(rows: &[BTreeMap<String, String>], question: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for row in rows {
        let label = column(row, "answer_label", question).to_owned();
        assert!(
            out.insert(label.clone()),
            "{question:?}: {label} is answered twice"
        );
    }
    out
}

/// Asserts that two sets are equal, naming what is missing and what is extra.
fn assert_same(question: &str, expected: &BTreeSet<String>, got: &BTreeSet<String>) {
    let missing: Vec<_> = expected.difference(got).collect();
    let extra: Vec<_> = got.difference(expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{question:?}: {} expected, {} answered\n  missing: {missing:?}\n  not expected: {extra:?}",
        expected.len(),
        got.len()
    );
}

/// Checks a transitive dependents question: the answers are the BFS closure, each row's
/// `steps` is the shortest distance, and its `path` is a chain of real edges of that length
/// from the answer to `asset`.
fn check_transitive(setup: &Setup, asset: &str, question: &str) -> usize {
    let expected = setup.data.transitive_dependents(asset);
    assert!(!expected.is_empty(), "{asset} has dependents in the data");
    let rows = setup.ask(question);
    let got = labels(&rows, question);
    assert_same(question, &expected.keys().cloned().collect(), &got);
    let edges = setup.data.asset_edges();
    for row in &rows {
        let label = column(row, "answer_label", question);
        let steps: usize = column(row, "steps", question)
            .parse()
            .unwrap_or_else(|e| panic!("{question:?}: `steps` of {label} is not a number: {e}"));
        assert_eq!(
            Some(&steps),
            expected.get(label),
            "{question:?}: steps of {label}"
        );
        let path = column(row, "path", question);
        let chain: Vec<&str> = path.split(PATH_ARROW).collect();
        assert_eq!(
            chain.len(),
            steps + 1,
            "{question:?}: path {path:?} has {steps} steps"
        );
        assert_eq!(
            chain.first(),
            Some(&label),
            "{question:?}: path {path:?} starts at {label}"
        );
        assert_eq!(
            chain.last(),
            Some(&asset),
            "{question:?}: path {path:?} ends at {asset}"
        );
        for pair in chain.windows(2) {
            assert!(
                edges.get(pair[0]).is_some_and(|t| t.contains(pair[1])),
                "{question:?}: path {path:?}: {} does not depend on {}",
                pair[0],
                pair[1]
            );
        }
    }
    rows.len()
}

// ---------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------

#[test]
fn direct_dependents_are_the_assets_whose_dependencies_resolve_to_the_asset() {
    let Some(setup) = setup() else { return };
    for (asset, question) in [
        ("GPT-4", "who depends on GPT-4"),
        ("Llama 2", "who depends on \"Llama 2\""),
        ("The Pile", "who depends on \"The Pile\""),
    ] {
        let expected = setup.data.dependents(asset);
        assert!(!expected.is_empty(), "{asset} has dependents in the data");
        let got = labels(&setup.ask(question), question);
        assert_same(question, &expected, &got);
    }
}

#[test]
fn transitive_dependents_are_the_breadth_first_closure_with_shortest_steps() {
    let Some(setup) = setup() else { return };
    for (asset, question) in [
        ("The Pile", "who depends on \"The Pile\" transitively"),
        ("LLaMA", "who depends on LLaMA transitively"),
    ] {
        let direct = setup.data.dependents(asset).len();
        let rows = check_transitive(&setup, asset, question);
        assert!(
            rows > direct,
            "{question:?}: the closure ({rows}) is larger than the direct dependents ({direct})"
        );
    }
}

#[test]
fn what_an_asset_depends_on_lists_assets_and_external_names() {
    let Some(setup) = setup() else { return };
    let question = "what does Alpaca depend on";
    let expected = setup.data.dependencies_of("Alpaca");
    assert!(!expected.is_empty(), "Alpaca has dependencies in the data");
    let got = labels(&setup.ask(question), question);
    assert_same(question, &expected, &got);
}

#[test]
fn transitive_questions_end_on_dependency_cycles() {
    let Some(setup) = setup() else { return };
    let asset = "Anthropic Helpfulness dataset";
    // The check is only meaningful if the asset lies on a cycle: something it depends on
    // depends, in turn, on it.
    let dependents = setup.data.transitive_dependents(asset);
    let edges = setup.data.asset_edges();
    let on_cycle = edges
        .get(asset)
        .is_some_and(|targets| targets.iter().any(|t| dependents.contains_key(t)));
    assert!(on_cycle, "{asset} lies on a dependency cycle in the data");
    let rows = check_transitive(
        &setup,
        asset,
        "who depends on \"Anthropic Helpfulness dataset\" transitively",
    );
    assert!(rows > 0);
}

#[test]
fn models_are_counted_by_developer_across_spellings_and_shared_credits() {
    let Some(setup) = setup() else { return };
    // Each organisation with every spelling the data uses for it (checked against the
    // organisation fields; "Meta FAIR" and "Cohere for AI" are other organisations).
    let organisations: [&[&str]; 7] = [
        &["OpenAI"],
        &["Meta", "Meta AI"],
        &["Microsoft"],
        &["NVIDIA", "Nvidia"],
        &["Anthropic"],
        &["Stability AI"],
        &["Cohere"],
    ];
    let question = "count models by developer";
    let rows = setup.ask(question);
    for spellings in organisations {
        let expected = setup.data.models_by(spellings);
        assert!(
            !expected.is_empty(),
            "{spellings:?} develop models in the data"
        );
        let matching: Vec<&BTreeMap<String, String>> = rows
            .iter()
            .filter(|row| {
                let label = column(row, "group_label", question);
                spellings.iter().any(|s| label.eq_ignore_ascii_case(s))
            })
            .collect();
        let [row] = matching.as_slice() else {
            panic!(
                "{question:?}: expected one group for {spellings:?}, got {}: {matching:?}",
                matching.len()
            );
        };
        let count: usize = column(row, "count", question)
            .parse()
            .expect("`count` is a number");
        assert_eq!(
            count,
            expected.len(),
            "{question:?}: models of {spellings:?}; expected {expected:?}"
        );
    }
}

#[test]
fn an_organisation_s_models_include_its_subsidiaries() {
    let Some(setup) = setup() else { return };
    // On the shipped graph, which states that Google DeepMind is Google's: what Google
    // develops includes what Google DeepMind does, and not the other way round.
    let ask = |question: &str| -> BTreeSet<String> {
        let output = catena()
            .args(["import", "ecosystem-graphs"])
            .arg(&setup.assets)
            .args(["-e", question, "--format", "json"])
            .output()
            .expect("catena runs");
        assert!(output.status.success(), "{question:?} failed");
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON results");
        common::binding_rows(json["results"]["bindings"].as_array().expect("bindings"))
            .iter()
            .map(|row| column(row, "x_label", question).to_owned())
            .collect()
    };
    let google = ask("list models by Google");
    let deepmind = ask("list models by Google DeepMind");
    let own = setup.data.models_by(&["Google", "Google Research"]);
    let of_deepmind = setup
        .data
        .models_by(&["Google DeepMind", "Google Deepmind"]);
    assert!(
        !of_deepmind.is_empty(),
        "Google DeepMind develops models in the data"
    );
    let missing: Vec<_> = own
        .union(&of_deepmind)
        .filter(|m| !google.contains(*m))
        .collect();
    assert!(missing.is_empty(), "models by Google: missing {missing:?}");
    let only_google: Vec<_> = own
        .difference(&of_deepmind)
        .filter(|m| deepmind.contains(*m))
        .collect();
    assert!(
        only_google.is_empty(),
        "models by Google DeepMind: Google's own {only_google:?}"
    );
}

#[test]
fn the_import_report_counts_what_the_yaml_holds() {
    let Some(setup) = setup() else { return };
    let report = setup.import_json(&[]);
    let data = &setup.data;
    let number = |field: &Value, what: &str| -> usize {
        let n = field
            .as_u64()
            .unwrap_or_else(|| panic!("report: {what} is not a number: {field}"));
        usize::try_from(n).expect("a count fits in usize")
    };
    for (kind, plural) in [
        ("model", "models"),
        ("dataset", "datasets"),
        ("application", "applications"),
    ] {
        assert_eq!(
            number(&report["assets_by_type"][plural], plural),
            data.names_of_kind(kind).len(),
            "report: assets_by_type.{plural}"
        );
    }
    assert_eq!(
        number(&report["distinct_assets"], "distinct_assets"),
        data.names.len(),
        "report: distinct_assets"
    );
    assert_eq!(
        number(&report["records"], "records"),
        data.records.len(),
        "report: records"
    );
    assert_eq!(
        number(&report["dependency_edges"], "dependency_edges"),
        data.edge_count(),
        "report: dependency_edges"
    );
    let names = |field: &Value, key: Option<&str>| -> BTreeSet<String> {
        field
            .as_array()
            .unwrap_or_else(|| panic!("report: not a list: {field}"))
            .iter()
            .map(|item| {
                let item = key.map_or(item, |key| &item[key]);
                item.as_str()
                    .unwrap_or_else(|| panic!("report: not a name: {item}"))
                    .to_owned()
            })
            .collect()
    };
    assert_same(
        "report: duplicate_names",
        &data.duplicate_names(),
        &names(&report["duplicate_names"], Some("name")),
    );
    assert_same(
        "report: self_dependencies",
        &data.self_dependencies(),
        &names(&report["self_dependencies"], None),
    );
    let skipped = report["skipped"]
        .as_array()
        .expect("report: skipped is a list");
    assert!(skipped.is_empty(), "report: records skipped: {skipped:?}");
}

/// Importing the whole data set into a graph that already holds it (with the documents'
/// facts) adds nothing: every asset, organisation and external name links to what the first
/// import wrote, and the graph still satisfies the ontology.
#[test]
fn a_second_import_of_the_whole_data_set_adds_nothing() {
    let Some(setup) = setup() else { return };
    let first = setup._dir.path().join("first.nq");
    let output = catena()
        .args(["import", "ecosystem-graphs"])
        .arg(&setup.assets)
        .arg("--output")
        .arg(&first)
        .output()
        .expect("catena runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let output = catena()
        .arg("--data")
        .arg(&data)
        .arg("--data")
        .arg(&first)
        .args(["import", "ecosystem-graphs"])
        .arg(&setup.assets)
        .args(["--format", "json"])
        .output()
        .expect("catena runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    assert_eq!(report["new_quads"], 0, "{report:#}");
    let check = catena()
        .arg("--data")
        .arg(&data)
        .arg("--data")
        .arg(&first)
        .arg("check")
        .output()
        .expect("catena runs");
    assert!(
        check.status.success(),
        "the imported graph violates the ontology:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
