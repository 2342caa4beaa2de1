//! The knowledge graph: where its RDF comes from (embedded files, or files given on the
//! command line), how it is parsed with positions for errors, and the store it is loaded into.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::store::{StorageError, Store};
use oxttl::{NQuadsParser, NTriplesParser, TriGParser, TurtleParser, TurtleSyntaxError};

use crate::lexicon::KeptLexicon;
use crate::sparql::{QueryError, QueryOutput, Scope};
use crate::store::StoreError;
use crate::vocab;
use crate::vocabulary::Vocabulary;

/// The ontology and data files compiled into the binary: (path, text).
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A term of the embedded graph, as `build.rs` wrote it after parsing the files.
enum E {
    Iri(&'static str),
    Blank(&'static str),
    Lang(&'static str, &'static str),
    Typed(&'static str, &'static str),
    /// A triple outside any named graph (`catena check` flags such data, but it loads).
    #[allow(dead_code)]
    Default,
}

/// The embedded files, parsed at build time: distinct terms, and quads as indices into them.
#[allow(clippy::type_complexity)]
static EMBEDDED_QUADS: (&[E], &[[u32; 4]]) =
    include!(concat!(env!("OUT_DIR"), "/embedded_quads.rs"));

/// The quads of the embedded ontology and data, without parsing any text.
pub fn embedded_quads() -> Vec<Quad> {
    use oxigraph::model::{BlankNode, Literal, NamedOrBlankNode, Term};
    let (terms, quads) = &EMBEDDED_QUADS;
    let terms: Vec<Option<Term>> = terms
        .iter()
        .map(|term| match *term {
            E::Iri(iri) => Some(Term::NamedNode(NamedNode::new_unchecked(iri))),
            E::Blank(id) => Some(Term::BlankNode(BlankNode::new_unchecked(id))),
            E::Lang(value, language) => Some(Term::Literal(
                Literal::new_language_tagged_literal_unchecked(value, language),
            )),
            E::Typed(value, datatype) => Some(Term::Literal(Literal::new_typed_literal(
                value,
                NamedNode::new_unchecked(datatype),
            ))),
            E::Default => None,
        })
        .collect();
    quads
        .iter()
        .filter_map(|[s, p, o, g]| {
            let subject = match terms.get(*s as usize)?.clone()? {
                Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n),
                Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b),
                _ => return None,
            };
            let Term::NamedNode(predicate) = terms.get(*p as usize)?.clone()? else {
                return None;
            };
            let object = terms.get(*o as usize)?.clone()?;
            let graph = match terms.get(*g as usize)?.clone() {
                None => GraphName::DefaultGraph,
                Some(Term::NamedNode(n)) => GraphName::NamedNode(n),
                Some(Term::BlankNode(b)) => GraphName::BlankNode(b),
                Some(_) => return None,
            };
            Some(Quad::new(subject, predicate, object, graph))
        })
        .collect()
}

/// The shipped graph's vocabulary, computed by build.rs with src/vocabulary.rs (JSON).
const EMBEDDED_VOCABULARY: &str = include_str!(concat!(env!("OUT_DIR"), "/vocabulary.json"));

/// The number of distinct quads of the shipped graph: the length of its store.
const EMBEDDED_LEN: usize = include!(concat!(env!("OUT_DIR"), "/embedded_len.rs"));

/// The vocabulary of the shipped graph, as [`crate::lexicon::vocabulary_of`] reads it from
/// [`KnowledgeGraph::embedded`], computed at build time from the same quads.
pub fn embedded_vocabulary() -> Vocabulary {
    serde_json::from_str(EMBEDDED_VOCABULARY).expect("build.rs writes a valid vocabulary")
}

/// What a source file holds, which decides the graph its triples land in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// The vocabulary: loaded into the ontology graph.
    Ontology,
    /// Facts: TriG with one named graph per cited passage.
    Data,
}

/// The RDF syntaxes catena reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfSyntax {
    Turtle,
    TriG,
    NTriples,
    NQuads,
}

