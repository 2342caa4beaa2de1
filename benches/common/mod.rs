//! What the benchmarks share: the graph sizes chosen by `CATENA_BENCH_SIZES`, the generated
//! graphs, and the question forms (from tests/translations.rs and tests/gen.rs).
//!
//! Each bench target uses a part of this module only.
#![allow(dead_code)]

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, SamplingMode};

use catena::r#gen::{self, GenOptions};
use catena::graph::{self, KnowledgeGraph, SourceKind};
use catena::session::{Outcome, Session};
use catena::sparql::QueryOutput;
use oxigraph::model::Quad;
use oxigraph::store::Store;

/// The environment variable that picks the graphs: a comma-separated list of `embedded` (the
/// shipped graph) and triple counts of generated graphs (`1e4`, `1e5`, `1e6`, `250000`).
pub const SIZES_VAR: &str = "CATENA_BENCH_SIZES";

/// The graphs benchmarked when `CATENA_BENCH_SIZES` is not set.
pub const DEFAULT_SIZES: &str = "embedded,1e5,1e6";

/// The seed of every generated graph (the one tests/gen.rs uses).
pub const SEED: u64 = 7;

/// One graph to benchmark on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// The shipped ontology and data.
    Embedded,
    /// A graph of `catena gen` with about this many triples, with the shipped ontology.
    Generated(u64),
}

impl Size {
    /// The name in benchmark ids: `embedded`, `gen_1e5`, `gen_250000`.
    pub fn name(self) -> String {
        match self {
            Self::Embedded => "embedded".to_owned(),
            Self::Generated(triples) => format!("gen_{}", short_count(triples)),
        }
    }

    /// Sampling suited to the graph's size: a 10⁶-triple graph gets the fewest samples that
    /// criterion allows, over a longer time.
    pub fn sampling(self) -> (usize, Duration) {
        match self {
            Self::Embedded => (30, Duration::from_secs(3)),
            Self::Generated(triples) if triples < 300_000 => (20, Duration::from_secs(4)),
            Self::Generated(_) => (10, Duration::from_secs(8)),
        }
    }
}

/// `100000` → `1e5`, `250000` → `250000`.
pub fn short_count(count: u64) -> String {
    let mut exponent = 0;
    let mut rest = count;
    while rest >= 10 && rest.is_multiple_of(10) {
        rest /= 10;
        exponent += 1;
    }
    if rest == 1 && exponent > 0 {
        format!("1e{exponent}")
    } else {
        count.to_string()
    }
}

/// The sizes named by `CATENA_BENCH_SIZES` (or the default), in the order given.
pub fn sizes() -> Vec<Size> {
    let text = std::env::var(SIZES_VAR).unwrap_or_else(|_| DEFAULT_SIZES.to_owned());
    parse_sizes(&text).unwrap_or_else(|e| panic!("{SIZES_VAR}={text}: {e}"))
}

fn parse_sizes(text: &str) -> Result<Vec<Size>, String> {
    let mut sizes = Vec::new();
    for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let size = if item.eq_ignore_ascii_case("embedded") {
            Size::Embedded
        } else {
            let count: f64 = item.parse().map_err(|_| {
                format!("`{item}` is neither `embedded` nor a triple count such as 1e5 or 250000")
            })?;
            if !(1.0..=1e9).contains(&count) {
                return Err(format!("`{item}`: a generated graph has 1 to 10^9 triples"));
            }
            Size::Generated(count.round() as u64)
        };
        if !sizes.contains(&size) {
            sizes.push(size);
        }
    }
    Ok(sizes)
}

/// Whether criterion measures (`cargo bench`), rather than running each benchmark once
/// (`cargo test --benches`, `cargo bench -- --test`) or listing them (`--list`): an untimed
/// run to size the sampling is only worth it then.
pub fn benchmarking() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test" || a == "--list")
}

/// A benchmark slower than this gets 10 samples only.
pub const SLOW: Duration = Duration::from_millis(200);

/// Sets the sampling of the group's next benchmark from the time of one untimed run, so
/// that slow ones finish in about the time their samples need instead of criterion's
/// warning: `samples` (10 past [`SLOW`]) in at least `time`, with flat sampling when the
/// linear one (1, 2, … n iterations per sample) would not fit.
pub fn tune(
    group: &mut BenchmarkGroup<'_, WallTime>,
    once: Duration,
    samples: usize,
    time: Duration,
) {
    let samples = if once > SLOW { 10 } else { samples };
    let linear = once.mul_f64((samples * (samples + 1) / 2) as f64);
    group.sample_size(samples);
    if linear <= time {
        group
            .sampling_mode(SamplingMode::Auto)
            .measurement_time(time);
    } else {
        group
            .sampling_mode(SamplingMode::Flat)
            .measurement_time(time.max(once.mul_f64(samples as f64 * 1.25)));
    }
}

