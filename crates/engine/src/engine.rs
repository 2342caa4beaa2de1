//! The engine: the one way a question or a SPARQL query becomes an answer, for the command
//! line, the REPL, the endpoint and the fuzz targets alike.
//!
//! Two steps, so that a caller with limits can refuse a malformed request before it takes a
//! query slot: [`Engine::prepare`] (parse, resolve, compile; or parse the SPARQL of a
//! `sparql …` question) and [`Engine::answer`] (run within [`Limits`]). [`Engine::ask`] is
//! both, with no limits. What an answer depends on besides the question is in [`Options`];
//! the engine knows nothing of a shell's settings or of HTTP.

use std::sync::{Arc, RwLock};

use oxigraph::sparql::CancellationToken;
use oxigraph::store::Store;

use crate::answer::{self, Answer};
use catena_language::Untranslatable;

use crate::compile::Compiled;
use crate::graph::{KnowledgeGraph, LoadError, RdfSource};
use crate::remote::Endpoint;
use crate::resolve::{Plan, Resolved};
use crate::session::{QuestionError, RemoteSessionError, explanation};
use crate::sparql::{self, Limits, QueryError, QueryOutput, Scope};
use crate::store::StoreError;
use crate::vocabulary::Vocabulary;

/// What an answer depends on besides the question's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Add the source passage to every row, as if each question ended in `with sources`.
    pub sources: bool,
    /// Give the SPARQL of each question instead of running it.
    pub explain: bool,
    /// Leave out the reference layer: queries see every graph but the passages of a
    /// `cat:ReferenceDataset`.
    pub documents_only: bool,
}

/// What a question produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Answer(Answer),
    /// `explain …`: the SPARQL that would run.
    Explained(String),
}

/// A question made ready to run: translated, and a `sparql …` question's query parsed.
pub enum Prepared {
    Explained(String),
    /// A `sparql …` question: parsed for the local store, or the text for a remote engine.
    Sparql(Box<sparql::PreparedQuery>),
    RemoteSparql(String),
    Compiled {
        compiled: Compiled,
        scope: Scope,
        /// `first 20 …`: the rows of a page.
        page: Option<usize>,
        /// The question is in Italian: so are the answer's notes.
        italian: bool,
    },
}

/// The graph and its vocabulary, loaded once, and where queries run.
pub struct Engine {
    /// The graph questions run on; with an endpoint, only the ontology and the remote
    /// entities' names, kept locally to resolve questions.
    graph: KnowledgeGraph,
    /// Replaced whole when the graph changes through [`Engine::change`]: a question resolves
    /// against the vocabulary of the moment it started.
    vocabulary: RwLock<Arc<Vocabulary>>,
    /// Where queries run when not on `graph`.
    endpoint: Option<Endpoint>,
}

impl Engine {
    pub fn new(graph: KnowledgeGraph) -> Result<Self, LoadError> {
        let vocabulary = graph.vocabulary()?;
        Ok(Self::with_vocabulary(graph, vocabulary))
    }

    pub fn from_sources(sources: &[RdfSource]) -> Result<Self, LoadError> {
        Self::new(KnowledgeGraph::from_sources(sources)?)
    }

    fn with_vocabulary(graph: KnowledgeGraph, vocabulary: Vocabulary) -> Self {
        Self {
            graph,
            vocabulary: RwLock::new(Arc::new(vocabulary)),
            endpoint: None,
        }
    }

