//! The rules of `catena check` on small graphs of their own, end to end: dated observations
//! have their period, statements and reports have an Italian label, labels are tagged, the
//! reference layer agrees with the documents, and `--notes` lists figures hidden in notes.

mod common;

use std::path::Path;

use common::catena;
use predicates::prelude::*;

const ONTOLOGY: &str = r#"
@prefix cat: <https://w3id.org/catena/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
cat:Passage a owl:Class . cat:SourceDocument a owl:Class .
cat:ReferenceDataset a owl:Class ; rdfs:subClassOf cat:SourceDocument .
cat:Company a owl:Class . cat:Place a owl:Class . cat:Report a owl:Class .
cat:Statement a owl:Class . cat:Observation a owl:Class ; rdfs:subClassOf cat:Statement .
cat:Concern a owl:Class ; rdfs:subClassOf cat:Statement .
cat:inDocument a owl:ObjectProperty . cat:locator a owl:DatatypeProperty .
cat:basedIn a owl:ObjectProperty . cat:locatedIn a owl:ObjectProperty .
cat:note a owl:DatatypeProperty . cat:date a owl:DatatypeProperty .
cat:periodStart a owl:DatatypeProperty . cat:periodEnd a owl:DatatypeProperty .
skos:altLabel a owl:AnnotationProperty .
"#;

const PREFIXES: &str = r#"
@prefix cat: <https://w3id.org/catena/ontology#> .
@prefix ent: <https://w3id.org/catena/entity/> .
@prefix stmt: <https://w3id.org/catena/statement/> .
@prefix src: <https://w3id.org/catena/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"#;

const CATALOGUE: &str = r#"
src:catalogue {
  src:doc a cat:SourceDocument ; rdfs:label "A document"@en .
  src:doc-p1 a cat:Passage ; cat:inDocument src:doc ; cat:locator "¶1" ; rdfs:label "paragraph 1"@en .
  src:reference a cat:ReferenceDataset ; rdfs:label "Reference facts"@en .
  src:reference-places a cat:Passage ; cat:inDocument src:reference ; cat:locator "places" ;
      rdfs:label "reference places"@en .
}
"#;

/// A valid graph: a company in a city of a country, an observation with its period, a
/// report, and two notes with figures (one in the reference layer's agreement).
const VALID: &str = r#"
src:doc-p1 {
  ent:Acme a cat:Company ; rdfs:label "Acme"@en ; skos:altLabel "ACME"@en ;
      cat:basedIn ent:Capital ; cat:note "Trained on 2048 GPUs."@en .
  ent:Capital a cat:Place ; rdfs:label "Capital"@en ; cat:locatedIn ent:Ruritania .
  ent:Ruritania a cat:Place ; rdfs:label "Ruritania"@en ; cat:note "Founded in 1999."@en .
  ent:Study a cat:Report ; rdfs:label "A study"@en , "Uno studio"@it ;
      cat:note "Worth EUR 150 bn."@en .
  stmt:obs a cat:Observation ; rdfs:label "An observation"@en , "Un'osservazione"@it ;
      cat:date "2024"^^xsd:gYear ; cat:periodStart "2024"^^xsd:gYear ;
      cat:periodEnd "2024"^^xsd:gYear .
}
src:reference-places { ent:Acme cat:basedIn ent:Ruritania . }
"#;

/// Writes the ontology and `data` (after the prefixes and the catalogue) into `dir`.
fn write_fixture(dir: &Path, data: &str) {
    std::fs::write(dir.join("ontology.ttl"), ONTOLOGY).expect("writes the ontology");
    std::fs::write(
        dir.join("facts.trig"),
        format!("{PREFIXES}{CATALOGUE}{data}"),
    )
    .expect("writes the data");
}

fn check_on(data: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_fixture(dir.path(), data);
    catena()
        .current_dir(dir.path())
        .args([
            "--ontology",
            "ontology.ttl",
            "--data",
            "facts.trig",
            "check",
        ])
        .args(args)
        .assert()
}

#[test]
fn the_valid_fixture_passes() {
    check_on(VALID, &[])
        .success()
        .stdout(predicate::str::starts_with("ok: "))
        .stdout(predicate::str::contains("GPUs").not())
        .stderr("");
}

#[test]
fn notes_lists_the_figures_in_notes_after_the_report() {
    check_on(VALID, &["--notes"]).success().stdout(
        predicate::str::is_match(
            "^ok: [^\n]*\n\
             2 cat:notes carry a figure \\(for review, not violations\\):\n\
             facts.trig: ent:Acme: Trained on 2048 GPUs.\n\
             facts.trig: ent:Study: Worth EUR 150 bn.\n$",
        )
        .expect("a valid pattern"),
    );
}

#[test]
fn notes_leave_the_exit_status_to_the_check() {
    let broken = VALID.replace(r#" , "Un'osservazione"@it"#, "");
    for args in [&[][..], &["--notes"][..]] {
        check_on(&broken, args)
            .failure()
            .code(1)
            .stderr(predicate::str::contains(
                "facts.trig: stmt:obs: statement has no Italian rdfs:label",
            ));
    }
    check_on(&broken, &["--notes"])
        .failure()
        .stdout(predicate::str::contains(
            "facts.trig: ent:Study: Worth EUR 150 bn.",
        ));
}

#[test]
fn each_new_rule_is_reported_by_check() {
    let broken = VALID
        .replace(
            r#"cat:periodEnd "2024"^^xsd:gYear"#,
            r#"cat:note "no end"@en"#,
        )
        .replace(r#" , "Uno studio"@it"#, "")
        .replace(r#"skos:altLabel "ACME"@en"#, r#"skos:altLabel "ACME""#)
        .replace(
            "src:reference-places { ent:Acme cat:basedIn ent:Ruritania . }",
            "src:reference-places { ent:Acme cat:basedIn ent:Elsewhere . \
             ent:Elsewhere a cat:Place ; rdfs:label \"Elsewhere\"@en . }",
        );
    check_on(&broken, &[])
        .failure()
        .stderr(predicate::str::contains(
            "facts.trig: stmt:obs: observation has cat:date but no cat:periodEnd\n",
        ))
        .stderr(predicate::str::contains(
            "facts.trig: ent:Study: report has no Italian rdfs:label",
        ))
        .stderr(predicate::str::contains(
            "facts.trig: ent:Acme: skos:altLabel \"ACME\" has no language tag",
        ))
        .stderr(predicate::str::contains(
            "facts.trig: ent:Acme: cat:basedIn ent:Elsewhere in src:reference-places contradicts ent:Capital in src:doc-p1\n",
        ))
        .stderr(predicate::str::contains("error: 4 violations of the ontology"));
}
