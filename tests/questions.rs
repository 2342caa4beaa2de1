//! The question language end to end through the binary: every example of the language, in
//! English and Italian, answers correctly on the shipped graph; batch mode, formats and exit
//! codes behave as documented.

mod common;

use common::catena;
use predicates::prelude::*;

/// Rows of a question's answer as JSON bindings: variable → value.
fn answer(question: &str) -> Vec<common::Row> {
    common::answer_with(&[], question)
}

/// The values of one variable over all rows.
fn column(question: &str, var: &str) -> Vec<String> {
    answer(question)
        .into_iter()
        .filter_map(|row| row.get(var).cloned())
        .collect()
}

fn labels(question: &str, var: &str) -> Vec<String> {
    column(question, &format!("{var}_label"))
}

fn same_answers(english: &str, italian: &str) {
    assert_eq!(answer(english), answer(italian), "{english} / {italian}");
}

#[test]
fn who_depends_on_and_what_does_it_depend_on() {
    let who = labels("who depends on NVIDIA", "answer");
    for company in ["Microsoft", "Google", "Amazon"] {
        assert!(who.contains(&company.to_owned()), "{who:?}");
    }
    same_answers("who depends on NVIDIA", "chi dipende da NVIDIA");
    let what = labels("what does NVIDIA depend on", "answer");
    assert!(what.contains(&"TSMC".to_owned()), "{what:?}");
    same_answers("what does NVIDIA depend on", "da cosa dipende NVIDIA");
    // Case and aliases.
    same_answers("who depends on NVIDIA", "WHO DEPENDS ON nvidia");
}

#[test]
fn transitive_dependents_come_with_their_path() {
    let rows = answer("who depends on TSMC transitively");
    let nvidia = rows
        .iter()
        .find(|r| r["answer_label"] == "NVIDIA")
        .expect("NVIDIA depends on TSMC");
    assert_eq!(nvidia["steps"], "1");
    let indirect = rows
        .iter()
        .find(|r| r["steps"] == "2")
        .expect("someone depends on TSMC through another");
    assert!(indirect["path"].ends_with("→ TSMC"), "{indirect:?}");
    assert_eq!(indirect["path"].matches('→').count(), 2, "{indirect:?}");
    same_answers(
        "who depends on TSMC transitively",
        "chi dipende da TSMC transitivamente",
    );
}

#[test]
fn investments_have_amount_currency_and_date() {
    let rows = answer("who invested in OpenAI");
    assert!(
        rows.iter().any(|r| r["answer_label"] == "Microsoft"
            && r.get("amount").map(String::as_str) == Some("1000000000")
            && r.get("currency").map(String::as_str) == Some("USD")),
        "{rows:#?}"
    );
    same_answers("who invested in OpenAI", "chi ha investito in OpenAI");
    let by_microsoft = answer("investments by Microsoft");
    assert!(
        by_microsoft.iter().any(|r| r["recipient_label"] == "OpenAI"
            && r["amount"] == "1000000000"
            && r["currency"] == "USD"
            && r["date"].starts_with("2019")),
        "{by_microsoft:#?}"
    );
    same_answers("investments by Microsoft", "investimenti di Microsoft");
    let since = answer("investments by Microsoft since 2023");
    assert!(
        since.iter().all(|r| r["date"].as_str() >= "2023"),
        "{since:#?}"
    );
    assert!(since.len() < by_microsoft.len());
}

#[test]
fn italian_modifiers_and_forms_match_the_english_ones() {
    same_answers(
        "open-source releases in 2025",
        "rilasci open source nel 2025",
    );
    same_answers(
        "investments by Microsoft since 2023",
        "investimenti di Microsoft dal 2023",
    );
    same_answers(
        "open-source releases before 2026",
        "rilasci open source prima del 2026",
    );
    same_answers("list regulators", "elenca autorità");
    same_answers("list models by Google", "elenca modelli di Google");
    same_answers("who is member of UALink", "chi è membro di UALink");
    same_answers("revenue of NVIDIA", "fatturato di NVIDIA");
    same_answers(
        "top 3 chatbots by traffic share",
        "primi 3 chatbot per quota di traffico",
    );
    same_answers(
        "who raised concerns about Microsoft",
        "chi ha sollevato preoccupazioni su Microsoft",
    );
    same_answers(
        "open-source releases by companies in China",
        "rilasci open source di aziende in Cina",
    );
    same_answers("concerns about Microsoft", "preoccupazioni su Microsoft");
}

#[test]
fn concerns_about_an_entity_show_that_entity() {
    let rows = answer("concerns about Microsoft");
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["about_label"] == "Microsoft"),
        "{rows:#?}"
    );
}