/// The quads of the shipped ontology, in the ontology graph (as `catena --data` loads them).
pub fn ontology_quads() -> Vec<Quad> {
    let ontology: Vec<_> = graph::embedded_sources()
        .into_iter()
        .filter(|source| source.kind == SourceKind::Ontology)
        .collect();
    graph::parse_all(&ontology)
        .expect("the shipped ontology parses")
        .into_iter()
        .flat_map(|source| source.quads)
        .collect()
}

/// The generated graph of about `triples` triples (seed [`SEED`]), as quads.
pub fn generated_quads(triples: u64) -> Vec<Quad> {
    let options = GenOptions {
        entities: r#gen::entities_for_triples(triples),
        seed: SEED,
    };
    let mut quads = Vec::with_capacity(triples as usize + triples as usize / 20);
    r#gen::generate(&options, &mut |quad| {
        quads.push(quad);
        Ok(())
    })
    .expect("generating into memory cannot fail");
    quads
}

/// The graph of a size in a fresh in-memory store: the shipped graph, or the shipped
/// ontology with a generated graph (what `catena --data gen.nq` answers on).
pub fn knowledge_graph(size: Size) -> KnowledgeGraph {
    match size {
        Size::Embedded => KnowledgeGraph::from_sources(&graph::embedded_sources())
            .expect("the embedded graph loads"),
        Size::Generated(triples) => {
            let mut quads = ontology_quads();
            quads.extend(generated_quads(triples));
            let store = Store::new().expect("an in-memory store");
            store.extend(quads).expect("the generated graph loads");
            KnowledgeGraph::from_store(store)
        }
    }
}

/// A session on the graph of a size, with its vocabulary.
pub fn session(size: Size) -> Session {
    Session::new(knowledge_graph(size)).expect("the vocabulary loads")
}

/// Rows (or triples) of an outcome: what a benchmark keeps so the work is not optimised away.
pub fn rows(outcome: &Outcome) -> usize {
    match outcome {
        Outcome::Answer(answer) => match &answer.output {
            QueryOutput::Solutions { rows, .. } => rows.len(),
            QueryOutput::Graph(triples) => triples.len(),
            QueryOutput::Boolean(_) => 1,
        },
        Outcome::Explained(text) => usize::from(!text.is_empty()),
    }
}

#[path = "../../tests/common/examples.rs"]
mod examples;

/// Every example of the language on the shipped graph, in English and Italian: the examples
/// of tests/common/examples.rs, then forms only tests/gen.rs has, named the same way.
pub fn embedded_questions() -> Vec<(&'static str, &'static str)> {
    examples::EXAMPLES
        .iter()
        .chain(EMBEDDED_ONLY_IN_GEN)
        .copied()
        .collect()
}

/// Forms of tests/gen.rs that the examples do not list.
const EMBEDDED_ONLY_IN_GEN: &[(&str, &str)] = &[
    ("investments_in", "investments in OpenAI"),
    ("cloud_deals", "cloud deals"),
    ("accordi_cloud_esclusivi", "accordi cloud esclusivi"),
    ("concerns_about", "concerns about Microsoft"),
    ("count_companies_by_country", "count companies by country"),
    ("elenca_modelli_di", "elenca modelli di Google"),
    ("in_year_filter", "who invested in OpenAI in 2023"),
    // The shapes of the question words and noun phrases (issue 15).
    ("where_based", "where is Mistral AI based"),
    ("dove_si_tiene", "dove si tiene l'AI Action Summit"),
    (
        "measure_sentence",
        "how many H100 GPUs does DeepSeek hold according to Alexandr Wang",
    ),
    (
        "misura_in_frase",
        "quante università cinesi offrono corsi di IA",
    ),
    ("when_one_name", "when was DeepSeek founded"),
    ("noun_count", "how many members does UALink have"),
    ("first_page", "first 20 companies that depend on NVIDIA"),
    (
        "clauses_and_negation",
        "European companies that depend on NVIDIA but not on TSMC",
    ),
    ("predicate_adjective", "quali aziende sono italiane"),
];

