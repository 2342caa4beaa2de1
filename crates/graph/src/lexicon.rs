//! Reading a graph's vocabulary ([`crate::vocabulary`]) from the store that holds the graph:
//! the store's triples, in the store's order, given to the vocabulary's pure functions; and
//! keeping a persistent store's vocabulary beside it ([`KeptLexicon`]), so that a command
//! need not read every name of a large store before its first question.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

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

/// Names of every entity (IRIs in the `ent:` namespace) from labels, aliases and place
/// adjectives in any graph.
pub fn entity_index(store: &Store) -> Result<EntityIndex, StorageError> {
    let (label, alt_label) = (format!("{RDFS}label"), format!("{SKOS}altLabel"));
    let demonym = vocab::cat("demonym");
    let mut triples = Vec::new();
    for predicate in [&label, &alt_label, &demonym] {
        let predicate = NamedNodeRef::new_unchecked(predicate);
        for quad in store.quads_for_pattern(None, Some(predicate), None, None) {
            triples.push(Triple::from(quad?));
        }
    }
    Ok(EntityIndex::from_name_triples(triples))
}

/// The file, in a persistent store's folder, that keeps the store's lexicon.
pub const KEPT_LEXICON_FILE: &str = "catena-lexicon.json";

/// The first line of a kept lexicon: which catena wrote it. A lexicon another version wrote is
/// read again from the store, since the vocabulary's shape may differ.
const KEPT_LEXICON_HEADER: &str = concat!("catena-lexicon ", env!("CARGO_PKG_VERSION"), "\n");

/// A persistent store's lexicon, kept in a file in the store's folder. Whoever changes the
/// store through catena forgets it before the change and writes it anew after
/// ([`crate::graph::KnowledgeGraph::change`]), so a crash in between leaves no stale lexicon,
/// only a missing one, which the next command reads from the store again.
#[derive(Debug, Clone)]
pub struct KeptLexicon {
    path: PathBuf,
}

impl KeptLexicon {
    /// The lexicon kept in the store folder `dir`.
    pub fn in_store(dir: &Path) -> Self {
        Self {
            path: dir.join(KEPT_LEXICON_FILE),
        }
    }

    /// Where the lexicon is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The kept lexicon, when there is one this catena wrote; `None` tells the caller to read
    /// it from the store.
    pub fn read(&self) -> Option<Vocabulary> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        let json = text.strip_prefix(KEPT_LEXICON_HEADER)?;
        serde_json::from_str(json).ok()
    }

    /// Keeps `vocabulary`, replacing the file whole (written aside, then renamed over it).
    pub fn write(&self, vocabulary: &Vocabulary) -> io::Result<()> {
        let aside = self.path.with_extension("json.new");
        let mut file = io::BufWriter::new(std::fs::File::create(&aside)?);
        file.write_all(KEPT_LEXICON_HEADER.as_bytes())?;
        serde_json::to_writer(&mut file, vocabulary)?;
        file.into_inner().map_err(io::Error::other)?.sync_all()?;
        std::fs::rename(&aside, &self.path)
    }

    /// Drops the kept lexicon before the store changes.
    pub fn forget(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
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

    #[test]
    fn a_kept_lexicon_is_read_back_only_when_this_catena_wrote_it_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let kept = KeptLexicon::in_store(dir.path());
        assert!(kept.read().is_none(), "nothing is kept yet");
        let vocabulary = crate::graph::embedded_vocabulary();
        kept.write(&vocabulary).expect("writes");
        assert_eq!(kept.read(), Some(vocabulary));
        assert!(!dir.path().join("catena-lexicon.json.new").exists());

        let text = std::fs::read_to_string(kept.path()).expect("reads");
        let other_version = text.replacen(env!("CARGO_PKG_VERSION"), "0.0.0-other", 1);
        std::fs::write(kept.path(), other_version).expect("writes");
        assert!(
            kept.read().is_none(),
            "another catena's lexicon is not read"
        );
        std::fs::write(kept.path(), &text[..text.len() / 2]).expect("writes");
        assert!(kept.read().is_none(), "a cut lexicon is not read");

        kept.forget().expect("forgets");
        assert!(!kept.path().exists());
        kept.forget().expect("forgetting twice is no error");
    }
}
