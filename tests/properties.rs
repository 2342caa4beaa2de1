//! Property tests of the question language (proptest): whatever is typed gives a clean error
//! or SPARQL that spargebra re-parses and the store runs; and names full of SPARQL's special
//! characters never change the structure of the query they are compiled into (compared on the
//! algebra, not only on results).

use std::sync::OnceLock;

use catena::graph::{self, RdfSource, SourceKind};
use catena::resolve::Plan;
use catena::session::{QuestionError, Session};
use oxigraph::model::{Literal, NamedNode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use spargebra::{Query, SparqlParser};

fn parse(sparql: &str) -> Result<Query, spargebra::SparqlSyntaxError> {
    SparqlParser::new().parse_query(sparql)
}

fn embedded() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        Session::from_sources(&graph::embedded_sources()).expect("the shipped graph loads")
    })
}

/// Words a question is made of: keywords in both languages, names, years, and noise.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "who", "what", "does", "depends", "depend", "on", "invested", "in", "investments",
            "by", "open-source", "releases", "cloud", "deals", "exclusive", "is", "the",
            "provider", "of", "concerns", "raised", "about", "list", "count", "top", "3",
            "describe", "path", "from", "to", "transitively", "since", "before", "with",
            "sources", "explain", "sparql", "companies", "models", "open", "developer",
            "chi", "dipende", "da", "elenca", "conta", "modelli", "aperti", "di", "per",
            "nel", "dal", "prima", "del", "con", "fonti", "percorso", "a", "quota",
            "traffico", "revenue", "traffic", "share", "chatbots", "member",
        ])
        .prop_map(str::to_owned),
        3 => prop::sample::select(vec![
            "NVIDIA", "OpenAI", "Microsoft", "TSMC", "Google", "DeepSeek", "\"Mistral AI\"",
            "France", "China", "ChatGPT", "FTC", "UALink", "Meta", "Cina",
        ])
        .prop_map(str::to_owned),
        1 => (1990u32..2100).prop_map(|y| y.to_string()),
        2 => "[\\PC\"“”{}#<>\\\\'`;?$*.,()\\[\\]\n]{1,12}",
    ]
}

/// A question form with a name and modifiers drawn at random: mostly valid questions, some
/// with unknown or hostile names, repeated modifiers or a stray word.
fn templated() -> impl Strategy<Value = String> {
    let form = prop::sample::select(vec![
        "who depends on {}",
        "what does {} depend on",
        "who invested in {}",
        "investments by {}",
        "open-source releases by {}",
        "who is the cloud provider of {}",
        "concerns raised by {}",
        "who raised concerns about {}",
        "list companies in {}",
        "list models by {}",
        "which companies depend on {}",
        "quali aziende dipendono da {}",
        "companies that depend on {} but not on TSMC",
        "how many companies depend on {} or NVIDIA",
        "quanti modelli ha sviluppato {}",
        "who are the investors in {}",
        "i membri di {}",
        "in quali aziende ha investito {}",
        "models developed by {}",
        "how much did Microsoft invest in {}",
        "quando ha investito {} in OpenAI",
        "open models by Chinese companies that depend on {}",
        "aziende europee che dipendono da {}",
        "open models by {}",
        "traffic share of {}",
        "revenue of {}",
        "describe {}",
        "path from {} to TSMC",
        "chi dipende da {}",
        "count models by developer",
        "top 3 chatbots by traffic share",
        "exclusive cloud deals",
        "list open models",
        "where is {} based",
        "dove ha sede {}",
        "when was {} founded",
        "quando è stata fondata {}",
        "first 3 companies that depend on {}",
        "primi 2 modelli di {}",
        "how many GPUs does {} hold",
        "quanti membri ha {}",
        "quali sono le preoccupazioni su {}",
        "what is {}",
        "cos'è {}",
        "tell me about {}",
        "how much did {} invest",
        "quanto ha investito {}",
        "quanto vale {}",
        "how much is {} worth",
        "who depends on NVIDIA and {}",
        "chi dipende da {} o da TSMC",
        "investments by Microsoft and {}",
        "preoccupazioni su {}, Google e Amazon",
        "how many concerns did {} raise",
        "preoccupazioni sollevate da {}",
        "which regulators raised concerns about {}",
        "companies that are not Chinese and depend on {}",
        "open models released by {} in 2024",
        "who owns {}",
        "when did {} and OpenAI revise their agreement",
        "quando Microsoft e {} hanno firmato l'accordo",
        "does {} depend on TSMC",
        "is {} Chinese",
        "{} dipende da NVIDIA?",
        "is NVIDIA a member of {}",
        "who are {}'s competitors",
        "how many of {}'s models are open",
        "quanti dei modelli di {} sono aperti",
        "which models does {} use",
        "who supplies chips to {}",
        "how many GPUs did {} use",
        "models released by {} in 2025",
        "which companies have an agreement with {}",
        "quali aziende hanno investimenti in {}",
        "{}'s revenue",
        "cosa ha rilasciato {}",
        "which initiatives did {} launch",
        "rilasci open source delle aziende che dipendono da {}",
        "investments by companies in {}",
        "le preoccupazioni della {}",
        "which {} has the largest traffic share",
        "quale azienda ha il {} più alto",
    ]);
    let name = prop_oneof![
        4 => prop::sample::select(vec![
            "NVIDIA", "OpenAI", "Microsoft", "TSMC", "Google", "DeepSeek", "\"Mistral AI\"",
            "France", "China", "ChatGPT", "FTC", "Meta", "Azure", "alphabet", "aws",
        ])
        .prop_map(str::to_owned),
        1 => "\"[\\PC{}#<>\\\\'`;?$*.\n]{0,12}\"",
        1 => "[A-Za-z]{1,10}",
    ];
    let modifier = prop::sample::select(vec![
        "",
        "",
        "",
        " in 2024",
        " since 2023",
        " before 2025",
        " with sources",
        " transitively",
        " con fonti",
        " nel 2024",
        " in 2024 in 2025",
        " with sources with sources",
    ]);
    (form, name, modifier, prop::option::weighted(0.1, word())).prop_map(
        |(form, name, modifier, stray)| {
            let mut text = form.replace("{}", &name) + modifier;
            if let Some(word) = stray {
                text = format!("{text} {word}");
            }
            text
        },
    )
}

