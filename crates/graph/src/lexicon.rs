//! Reading a graph's vocabulary ([`crate::vocabulary`]) from the store that holds the graph:
//! the store's triples, in the store's order, given to the vocabulary's pure functions.

use oxigraph::model::{GraphNameRef, NamedNodeRef, Triple};
use oxigraph::store::{StorageError, Store};

use crate::vocab::{self, RDFS, SKOS};
use crate::vocabulary::{EntityIndex, Vocabulary};

/// Reads the ontology graph and the entities' labels from the store.
pub fn vocabulary_of(store: &Store) -> Result<Vocabulary, StorageError> {
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
    Ok(Vocabulary::from_ontology_triples(ontology).with_entities(entity_index(store)?))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::KnowledgeGraph;
    use crate::vocabulary::Lang;

    #[test]
    fn reads_relations_classes_measures_and_entities_from_the_graph() {
        let graph = KnowledgeGraph::embedded().expect("loads");
        let vocabulary = vocabulary_of(graph.store()).expect("reads");
        let depends = vocabulary
            .relations
            .iter()
            .find(|r| r.iri.as_str() == vocab::cat("dependsOn"))
            .expect("dependsOn is a relation");
        assert!(
            depends
                .phrases
                .iter()
                .any(|p| p.text == "depends on" && p.lang == Lang::En)
        );
        assert!(
            depends
                .phrases
                .iter()
                .any(|p| p.text == "dipende da" && p.lang == Lang::It)
        );
        assert!(
            depends
                .with_sub_properties
                .iter()
                .any(|p| p.as_str() == vocab::cat("dependsOnManufacturingFrom"))
        );
        assert!(
            vocabulary
                .classes
                .iter()
                .any(|c| c.plurals.iter().any(|p| p.text == "companies"))
        );
        assert!(!vocabulary.measures.is_empty());
        assert_eq!(vocabulary.entities.lookup("nvidia")[0].label, "NVIDIA");
        assert_eq!(vocabulary.entities.lookup("Alphabet")[0].label, "Google");
    }

    #[test]
    fn reads_the_statement_forms_of_the_question_language() {
        let graph = KnowledgeGraph::embedded().expect("loads");
        let vocabulary = vocabulary_of(graph.store()).expect("reads");
        let form = |name: &str| {
            vocabulary
                .statement_forms
                .iter()
                .find(|f| f.question_form == name)
                .unwrap_or_else(|| panic!("the ontology describes {name}"))
        };
        for name in ["investments", "releases", "cloud deals", "concerns"] {
            let form = form(name);
            assert!(form.subject_role.is_some() && form.date.is_some(), "{name}");
        }
        let investments = form("investments");
        assert_eq!(investments.class.as_str(), vocab::cat("Investment"));
        let headers: Vec<&str> = investments
            .roles
            .iter()
            .map(|c| c.header.as_str())
            .collect();
        assert_eq!(headers, ["investor", "recipient", "status"]);
        assert_eq!(
            investments
                .roles
                .iter()
                .map(|c| c.required)
                .collect::<Vec<_>>(),
            [true, true, false]
        );
        let numeric: Vec<&str> = investments
            .attributes
            .iter()
            .filter(|c| c.numeric)
            .map(|c| c.header.as_str())
            .collect();
        assert_eq!(numeric, ["amount"]);
        assert_eq!(
            form("cloud deals")
                .exclusivity
                .as_ref()
                .map(|p| p.as_str().to_owned()),
            Some(vocab::cat("exclusiveCloud"))
        );
    }
}