/// One question of each form on generated graphs, with the generator's anchor labels (see
/// `catena::r#gen::anchor`); tests/gen.rs checks that every one of them has answers. Italian
/// twins of English forms compile to the same SPARQL, so only the English ones run here
/// (benches/language.rs measures both languages' translation).
pub const GENERATED_QUESTIONS: &[(&str, &str)] = &[
    ("who_depends_on", "who depends on \"Chip 0\""),
    ("what_does_depend_on", "what does \"Model 5\" depend on"),
    ("transitive", "who depends on \"Model 0\" transitively"),
    (
        "transitive_company",
        "who depends on \"Company 3\" transitively",
    ),
    ("who_invested_in", "who invested in \"Company 1\""),
    ("investments_by", "investments by \"Company 0\""),
    ("investments_in", "investments in \"Company 1\""),
    ("releases", "open-source releases"),
    ("releases_by", "open-source releases by \"Company 0\""),
    ("releases_in_year", "open-source releases in 2025"),
    (
        "releases_by_companies_in",
        "open-source releases by companies in \"Country 0\"",
    ),
    ("exclusive_cloud_deals", "exclusive cloud deals"),
    ("cloud_deals", "cloud deals"),
    (
        "cloud_provider_of",
        "who is the cloud provider of \"Company 1\"",
    ),
    ("concerns_raised_by", "concerns raised by \"Regulator 0\""),
    ("concerns_about", "concerns about \"Company 0\""),
    (
        "raised_concerns_about",
        "who raised concerns about \"Company 0\"",
    ),
    ("list_companies_in", "list companies in \"Country 0\""),
    ("companies_in", "companies in \"Country 0\""),
    ("list_regulators", "list regulators"),
    ("list_models_by", "list models by \"Company 0\""),
    ("open_models_by_in", "open models by \"Company 0\" in 2024"),
    ("list_open_models", "list open models"),
    ("count_open_by_developer", "count open models by developer"),
    ("builds_on", "who builds on \"Chip 0\""),
    ("member_of", "who is member of \"Alliance 0\""),
    ("traffic_share_of", "traffic share of \"Chatbot 0\""),
    ("revenue_of", "revenue of \"Company 0\""),
    ("count_by_developer", "count models by developer"),
    ("count_companies_by_country", "count companies by country"),
    ("top_chatbots", "top 3 chatbots by traffic share"),
    ("describe", "describe \"Chip 0\""),
    ("path", "path from \"Chatbot 1\" to \"Chip 0\""),
    ("since_filter", "investments by \"Company 0\" since 2023"),
    ("in_year_filter", "who invested in \"Company 1\" in 2023"),
    ("before_filter", "open-source releases before 2025"),
    ("revenue_since", "revenue of \"Company 0\" since 2022"),
    (
        "concerns_before",
        "concerns raised by \"Regulator 0\" before 2025",
    ),
    ("models_by_in_year", "list models by \"Company 0\" in 2020"),
    ("with_sources", "who invested in \"Company 1\" with sources"),
    ("con_fonti", "chi dipende da \"Chip 0\" con fonti"),
    // The question words and noun phrases of the language as analysts type it.
    ("which_kind", "which models depend on \"Chip 0\""),
    ("quali_kind", "quali modelli dipendono da \"Chip 0\""),
    ("how_many", "how many models depend on \"Chip 0\""),
    (
        "how_much_between",
        "how much did \"Company 0\" invest in \"Company 1\"",
    ),
    ("quanto_one_name", "quanto ha investito \"Company 0\""),
    (
        "when_between",
        "when did \"Company 0\" invest in \"Company 1\"",
    ),
    ("where_based", "where is \"Company 0\" based"),
    ("relation_noun", "who are the investors in \"Company 1\""),
    ("relation_noun_it", "gli investitori di \"Company 1\""),
    ("copula_measure", "what is the revenue of \"Company 0\""),
    (
        "clause_but_not",
        "models that depend on \"Chip 0\" but not on \"Chip 1\"",
    ),
    (
        "nested_phrase",
        "modelli aperti di aziende in \"Country 0\"",
    ),
    ("yes_or_no", "does \"Company 0\" depend on \"Chip 0\""),
    (
        "range_filter",
        "investments by \"Company 0\" between 2019 and 2023",
    ),
    (
        "range_filter_it",
        "investimenti di \"Company 0\" dal 2019 al 2024",
    ),
    (
        "month_filter",
        "traffic share of \"Chatbot 0\" in January 2025",
    ),
    ("first_page", "first 20 models that depend on \"Chip 0\""),
    (
        "partitive",
        "how many of the models that depend on \"Chip 0\" are open",
    ),
    ("released_in_year", "which models were released in 2024"),
    ("superlative", "which chatbot has the highest traffic share"),
];