impl RdfSyntax {
    pub fn from_path(path: &str) -> Option<Self> {
        match Path::new(path).extension()?.to_str()? {
            "ttl" => Some(Self::Turtle),
            "trig" => Some(Self::TriG),
            "nt" => Some(Self::NTriples),
            "nq" => Some(Self::NQuads),
            _ => None,
        }
    }
}

/// One RDF document before parsing.
#[derive(Debug, Clone)]
pub struct RdfSource {
    /// The path shown in messages (`data/assetti-1.trig`).
    pub name: String,
    pub text: String,
    pub kind: SourceKind,
}

/// One RDF document after parsing: its quads remember which file they came from,
/// so that `catena check` can name the file of a violation.
#[derive(Debug, Clone)]
pub struct ParsedSource {
    pub name: String,
    pub kind: SourceKind,
    pub quads: Vec<Quad>,
}

/// Why the graph could not be loaded. Nothing is loaded when any source fails.
#[derive(Debug)]
pub enum LoadError {
    /// A file or directory could not be read.
    Io {
        path: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A file is not valid RDF: 1-based line and column.
    Syntax {
        file: String,
        line: u64,
        column: u64,
        message: String,
        /// The parser's own error (its message holds the position too).
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A file has an extension catena cannot parse.
    UnknownFormat {
        path: String,
    },
    /// A directory holds no RDF file.
    EmptyDirectory {
        path: String,
    },
    Storage(StorageError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "cannot read {path}: {source}"),
            Self::Syntax {
                file,
                line,
                column,
                message,
                ..
            } => write!(f, "{file}:{line}:{column}: invalid RDF: {message}"),
            Self::UnknownFormat { path } => write!(
                f,
                "{path}: unknown RDF format (expected a .ttl, .trig, .nt or .nq file)"
            ),
            Self::EmptyDirectory { path } => write!(
                f,
                "{path}: no RDF file (.ttl, .trig, .nt, .nq) in this directory"
            ),
            Self::Storage(error) => write!(f, "storage error: {error}"),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(&**source),
            Self::Syntax { source, .. } => source
                .as_deref()
                .map(|source| source as &(dyn std::error::Error + 'static)),
            Self::Storage(error) => Some(error),
            Self::UnknownFormat { .. } | Self::EmptyDirectory { .. } => None,
        }
    }
}

impl From<StorageError> for LoadError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

/// The ontology and data compiled into the binary.
pub fn embedded_sources() -> Vec<RdfSource> {
    EMBEDDED
        .iter()
        .map(|(name, text)| RdfSource {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
            kind: if name.starts_with("ontology/") {
                SourceKind::Ontology
            } else {
                SourceKind::Data
            },
        })
        .collect()
}

/// Reads RDF files from paths given by the user: a file, or every RDF file of a directory.
pub fn read_sources(paths: &[PathBuf], kind: SourceKind) -> Result<Vec<RdfSource>, LoadError> {
    let mut sources = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let io_error = |error: std::io::Error| LoadError::Io {
            path: shown.clone(),
            source: Box::new(error),
        };
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if metadata.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(io_error)?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|file| {
                    file.is_file() && RdfSyntax::from_path(&file.to_string_lossy()).is_some()
                })
                .collect();
            if files.is_empty() {
                return Err(LoadError::EmptyDirectory { path: shown });
            }
            files.sort();
            for file in files {
                sources.push(read_file(&file, kind)?);
            }
        } else {
            if RdfSyntax::from_path(&shown).is_none() {
                return Err(LoadError::UnknownFormat { path: shown });
            }
            sources.push(read_file(path, kind)?);
        }
    }
    Ok(sources)
}

fn read_file(path: &Path, kind: SourceKind) -> Result<RdfSource, LoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| LoadError::Io {
        path: name.clone(),
        source: Box::new(error),
    })?;
    Ok(RdfSource { name, text, kind })
}

