//! The language's vocabulary, read from the graph: relation phrases, class plurals and
//! measure names from the ontology's annotations, and entity names and aliases from the data.
//! The ontology is the single source of truth: nothing here lists a relation by name.

//!
//! Everything here is a pure function of triples, so that build.rs computes the shipped
//! graph's vocabulary with the same code; reading the triples from a store is
//! `crate::lexicon`'s.

use std::collections::{BTreeMap, HashMap, HashSet};

use oxrdf::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use serde::{Deserialize, Serialize};

use crate::vocab::{self, OWL, RDF, RDFS, SKOS, XSD};

/// Language of a phrase: questions may be in English or Italian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    En,
    It,
}

/// A phrase of the language and its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    /// Lower-case words, single-spaced, as the ontology writes them: what suggestions show.
    pub text: String,
    /// What typed words are matched by ([`phrase_key`]).
    pub key: String,
    pub lang: Lang,
}

impl Phrase {
    pub fn new(text: &str, lang: Lang) -> Self {
        Self {
            text: normalise(text),
            key: phrase_key(text),
            lang,
        }
    }
}

/// How a relation is recorded as an n-ary statement with attributes (an investment for
/// `investsIn`), declared in the ontology with `cat:statementClass` and friends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLink {
    #[serde(with = "iri")]
    pub class: NamedNode,
    /// The statement property pointing to the relation's subject (`cat:investor`).
    #[serde(with = "iri")]
    pub subject_role: NamedNode,
    /// The statement property pointing to the relation's object (`cat:recipient`).
    #[serde(with = "iri")]
    pub object_role: NamedNode,
    /// Attributes shown beside each answer, in order (`cat:amount`, `cat:currency`,
    /// `cat:date`), with their English labels for column headers.
    #[serde(with = "iri::labelled")]
    pub details: Vec<(NamedNode, String)>,
}

/// A statement class that a question form of the language lists (`investments by Microsoft`
/// lists `cat:Investment`), with the columns of its rows, from the class's annotations
/// (`cat:questionForm`, `cat:subjectRole`, `cat:objectRole`, `cat:statementColumns`,
/// `cat:dateProperty`, `cat:exclusivityProperty`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementForm {
    #[serde(with = "iri")]
    pub class: NamedNode,
    /// The name of the question form that lists it (`investments`, `cloud deals`).
    pub question_form: String,
    /// The roles the question may fix (`investments by X` fixes the investor), from
    /// `cat:subjectRole` and `cat:objectRole`.
    #[serde(with = "iri::option")]
    pub subject_role: Option<NamedNode>,
    #[serde(with = "iri::option")]
    pub object_role: Option<NamedNode>,
    /// Entity-valued columns: the required ones, then the optional ones.
    pub roles: Vec<StatementColumn>,
    /// Literal-valued columns.
    pub attributes: Vec<StatementColumn>,
    /// The attribute rows are ordered by and time filters apply to.
    #[serde(with = "iri::option")]
    pub date: Option<NamedNode>,
    /// A boolean attribute that `exclusive …` requires to be true.
    #[serde(with = "iri::option")]
    pub exclusivity: Option<NamedNode>,
}

/// A column of a statement form: a property of the statement and its header
/// (`cat:columnHeader`, else its English label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementColumn {
    #[serde(with = "iri")]
    pub property: NamedNode,
    pub header: String,
    /// Whether every row has it (a required role); attributes are always optional.
    pub required: bool,
    /// Whether its values are numbers (the property's range is a numeric XSD datatype).
    pub numeric: bool,
}

/// An object property that questions can name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    #[serde(with = "iri")]
    pub iri: NamedNode,
    pub label: String,
    pub phrases: Vec<Phrase>,
    pub inverse_phrases: Vec<Phrase>,
    /// The property and every sub-property, so that `depends on` finds `dependsOnCloudFrom`.
    #[serde(with = "iri::list")]
    pub with_sub_properties: Vec<NamedNode>,
    pub symmetric: bool,
    /// The relation is another read from its object (`owl:inverseOf`): `cat:raises` is
    /// `cat:raisedBy` backwards, so that `which regulators raised concerns` needs no second
    /// set of facts. [`Relation::with_sub_properties`] are then the other's.
    #[serde(default)]
    pub inverse: bool,
    pub statement: Option<StatementLink>,
    /// The dated statements of the relation and of its sub-properties: a thing tied by the
    /// relation takes their date too (`models released in 2025`: the release's date, where
    /// the model has none of its own).
    #[serde(default)]
    pub dated_by: Vec<StatementLink>,
    /// Grouping words: `by developer` groups things by the subject of `develops`.
    pub group_phrases: Vec<Phrase>,
    pub inverse_group_phrases: Vec<Phrase>,
    /// The property places nest by (`cat:nestsBy cat:locatedIn` on `cat:basedIn`): `who is
    /// based in Italy` also finds what is based in Milan, Milan being located in Italy.
    #[serde(with = "iri::option")]
    pub nests_by: Option<NamedNode>,
    /// The property the relation's subjects nest by (`cat:subjectNestsBy cat:subsidiaryOf` on
    /// `cat:develops`): what a named organisation develops includes what its subsidiaries do.
    #[serde(default, with = "iri::option")]
    pub subject_nests_by: Option<NamedNode>,
    /// Phrases agreeing with a plural subject (`depend on`, `dipendono da`): relative clauses
    /// and which-questions after a plural kind.
    pub plural_phrases: Vec<Phrase>,
    /// The phrases with their copula left out (`is based in` → `based in`, `è stata fondata
    /// da` → `fondata da`): reduced relative clauses (`companies based in China`).
    pub participles: Vec<Phrase>,
    /// Passive participles with their agent's preposition, derived from the active phrases
    /// (`developed` → `developed by`; `ha sviluppato` → `sviluppato da`, `sviluppati da`…): in
    /// `models developed by Google` the thing is the relation's object.
    pub passives: Vec<Phrase>,
    /// Nouns naming the subjects given the object, ending in their preposition (`investors
    /// in`, `membri di`).
    pub subject_nouns: Vec<Phrase>,
    /// Nouns naming the objects given the subject (`products of`, `sede di`).
    pub object_nouns: Vec<Phrase>,
    /// The classes of the subjects (`rdfs:domain`, a union read out); empty when open.
    #[serde(with = "iri::list")]
    pub domain: Vec<NamedNode>,
    /// The classes of the objects (`rdfs:range`).
    #[serde(with = "iri::list")]
    pub range: Vec<NamedNode>,
    /// What the objects are, by the range: what names them in an answer (`where` for
    /// places, `who` for organisations and people) and which relations `where` asks about.
    #[serde(default)]
    pub object_kind: AnswerKind,
}

