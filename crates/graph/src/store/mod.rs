//! Persistent stores (`--store DIR`, RocksDB) and loading RDF files into a store
//! (`catena load`): every RDF syntax oxigraph reads, gzip, named graphs, atomic or bulk.

use std::fmt;
use std::fs::File;
use std::io::{BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::{StorageError, Store};

use crate::graph::LoadError;

/// The file that marks a folder as a catena store, so that catena never writes RocksDB files
/// into a folder that is something else.
pub const MARKER: &str = "catena-store";

/// Files larger than this are loaded with the bulk loader even without `--bulk`.
pub const AUTO_BULK_BYTES: u64 = 64 * 1024 * 1024;

/// Why a store could not be opened or a file not loaded.
#[derive(Debug)]
pub enum StoreError {
    /// The folder holds files but is not a catena store.
    NotAStore(PathBuf),
    /// Another process holds the store's lock.
    InUse(PathBuf),
    /// This build has no persistent store support.
    Unsupported,
    /// The format of a file could not be told from its name.
    UnknownFormat(PathBuf),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The store's lexicon could not be written beside it.
    KeepLexicon {
        path: PathBuf,
        error: std::io::Error,
    },
    Load(LoadError),
    Storage(StorageError),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAStore(path) => write!(
                f,
                "{} is not a catena store (it has files but no `{MARKER}` marker); give a new or empty folder, or one made by `catena store init`",
                path.display()
            ),
            Self::InUse(path) => write!(
                f,
                "the store {} is in use by another process (RocksDB allows one at a time); close it and try again",
                path.display()
            ),
            Self::Unsupported => write!(
                f,
                "this catena was built without persistent stores: build it with `cargo build --release --features rocksdb`"
            ),
            Self::UnknownFormat(path) => write!(
                f,
                "{}: cannot tell the RDF format from the file name; use --format turtle|trig|ntriples|nquads|rdfxml|jsonld",
                path.display()
            ),
            Self::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            Self::KeepLexicon { path, error } => write!(
                f,
                "cannot keep the store's lexicon in {}: {error} (the store is changed; the next command reads its names again)",
                path.display()
            ),
            Self::Load(error) => error.fmt(f),
            Self::Storage(error) => write!(f, "storage error: {error}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { error, .. } | Self::KeepLexicon { error, .. } => Some(error),
            // The message is the load error's own: so is its cause.
            Self::Load(error) => error.source(),
            Self::Storage(error) => Some(error),
            Self::NotAStore(_) | Self::InUse(_) | Self::Unsupported | Self::UnknownFormat(_) => {
                None
            }
        }
    }
}

impl From<StorageError> for StoreError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

impl From<LoadError> for StoreError {
    fn from(error: LoadError) -> Self {
        Self::Load(error)
    }
}

// The persistent store, or its absence: one backend or the other, whole, by the feature.
#[cfg_attr(feature = "rocksdb", path = "rocksdb.rs")]
#[cfg_attr(not(feature = "rocksdb"), path = "memory.rs")]
mod backend;

pub use backend::{flush, open};

/// The `--format` names of `catena load`.
pub fn format_by_name(name: &str) -> Option<RdfFormat> {
    Some(match name.to_ascii_lowercase().as_str() {
        "turtle" | "ttl" => RdfFormat::Turtle,
        "trig" => RdfFormat::TriG,
        "ntriples" | "n-triples" | "nt" => RdfFormat::NTriples,
        "nquads" | "n-quads" | "nq" => RdfFormat::NQuads,
        "rdfxml" | "rdf/xml" | "rdf" | "xml" | "owl" => RdfFormat::RdfXml,
        "jsonld" | "json-ld" => RdfFormat::JsonLd {
            profile: Default::default(),
        },
        "n3" => RdfFormat::N3,
        _ => return None,
    })
}

/// The format of a file from its name, looking through a `.gz` suffix.
pub fn format_of(path: &Path) -> Option<RdfFormat> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let extension = Path::new(name).extension()?.to_str()?;
    format_by_name(extension)
}

fn is_gzip(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// How to load a file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Overrides the format told by the file name.
    pub format: Option<RdfFormat>,
    /// Puts the file's default-graph triples in this named graph.
    pub graph: Option<NamedNode>,
    /// Use the bulk loader (fast, not atomic). Also chosen for files over [`AUTO_BULK_BYTES`].
    pub bulk: bool,
    /// Show a progress line on standard error during bulk loads, when it is a terminal.
    pub progress: bool,
}

/// What a load did.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport {
    pub file: PathBuf,
    /// Quads read from the file.
    pub read: u64,
    /// Quads the store did not have before.
    pub added: u64,
    pub bulk: bool,
    pub seconds: f64,
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} triples read, {} added ({}, {:.2} s)",
            self.file.display(),
            self.read,
            self.added,
            if self.bulk {
                "bulk load"
            } else {
                "atomic load"
            },
            self.seconds
        )
    }
}