/// Parses one source, putting default-graph triples of the ontology into the ontology graph.
pub fn parse_source(source: &RdfSource) -> Result<ParsedSource, LoadError> {
    let syntax = RdfSyntax::from_path(&source.name).ok_or_else(|| LoadError::UnknownFormat {
        path: source.name.clone(),
    })?;
    let default_graph = match source.kind {
        SourceKind::Ontology => {
            GraphName::NamedNode(NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH))
        }
        SourceKind::Data => GraphName::DefaultGraph,
    };
    let bytes = source.text.as_bytes();
    let syntax_error = |error: TurtleSyntaxError| {
        let start = error.location().start;
        LoadError::Syntax {
            file: source.name.clone(),
            line: start.line + 1,
            column: start.column + 1,
            message: error.message().to_owned(),
            source: Some(Box::new(error)),
        }
    };
    let in_graph = |triple: oxigraph::model::Triple| triple.in_graph(default_graph.clone());
    let quads: Vec<Quad> = match syntax {
        RdfSyntax::TriG => TriGParser::new()
            .for_slice(bytes)
            .map(|quad| quad.map(|quad| with_default_graph(quad, &default_graph)))
            .collect::<Result<_, _>>(),
        RdfSyntax::NQuads => NQuadsParser::new()
            .for_slice(bytes)
            .map(|quad| quad.map(|quad| with_default_graph(quad, &default_graph)))
            .collect::<Result<_, _>>(),
        RdfSyntax::Turtle => TurtleParser::new()
            .for_slice(bytes)
            .map(|triple| triple.map(in_graph))
            .collect::<Result<_, _>>(),
        RdfSyntax::NTriples => NTriplesParser::new()
            .for_slice(bytes)
            .map(|triple| triple.map(in_graph))
            .collect::<Result<_, _>>(),
    }
    .map_err(syntax_error)?;
    Ok(ParsedSource {
        name: source.name.clone(),
        kind: source.kind,
        quads,
    })
}

fn with_default_graph(mut quad: Quad, default_graph: &GraphName) -> Quad {
    if quad.graph_name.is_default_graph() {
        quad.graph_name = default_graph.clone();
    }
    quad
}

/// Parses every source; the first syntax error stops everything, so nothing is half-loaded.
pub fn parse_all(sources: &[RdfSource]) -> Result<Vec<ParsedSource>, LoadError> {
    sources.iter().map(parse_source).collect()
}

/// The passages of the reference layer, read from the catalogue: the named graphs of passages
/// whose document is a `cat:ReferenceDataset` (background facts of public record, not the
/// documents'), in IRI order.
pub fn reference_graphs(store: &Store) -> Result<Vec<NamedNode>, QueryError> {
    let query = "SELECT DISTINCT ?passage WHERE {\n\
                 \x20 ?passage cat:inDocument ?document .\n\
                 \x20 ?document a/rdfs:subClassOf* cat:ReferenceDataset .\n\
                 \x20 FILTER (isIRI(?passage))\n}\nORDER BY ?passage";
    let QueryOutput::Solutions { rows, .. } = crate::sparql::run(store, query)? else {
        return Ok(Vec::new());
    };
    Ok(rows
        .into_iter()
        .filter_map(|row| match row.into_iter().next().flatten() {
            Some(oxigraph::model::Term::NamedNode(node)) => Some(node),
            _ => None,
        })
        .collect())
}

/// What `--documents-only` (`.documents only` in the REPL) lets queries see: every graph of
/// the store (its default graph too) except the passages of the reference layer. With no
/// reference layer in the store, that is every graph, and queries run unrestricted.
pub fn documents_only(store: &Store) -> Result<Scope, QueryError> {
    let reference: HashSet<NamedNode> = reference_graphs(store)?.into_iter().collect();
    if reference.is_empty() {
        return Ok(Scope::All);
    }
    let storage = |e: StorageError| QueryError::Evaluation(crate::sparql::Reason::from_error(e));
    let mut graphs = vec![GraphName::DefaultGraph];
    for graph in store.named_graphs() {
        match graph.map_err(storage)? {
            NamedOrBlankNode::NamedNode(node) if reference.contains(&node) => {}
            NamedOrBlankNode::NamedNode(node) => graphs.push(GraphName::NamedNode(node)),
            NamedOrBlankNode::BlankNode(node) => graphs.push(GraphName::BlankNode(node)),
        }
    }
    Ok(Scope::Only(graphs.into()))
}

