//! Every question form end to end (`Session::ask`: parse, resolve, compile, run the SPARQL
//! on an in-memory store, and the breadth-first walks of transitive questions and paths), on
//! graphs of several sizes:
//!
//! - `embedded/<form>`: the shipped graph, with the examples of tests/translations.rs;
//! - `gen_1e5/<form>`, `gen_1e6/<form>`: graphs of `catena gen` (seed 7) with about 10⁵ and
//!   10⁶ triples plus the shipped ontology, with the questions of tests/gen.rs, which name
//!   the generator's hubs (`who depends on "Model 0" transitively`,
//!   `path from "Chatbot 1" to "Chip 0"`, …).
//!
//! Each graph is built in memory once per run, before its group. The sizes come from
//! `CATENA_BENCH_SIZES`, a comma-separated list of `embedded` and triple counts (default
//! `embedded,1e5,1e6`; building the 10⁶ graph takes a few seconds and a couple of GB).
//!
//! Run: `cargo bench --bench questions`, or for a quicker run
//! `CATENA_BENCH_SIZES=embedded,1e5 cargo bench --bench questions`; one form:
//! `cargo bench --bench questions -- /transitive`. CI smoke-tests every form once with
//! `CATENA_BENCH_SIZES=embedded,1e4 cargo test --benches`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use catena::session::Session;
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

use common::{GENERATED_QUESTIONS, Size};

fn questions(c: &mut Criterion) {
    let benchmarking = common::benchmarking();
    let embedded = common::embedded_questions();
    for size in common::sizes() {
        let session = common::session(size);
        let questions: &[(&str, &str)] = match size {
            Size::Embedded => &embedded,
            Size::Generated(_) => GENERATED_QUESTIONS,
        };
        // Generated graphs have answers to every form (tests/gen.rs checks it): an empty one
        // means the question no longer asks what it should.
        let must_answer = matches!(size, Size::Generated(_));
        let (samples, time) = size.sampling();
        let mut group = c.benchmark_group(size.name());
        for (name, question) in questions {
            if benchmarking {
                // One untimed run sizes the sampling: slow forms (a second or more on large
                // graphs) get the fewest samples and the time those take.
                let started = Instant::now();
                ask(&session, question, must_answer);
                common::tune(&mut group, started.elapsed(), samples, time);
            }
            group.bench_function(*name, |b| {
                b.iter(|| ask(&session, black_box(question), must_answer))
            });
        }
        group.finish();
    }
}

/// Asks a question and returns how many rows it got.
fn ask(session: &Session, question: &str, must_answer: bool) -> usize {
    let outcome = session
        .ask(question)
        .unwrap_or_else(|e| panic!("`{question}` fails:\n{}", e.report(question)));
    let rows = common::rows(&outcome);
    assert!(!must_answer || rows > 0, "`{question}` has no answer");
    rows
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = questions
}
criterion_main!(benches);