/// What the answers of a relation are, read from its range's classes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerKind {
    #[default]
    Thing,
    /// Organisations and people (`cat:Agent`).
    Agent,
    /// Places (`cat:Place`).
    Place,
}

impl AnswerKind {
    /// The column that names such answers.
    pub fn header(self) -> &'static str {
        match self {
            Self::Thing => "what",
            Self::Agent => "who",
            Self::Place => "where",
        }
    }
}

/// A class that list and count questions can name by its plural.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Class {
    #[serde(with = "iri")]
    pub iri: NamedNode,
    pub label: String,
    pub plurals: Vec<Phrase>,
    /// Its labels, in both languages: the kind in the singular (`which company`, `quale
    /// azienda`).
    pub singulars: Vec<Phrase>,
    /// The class and every class above it (`rdfs:subClassOf`, transitively), nearest first.
    #[serde(with = "iri::list")]
    pub ancestors: Vec<NamedNode>,
}

impl Class {
    /// Whether the members of this class may be members of one of `classes` (an empty list
    /// constrains nothing).
    pub fn fits(&self, classes: &[NamedNode]) -> bool {
        self.distance_to(classes).is_some()
    }

    /// How many `rdfs:subClassOf` steps up the nearest of `classes` is (0: this class; an
    /// empty list is reached at once, but less closely than any class named).
    pub fn distance_to(&self, classes: &[NamedNode]) -> Option<usize> {
        if classes.is_empty() {
            return Some(usize::MAX);
        }
        self.ancestors.iter().position(|a| classes.contains(a))
    }
}

/// A measure of observations (`traffic share`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    #[serde(with = "iri")]
    pub iri: NamedNode,
    pub label: String,
    pub phrases: Vec<Phrase>,
}

/// A value that narrows a list or count by an adjective (`open models`, `modelli aperti`):
/// an individual with phrases, in the range of an object property (`cat:OpenAccess` for
/// `cat:accessLevel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qualifier {
    #[serde(with = "iri")]
    pub property: NamedNode,
    #[serde(with = "iri")]
    pub value: NamedNode,
    pub label: String,
    pub phrases: Vec<Phrase>,
}

/// A named thing of the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    #[serde(with = "iri")]
    pub iri: NamedNode,
    /// The English label (or any label) shown in answers.
    pub label: String,
    /// Whether `label` is an English `rdfs:label` (else another label, or the prefixed IRI).
    pub label_is_english: bool,
    /// Every label and alias, as written.
    pub names: Vec<String>,
    /// A place's adjectives (`cat:demonym`: `Chinese`, `cinesi`), as written.
    pub demonyms: Vec<String>,
}

/// Finds entities by any of their names, forgiving case, spacing and punctuation. Serialised
/// as its entities alone: the lookup tables are rebuilt from them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<Entity>", into = "Vec<Entity>")]
pub struct EntityIndex {
    pub entities: Vec<Entity>,
    exact: HashMap<String, Vec<usize>>,
    loose: HashMap<String, Vec<usize>>,
    by_iri: HashMap<String, usize>,
    demonyms: HashMap<String, Vec<usize>>,
}

/// Case- and space-insensitive key: "Mistral  AI" → "mistral ai".
pub fn normalise(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Italian articulated prepositions and their simple forms: phrases are matched by the simple
/// form, so that "membri della" meets the ontology's "membri di". ("ai" is left out: in
/// English it is "AI".)
const ARTICULATED: &[(&str, &str)] = &[
    ("del", "di"),
    ("dello", "di"),
    ("della", "di"),
    ("dei", "di"),
    ("degli", "di"),
    ("delle", "di"),
    ("dell'", "di"),
    ("al", "a"),
    ("allo", "a"),
    ("alla", "a"),
    ("agli", "a"),
    ("alle", "a"),
    ("all'", "a"),
    ("dal", "da"),
    ("dallo", "da"),
    ("dalla", "da"),
    ("dai", "da"),
    ("dagli", "da"),
    ("dalle", "da"),
    ("dall'", "da"),
    ("nel", "in"),
    ("nello", "in"),
    ("nella", "in"),
    ("nei", "in"),
    ("negli", "in"),
    ("nelle", "in"),
    ("nell'", "in"),
    ("sul", "su"),
    ("sullo", "su"),
    ("sulla", "su"),
    ("sui", "su"),
    ("sugli", "su"),
    ("sulle", "su"),
    ("sull'", "su"),
    ("col", "con"),
    ("coi", "con"),
];

/// The simple preposition an Italian articulated one stands for (`della` → `di`).
pub fn simple_preposition(word: &str) -> Option<&'static str> {
    let word = normalise(word);
    ARTICULATED
        .iter()
        .find(|(articulated, _)| *articulated == word)
        .map(|(_, simple)| *simple)
}