/// The knowledge graph loaded in an oxigraph store.
pub struct KnowledgeGraph {
    store: Store,
    /// For the shipped graph, the number of quads it was loaded with: while the store still
    /// holds that many, its vocabulary is the one computed at build time.
    shipped_len: Option<usize>,
    /// For a persistent store, its lexicon kept beside it.
    kept_lexicon: Option<KeptLexicon>,
}

impl KnowledgeGraph {
    /// The embedded ontology and data in a fresh in-memory store, from the quads parsed at
    /// build time.
    pub fn embedded() -> Result<Self, LoadError> {
        let store = Store::new()?;
        store.extend(embedded_quads())?;
        Ok(Self {
            store,
            shipped_len: Some(EMBEDDED_LEN),
            kept_lexicon: None,
        })
    }

    /// The graph's vocabulary: the one computed at build time while this is the shipped graph
    /// as loaded, else read from the store. Nothing writes to the shipped graph before a
    /// session starts but an import, which only adds quads: a changed length tells it.
    ///
    /// A persistent store's vocabulary is the one kept beside it; when there is none (a new
    /// store, a crash during a change, another catena version), it is read from the store and
    /// kept for the next command, if the folder can be written.
    pub fn vocabulary(&self) -> Result<Vocabulary, StorageError> {
        if let Some(len) = self.shipped_len
            && self.store.len()? == len
        {
            return Ok(embedded_vocabulary());
        }
        if let Some(kept) = &self.kept_lexicon {
            if let Some(vocabulary) = kept.read() {
                return Ok(vocabulary);
            }
            let vocabulary = crate::lexicon::vocabulary_of(&self.store)?;
            // A store in a read-only folder still answers: its lexicon is read each time.
            let _ = kept.write(&vocabulary);
            return Ok(vocabulary);
        }
        crate::lexicon::vocabulary_of(&self.store)
    }

    /// Changes the graph with `write`, keeping a persistent store's lexicon true: it is
    /// forgotten before the change and written anew after it, whether the change succeeded or
    /// not (a failed load or update may still have written part of a bulk load). The store
    /// is flushed before the lexicon is written.
    pub fn change<T, E>(&self, write: impl FnOnce(&Store) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.change_renewing(write).map(|(written, _)| written)
    }

