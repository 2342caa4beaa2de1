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
    /// Files that are not YAML lists of records.
    Syntax(Vec<FileError>),
    Storage(StorageError),
}

/// Why one asset file could not be read: `name:line:column: message` when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The file is not UTF-8.
    NotUtf8 {
        name: String,
        error: std::str::Utf8Error,
    },
    /// The file is not a YAML list of records.
    Syntax {
        name: String,
        error: yaml::SyntaxError,
    },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8 { name, error } => write!(
                f,
                "{name}: not valid UTF-8 (at byte {})",
                error.valid_up_to()
            ),
            Self::Syntax { name, error } => write!(f, "{name}:{error}"),
        }
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::NotUtf8 { error, .. } => Some(error),
            Self::Syntax { error, .. } => Some(error),
        }
    }
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

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { error, .. } => Some(error),
            // One cause for one file; each file's error is in the list.
            Self::Syntax(errors) => match errors.as_slice() {
                [one] => Some(one),
                _ => None,
            },
            Self::Storage(error) => Some(error),
            Self::NoAssetFiles(_) => None,
        }
    }
}

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
) -> Result<(Vec<AssetFile>, Vec<FileError>), ImportError> {
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
            Err(e) => Err(FileError::NotUtf8 {
                name,
                error: e.utf8_error(),
            }),
        };
        match parsed {
            Ok(file) => files.push(file),
            Err(error) => broken.push(error),
        }
    }
    if !broken.is_empty() && !keep_going {
        return Err(ImportError::Syntax(broken));
    }
    Ok((files, broken))
}

/// Reads one file's text; the error shows as `name:line:column: message`.
pub fn read_file(name: &str, text: &str) -> Result<AssetFile, FileError> {
    let records = yaml::parse_records(text).map_err(|error| FileError::Syntax {
        name: name.to_owned(),
        error,
    })?;
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
    report.broken_files = broken.iter().map(FileError::to_string).collect();
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

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(error) => Some(error),
            Self::Format(_) => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_file_error_reads_as_before_and_keeps_its_cause() {
        let error = read_file("models.yaml", "- name: a\n\tb: c\n").expect_err("a tab");
        let shown = error.to_string();
        assert_eq!(
            shown,
            "models.yaml:1:9: while scanning a plain scalar, found a tab"
        );
        let cause = error.source().expect("the YAML error");
        assert!(shown.ends_with(&cause.to_string()), "{shown} / {cause}");
        let scalar = read_file("one.yaml", "just text").expect_err("not a list");
        assert_eq!(
            scalar.to_string(),
            "one.yaml:1:1: expected a list of asset records"
        );
    }

    #[test]
    fn an_import_of_broken_files_lists_each_with_its_cause() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("a.yaml"), b"- name: \xff\n").expect("writes");
        let error = read_dir(dir.path(), false).expect_err("not UTF-8");
        assert_eq!(
            error.to_string(),
            "1 file could not be read, so nothing was imported (--keep-going skips them):\n  \
             a.yaml: not valid UTF-8 (at byte 8)"
        );
        let file = error.source().expect("the file's error");
        assert!(
            file.source()
                .is_some_and(|utf8| utf8.is::<std::str::Utf8Error>())
        );
        let (files, broken) = read_dir(dir.path(), true).expect("keeps going");
        assert!(files.is_empty());
        assert_eq!(broken.len(), 1);
    }
}