/// The key phrases are matched by: [`normalise`]d, each articulated preposition as its simple
/// form, an elided one (`dell'UE`) split off first.
pub fn phrase_key(text: &str) -> String {
    let text = normalise(text);
    let mut words: Vec<&str> = Vec::new();
    for word in text.split(' ') {
        match word.find('\'') {
            Some(at) if at + 1 < word.len() && simple_preposition(&word[..=at]).is_some() => {
                words.push(&word[..=at]);
                words.push(&word[at + 1..]);
            }
            _ => words.push(word),
        }
    }
    // Definite articles inside a phrase carry nothing (`fornisce il cloud a`, `depends on the
    // chips of`); a phrase that is nothing but one keeps it.
    const ARTICLES: &[&str] = &["the", "il", "lo", "la", "gli", "le"];
    if words.len() > 1 {
        words.retain(|w| !ARTICLES.contains(w));
    }
    words
        .into_iter()
        .map(|w| simple_preposition(w).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Copulas and passive auxiliaries, in both languages, longest first where they share words:
/// what a phrase may start with (`is based in`), and what may follow a question word (`what
/// is`, `chi sono`).
pub const COPULAS: &[&str] = &[
    "è stato",
    "è stata",
    "sono stati",
    "sono state",
    "is",
    "was",
    "are",
    "were",
    "è",
    "e'",
    "sono",
    "era",
    "erano",
    "viene",
    "vengono",
];

/// The phrases that start with a copula, without it (`is based in` → `based in`), leaving out
/// what is left when it starts with an article (`is a member of`) or is one word of a noun.
fn participles(phrases: &[Phrase], plural_phrases: &[Phrase]) -> Vec<Phrase> {
    let mut found: Vec<Phrase> = Vec::new();
    for phrase in phrases.iter().chain(plural_phrases) {
        let Some(rest) = COPULAS.iter().find_map(|copula| {
            phrase
                .text
                .strip_prefix(copula)
                .and_then(|rest| rest.strip_prefix(' '))
        }) else {
            continue;
        };
        let first = rest.split(' ').next().unwrap_or_default();
        let articles = [
            "a", "an", "the", "il", "lo", "la", "i", "gli", "le", "un", "una", "uno",
        ];
        if articles.contains(&first) || !rest.contains(' ') {
            continue;
        }
        let participle = Phrase::new(rest, phrase.lang);
        if !found.contains(&participle) {
            found.push(participle);
        }
    }
    found
}

/// The passive participles of a relation's active one-verb phrases, with the agent's
/// preposition: English past participles (`developed`, `built`) take `by`; Italian ones
/// (`ha sviluppato`) agree with the thing in gender and number and take `da`.
fn passives(phrases: &[Phrase]) -> Vec<Phrase> {
    let mut found: Vec<Phrase> = Vec::new();
    let mut add = |text: String, lang: Lang| {
        let phrase = Phrase::new(&text, lang);
        if !found.contains(&phrase) {
            found.push(phrase);
        }
    };
    for phrase in phrases {
        match phrase.lang {
            Lang::En => {
                let past = phrase.text.strip_prefix("has ").unwrap_or(&phrase.text);
                if !past.contains(' ')
                    && (past.ends_with("ed") || past == "built" || past == "made")
                {
                    add(format!("{past} by"), Lang::En);
                }
            }
            Lang::It => {
                let Some(past) = phrase.text.strip_prefix("ha ") else {
                    continue;
                };
                // A participle ends in -o (sviluppato, prodotto) and agrees: -a, -i, -e.
                if let (false, Some(stem)) = (past.contains(' '), past.strip_suffix('o')) {
                    for ending in ["o", "a", "i", "e"] {
                        add(format!("{stem}{ending} da"), Lang::It);
                    }
                }
            }
        }
    }
    found
}

/// Letters and digits only: "DeepSeek-V3" and "deepseek v3" meet at "deepseekv3".
fn loose_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl EntityIndex {
    pub fn new(mut entities: Vec<Entity>) -> Self {
        entities.sort_by_key(|a| a.label.to_lowercase());
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut loose: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, entity) in entities.iter().enumerate() {
            for name in &entity.names {
                let slot = exact.entry(normalise(name)).or_default();
                if !slot.contains(&index) {
                    slot.push(index);
                }
                let key = loose_key(name);
                if !key.is_empty() {
                    let slot = loose.entry(key).or_default();
                    if !slot.contains(&index) {
                        slot.push(index);
                    }
                }
            }
        }
        let by_iri = entities
            .iter()
            .enumerate()
            .map(|(index, entity)| (entity.iri.as_str().to_owned(), index))
            .collect();
        let mut demonyms: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, entity) in entities.iter().enumerate() {
            for demonym in &entity.demonyms {
                let slot = demonyms.entry(normalise(demonym)).or_default();
                if !slot.contains(&index) {
                    slot.push(index);
                }
            }
        }
        Self {
            entities,
            exact,
            loose,
            by_iri,
            demonyms,
        }
    }

    /// The places an adjective names (`Chinese`, `cinesi` → China).
    pub fn by_demonym(&self, adjective: &str) -> Vec<&Entity> {
        self.demonyms
            .get(&normalise(adjective))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.entities[i])
            .collect()
    }

    /// Entities with exactly this name (after normalisation), else with the same letters.
    pub fn lookup(&self, name: &str) -> Vec<&Entity> {
        let find = |name: &str| {
            self.exact
                .get(&normalise(name))
                .or_else(|| self.loose.get(&loose_key(name)))
        };
        // A name as a sentence has it, after its article (`the AI Action Summit`,
        // `l'AI Action Summit`), when the article is not part of the name.
        let hits = find(name)
            .or_else(|| without_article(name).and_then(find))
            .map(Vec::as_slice)
            .unwrap_or_default();
        hits.iter().map(|&i| &self.entities[i]).collect()
    }

    /// Every name of every entity, for suggestions and completion.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entities
            .iter()
            .flat_map(|e| e.names.iter().map(String::as_str))
    }

    pub fn by_iri(&self, iri: &str) -> Option<&Entity> {
        self.by_iri.get(iri).map(|&index| &self.entities[index])
    }
}

