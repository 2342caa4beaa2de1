//! Import of Stanford CRFM's Ecosystem Graphs asset files into catena's ontology.
//!
//! Each YAML file is a list of asset records (models, datasets, applications). Every record
//! becomes a passage of the source document `src:ecosystem-graphs`, and its facts live in
//! that passage's named graph, as the documents' facts do. Organisations and assets that the
//! graph already knows (by name or alias) are linked, not duplicated, so `describe OpenAI`
//! shows both sources.
//!
//! Stages: [`yaml`] reads a file into a forgiving tree, [`record`] reads each record into an
//! [`record::Asset`], [`organisations`] splits and matches organisation strings, and
//! [`convert`] turns the assets into quads and a [`Report`].

pub mod convert;
pub mod organisations;
pub mod record;
pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use oxigraph::model::Quad;
use oxigraph::store::{StorageError, Store};

pub use convert::{Existing, Report};

/// The records of one asset file.
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// The file name, as cited in provenance (`openai.yaml`).
    pub name: String,
    pub assets: Vec<record::Asset>,
    pub skipped: Vec<record::Skipped>,
}

/// Why an import did not happen. Nothing is written to the store in any of these cases.
#[derive(Debug)]
pub enum ImportError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    NoAssetFiles(PathBuf),
    /// Files that are not YAML lists of records (`file:line:column: message` each).
    Syntax(Vec<String>),
    Storage(StorageError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            Self::NoAssetFiles(dir) => write!(
                f,
                "{} holds no asset files (*.yaml): give the `assets` folder of Ecosystem Graphs",
                dir.display()
            ),
            Self::Syntax(errors) => {
                write!(
                    f,
                    "{} file{} could not be read, so nothing was imported (--keep-going skips them):",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                )?;
                for error in errors {
                    write!(f, "\n  {error}")?;
                }
                Ok(())
            }
            Self::Storage(error) => write!(f, "storage error: {error}"),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<StorageError> for ImportError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

/// Reads every `*.yaml` / `*.yml` file of `dir` (or the one file `dir` names), in name
/// order. A file that does not parse is an error unless `keep_going`, when it is listed in
/// the second part of the result instead.
pub fn read_dir(
    dir: &Path,
    keep_going: bool,
) -> Result<(Vec<AssetFile>, Vec<String>), ImportError> {
    let io = |path: &Path, error| ImportError::Io {
        path: path.to_owned(),
        error,
    };
    let mut paths: Vec<PathBuf> = if dir.is_file() {
        vec![dir.to_owned()]
    } else {
        std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| io(dir, e))?
            .into_iter()
            .filter(|path| {
                path.is_file()
                    && path
                        .extension()
                        .is_some_and(|ext| ext == "yaml" || ext == "yml")
            })
            .collect()
    };
    paths.sort();
    if paths.is_empty() {
        return Err(ImportError::NoAssetFiles(dir.to_owned()));
    }
    let mut files = Vec::new();
    let mut broken = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
        let parsed = match String::from_utf8(bytes) {
            Ok(text) => read_file(&name, &text),
            Err(e) => Err(format!(
                "{name}: not valid UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            )),
        };
        match parsed {
            Ok(file) => files.push(file),
            Err(message) => broken.push(message),
        }
    }
    if !broken.is_empty() && !keep_going {
        return Err(ImportError::Syntax(broken));
    }
    Ok((files, broken))
}

/// Reads one file's text; the error is `name:line:column: message`.
pub fn read_file(name: &str, text: &str) -> Result<AssetFile, String> {
    let records = yaml::parse_records(text)
        .map_err(|e| format!("{name}:{}:{}: {}", e.line, e.column, e.message))?;
    let mut assets = Vec::new();
    let mut skipped = Vec::new();
    for located in &records {
        match record::read(located) {
            Ok(asset) => assets.push(asset),
            Err(skip) => skipped.push(skip),
        }
    }
    Ok(AssetFile {
        name: name.to_owned(),
        assets,
        skipped,
    })
}

/// Reads the asset files of `dir` and converts them against what `store` already holds,
/// without writing anything: [`commit`] writes the quads.
pub fn prepare(
    store: &Store,
    dir: &Path,
    keep_going: bool,
) -> Result<(Report, Vec<Quad>), ImportError> {
    let started = std::time::Instant::now();
    let (files, broken) = read_dir(dir, keep_going)?;
    let existing = Existing::from_store(store)?;
    let (quads, mut report) = convert::build(&files, &existing);
    report.broken_files = broken;
    report.quads = quads.len();
    report.seconds = started.elapsed().as_secs_f64();
    Ok((report, quads))
}

/// Writes prepared quads to `store` in one atomic step, counting those it did not hold.
pub fn commit(store: &Store, report: &mut Report, quads: &[Quad]) -> Result<(), ImportError> {
    let started = std::time::Instant::now();
    // Counted before writing: `Store::len` scans a persistent store.
    let mut new_quads = 0;
    for quad in quads {
        if !store.contains(quad)? {
            new_quads += 1;
        }
    }
    store.extend(quads.iter().cloned())?;
    report.new_quads = new_quads;
    report.seconds += started.elapsed().as_secs_f64();
    Ok(())
}

/// Imports the asset files of `dir` into `store` in one atomic step, and reports.
pub fn import(
    store: &Store,
    dir: &Path,
    keep_going: bool,
) -> Result<(Report, Vec<Quad>), ImportError> {
    let (mut report, quads) = prepare(store, dir, keep_going)?;
    commit(store, &mut report, &quads)?;
    Ok((report, quads))
}

/// Why the imported quads could not be written to a file.
#[derive(Debug)]
pub enum OutputError {
    /// The file name asks for a syntax without named graphs, which would lose provenance.
    Format(String),
    Io(std::io::Error),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Format(message) => f.write_str(message),
            Self::Io(error) => write!(f, "cannot write the output: {error}"),
        }
    }
}

/// The syntax of an output file: N-Quads or TriG, the syntaxes that keep named graphs.
pub fn output_format(path: &Path) -> Result<oxigraph::io::RdfFormat, OutputError> {
    use oxigraph::io::RdfFormat;
    match crate::store::format_of(path) {
        Some(format @ (RdfFormat::NQuads | RdfFormat::TriG)) => Ok(format),
        _ => Err(OutputError::Format(format!(
            "{}: write the import as .nq or .trig, which keep each record's named graph",
            path.display()
        ))),
    }
}

/// Writes quads to `path` as N-Quads (`.nq`) or TriG (`.trig`), whole or not at all: the
/// text goes to a temporary file beside it that is renamed at the end.
pub fn write_quads(path: &Path, quads: &[Quad]) -> Result<(), OutputError> {
    use oxigraph::io::RdfSerializer;
    use std::io::Write;
    let format = output_format(path)?;
    let temporary = path.with_file_name(format!(
        ".{}.partial",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let write = || -> std::io::Result<()> {
        let file = std::fs::File::create(&temporary)?;
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, namespace) in crate::vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *namespace)
                .map_err(std::io::Error::other)?;
        }
        let mut writer = serializer.for_writer(std::io::BufWriter::new(file));
        for quad in quads {
            writer.serialize_quad(quad)?;
        }
        let mut inner = writer.finish()?;
        inner.flush()?;
        inner.get_ref().sync_all()?;
        std::fs::rename(&temporary, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        OutputError::Io(e)
    })
}
