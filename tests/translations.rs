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

/// Every example of the language, in English and Italian.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("who_depends_on", "who depends on NVIDIA"),
    ("chi_dipende_da", "chi dipende da NVIDIA"),
    ("what_does_depend_on", "what does NVIDIA depend on"),
    ("da_cosa_dipende", "da cosa dipende NVIDIA"),
    ("transitive", "who depends on TSMC transitively"),
    ("transitivo", "chi dipende da TSMC transitivamente"),
    ("who_invested_in", "who invested in OpenAI"),
    ("chi_ha_investito", "chi ha investito in OpenAI"),
    ("investments_by", "investments by Microsoft"),
    ("investimenti_di", "investimenti di Microsoft"),
    ("releases", "open-source releases"),
    ("releases_by", "open-source releases by DeepSeek"),
    ("releases_in_year", "open-source releases in 2025"),
    (
        "releases_by_companies_in",
        "open-source releases by companies in China",
    ),
    ("rilasci_di", "rilasci open source di DeepSeek"),
    ("exclusive_cloud_deals", "exclusive cloud deals"),
    ("cloud_provider_of", "who is the cloud provider of OpenAI"),
    ("fornitore_cloud", "chi è il fornitore cloud di OpenAI"),
    ("concerns_raised_by", "concerns raised by FTC"),
    ("preoccupazioni", "preoccupazioni sollevate da FTC"),
    (
        "raised_concerns_about",
        "who raised concerns about Microsoft",
    ),
    ("list_companies_in", "list companies in France"),
    ("elenca_aziende_in", "elenca aziende in Francia"),
    ("list_regulators", "list regulators"),
    ("list_models_by", "list models by Google"),
    ("open_models_by_in", "open models by Google in 2024"),
    ("list_open_models", "list open models"),
    ("modelli_aperti_di", "modelli aperti di Meta nel 2023"),
    ("companies_in", "companies in France"),
    ("count_open_by_developer", "count open models by developer"),
    ("builds_on", "who builds on NVIDIA"),
    ("member_of", "who is member of UALink"),
    ("traffic_share_of", "traffic share of ChatGPT"),
    ("quota_di_traffico", "quota di traffico di ChatGPT"),
    ("revenue_of", "revenue of NVIDIA"),
    ("count_by_developer", "count models by developer"),
    ("conta_per_sviluppatore", "conta modelli per sviluppatore"),
    ("top_chatbots", "top 3 chatbots by traffic share"),
    ("describe", "describe NVIDIA"),
    ("descrivi", "descrivi NVIDIA"),
    ("path", "path from OpenAI to TSMC"),
    ("percorso", "percorso da OpenAI a TSMC"),
    ("since_filter", "investments by Microsoft since 2023"),
    ("before_filter", "open-source releases prima del 2025"),
    ("with_sources", "who invested in OpenAI with sources"),
    ("con_fonti", "chi dipende da NVIDIA con fonti"),
];

#[test]
fn every_form_translates_to_valid_sparql() {
    for (name, question) in EXAMPLES {
        insta::assert_snapshot!(*name, sparql(question), question);
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