    /// [`Self::change`], also giving the vocabulary the kept lexicon was renewed with (`None`
    /// for a graph that keeps none), so that a caller who needs it does not read it again.
    pub fn change_renewing<T, E>(
        &self,
        write: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<(T, Option<Vocabulary>), E>
    where
        E: From<StoreError>,
    {
        let Some(kept) = &self.kept_lexicon else {
            return write(&self.store).map(|written| (written, None));
        };
        let io = |error| StoreError::KeepLexicon {
            path: kept.path().to_owned(),
            error,
        };
        kept.forget().map_err(io)?;
        let written = write(&self.store);
        crate::store::flush(&self.store).map_err(StoreError::from)?;
        let vocabulary = crate::lexicon::vocabulary_of(&self.store).map_err(StoreError::from)?;
        kept.write(&vocabulary).map_err(io)?;
        written.map(|written| (written, Some(vocabulary)))
    }

    /// Parses all sources first, then loads them in one go: a bad file loads nothing.
    pub fn from_sources(sources: &[RdfSource]) -> Result<Self, LoadError> {
        Self::from_parsed(&parse_all(sources)?)
    }

    pub fn from_parsed(parsed: &[ParsedSource]) -> Result<Self, LoadError> {
        let store = Store::new()?;
        store.extend(
            parsed
                .iter()
                .flat_map(|source| source.quads.iter().cloned()),
        )?;
        Ok(Self::from_store(store))
    }

    /// A graph over an existing store (a persistent one opened with `--store`).
    pub fn from_store(store: Store) -> Self {
        Self {
            store,
            shipped_len: None,
            kept_lexicon: None,
        }
    }

    /// The persistent store in `dir` (created with the shipped graph when the folder is new
    /// or empty), with its lexicon kept beside it. Returns the graph and whether the store
    /// was created.
    pub fn open_store(dir: &Path) -> Result<(Self, bool), StoreError> {
        let (store, created) = crate::store::open(dir)?;
        let graph = Self {
            store,
            shipped_len: None,
            kept_lexicon: Some(KeptLexicon::in_store(dir)),
        };
        if created {
            graph.change(|_| Ok::<_, StoreError>(()))?;
        }
        Ok((graph, created))
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> RdfSource {
        RdfSource {
            name: name.to_owned(),
            text: text.to_owned(),
            kind: SourceKind::Data,
        }
    }

    #[test]
    fn syntax_errors_carry_file_line_and_column() {
        let bad = source(
            "data/bad.trig",
            "@prefix ex: <http://example.org/> .\nGRAPH ex:g {\n  ex:a ex:b ex:c ;\n  ex:d \"unterminated .\n}\n",
        );
        match parse_source(&bad) {
            Err(LoadError::Syntax {
                file, line, column, ..
            }) => {
                assert_eq!(file, "data/bad.trig");
                assert_eq!(line, 4);
                assert_eq!(column, 8);
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn load_errors_keep_their_causes() {
        use std::error::Error as _;
        let bad = source("bad.nt", "<http://example.org/a> <http://example.org/b> .");
        let error = parse_source(&bad).expect_err("no object");
        let cause = error.source().expect("the parser's error");
        assert!(error.to_string().starts_with("bad.nt:1:"), "{error}");
        assert!(cause.to_string().contains("line 1"), "{cause}");
        let missing = read_sources(&[PathBuf::from("no/such/file.ttl")], SourceKind::Data)
            .expect_err("no such file");
        let io = missing.source().expect("the I/O error");
        assert_eq!(
            missing.to_string(),
            format!("cannot read no/such/file.ttl: {io}")
        );
        assert!(io.downcast_ref::<std::io::Error>().is_some());
    }

    #[test]
    fn a_bad_file_loads_nothing() {
        let good = source(
            "good.trig",
            "<http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 . }",
        );
        let bad = source(
            "bad.trig",
            "<http://example.org/a> <http://example.org/b> .",
        );
        assert!(KnowledgeGraph::from_sources(&[good.clone(), bad]).is_err());
        let graph = KnowledgeGraph::from_sources(&[good]).expect("good file loads");
        assert_eq!(graph.store().len().expect("len"), 1);
    }

    #[test]
    fn ontology_triples_land_in_the_ontology_graph() {
        let ontology = RdfSource {
            kind: SourceKind::Ontology,
            ..source(
                "ontology/x.ttl",
                "<http://example.org/a> <http://example.org/b> <http://example.org/c> .",
            )
        };
        let parsed = parse_source(&ontology).expect("parses");
        assert_eq!(
            parsed.quads[0].graph_name.to_string(),
            format!("<{}>", vocab::ONTOLOGY_GRAPH)
        );
    }

    #[test]
    fn documents_only_leaves_out_the_passages_of_reference_datasets() {
        let data = source(
            "data/x.trig",
            "@prefix cat: <https://w3id.org/catena/ontology#> .\n\
             @prefix ent: <https://w3id.org/catena/entity/> .\n\
             @prefix src: <https://w3id.org/catena/source/> .\n\
             src:catalogue {\n\
             \x20 src:doc a cat:SourceDocument . src:doc-p1 cat:inDocument src:doc .\n\
             \x20 src:ref a cat:SourceDocument , cat:ReferenceDataset . src:ref-places cat:inDocument src:ref .\n\
             }\n\
             src:doc-p1 { ent:Neuronova cat:basedIn ent:Milan . }\n\
             src:ref-places { ent:Milan cat:locatedIn ent:Italy . }\n",
        );
        let graph = KnowledgeGraph::from_sources(&[data]).expect("loads");
        let store = graph.store();
        let reference = reference_graphs(store).expect("catalogue query");
        assert_eq!(
            reference.iter().map(NamedNode::as_str).collect::<Vec<_>>(),
            [format!("{}ref-places", vocab::SRC)]
        );
        let Scope::Only(graphs) = documents_only(store).expect("scope") else {
            panic!("a store with a reference layer is narrowed");
        };
        let names: HashSet<String> = graphs.iter().map(ToString::to_string).collect();
        let src = |local: &str| format!("<{}{local}>", vocab::SRC);
        assert!(names.contains(&src("doc-p1")) && names.contains(&src("catalogue")));
        assert!(!names.contains(&src("ref-places")), "{names:?}");
        assert!(graphs.contains(&GraphName::DefaultGraph));
        // Without a reference layer, nothing is narrowed.
        let plain = KnowledgeGraph::from_sources(&[source(
            "p.trig",
            "<http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 . }",
        )])
        .expect("loads");
        assert_eq!(documents_only(plain.store()).expect("scope"), Scope::All);
    }

    #[test]
    fn the_embedded_graph_loads() {
        let graph = KnowledgeGraph::embedded().expect("embedded data is valid RDF");
        assert!(graph.store().len().expect("len") > 0);
    }
}

#[cfg(test)]
mod embedded_tests {
    use super::*;
    use std::collections::HashSet;

    /// The quads parsed at build time are the quads of the embedded text, blank nodes aside
    /// (their names are made up by each parse).
    #[test]
    fn build_time_quads_match_the_embedded_text() {
        let built = embedded_quads();
        let parsed: Vec<Quad> = parse_all(&embedded_sources())
            .expect("the embedded text parses")
            .into_iter()
            .flat_map(|s| s.quads)
            .collect();
        assert_eq!(built.len(), parsed.len());
        let without_blanks = |quads: &[Quad]| -> HashSet<String> {
            quads
                .iter()
                .map(ToString::to_string)
                .filter(|q| !q.contains("_:"))
                .collect()
        };
        assert_eq!(without_blanks(&built), without_blanks(&parsed));
        assert!(built.len() > 4000);
    }

    /// The vocabulary computed at build time is the one read from the shipped graph's store,
    /// so the two can never drift apart.
    #[test]
    fn build_time_vocabulary_matches_the_store() {
        let graph = KnowledgeGraph::embedded().expect("loads");
        assert_eq!(graph.store().len().expect("len"), EMBEDDED_LEN);
        let read = crate::lexicon::vocabulary_of(graph.store()).expect("reads");
        let built = embedded_vocabulary();
        assert_eq!(built.relations, read.relations);
        assert_eq!(built.classes, read.classes);
        assert_eq!(built.measures, read.measures);
        assert_eq!(built.qualifiers, read.qualifiers);
        assert_eq!(built.term_labels, read.term_labels);
        assert_eq!(built.entities.entities, read.entities.entities);
        assert_eq!(built, read);
        assert!(!built.relations.is_empty() && built.entities.entities.len() > 100);
    }

    /// A shipped graph written to (an import) has its vocabulary read from the store.
    #[test]
    fn a_changed_shipped_graph_reads_its_vocabulary_from_the_store() {
        use oxigraph::model::{Literal, NamedNodeRef};
        let graph = KnowledgeGraph::embedded().expect("loads");
        let newcomer = NamedNode::new_unchecked(format!("{}Newcomer", vocab::ENT));
        graph
            .store()
            .insert(&Quad::new(
                newcomer.clone(),
                NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"),
                Literal::new_language_tagged_literal_unchecked("Newcomer", "en"),
                GraphName::DefaultGraph,
            ))
            .expect("inserts");
        let vocabulary = graph.vocabulary().expect("reads");
        assert_eq!(vocabulary.entities.lookup("newcomer")[0].iri, newcomer);
        assert!(embedded_vocabulary().entities.lookup("newcomer").is_empty());
    }
}