#[test]
fn open_source_releases() {
    let all = labels("open-source releases", "by");
    for who in ["DeepSeek", "Huawei", "Xiaomi", "Almawave", "NVIDIA"] {
        assert!(all.contains(&who.to_owned()), "{who} missing from {all:?}");
    }
    let deepseek = labels("open-source releases by DeepSeek", "release");
    assert!(deepseek.contains(&"DeepSeek-V3".to_owned()), "{deepseek:?}");
    assert!(deepseek.contains(&"DeepSeek-R1".to_owned()), "{deepseek:?}");
    same_answers(
        "open-source releases by DeepSeek",
        "rilasci open source di DeepSeek",
    );
    let in_2025 = answer("open-source releases in 2025");
    assert!(!in_2025.is_empty());
    assert!(
        in_2025.iter().all(|r| r["date"].starts_with("2025")),
        "{in_2025:#?}"
    );
    let chinese = labels("open-source releases by companies in China", "by");
    assert!(
        chinese.contains(&"DeepSeek".to_owned()) && chinese.contains(&"Huawei".to_owned()),
        "{chinese:?}"
    );
    assert!(!chinese.contains(&"Almawave".to_owned()), "{chinese:?}");
}

#[test]
fn cloud_deals_and_providers() {
    let deals = answer("exclusive cloud deals");
    assert!(
        deals
            .iter()
            .any(|r| r["provider_label"] == "Microsoft" && r["customer_label"] == "OpenAI"),
        "{deals:#?}"
    );
    same_answers("exclusive cloud deals", "accordi cloud esclusivi");
    let providers = labels("who is the cloud provider of OpenAI", "answer");
    assert!(providers.contains(&"Microsoft".to_owned()), "{providers:?}");
    same_answers(
        "who is the cloud provider of OpenAI",
        "chi è il fornitore cloud di OpenAI",
    );
}

#[test]
fn concerns() {
    let ftc = answer("concerns raised by FTC");
    let themes: std::collections::BTreeSet<&str> = ftc
        .iter()
        .filter_map(|r| r.get("theme_label").map(String::as_str))
        .collect();
    assert!(themes.len() >= 4, "the FTC's four concerns: {themes:?}");
    same_answers("concerns raised by FTC", "preoccupazioni sollevate da FTC");
    let about = labels("who raised concerns about Microsoft", "answer");
    assert!(
        about.contains(&"Federal Trade Commission".to_owned()),
        "{about:?}"
    );
}

#[test]
fn lists() {
    assert!(labels("list companies in France", "x").contains(&"Mistral AI".to_owned()));
    same_answers("list companies in France", "elenca aziende in Francia");
    let regulators = labels("list regulators", "x");
    assert!(
        regulators.contains(&"Federal Trade Commission".to_owned()),
        "{regulators:?}"
    );
    assert!(
        regulators.contains(&"Competition and Markets Authority".to_owned()),
        "{regulators:?}"
    );
    let google = labels("list models by Google", "x");
    assert!(
        google.contains(&"Gemini".to_owned()) && google.contains(&"PaLM".to_owned()),
        "{google:?}"
    );
    let members = labels("who is member of UALink", "answer");
    for member in ["Intel", "Google", "Microsoft", "Meta"] {
        assert!(members.contains(&member.to_owned()), "{members:?}");
    }
}

#[test]
fn attributes_have_value_unit_and_period() {
    let rows = answer("traffic share of ChatGPT");
    assert!(
        rows.iter().any(|r| r["value"] == "89.56"
            && r["unit"] == "percent"
            && r["period"].contains("Dec")),
        "{rows:#?}"
    );
    assert!(rows.iter().any(|r| r["value"] == "77.36"), "{rows:#?}");
    same_answers("traffic share of ChatGPT", "quota di traffico di ChatGPT");
    let revenue = answer("revenue of NVIDIA");
    assert!(
        revenue
            .iter()
            .any(|r| r["value"] == "35080000000" && r["unit"] == "USD"),
        "{revenue:#?}"
    );
}

#[test]
fn aggregation() {
    let counts = answer("count models by developer");
    let google = counts
        .iter()
        .find(|r| r["group_label"] == "Google")
        .expect("Google develops models");
    assert!(google["count"].parse::<u32>().expect("a count") >= 2);
    same_answers(
        "count models by developer",
        "conta modelli per sviluppatore",
    );
    let top = labels("top 3 chatbots by traffic share", "subject");
    assert!(top.len() <= 3 && !top.is_empty(), "{top:?}");
}

#[test]
fn describe_lists_every_fact_with_its_source() {
    let rows = answer("describe NVIDIA");
    assert!(rows.len() > 10, "{rows:#?}");
    assert!(
        rows.iter().all(|r| r.contains_key("source")),
        "every row has a source"
    );
    assert!(
        rows.iter()
            .any(|r| r.get("other_label").map(String::as_str) == Some("TSMC"))
    );
    same_answers("describe NVIDIA", "descrivi NVIDIA");
}

#[test]
fn path_between_two_entities() {
    let rows = answer("path from OpenAI to TSMC");
    assert!(!rows.is_empty());
    assert_eq!(rows[0]["from_label"], "OpenAI");
    assert_eq!(rows[rows.len() - 1]["to_label"], "TSMC");
    same_answers("path from OpenAI to TSMC", "percorso da OpenAI a TSMC");
}

