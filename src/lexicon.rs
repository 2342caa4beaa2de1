//! Reading a graph's vocabulary ([`crate::vocabulary`]) from the store that holds the graph:
//! the store's triples, in the store's order, given to the vocabulary's pure functions.

use oxigraph::model::{GraphNameRef, NamedNodeRef, Triple};
use oxigraph::store::{StorageError, Store};

use crate::vocab::{self, RDFS, SKOS};
use crate::vocabulary::{EntityIndex, Vocabulary};

impl Vocabulary {
    /// Reads the ontology graph and the entities' labels from the store.
    pub fn from_store(store: &Store) -> Result<Self, StorageError> {
        let ontology_graph = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let ontology = store
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(ontology_graph)),
            )
            .map(|quad| quad.map(Triple::from))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::from_ontology_triples(ontology).with_entities(entity_index(store)?))
    }
}

/// Names of every entity (IRIs in the `ent:` namespace) from labels and aliases in any graph.
pub fn entity_index(store: &Store) -> Result<EntityIndex, StorageError> {
    let (label, alt_label) = (format!("{RDFS}label"), format!("{SKOS}altLabel"));
    let mut triples = Vec::new();
    for predicate in [&label, &alt_label] {
        let predicate = NamedNodeRef::new_unchecked(predicate);
        for quad in store.quads_for_pattern(None, Some(predicate), None, None) {
            triples.push(Triple::from(quad?));
        }
    }
    Ok(EntityIndex::from_name_triples(triples))
}
