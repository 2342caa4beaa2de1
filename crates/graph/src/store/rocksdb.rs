//! The persistent store: oxigraph on RocksDB, in a folder marked as catena's.

use std::path::Path;

use oxigraph::store::{StorageError, Store};

use super::{MARKER, StoreError};
use crate::graph;

/// Opens the persistent store in `dir`, creating it (with the shipped graph loaded) when the
/// folder is new or empty. Returns the store and whether it was created.
pub fn open(dir: &Path) -> Result<(Store, bool), StoreError> {
    let io = |error| StoreError::Io {
        path: dir.to_owned(),
        error,
    };
    let is_new = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => true,
        Err(error) => return Err(io(error)),
    };
    if !is_new && !dir.join(MARKER).is_file() {
        return Err(StoreError::NotAStore(dir.to_owned()));
    }
    let store = Store::open(dir).map_err(|error| open_error(dir, error))?;
    if is_new {
        let parsed = graph::parse_all(&graph::embedded_sources())?;
        store.extend(
            parsed
                .iter()
                .flat_map(|source| source.quads.iter().cloned()),
        )?;
        store.flush()?;
        // The marker goes last: a folder without it was never a complete store.
        std::fs::write(
            dir.join(MARKER),
            "catena store: an oxigraph RocksDB database holding catena's graph\n",
        )
        .map_err(io)?;
    }
    Ok((store, is_new))
}

/// RocksDB reports a held lock as an I/O error on the LOCK file.
fn open_error(dir: &Path, error: StorageError) -> StoreError {
    let text = error.to_string();
    if text.contains("LOCK") || text.contains("lock") {
        StoreError::InUse(dir.to_owned())
    } else {
        StoreError::Storage(error)
    }
}

/// Makes writes durable.
pub fn flush(store: &Store) -> Result<(), StorageError> {
    store.flush()
}