/// A name without the definite article that starts it, if one does: `the X`, `il X`, `l'X`.
fn without_article(name: &str) -> Option<&str> {
    const ARTICLES: &[&str] = &["the ", "il ", "lo ", "la ", "i ", "gli ", "le ", "l'", "l’"];
    let lower = name.trim_start().to_lowercase();
    let article = ARTICLES.iter().find(|a| lower.starts_with(**a))?;
    let rest = name.trim_start().get(article.len()..)?.trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// Everything the resolver and the REPL's completion need.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    pub relations: Vec<Relation>,
    pub classes: Vec<Class>,
    pub measures: Vec<Measure>,
    pub qualifiers: Vec<Qualifier>,
    pub statement_forms: Vec<StatementForm>,
    pub entities: EntityIndex,
    /// English labels of every ontology term, for readable column values.
    pub term_labels: HashMap<String, String>,
}

impl From<Vec<Entity>> for EntityIndex {
    fn from(entities: Vec<Entity>) -> Self {
        Self::new(entities)
    }
}

impl From<EntityIndex> for Vec<Entity> {
    fn from(index: EntityIndex) -> Self {
        index.entities
    }
}

impl Vocabulary {
    /// The class of every entity (`cat:Entity`): the kind of a thing nothing else narrows.
    pub fn entity_class(&self) -> Option<&Class> {
        self.classes
            .iter()
            .find(|class| class.iri.as_str() == vocab::cat("Entity"))
    }

    /// The relations, classes, measures and qualifiers that the ontology graph's triples
    /// declare, with no entities yet ([`with_entities`](Self::with_entities)). The triples'
    /// order decides the order of a term's phrases and which of its labels is shown: give
    /// them in the store's order.
    pub fn from_ontology_triples(triples: impl IntoIterator<Item = Triple>) -> Self {
        let facts = Facts::new(triples);
        let sub_properties = facts.sub_properties();
        let mut term_labels = HashMap::new();
        let mut relations = Vec::new();
        let mut classes = Vec::new();
        let mut measures = Vec::new();
        // Sorted subjects keep the vocabulary's order, and so suggestions, stable.
        let mut subjects: Vec<&NamedOrBlankNode> = facts.by_subject.keys().collect();
        subjects.sort_by_cached_key(|s| s.to_string());
        for subject in subjects {
            let NamedOrBlankNode::NamedNode(node) = subject else {
                continue;
            };
            let label = facts.label_of(node);
            term_labels.insert(node.as_str().to_owned(), label.clone());
            if facts.has_type(subject, &format!("{OWL}ObjectProperty")) {
                relations.push(facts.relation(node, label, &sub_properties));
            } else if facts.has_type(subject, &format!("{OWL}Class")) {
                let plurals = facts.phrases(subject, &vocab::cat("plural"));
                if !plurals.is_empty() {
                    classes.push(Class {
                        singulars: facts.phrases(subject, &format!("{RDFS}label")),
                        ancestors: facts.ancestors(node),
                        iri: node.clone(),
                        label,
                        plurals,
                    });
                }
            } else if facts.has_type(subject, &vocab::cat("Measure")) {
                measures.push(Measure {
                    phrases: facts.phrases(subject, &vocab::cat("phrase")),
                    iri: node.clone(),
                    label,
                });
            }
        }
        let qualifiers = facts.qualifiers(&relations);
        Self {
            relations,
            classes,
            measures,
            qualifiers,
            statement_forms: facts.statement_forms(),
            entities: EntityIndex::default(),
            term_labels,
        }
    }