    /// An engine whose queries run on a remote SPARQL endpoint. The vocabulary comes from
    /// the shipped ontology (computed at build time) and the entity names the endpoint holds.
    pub fn remote(endpoint: Endpoint) -> Result<Self, RemoteSessionError> {
        let ontology_graph =
            oxigraph::model::NamedNodeRef::new_unchecked(crate::vocab::ONTOLOGY_GRAPH);
        let ontology = crate::graph::embedded_quads()
            .into_iter()
            .filter(|quad| quad.graph_name.as_ref() == ontology_graph.into());
        let graph = KnowledgeGraph::from_store(
            oxigraph::store::Store::new().map_err(RemoteSessionError::Storage)?,
        );
        graph
            .store()
            .extend(ontology)
            .map_err(RemoteSessionError::Storage)?;
        let names = endpoint
            .query(
                "CONSTRUCT { ?e rdfs:label ?label . ?e skos:altLabel ?alias } WHERE {\n\
                 \x20 { ?e rdfs:label ?label } UNION { ?e skos:altLabel ?alias }\n\
                 \x20 FILTER (isIRI(?e) && STRSTARTS(STR(?e), STR(ent:)))\n}",
            )
            .map_err(RemoteSessionError::EntityNames)?;
        if let QueryOutput::Graph(triples) = names {
            graph
                .store()
                .extend(
                    triples
                        .into_iter()
                        .map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph)),
                )
                .map_err(RemoteSessionError::Storage)?;
        }
        // The names as `lexicon::vocabulary_of` reads them from this graph (the ontology's
        // and the endpoint's); the rest is the shipped ontology's, as built.
        let entities =
            crate::lexicon::entity_index(graph.store()).map_err(RemoteSessionError::Storage)?;
        let vocabulary = crate::graph::embedded_vocabulary().with_entities(entities);
        let mut engine = Self::with_vocabulary(graph, vocabulary);
        engine.endpoint = Some(endpoint);
        Ok(engine)
    }

    /// The vocabulary questions resolve against now.
    pub fn vocabulary(&self) -> Arc<Vocabulary> {
        // A poisoned lock still holds a whole vocabulary: it is only ever replaced whole.
        let current = self.vocabulary.read().unwrap_or_else(|e| e.into_inner());
        Arc::clone(&current)
    }

    /// Changes the local graph with `write` (an update, a load), then takes the vocabulary
    /// anew, so that the names and terms the change added can be asked about at once: the
    /// one a persistent store's kept lexicon was just renewed with
    /// ([`KnowledgeGraph::change_renewing`]), else read from the graph. After a failed
    /// change too, which may have written part of a bulk load.
    pub fn change<T, E>(&self, write: impl FnOnce(&Store) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let (written, renewed) = match self.graph.change_renewing(write) {
            Ok((written, renewed)) => (Ok(written), renewed),
            Err(error) => (Err(error), None),
        };
        let vocabulary = match renewed {
            Some(vocabulary) => vocabulary,
            None => self
                .graph
                .vocabulary()
                .map_err(|e| E::from(StoreError::from(e)))?,
        };
        *self.vocabulary.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(vocabulary);
        written
    }

    pub fn graph(&self) -> &KnowledgeGraph {
        &self.graph
    }

    /// Whether queries run on a remote endpoint.
    pub fn is_remote(&self) -> bool {
        self.endpoint.is_some()
    }

    /// The graphs queries see: all of them, or with [`Options::documents_only`] every graph
    /// but the reference layer's, found in the catalogue each time (a store may change).
    /// `catena sparql`, which needs no engine, calls the same [`crate::graph::documents_only`].
    pub fn scope(&self, options: &Options) -> Result<Scope, QueryError> {
        if !options.documents_only {
            return Ok(Scope::All);
        }
        if self.is_remote() {
            return Err(QueryError::Unsupported(sparql::Reason::new(
                DOCUMENTS_ONLY_REMOTE,
            )));
        }
        crate::graph::documents_only(self.graph.store())
    }

    /// Runs SPARQL where questions run: the endpoint, or the local store in `scope`.
    fn run_sparql(
        &self,
        text: &str,
        limits: &Limits,
        scope: &Scope,
    ) -> Result<QueryOutput, QueryError> {
        match &self.endpoint {
            Some(endpoint) => endpoint.query(text),
            None => sparql::run_in(self.graph.store(), text, limits, scope),
        }
    }

    /// Runs a SPARQL query with no limits, where questions run.
    pub fn query(&self, text: &str, options: &Options) -> Result<QueryOutput, QueryError> {
        self.run_sparql(text, &Limits::default(), &self.scope(options)?)
    }

    /// Parses a SPARQL query to run on the local graph, in the options' scope (for callers
    /// that run it themselves, within limits: the endpoint's protocol, `catena sparql`).
    pub fn prepare_query(
        &self,
        text: &str,
        options: &Options,
        cancellation: Option<&CancellationToken>,
    ) -> Result<sparql::PreparedQuery, QueryError> {
        let scope = self.scope(options)?;
        Ok(sparql::prepare_query(text, cancellation)?.in_scope(&scope))
    }

    /// The stages of the language: parse, resolve, compile (nothing runs).
    pub fn translate(
        &self,
        question: &str,
        options: &Options,
    ) -> Result<(Resolved, Compiled), QuestionError> {
        let lexicon = self.vocabulary();
        catena_language::translate(question, &lexicon, options.sources).map_err(|failure| {
            // The error is told in the question's language, with a question that works.
            let advised = |e| catena_language::advise::advise(question, &lexicon, e);
            match failure {
                Untranslatable::Parse(e) => QuestionError::Parse(advised(e)),
                Untranslatable::Resolve(e) => QuestionError::Resolve(advised(e)),
            }
        })
    }

    /// Makes a question ready to run, refusing a malformed one (its words or its SPARQL)
    /// before anything runs.
    pub fn prepare(
        &self,
        question: &str,
        options: &Options,
        cancellation: Option<&CancellationToken>,
    ) -> Result<Prepared, QuestionError> {
        let (resolved, compiled) = self.translate(question, options)?;
        if resolved.explain || options.explain {
            return Ok(Prepared::Explained(self.explanation(&compiled, options)));
        }
        let scope = self.scope(options).map_err(QuestionError::Query)?;
        match (&resolved.plan, self.is_remote()) {
            (Plan::Sparql(text), true) => Ok(Prepared::RemoteSparql(text.clone())),
            (Plan::Sparql(text), false) => sparql::prepare_query(text, cancellation)
                .map(|prepared| Prepared::Sparql(Box::new(prepared.in_scope(&scope))))
                .map_err(QuestionError::Query),
            _ => {
                // Told only when a note may be written: telling reads the whole lexicon.
                let italian = has_stand_in(&compiled)
                    && catena_language::advise::language_of(question, &self.vocabulary())
                        == Some(catena_language::vocabulary::Lang::It);
                Ok(Prepared::Compiled {
                    compiled,
                    scope,
                    page: resolved.first.and_then(|size| usize::try_from(size).ok()),
                    italian,
                })
            }
        }
    }

    /// Answers a prepared question within `limits`: every query it runs is bounded, and so
    /// is the whole answer (walks and paths are put together from several queries).
    pub fn answer(&self, prepared: Prepared, limits: &Limits) -> Result<Outcome, QuestionError> {
        let answer = match prepared {
            Prepared::Explained(sparql) => return Ok(Outcome::Explained(sparql)),
            Prepared::Sparql(prepared) => Answer {
                output: prepared
                    .run_within(self.graph.store(), limits)
                    .map_err(QuestionError::Query)?,
                columns: vec![],
                card: None,
                page: None,
                note: None,
            },
            Prepared::RemoteSparql(text) => Answer {
                output: self
                    .run_sparql(&text, limits, &Scope::All)
                    .map_err(QuestionError::Query)?,
                columns: vec![],
                card: None,
                page: None,
                note: None,
            },
            Prepared::Compiled {
                compiled,
                scope,
                page,
                italian,
            } => {
                let (mut answer, ran) = answer::run_answering(
                    &|text| self.run_sparql(text, limits, &scope),
                    &self.vocabulary(),
                    &compiled,
                )
                .map_err(QuestionError::Query)?;
                answer.page = page.map(|size| answer::Page { start: 0, size });
                if let Some(stand_in) = &ran.stand_in {
                    answer.note = answer::stand_in_note(&answer, stand_in, italian);
                }
                answer
            }
        };
        let size = match &answer.output {
            QueryOutput::Solutions { rows, .. } => rows.len(),
            QueryOutput::Graph(triples) => triples.len(),
            QueryOutput::Boolean(_) => 0,
        };
        match limits.max_rows {
            Some(limit) if size > limit => {
                Err(QuestionError::Query(QueryError::TooLarge { limit }))
            }
            _ => Ok(Outcome::Answer(answer)),
        }
    }

    /// Asks one question: [`prepare`](Self::prepare), then [`answer`](Self::answer) with
    /// no limits.
    pub fn ask(&self, question: &str, options: &Options) -> Result<Outcome, QuestionError> {
        let prepared = self.prepare(question, options, None)?;
        self.answer(prepared, &Limits::default())
    }

    /// The SPARQL of a compiled question, with what happens after it, and the graphs it runs
    /// on when they are not all of them.
    pub fn explanation(&self, compiled: &Compiled, options: &Options) -> String {
        let mut text = explanation(compiled);
        if options.documents_only {
            text.push_str(
                "\n# run on the documents' graphs only: the default graph is the union of every \
                 named graph but the reference layer's (the passages of a cat:ReferenceDataset), \
                 and GRAPH sees only those",
            );
        }
        text
    }
}

/// Whether a compiled question, or what it runs instead, may answer for another name.
fn has_stand_in(compiled: &Compiled) -> bool {
    compiled.stand_in.is_some() || compiled.otherwise.as_deref().is_some_and(has_stand_in)
}

/// Why `--documents-only` is refused with `--endpoint`.
pub const DOCUMENTS_ONLY_REMOTE: &str = "--documents-only is not supported with --endpoint yet: \
     catena cannot narrow a remote engine's graphs; leave one of them out";
