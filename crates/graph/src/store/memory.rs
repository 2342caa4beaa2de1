//! No persistent store: this build keeps graphs in memory only (the `rocksdb` feature is off).

use std::path::Path;

use oxigraph::store::{StorageError, Store};

use super::StoreError;

/// A persistent store needs the `rocksdb` feature: refused with how to build it.
pub fn open(_dir: &Path) -> Result<(Store, bool), StoreError> {
    Err(StoreError::Unsupported)
}

/// An in-memory store has nothing to make durable.
pub fn flush(_store: &Store) -> Result<(), StorageError> {
    Ok(())
}