    /// The vocabulary of a dataset given as the quads a store is loaded with, in load order
    /// (duplicates included): the ontology from the quads of `ontology_graph`, the entities
    /// from labels and aliases in any graph. It is the vocabulary read back from oxigraph's
    /// in-memory store holding those quads, which keeps each distinct quad once and iterates
    /// a pattern's quads newest first; that order decides phrase order and label choice.
    pub fn from_dataset(quads: &[Quad], ontology_graph: &str) -> Self {
        let mut seen = HashSet::new();
        let mut in_store_order: Vec<&Quad> = quads.iter().filter(|q| seen.insert(*q)).collect();
        in_store_order.reverse();
        let ontology = in_store_order
            .iter()
            .filter(
                |q| matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str() == ontology_graph),
            )
            .map(|q| Triple::from((*q).clone()));
        // The entity index reads the labels, then the aliases, each newest first.
        let named_by = |predicate: String| {
            in_store_order
                .iter()
                .filter(move |q| q.predicate.as_str() == predicate)
                .map(|q| Triple::from((*q).clone()))
        };
        let names = named_by(format!("{RDFS}label"))
            .chain(named_by(format!("{SKOS}altLabel")))
            .chain(named_by(vocab::cat("demonym")));
        Self::from_ontology_triples(ontology).with_entities(EntityIndex::from_name_triples(names))
    }

    /// This vocabulary with `entities` as its entity index.
    pub fn with_entities(mut self, entities: EntityIndex) -> Self {
        self.entities = entities;
        self
    }

    /// The English label of an ontology term, or its prefixed name.
    pub fn term_label(&self, iri: &str) -> String {
        self.term_labels
            .get(iri)
            .cloned()
            .unwrap_or_else(|| vocab::compact(iri))
    }
}

/// The ontology's triples by subject, each subject's in the order given.
struct Facts {
    by_subject: HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
}

/// Each property's direct sub-properties, in IRI order.
type SubProperties = HashMap<NamedNode, Vec<NamedNode>>;

impl Facts {
    fn new(triples: impl IntoIterator<Item = Triple>) -> Self {
        let mut by_subject: HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>> = HashMap::new();
        for triple in triples {
            by_subject
                .entry(triple.subject)
                .or_default()
                .push((triple.predicate, triple.object));
        }
        Self { by_subject }
    }

