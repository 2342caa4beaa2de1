//! The question language's own overhead, with nothing executed: parse → resolve → compile
//! (`Session::translate`) of every question form, in English and Italian, on the shipped
//! graph's vocabulary.
//!
//! Groups:
//! - `translate/<form>`: one benchmark per form (the examples of tests/translations.rs, plus
//!   the forms only tests/gen.rs uses);
//! - `stages/{parse,resolve,compile}_all`: each stage alone over all the forms at once, to
//!   see where the time of a translation goes;
//! - `complete/<where>`: the REPL's Tab (`catena_language::complete`) within its default
//!   budget, after a space (every candidate tried, bounded by time) and after a letter.
//!
//! Run: `cargo bench --bench language` (a filter narrows it:
//! `cargo bench --bench language -- translate/path`). `cargo test --benches` runs each
//! benchmark once as a smoke test. This bench always uses the shipped graph, whatever
//! `CATENA_BENCH_SIZES` says.

use std::hint::black_box;
use std::time::Duration;

use catena::session::Session;
use catena::{compile, parse, resolve};
use catena_language::complete::Completer;
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

use common::Size;

fn translate(c: &mut Criterion) {
    let session = common::session(Size::Embedded);
    let forms = common::embedded_questions();
    for (name, question) in &forms {
        if let Err(e) = session.translate(question) {
            panic!(
                "{name}: `{question}` does not translate:\n{}",
                e.report(question)
            );
        }
    }

    let mut group = c.benchmark_group("translate");
    for (name, question) in &forms {
        group.bench_function(*name, |b| {
            b.iter(|| session.translate(black_box(question)).map(|(_, c)| c))
        });
    }
    group.finish();

    stages(c, &session);
    complete(c, &session);
}

/// Tab in the REPL: the completer over the shipped lexicon, as the REPL keeps it.
fn complete(c: &mut Criterion, session: &Session) {
    let completer = Completer::new(&session.vocabulary());
    let mut group = c.benchmark_group("complete");
    for (name, before_cursor) in [
        ("after_relation", "who depends on "),
        ("after_kind", "which companies "),
        ("after_question", "who depends on NVIDIA "),
        ("start", ""),
        ("name_begun", "who depends on NV"),
        ("phrase_begun", "list companies th"),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| completer.complete(black_box(before_cursor)))
        });
    }
    group.finish();
}

/// Each stage alone, over every form: parse the texts, resolve the parsed questions, compile
/// the resolved ones.
fn stages(c: &mut Criterion, session: &Session) {
    let questions: Vec<&str> = common::embedded_questions()
        .into_iter()
        .map(|(_, q)| q)
        .collect();
    let parsed: Vec<_> = questions
        .iter()
        .map(|q| parse::parse(q).expect("every form parses"))
        .collect();
    let resolved: Vec<_> = parsed
        .iter()
        .map(|p| resolve::resolve(p, &session.vocabulary()).expect("every form resolves"))
        .collect();

    let mut group = c.benchmark_group("stages");
    group.bench_function("parse_all", |b| {
        b.iter(|| {
            for question in &questions {
                black_box(parse::parse(black_box(question)).ok());
            }
        })
    });
    group.bench_function("resolve_all", |b| {
        b.iter(|| {
            for question in &parsed {
                black_box(resolve::resolve(black_box(question), &session.vocabulary()).ok());
            }
        })
    });
    group.bench_function("compile_all", |b| {
        b.iter(|| {
            for question in &resolved {
                black_box(compile::compile(black_box(question), &session.vocabulary()));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Translations take from 10 µs to under a millisecond: short runs give tight estimates.
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = translate
}
criterion_main!(benches);
