//! Load throughput, in triples per second:
//!
//! - `load_embedded/…`: the shipped graph into a fresh in-memory store: `parse_and_load`
//!   parses its Turtle and TriG text (`KnowledgeGraph::from_sources`), `prebuilt` loads the
//!   quads parsed at build time (`KnowledgeGraph::embedded`, what `catena` does at start),
//!   `session` adds reading the vocabulary (`Session::from_sources`);
//! - `load_nquads/{atomic,bulk}/<size>`: a generated N-Quads file (`catena gen`, seed 7,
//!   written once to a temporary folder) into a fresh in-memory store with
//!   `catena::store::load_file`, in one transaction or with the bulk loader;
//! - `load_rocksdb/bulk/<size>` (only with `--features rocksdb`): the same file bulk-loaded
//!   into a fresh persistent store in a temporary folder (`catena load --bulk`), flushed.
//!
//! The sizes come from `CATENA_BENCH_SIZES` (default `embedded,1e5,1e6`): `embedded` selects
//! the first group, triple counts the generated files.
//!
//! Run: `cargo bench --bench load`; with the persistent store:
//! `cargo bench --features rocksdb --bench load` (RocksDB takes long to build). CI
//! smoke-tests it once with `CATENA_BENCH_SIZES=embedded,1e4 cargo test --benches`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use catena::graph::{self, KnowledgeGraph};
use catena::session::Session;
use catena::store::{self, LoadOptions};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use oxigraph::store::Store;

mod common;

use common::Size;

fn load(c: &mut Criterion) {
    let sizes = common::sizes();
    if sizes.contains(&Size::Embedded) {
        embedded(c);
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    for size in sizes {
        if let Size::Generated(triples) = size {
            let (path, quads) = generated_file(dir.path(), triples);
            nquads(c, triples, &path, quads);
        }
    }
}

fn embedded(c: &mut Criterion) {
    let sources = graph::embedded_sources();
    let quads = graph::embedded_quads().len() as u64;
    let mut group = c.benchmark_group("load_embedded");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Elements(quads));
    group.bench_function("parse_and_load", |b| {
        b.iter(|| KnowledgeGraph::from_sources(black_box(&sources)).expect("loads"))
    });
    group.bench_function("prebuilt", |b| {
        b.iter(|| KnowledgeGraph::embedded().expect("loads"))
    });
    group.bench_function("session", |b| {
        b.iter(|| Session::from_sources(black_box(&sources)).expect("loads"))
    });
    group.finish();
}

/// Writes the generated graph of about `triples` triples; returns its path and quad count.
fn generated_file(dir: &Path, triples: u64) -> (PathBuf, u64) {
    let path = dir.join(format!("gen-{}.nq", common::short_count(triples)));
    let options = catena::r#gen::GenOptions {
        entities: catena::r#gen::entities_for_triples(triples),
        seed: common::SEED,
    };
    let summary = catena::r#gen::write(&options, &path).expect("the generated graph is written");
    (path, summary.quads as u64)
}

/// Loads into a fresh in-memory store, atomically and with the bulk loader; dropping the
/// full store is not timed.
fn nquads(c: &mut Criterion, triples: u64, path: &Path, quads: u64) {
    let (samples, time) = Size::Generated(triples).sampling();
    let time = time * 2;
    let mut group = c.benchmark_group("load_nquads");
    group.throughput(Throughput::Elements(quads));
    for bulk in [false, true] {
        let options = LoadOptions {
            bulk,
            ..LoadOptions::default()
        };
        let load = |store: Store| {
            let report = store::load_file(&store, path, &options).expect("loads");
            assert_eq!(report.read, quads);
            store
        };
        if common::benchmarking() {
            let started = Instant::now();
            load(Store::new().expect("an in-memory store"));
            common::tune(&mut group, started.elapsed(), samples, time);
        }
        let id = format!(
            "{}/{}",
            if bulk { "bulk" } else { "atomic" },
            common::short_count(triples)
        );
        group.bench_function(id, |b| {
            b.iter_batched(
                || Store::new().expect("an in-memory store"),
                load,
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
    #[cfg(feature = "rocksdb")]
    rocksdb(c, triples, path, quads);
}

/// Bulk loads into a fresh persistent store, as `catena load --bulk` into a new `--store`:
/// the store is created (with the shipped graph, as `catena::store::open` does) in a new
/// folder before each load; the load and the flush are timed, closing the store is not.
#[cfg(feature = "rocksdb")]
fn rocksdb(c: &mut Criterion, triples: u64, path: &Path, quads: u64) {
    let (samples, time) = Size::Generated(triples).sampling();
    let time = time * 3;
    let mut group = c.benchmark_group("load_rocksdb");
    group.throughput(Throughput::Elements(quads));
    let options = LoadOptions {
        bulk: true,
        ..LoadOptions::default()
    };
    let create = || {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (store, created) = store::open(dir.path()).expect("a new persistent store");
        assert!(created, "the folder is new");
        (store, dir)
    };
    let load = |(store, dir): (Store, tempfile::TempDir)| {
        let report = store::load_file(&store, path, &options).expect("loads");
        assert!(report.bulk && report.read == quads);
        store::flush(&store).expect("flushes");
        // The store closes before its folder is removed (tuple fields drop in order).
        (store, dir)
    };
    if common::benchmarking() {
        let fresh = create();
        let started = Instant::now();
        load(fresh);
        common::tune(&mut group, started.elapsed(), samples, time);
    }
    group.bench_function(format!("bulk/{}", common::short_count(triples)), |b| {
        b.iter_batched(create, load, BatchSize::PerIteration)
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = load
}
criterion_main!(benches);