    /// The values of `predicate` for `subject`, in order.
    fn values<'a>(
        &'a self,
        subject: &NamedOrBlankNode,
        predicate: &'a str,
    ) -> impl Iterator<Item = &'a Term> + 'a {
        self.by_subject
            .get(subject)
            .into_iter()
            .flatten()
            .filter(move |(p, _)| p.as_str() == predicate)
            .map(|(_, o)| o)
    }

    /// The first IRI among a subject's values of `predicate` (a role, a nesting property).
    fn first_iri(&self, subject: &NamedOrBlankNode, predicate: &str) -> Option<NamedNode> {
        self.values(subject, predicate).find_map(|t| match t {
            Term::NamedNode(n) => Some(n.clone()),
            _ => None,
        })
    }

    /// The literal values of `predicate`, normalised, Italian when tagged `it`.
    fn phrases(&self, subject: &NamedOrBlankNode, predicate: &str) -> Vec<Phrase> {
        self.values(subject, predicate)
            .filter_map(|term| match term {
                Term::Literal(literal) => Some(Phrase::new(
                    literal.value(),
                    if literal.language() == Some("it") {
                        Lang::It
                    } else {
                        Lang::En
                    },
                )),
                _ => None,
            })
            .collect()
    }

    /// The first English `rdfs:label`, else the first label.
    fn english_label(&self, subject: &NamedOrBlankNode) -> Option<String> {
        let rdfs_label = format!("{RDFS}label");
        let pick = |want: Option<&str>| {
            self.values(subject, &rdfs_label)
                .find_map(|term| match term {
                    Term::Literal(l) if want.is_none() || l.language() == want => {
                        Some(l.value().to_owned())
                    }
                    _ => None,
                })
        };
        pick(Some("en")).or_else(|| pick(None))
    }

    /// The English label of a term, or its prefixed name.
    fn label_of(&self, node: &NamedNode) -> String {
        self.english_label(&NamedOrBlankNode::NamedNode(node.clone()))
            .unwrap_or_else(|| vocab::compact(node.as_str()))
    }

    fn has_type(&self, subject: &NamedOrBlankNode, class: &str) -> bool {
        let rdf_type = format!("{RDF}type");
        self.values(subject, &rdf_type)
            .any(|o| matches!(o, Term::NamedNode(n) if n.as_str() == class))
    }

    fn sub_properties(&self) -> SubProperties {
        let sub_property_of = format!("{RDFS}subPropertyOf");
        let mut children = SubProperties::new();
        for (subject, pairs) in &self.by_subject {
            let NamedOrBlankNode::NamedNode(node) = subject else {
                continue;
            };
            for (p, o) in pairs {
                if p.as_str() == sub_property_of
                    && let Term::NamedNode(parent) = o
                {
                    children
                        .entry(parent.clone())
                        .or_default()
                        .push(node.clone());
                }
            }
        }
        // Stable order of sub-properties, whatever the store's order.
        for list in children.values_mut() {
            list.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        }
        children
    }

    /// An object property as a relation questions can name.
    fn relation(&self, node: &NamedNode, label: String, children: &SubProperties) -> Relation {
        let subject = NamedOrBlankNode::NamedNode(node.clone());
        let phrases = self.phrases(&subject, &vocab::cat("phrase"));
        let plural_phrases = self.phrases(&subject, &vocab::cat("pluralPhrase"));
        let inverse_of = self.first_iri(&subject, &format!("{OWL}inverseOf"));
        let with_sub_properties = descendants(children, inverse_of.as_ref().unwrap_or(node));
        let date = vocab::cat("date");
        // An inverse's statements point the other way round: it takes no dates from them.
        let dated_by = match inverse_of {
            Some(_) => vec![],
            None => with_sub_properties
                .iter()
                .filter_map(|p| self.statement_link(&NamedOrBlankNode::NamedNode(p.clone())))
                .filter(|link| {
                    link.details
                        .iter()
                        .any(|(detail, _)| detail.as_str() == date)
                })
                .collect(),
        };
        Relation {
            dated_by,
            with_sub_properties,
            inverse: inverse_of.is_some(),
            symmetric: self.has_type(&subject, &format!("{OWL}SymmetricProperty")),
            participles: participles(&phrases, &plural_phrases),
            passives: passives(&phrases),
            phrases,
            plural_phrases,
            inverse_phrases: self.phrases(&subject, &vocab::cat("inversePhrase")),
            group_phrases: self.phrases(&subject, &vocab::cat("groupPhrase")),
            inverse_group_phrases: self.phrases(&subject, &vocab::cat("inverseGroupPhrase")),
            nests_by: self.first_iri(&subject, &vocab::cat("nestsBy")),
            subject_nests_by: self.first_iri(&subject, &vocab::cat("subjectNestsBy")),
            subject_nouns: self.phrases(&subject, &vocab::cat("subjectNoun")),
            object_nouns: self.phrases(&subject, &vocab::cat("objectNoun")),
            domain: self.classes_of(&subject, &format!("{RDFS}domain")),
            object_kind: self.answer_kind(&self.classes_of(&subject, &format!("{RDFS}range"))),
            range: self.classes_of(&subject, &format!("{RDFS}range")),
            statement: self.statement_link(&subject),
            iri: node.clone(),
            label,
        }
    }

    /// How a relation is recorded as a statement (`cat:statementClass`), when it is.
    fn statement_link(&self, relation: &NamedOrBlankNode) -> Option<StatementLink> {
        let statement_class = vocab::cat("statementClass");
        self.values(relation, &statement_class).find_map(|class| {
            let Term::NamedNode(class) = class else {
                return None;
            };
            let class_subject = NamedOrBlankNode::NamedNode(class.clone());
            let role = |p: &str| self.first_iri(&class_subject, &vocab::cat(p));
            let detail_properties = vocab::cat("detailProperties");
            let details = self
                .values(&class_subject, &detail_properties)
                .next()
                .map(|head| self.list(head))
                .unwrap_or_default()
                .into_iter()
                .map(|detail| {
                    let label = self.label_of(&detail);
                    (detail, label)
                })
                .collect();
            Some(StatementLink {
                subject_role: role("subjectRole")?,
                object_role: role("objectRole")?,
                class: class.clone(),
                details,
            })
        })
    }

    /// Qualifiers: individuals with phrases whose class is the range of an object property.
    fn qualifiers(&self, relations: &[Relation]) -> Vec<Qualifier> {
        let rdfs_range = format!("{RDFS}range");
        let measure = vocab::cat("Measure");
        let mut qualifiers = Vec::new();
        for relation in relations {
            let subject = NamedOrBlankNode::NamedNode(relation.iri.clone());
            for range in self.values(&subject, &rdfs_range) {
                let Term::NamedNode(range) = range else {
                    continue;
                };
                if range.as_str() == measure {
                    continue;
                }
                let mut members: Vec<&NamedOrBlankNode> = self
                    .by_subject
                    .keys()
                    .filter(|s| self.has_type(s, range.as_str()))
                    .collect();
                members.sort_by_cached_key(|s| s.to_string());
                for member in members {
                    let NamedOrBlankNode::NamedNode(value) = member else {
                        continue;
                    };
                    let phrases = self.phrases(member, &vocab::cat("phrase"));
                    if phrases.is_empty() {
                        continue;
                    }
                    qualifiers.push(Qualifier {
                        property: relation.iri.clone(),
                        label: self.label_of(value),
                        value: value.clone(),
                        phrases,
                    });
                }
            }
        }
        qualifiers
    }

    /// The statement forms of the question language, from the annotations of the ontology's
    /// statement classes (see [`StatementForm`]), in the order of their classes' IRIs.
    fn statement_forms(&self) -> Vec<StatementForm> {
        let object_property = format!("{OWL}ObjectProperty");
        let mut forms: Vec<StatementForm> = self
            .by_subject
            .keys()
            .filter_map(|subject| {
                let NamedOrBlankNode::NamedNode(class) = subject else {
                    return None;
                };
                let question_form = self.english_literal(subject, &vocab::cat("questionForm"))?;
                let listed: Vec<NamedNode> = self
                    .values(subject, &vocab::cat("statementColumns"))
                    .next()
                    .map(|head| self.list(head))
                    .unwrap_or_default();
                let subject_role = self.first_iri(subject, &vocab::cat("subjectRole"));
                let object_role = self.first_iri(subject, &vocab::cat("objectRole"));
                // Roles the list does not name come first, required; then the listed entities.
                let mut roles: Vec<StatementColumn> = [&subject_role, &object_role]
                    .into_iter()
                    .flatten()
                    .filter(|role| !listed.contains(role))
                    .map(|role| self.statement_column(role.clone(), true))
                    .collect();
                let (entities, literals): (Vec<NamedNode>, Vec<NamedNode>) =
                    listed.into_iter().partition(|property| {
                        self.has_type(
                            &NamedOrBlankNode::NamedNode(property.clone()),
                            &object_property,
                        )
                    });
                roles.extend(
                    entities
                        .into_iter()
                        .map(|p| self.statement_column(p, false)),
                );
                Some(StatementForm {
                    class: class.clone(),
                    question_form,
                    subject_role,
                    object_role,
                    roles,
                    attributes: literals
                        .into_iter()
                        .map(|p| self.statement_column(p, false))
                        .collect(),
                    date: self.first_iri(subject, &vocab::cat("dateProperty")),
                    exclusivity: self.first_iri(subject, &vocab::cat("exclusivityProperty")),
                })
            })
            .collect();
        forms.sort_by(|a, b| a.class.as_str().cmp(b.class.as_str()));
        forms
    }

    /// A subject's English literal value of `predicate`, else any literal value.
    fn english_literal(&self, subject: &NamedOrBlankNode, predicate: &str) -> Option<String> {
        let literals: Vec<&oxrdf::Literal> = self
            .values(subject, predicate)
            .filter_map(|o| match o {
                Term::Literal(l) => Some(l),
                _ => None,
            })
            .collect();
        let pick = |want: Option<&str>| {
            literals
                .iter()
                .find(|l| want.is_none() || l.language() == want)
                .map(|l| l.value().to_owned())
        };
        pick(Some("en")).or_else(|| pick(None))
    }

    /// The column of a statement form that shows `property`: its header, and whether its
    /// range is numeric.
    fn statement_column(&self, property: NamedNode, required: bool) -> StatementColumn {
        let subject = NamedOrBlankNode::NamedNode(property.clone());
        let header = self
            .english_literal(&subject, &vocab::cat("columnHeader"))
            .or_else(|| self.english_literal(&subject, &format!("{RDFS}label")))
            .unwrap_or_else(|| vocab::compact(property.as_str()));
        let numeric_ranges = [
            "decimal",
            "integer",
            "double",
            "float",
            "nonNegativeInteger",
        ]
        .map(|local| format!("{XSD}{local}"));
        let numeric = self.values(&subject, &format!("{RDFS}range")).any(
            |o| matches!(o, Term::NamedNode(n) if numeric_ranges.iter().any(|r| r == n.as_str())),
        );
        StatementColumn {
            property,
            header,
            required,
            numeric,
        }
    }

    /// Members of an RDF list, in order.
    /// The classes a relation's `rdfs:domain` or `rdfs:range` names: a class, or the members
    /// of an `owl:unionOf`.
    fn classes_of(&self, relation: &NamedOrBlankNode, predicate: &str) -> Vec<NamedNode> {
        let union_of = format!("{OWL}unionOf");
        let mut classes = Vec::new();
        for value in self.values(relation, predicate) {
            match value {
                Term::NamedNode(class) => classes.push(class.clone()),
                Term::BlankNode(node) => {
                    let node = NamedOrBlankNode::BlankNode(node.clone());
                    for head in self.values(&node, &union_of) {
                        classes.extend(self.list(head));
                    }
                }
                _ => {}
            }
        }
        classes
    }

    /// Places when every class is a place, agents when every class is an agent.
    fn answer_kind(&self, classes: &[NamedNode]) -> AnswerKind {
        let all_under = |top: &str| {
            !classes.is_empty()
                && classes
                    .iter()
                    .all(|class| self.ancestors(class).iter().any(|a| a.as_str() == top))
        };
        if all_under(&vocab::cat("Place")) {
            AnswerKind::Place
        } else if all_under(&vocab::cat("Agent")) {
            AnswerKind::Agent
        } else {
            AnswerKind::Thing
        }
    }

    /// A class and every class above it, by `rdfs:subClassOf`.
    fn ancestors(&self, class: &NamedNode) -> Vec<NamedNode> {
        let sub_class_of = format!("{RDFS}subClassOf");
        let mut found = vec![class.clone()];
        let mut at = 0;
        while at < found.len() {
            let subject = NamedOrBlankNode::NamedNode(found[at].clone());
            let parents: Vec<NamedNode> = self
                .values(&subject, &sub_class_of)
                .filter_map(|t| match t {
                    Term::NamedNode(n) => Some(n.clone()),
                    _ => None,
                })
                .collect();
            for parent in parents {
                if !found.contains(&parent) {
                    found.push(parent);
                }
            }
            at += 1;
        }
        found
    }

    fn list(&self, head: &Term) -> Vec<NamedNode> {
        let (nil, first, rest) = (
            format!("{RDF}nil"),
            format!("{RDF}first"),
            format!("{RDF}rest"),
        );
        let mut out = Vec::new();
        let mut cell = head.clone();
        let mut seen = HashSet::new();
        loop {
            let subject = match &cell {
                Term::NamedNode(n) if n.as_str() == nil => break,
                Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
                Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
                _ => break,
            };
            if !seen.insert(subject.clone()) {
                break;
            }
            out.extend(self.values(&subject, &first).filter_map(|o| match o {
                Term::NamedNode(n) => Some(n.clone()),
                _ => None,
            }));
            match self.values(&subject, &rest).next() {
                Some(next) => cell = next.clone(),
                None => break,
            }
        }
        out
    }
}