#[test]
fn with_sources_adds_document_and_locator() {
    let rows = answer("who invested in OpenAI with sources");
    // One row per investment, citing the passages that state that investment: the 2019 one
    // is in Box 6 and its note a, not in note b (which tells of 2023's).
    let of_2019: Vec<&str> = rows
        .iter()
        .filter(|r| r["answer_label"] == "Microsoft" && r["date"] == "2019-07-22")
        .map(|r| r["source"].as_str())
        .collect();
    assert_eq!(of_2019, ["Box 6; Box 6, note a"], "{rows:#?}");
    same_answers(
        "who invested in OpenAI with sources",
        "chi ha investito in OpenAI con fonti",
    );
}

#[test]
fn explain_prints_sparql_instead() {
    catena()
        .args(["-e", "explain who depends on NVIDIA"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SELECT DISTINCT ?answer"))
        .stdout(predicate::str::contains("ent:NVIDIA"));
    catena()
        .args(["-e", "spiega chi dipende da NVIDIA"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cat:dependsOn"));
}

#[test]
fn sparql_inside_the_language() {
    let rows = answer("sparql SELECT ?x WHERE { ?x cat:manufacturesFor ent:NVIDIA }");
    assert_eq!(rows[0]["x"], "https://w3id.org/catena/entity/TSMC");
}

#[test]
fn tables_show_labels_and_readable_numbers() {
    catena()
        .args(["-e", "who invested in OpenAI"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Microsoft"))
        .stdout(predicate::str::contains("1 bn"))
        .stdout(predicate::str::contains("https://").not());
}

#[test]
fn json_has_iri_and_label() {
    let rows = answer("who depends on NVIDIA");
    assert!(rows.iter().all(
        |r| r["answer"].starts_with("https://w3id.org/catena/entity/")
            && !r["answer_label"].is_empty()
    ));
}

#[test]
fn batch_from_a_file_with_comments_and_line_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("questions.txt");
    std::fs::write(
        &file,
        "# my questions\nwho depends on NVIDIA\n\nwho depnds on NVIDIA\nlist regulators\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8");
    catena()
        .args(["run", path])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Microsoft"))
        .stdout(predicate::str::contains("Federal Trade Commission").not())
        .stderr(predicate::str::contains(format!(
            "{path}:4:5: error: unknown word `depnds`"
        )));
    catena()
        .args(["run", path, "--keep-going"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Federal Trade Commission"));
}

#[test]
fn batch_from_stdin_and_repeated_e() {
    catena()
        .args(["--format", "csv"])
        .write_stdin("list regulators\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Federal Trade Commission"));
    catena()
        .args([
            "-e",
            "list regulators",
            "-e",
            "who is member of UALink",
            "--format",
            "tsv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Federal Trade Commission"))
        .stdout(predicate::str::contains("Intel"));
    catena()
        .write_stdin(vec![0xff, 0xfe, b'\n'])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not valid UTF-8"));
}

#[test]
fn errors_exit_1_with_position_and_suggestion() {
    catena()
        .args(["-e", "who depends on NVIDA"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "-e #1:1:16: error: unknown entity `NVIDA`; did you mean `who depends on NVIDIA`?",
        ));
    catena()
        .args(["-e", "list compnies"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `list companies`?"));
    catena()
        .args(["--format", "yaml", "-e", "list regulators"])
        .assert()
        .code(2);
}

#[test]
fn ambiguous_names_list_the_candidates() {
    catena()
        .args(["--data", "tests/fixtures/ambiguous", "-e", "describe Apex"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`Apex` is ambiguous"))
        .stderr(predicate::str::contains("Apex Chips (ent:ApexChips)"))
        .stderr(predicate::str::contains("Apex Cloud (ent:ApexCloud)"));
}

#[test]
fn nothing_a_user_types_panics() {
    for question in [
        "",
        "?",
        "\"",
        "“",
        "describe “NVIDIA",
        "who",
        "who who who",
        "top 99999999999 x by y",
        "path from to",
        "sparql",
        "describe \"\"",
        "list",
        "in 2024",
        "ü€𝄞 ∀x",
        "who depends on NVIDIA in 1",
        "explain explain",
    ] {
        catena()
            .args(["-e", question])
            .assert()
            .code(predicate::in_iter([0, 1]))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn readme_shows_the_examples_that_help_shows() {
    let readme = std::fs::read_to_string("README.md").expect("README.md is readable");
    let output = catena()
        .arg("--help-language")
        .output()
        .expect("catena runs");
    let help = String::from_utf8(output.stdout).expect("UTF-8");
    // The examples are the block after the first blank line of the help.
    let examples: Vec<&str> = help
        .split("\n\n")
        .nth(1)
        .expect("an examples block")
        .lines()
        .collect();
    assert!(examples.len() > 15, "{examples:?}");
    for example in examples {
        assert!(
            readme.contains(example.trim_end()),
            "README lacks: {example}"
        );
    }
    for command in [
        ".help",
        ".format",
        ".sources",
        ".explain",
        ".timing",
        ".entities",
        ".relations",
        ".quit",
    ] {
        assert!(
            help.contains(command) && readme.contains(command),
            "{command}"
        );
    }
}