fn question() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => templated(),
        2 => prop::collection::vec(word(), 1..9).prop_map(|words| words.join(" ")),
        1 => "\\PC{0,80}",
    ]
}

/// Checks one question: an error that reports cleanly, or a query that re-parses and runs.
fn check_question(session: &Session, text: &str) -> Result<bool, TestCaseError> {
    match session.translate(text) {
        Err(error) => {
            let report = error.report(text);
            prop_assert!(!report.trim().is_empty(), "an empty error for {text:?}");
            Ok(false)
        }
        Ok((resolved, compiled)) => {
            // Direct SPARQL is the user's own query: the store parses it and says what is wrong.
            if matches!(resolved.plan, Plan::Sparql(_)) {
                return Ok(false);
            }
            prop_assert!(
                parse(&compiled.sparql).is_ok(),
                "{text:?} compiled to SPARQL that does not parse:\n{}",
                compiled.sparql
            );
            match session.ask(text) {
                Ok(_) => Ok(true),
                Err(QuestionError::Query(error)) => Err(TestCaseError::fail(format!(
                    "{text:?} failed to run: {error}"
                ))),
                Err(other) => Err(TestCaseError::fail(format!(
                    "{text:?} translated but then failed: {}",
                    other.report(text)
                ))),
            }
        }
    }
}