fn reader(path: &Path) -> Result<Box<dyn Read>, StoreError> {
    let file = File::open(path).map_err(|error| StoreError::Io {
        path: path.to_owned(),
        error,
    })?;
    let buffered = BufReader::with_capacity(1 << 20, file);
    Ok(if is_gzip(path) {
        Box::new(flate2::read::MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    })
}

/// `file:line:column: message` for a parse error, with 1-based positions.
fn parse_failure(path: &Path, error: RdfParseError) -> StoreError {
    match error {
        RdfParseError::Syntax(syntax) => {
            let (line, column) = syntax
                .location()
                .map(|range| (range.start.line + 1, range.start.column + 1))
                .unwrap_or((0, 0));
            let text = syntax.to_string();
            // The Turtle family repeats the position at the start of its message.
            let message = text
                .split_once(": ")
                .filter(|(head, _)| head.starts_with("Parser error at line"))
                .map(|(_, rest)| rest.to_owned())
                .unwrap_or(text);
            StoreError::Load(LoadError::Syntax {
                file: path.display().to_string(),
                line,
                column,
                message,
                source: Some(Box::new(syntax)),
            })
        }
        RdfParseError::Io(error) => StoreError::Io {
            path: path.to_owned(),
            error,
        },
    }
}

/// Loads one file into the store. An atomic load parses the whole file first and adds it in
/// one transaction, so a syntax error adds nothing; a bulk load streams (much faster, but a
/// failure part-way leaves what was already written).
pub fn load_file(
    store: &Store,
    path: &Path,
    options: &LoadOptions,
) -> Result<LoadReport, StoreError> {
    let format = options
        .format
        .or_else(|| format_of(path))
        .ok_or_else(|| StoreError::UnknownFormat(path.to_owned()))?;
    let mut parser = RdfParser::from_format(format);
    if let Some(graph) = &options.graph {
        parser = parser.with_default_graph(GraphName::NamedNode(graph.clone()));
    }
    let size = std::fs::metadata(path)
        .map_err(|error| StoreError::Io {
            path: path.to_owned(),
            error,
        })?
        .len();
    let bulk = options.bulk || size > AUTO_BULK_BYTES;
    let before = store.len()? as u64;
    let started = Instant::now();
    let read = if bulk {
        let counter = Arc::new(AtomicU64::new(0));
        let progress = options.progress && std::io::stderr().is_terminal();
        let seen = Arc::clone(&counter);
        let mut loader = store.bulk_loader().on_progress(move |count| {
            seen.store(count, Ordering::Relaxed);
            if progress {
                let elapsed = started.elapsed().as_secs_f64().max(1e-9);
                eprint!(
                    "\r{count} triples, {:.0} triples/s, {elapsed:.1} s elapsed",
                    count as f64 / elapsed
                );
            }
        });
        loader
            .load_from_reader(parser, reader(path)?)
            .map_err(|error| match error {
                oxigraph::store::LoaderError::Parsing(error) => parse_failure(path, error),
                oxigraph::store::LoaderError::Storage(error) => StoreError::Storage(error),
                other => StoreError::Load(LoadError::Io {
                    path: path.display().to_string(),
                    source: Box::new(other),
                }),
            })?;
        loader.commit()?;
        if progress {
            eprintln!();
        }
        // The loader reports progress from time to time, not always at the very end.
        counter
            .load(Ordering::Relaxed)
            .max(store.len()? as u64 - before)
    } else {
        let quads: Vec<Quad> = parser
            .for_reader(reader(path)?)
            .collect::<Result<_, _>>()
            .map_err(|error| parse_failure(path, error))?;
        let read = quads.len() as u64;
        store.extend(quads)?;
        read
    };
    let added = store.len()? as u64 - before;
    Ok(LoadReport {
        file: path.to_owned(),
        read,
        added,
        bulk,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_name_through_gzip() {
        assert_eq!(format_of(Path::new("a.ttl")), Some(RdfFormat::Turtle));
        assert_eq!(format_of(Path::new("a.nt.gz")), Some(RdfFormat::NTriples));
        assert_eq!(format_of(Path::new("A.TRIG")), Some(RdfFormat::TriG));
        assert_eq!(format_of(Path::new("a.rdf")), Some(RdfFormat::RdfXml));
        assert!(matches!(
            format_of(Path::new("a.jsonld")),
            Some(RdfFormat::JsonLd { .. })
        ));
        assert_eq!(format_of(Path::new("a.txt")), None);
        assert_eq!(format_of(Path::new("gz")), None);
    }

    #[test]
    fn an_atomic_load_with_a_syntax_error_adds_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("good.nt");
        std::fs::write(
            &good,
            "<http://e.org/a> <http://e.org/b> <http://e.org/c> .\n",
        )
        .expect("write");
        let bad = dir.path().join("bad.nt");
        std::fs::write(
            &bad,
            "<http://e.org/a> <http://e.org/b> <http://e.org/d> .\n<http://e.org/a> <http://e.org/b> .\n",
        )
        .expect("write");
        let store = Store::new().expect("store");
        let report = load_file(&store, &good, &LoadOptions::default()).expect("loads");
        assert_eq!((report.read, report.added), (1, 1));
        match load_file(&store, &bad, &LoadOptions::default()) {
            Err(StoreError::Load(LoadError::Syntax { line, .. })) => assert_eq!(line, 2),
            other => panic!("expected a syntax error, got {other:?}"),
        }
        assert_eq!(store.len().expect("len"), 1);
        // The parser's error is kept as the cause.
        let Err(error) = load_file(&store, &bad, &LoadOptions::default()) else {
            panic!("the bad file loaded");
        };
        let cause = std::error::Error::source(&error).expect("the parser's error");
        assert!(cause.to_string().contains("line 2"), "{cause}");
    }

    #[test]
    fn gzip_and_named_graphs() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.ttl.gz");
        let mut encoder = flate2::write::GzEncoder::new(
            File::create(&path).expect("create"),
            flate2::Compression::fast(),
        );
        encoder
            .write_all(b"<http://e.org/a> <http://e.org/b> 1, 2 .")
            .expect("write");
        encoder.finish().expect("finish");
        let store = Store::new().expect("store");
        let graph = NamedNode::new("http://e.org/g").expect("iri");
        let options = LoadOptions {
            graph: Some(graph.clone()),
            ..LoadOptions::default()
        };
        let report = load_file(&store, &path, &options).expect("loads");
        assert_eq!(report.added, 2);
        assert!(store.contains_named_graph(&graph).expect("graphs"));
    }
}