/// A property and all its sub-properties, closed transitively, the property first.
fn descendants(children: &SubProperties, root: &NamedNode) -> Vec<NamedNode> {
    let mut out = vec![root.clone()];
    let mut seen: HashSet<NamedNode> = out.iter().cloned().collect();
    let mut i = 0;
    while i < out.len() {
        for child in children.get(&out[i]).into_iter().flatten() {
            if seen.insert(child.clone()) {
                out.push(child.clone());
            }
        }
        i += 1;
    }
    out
}

impl EntityIndex {
    /// The entities (IRIs in the `ent:` namespace) named by `rdfs:label` and `skos:altLabel`
    /// triples; other triples are passed over. In the store's order: an entity's first
    /// English label is the one shown, and its names are its labels, then its aliases.
    pub fn from_name_triples(triples: impl IntoIterator<Item = Triple>) -> Self {
        /// An entity's English label, another label, its labels and its aliases.
        #[derive(Default)]
        struct Names {
            english: Option<String>,
            other: Option<String>,
            labels: Vec<String>,
            aliases: Vec<String>,
            demonyms: Vec<String>,
        }
        let (label, alt_label) = (format!("{RDFS}label"), format!("{SKOS}altLabel"));
        let demonym = vocab::cat("demonym");
        // BTreeMap: a stable order of entities, whatever the store's order.
        let mut names: BTreeMap<String, Names> = BTreeMap::new();
        for triple in triples {
            let is_demonym = triple.predicate.as_str() == demonym;
            let is_label = match triple.predicate.as_str() {
                p if p == label => true,
                p if p == alt_label || is_demonym => false,
                _ => continue,
            };
            let (NamedOrBlankNode::NamedNode(subject), Term::Literal(literal)) =
                (&triple.subject, &triple.object)
            else {
                continue;
            };
            if !subject.as_str().starts_with(vocab::ENT) {
                continue;
            }
            let entry = names.entry(subject.as_str().to_owned()).or_default();
            let value = literal.value().to_owned();
            if is_label && literal.language() == Some("en") && entry.english.is_none() {
                entry.english = Some(value.clone());
            } else if is_label && entry.other.is_none() {
                entry.other = Some(value.clone());
            }
            let list = if is_label {
                &mut entry.labels
            } else if is_demonym {
                &mut entry.demonyms
            } else {
                &mut entry.aliases
            };
            if !list.contains(&value) {
                list.push(value);
            }
        }
        let entities = names
            .into_iter()
            .map(|(iri, names)| {
                let label_is_english = names.english.is_some();
                let label = names
                    .english
                    .or(names.other)
                    .unwrap_or_else(|| vocab::compact(&iri));
                let mut all = names.labels;
                for alias in names.aliases {
                    if !all.contains(&alias) {
                        all.push(alias);
                    }
                }
                Entity {
                    iri: NamedNode::new_unchecked(iri),
                    label,
                    label_is_english,
                    names: all,
                    demonyms: names.demonyms,
                }
            })
            .collect();
        Self::new(entities)
    }
}