#[test]
fn any_text_is_a_clean_error_or_sparql_that_parses_and_runs() {
    let session = embedded();
    let mut runner = TestRunner::new(Config {
        cases: 600,
        failure_persistence: None,
        ..Config::default()
    });
    let answered = std::cell::Cell::new(0usize);
    runner
        .run(&question(), |text| {
            if check_question(session, &text)? {
                answered.set(answered.get() + 1);
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    // The word soup must reach the compiler often, or the property says little.
    assert!(
        answered.get() >= 100,
        "only {} of 600 questions were answered",
        answered.get()
    );
}

/// A label made of SPARQL's special characters around a word, so that it still names
/// something once normalised.
fn hostile_label() -> impl Strategy<Value = String> {
    (
        "[A-Za-z]{2,8}",
        "[\"{}#<>\\\\'`;?$*.()\\[\\]\n\t Å€日本Ω|^]{1,8}",
        "[A-Za-z0-9]{0,4}",
    )
        .prop_map(|(word, specials, tail)| format!("{word}{specials}{tail}"))
}

const ENT: &str = "https://w3id.org/catena/entity/";

/// A session on the shipped graph plus two companies with the given labels, that
/// `ent:Client` depends on and invested in.
fn session_with(hostile: &str) -> Session {
    let label = |text: &str| Literal::new_language_tagged_literal_unchecked(text, "en");
    let company = "<https://w3id.org/catena/ontology#Company>";
    let text = format!(
        "<{ENT}Hostile> a {company} ; <http://www.w3.org/2000/01/rdf-schema#label> {} .\n\
         <{ENT}Plain> a {company} ; <http://www.w3.org/2000/01/rdf-schema#label> {} .\n\
         <{ENT}Client> a {company} ; <http://www.w3.org/2000/01/rdf-schema#label> {} ;\n\
         \x20 <https://w3id.org/catena/ontology#dependsOn> <{ENT}Hostile>, <{ENT}Plain> .\n",
        label(hostile),
        label("Plainname"),
        label("Clientname"),
    );
    let mut sources = graph::embedded_sources();
    sources.push(RdfSource {
        name: "hostile.ttl".to_owned(),
        text,
        kind: SourceKind::Data,
    });
    Session::from_sources(&sources).expect("the graph with the hostile label loads")
}

/// The question forms that take a name, with `{}` for it.
const FORMS: &[&str] = &[
    "who depends on {}",
    "what does {} depend on",
    "who invested in {}",
    "describe {}",
    "path from Clientname to {}",
    "who depends on {} transitively with sources",
    "companies that depend on {}",
    "aziende che dipendono da Plainname ma non da {}",
    "how many companies depend on {} or on Plainname",
    "which companies do not depend on {}",
    "models by companies that depend on {}",
    "how much did Clientname invest in {}",
    "where is {} based",
    "dov'è {}",
    "when was {} founded",
    "first 5 companies that depend on {}",
    "how many members does {} have",
    "how many GPUs does {} hold",
    "what are the investments by {}",
    "how many of the models by {} are open",
    "how many GPUs did {} use",
    "models released by {} in 2025",
];

/// The algebra with the names the parser makes up (`?` or `_:` and a random 128-bit number in
/// hex, leading zeros left out: the variables of aggregates, the blank nodes between the steps
/// of a path sequence) written `?aggregate` and `_:step`, so that two parses of one query
/// compare equal.
fn without_aggregate_names(algebra: &str) -> String {
    let mut out = String::with_capacity(algebra.len());
    let mut rest = algebra;
    while let Some(at) = rest.find(['?', ':']) {
        out.push_str(&rest[..=at]);
        let sigil = &rest[at..=at];
        let blank = sigil == ":" && rest[..at].ends_with('_');
        rest = &rest[at + 1..];
        let hex = rest.chars().take_while(char::is_ascii_hexdigit).count();
        if hex >= 24 && (sigil == "?" || blank) {
            out.push_str(if blank { "step" } else { "aggregate" });
            rest = &rest[hex..];
        }
    }
    out.push_str(rest);
    out
}

fn quote(name: &str) -> Option<String> {
    if !name.contains('"') {
        Some(format!("\"{name}\""))
    } else if !name.contains('”') {
        Some(format!("“{name}”"))
    } else {
        None
    }
}

#[test]
fn hostile_names_never_change_the_structure_of_the_query() {
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let compared = std::cell::Cell::new(0usize);
    runner
        .run(&hostile_label(), |label| {
            let session = session_with(&label);
            let Some(quoted) = quote(&label) else {
                return Ok(());
            };
            for form in FORMS {
                let hostile_question = form.replace("{}", &quoted);
                let plain_question = form.replace("{}", "\"Plainname\"");
                let Ok((_, hostile)) = session.translate(&hostile_question) else {
                    // An error is fine (the name may normalise to another's): no query at all.
                    continue;
                };
                let (_, plain) = session
                    .translate(&plain_question)
                    .map_err(|e| TestCaseError::fail(e.report(&plain_question)))?;
                // Same algebra once the two entities' IRIs are swapped: the label only chose
                // which IRI goes in.
                let swapped = hostile.sparql.replace(
                    &NamedNode::new_unchecked(format!("{ENT}Hostile")).to_string(),
                    &NamedNode::new_unchecked(format!("{ENT}Plain")).to_string(),
                );
                let swapped = swapped.replace("ent:Hostile", "ent:Plain");
                let hostile_algebra = parse(&swapped)
                    .map_err(|e| TestCaseError::fail(format!("{e}\n{}", hostile.sparql)))?;
                let plain_algebra = parse(&plain.sparql)
                    .map_err(|e| TestCaseError::fail(format!("{e}\n{}", plain.sparql)))?;
                prop_assert_eq!(
                    without_aggregate_names(&hostile_algebra.to_string()),
                    without_aggregate_names(&plain_algebra.to_string()),
                    "{} changed the query",
                    hostile_question
                );
                prop_assert!(
                    !hostile.sparql.contains(label.trim()),
                    "the label reached the query: {}",
                    hostile.sparql
                );
                // And it runs, finding the hostile entity as the plain one finds the plain.
                session
                    .ask(&hostile_question)
                    .map_err(|e| TestCaseError::fail(e.report(&hostile_question)))?;
                compared.set(compared.get() + 1);
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    assert!(
        compared.get() >= 24,
        "only {} hostile questions were compared",
        compared.get()
    );
}
