//! Snapshot tests of the SPARQL every form of the language compiles to, and of the error
//! messages; every translation must re-parse as valid SPARQL.

use std::sync::OnceLock;

use catena::graph;
use catena::session::Session;

fn session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        Session::from_sources(&graph::embedded_sources()).expect("the embedded graph loads")
    })
}

/// The SPARQL of a question, checked to re-parse.
fn sparql(question: &str) -> String {
    let (_, compiled) = session()
        .translate(question)
        .unwrap_or_else(|e| panic!("{question}: {}", e.report(question)));
    spargebra::SparqlParser::new()
        .parse_query(&compiled.sparql)
        .unwrap_or_else(|e| {
            panic!(
                "{question} compiles to invalid SPARQL: {e}\n{}",
                compiled.sparql
            )
        });
    catena::session::explanation(&compiled)
}

fn error(question: &str) -> String {
    match session().translate(question) {
        Ok(_) => panic!("{question} should fail"),
        Err(error) => error.report(question),
    }
}

#[path = "common/examples.rs"]
mod examples;
use examples::EXAMPLES;

#[test]
fn every_form_translates_to_valid_sparql() {
    for (name, question) in EXAMPLES {
        insta::assert_snapshot!(*name, sparql(question), question);
    }
}

/// The endpoint refuses SPARQL whose cartesian products it could not stop; no question of
/// the language may be one of them.
#[test]
fn no_form_is_refused_by_the_endpoints_product_guard() {
    let limit = catena::serve::ServeConfig::default().max_product_rows;
    for (name, question) in EXAMPLES {
        let (_, compiled) = session().translate(question).expect("translates");
        let query = spargebra::SparqlParser::new()
            .parse_query(&compiled.sparql)
            .expect("parses");
        let cost = catena::query_cost::product_cost(&query, session().graph().store(), limit);
        assert!(
            cost <= limit as f64,
            "{name} ({question}) makes a product of about {cost} rows:\n{}",
            compiled.sparql
        );
    }
}

#[test]
fn error_messages() {
    let cases = [
        ("unknown_word", "who depnds on NVIDIA"),
        ("unknown_entity", "who depends on NVIDA"),
        ("unknown_class", "list compnies in France"),
        ("unknown_qualified_class", "open modles by Google"),
        ("unknown_measure", "trafic share of ChatGPT"),
        ("unterminated_quote", "who depends on \"NVIDIA"),
        ("stray_character", "who depends on {NVIDIA}"),
        ("missing_name", "who depends on"),
        ("not_a_question", "hello world"),
        (
            "repeated_time_filter",
            "investments by Microsoft in 2019 in 2023",
        ),
        ("transitive_on_list", "list companies transitively"),
        ("undated_time_filter", "who depends on NVIDIA in 2024"),
        ("empty", ""),
    ];
    for (name, question) in cases {
        insta::assert_snapshot!(name, error(question), question);
    }
}

/// Names are resolved to IRIs of the graph before compiling, so nothing typed reaches the
/// query: the same entity typed any way gives the same SPARQL, and hostile text either fails
/// to resolve or leaves no trace in the query.
#[test]
fn user_text_never_reaches_the_query() {
    let plain = sparql("who depends on NVIDIA");
    assert_eq!(sparql("WHO DEPENDS ON nvidia"), plain);
    assert_eq!(sparql("who depends on \"Nvidia\""), plain);
    let hostile = [
        "NVIDIA\" } ; DROP ALL ; {",
        "x> <y",
        "a # comment",
        "back\\slash",
        "ü€𝄞",
        "'; DELETE WHERE { ?s ?p ?o }",
        "} UNION { ?s ?p ?o",
    ];
    for text in hostile {
        for template in [
            "who depends on {}",
            "describe \"{}\"",
            "list companies in \"{}\"",
            "traffic share of \"{}\"",
            "path from \"{}\" to TSMC",
        ] {
            let question = template.replace("{}", text);
            if let Ok((_, compiled)) = session().translate(&question) {
                spargebra::SparqlParser::new()
                    .parse_query(&compiled.sparql)
                    .unwrap_or_else(|e| panic!("{question}: {e}"));
                assert!(
                    !compiled.sparql.contains(text),
                    "{question} leaked into:\n{}",
                    compiled.sparql
                );
            }
        }
    }
}

/// The examples of `.help` (and of README, which shows the same list) are questions that
/// translate on the shipped graph: documentation that cannot rot.
#[test]
fn every_example_of_the_help_translates() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let examples: Vec<&str> = catena::shell::HELP
        .lines()
        .filter(|line| line.starts_with("  ") && !line.trim_start().starts_with('.'))
        .collect();
    assert!(examples.len() > 20, "{examples:?}");
    for line in examples {
        assert!(
            readme.contains(line),
            "README does not show the help line:\n{line}"
        );
        for question in line.split("   ").map(str::trim).filter(|q| !q.is_empty()) {
            if let Err(e) = session().translate(question) {
                panic!(
                    "the help example `{question}` fails:\n{}",
                    e.report(question)
                );
            }
        }
    }
}