/// IRIs as plain strings in the serialised vocabulary (oxrdf's own form is an object). Read
/// back unchecked: the only serialised vocabulary is build.rs's, of IRIs parsed there, and
/// checking thousands of IRIs at every start would cost a millisecond.
mod iri {
    use oxrdf::NamedNode;
    use serde::{Deserialize, Deserializer, Serializer};

    fn parse<E: serde::de::Error>(text: String) -> Result<NamedNode, E> {
        Ok(NamedNode::new_unchecked(text))
    }

    pub fn serialize<S: Serializer>(node: &NamedNode, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(node.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NamedNode, D::Error> {
        parse(String::deserialize(deserializer)?)
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            node: &Option<NamedNode>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match node {
                Some(node) => serializer.serialize_some(node.as_str()),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<NamedNode>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(parse)
                .transpose()
        }
    }

    pub mod list {
        use super::*;

        pub fn serialize<S: Serializer>(
            nodes: &[NamedNode],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(nodes.iter().map(NamedNode::as_str))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<NamedNode>, D::Error> {
            Vec::<String>::deserialize(deserializer)?
                .into_iter()
                .map(parse)
                .collect()
        }
    }

    /// `(IRI, label)` pairs.
    pub mod labelled {
        use super::*;

        pub fn serialize<S: Serializer>(
            pairs: &[(NamedNode, String)],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(pairs.iter().map(|(node, label)| (node.as_str(), label)))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<(NamedNode, String)>, D::Error> {
            Vec::<(String, String)>::deserialize(deserializer)?
                .into_iter()
                .map(|(iri, label)| Ok((parse::<D::Error>(iri)?, label)))
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_forgives_case_space_and_punctuation() {
        let index = EntityIndex::new(vec![Entity {
            iri: NamedNode::new_unchecked("https://w3id.org/catena/entity/DeepSeekV3"),
            label: "DeepSeek-V3".into(),
            label_is_english: true,
            names: vec!["DeepSeek-V3".into(), "DeepSeek V3".into()],
            demonyms: vec![],
        }]);
        assert_eq!(index.lookup("deepseek v3").len(), 1);
        assert_eq!(index.lookup("DEEPSEEK-V3").len(), 1);
        assert_eq!(index.lookup("deepseekv3").len(), 1);
        assert!(index.lookup("deepseek").is_empty());
    }

    #[test]
    fn a_name_may_follow_its_article() {
        let entity = |iri: &str, names: &[&str]| Entity {
            iri: NamedNode::new_unchecked(format!("https://w3id.org/catena/entity/{iri}")),
            label: names[0].into(),
            label_is_english: true,
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            demonyms: vec![],
        };
        let index = EntityIndex::new(vec![
            entity("Summit", &["AI Action Summit"]),
            entity("TheOne", &["The One"]),
        ]);
        for typed in [
            "the AI Action Summit",
            "l'AI Action Summit",
            "L’AI Action Summit",
        ] {
            assert_eq!(index.lookup(typed).len(), 1, "{typed}");
        }
        // An article that is part of the name stays part of it.
        assert_eq!(index.lookup("The One")[0].label, "The One");
        assert!(index.lookup("the").is_empty());
        assert!(index.lookup("la").is_empty());
    }
}
