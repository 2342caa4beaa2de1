//! The language's vocabulary, read from the graph: relation phrases, class plurals and
//! measure names from the ontology's annotations, and entity names and aliases from the data.
//! The ontology is the single source of truth: nothing here lists a relation by name.

use std::collections::{BTreeMap, HashMap, HashSet};

use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::store::{StorageError, Store};

use crate::vocab::{self, OWL, RDF, RDFS, SKOS, XSD};

/// Language of a phrase: questions may be in English or Italian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    It,
}

/// A phrase of the language and its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Lower-case words, single-spaced.
    pub text: String,
    pub lang: Lang,
}

/// How a relation is recorded as an n-ary statement with attributes (an investment for
/// `investsIn`), declared in the ontology with `cat:statementClass` and friends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLink {
    pub class: NamedNode,
    /// The statement property pointing to the relation's subject (`cat:investor`).
    pub subject_role: NamedNode,
    /// The statement property pointing to the relation's object (`cat:recipient`).
    pub object_role: NamedNode,
    /// Attributes shown beside each answer, in order (`cat:amount`, `cat:currency`,
    /// `cat:date`), with their English labels for column headers.
    pub details: Vec<(NamedNode, String)>,
}

/// A statement class that a question form of the language lists (`investments by Microsoft`
/// lists `cat:Investment`), with the columns of its rows, from the class's annotations
/// (`cat:questionForm`, `cat:subjectRole`, `cat:objectRole`, `cat:statementColumns`,
/// `cat:dateProperty`, `cat:exclusivityProperty`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementForm {
    pub class: NamedNode,
    /// The name of the question form that lists it (`investments`, `cloud deals`).
    pub question_form: String,
    /// The roles the question may fix (`investments by X` fixes the investor), from
    /// `cat:subjectRole` and `cat:objectRole`.
    pub subject_role: Option<NamedNode>,
    pub object_role: Option<NamedNode>,
    /// Entity-valued columns: the required ones, then the optional ones.
    pub roles: Vec<StatementColumn>,
    /// Literal-valued columns.
    pub attributes: Vec<StatementColumn>,
    /// The attribute rows are ordered by and time filters apply to.
    pub date: Option<NamedNode>,
    /// A boolean attribute that `exclusive …` requires to be true.
    pub exclusivity: Option<NamedNode>,
}

/// A column of a statement form: a property of the statement and its header
/// (`cat:columnHeader`, else its English label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementColumn {
    pub property: NamedNode,
    pub header: String,
    /// Whether every row has it (a required role); attributes are always optional.
    pub required: bool,
    /// Whether its values are numbers (the property's range is a numeric XSD datatype).
    pub numeric: bool,
}

/// An object property that questions can name.
#[derive(Debug, Clone)]
pub struct Relation {
    pub iri: NamedNode,
    pub label: String,
    pub phrases: Vec<Phrase>,
    pub inverse_phrases: Vec<Phrase>,
    /// The property and every sub-property, so that `depends on` finds `dependsOnCloudFrom`.
    pub with_sub_properties: Vec<NamedNode>,
    pub symmetric: bool,
    pub statement: Option<StatementLink>,
    /// Grouping words: `by developer` groups things by the subject of `develops`.
    pub group_phrases: Vec<Phrase>,
    pub inverse_group_phrases: Vec<Phrase>,
    /// The property places nest by (`cat:nestsBy cat:locatedIn` on `cat:basedIn`): `who is
    /// based in Italy` also finds what is based in Milan, Milan being located in Italy.
    pub nests_by: Option<NamedNode>,
}

/// A class that list and count questions can name by its plural.
#[derive(Debug, Clone)]
pub struct Class {
    pub iri: NamedNode,
    pub label: String,
    pub plurals: Vec<Phrase>,
}

/// A measure of observations (`traffic share`).
#[derive(Debug, Clone)]
pub struct Measure {
    pub iri: NamedNode,
    pub label: String,
    pub phrases: Vec<Phrase>,
}

/// A value that narrows a list or count by an adjective (`open models`, `modelli aperti`):
/// an individual with phrases, in the range of an object property (`cat:OpenAccess` for
/// `cat:accessLevel`).
#[derive(Debug, Clone)]
pub struct Qualifier {
    pub property: NamedNode,
    pub value: NamedNode,
    pub label: String,
    pub phrases: Vec<Phrase>,
}

/// A named thing of the graph.
#[derive(Debug, Clone)]
pub struct Entity {
    pub iri: NamedNode,
    /// The English label (or any label) shown in answers.
    pub label: String,
    /// Whether `label` is an English `rdfs:label` (else another label, or the prefixed IRI).
    pub label_is_english: bool,
    /// Every label and alias, as written.
    pub names: Vec<String>,
}

/// Finds entities by any of their names, forgiving case, spacing and punctuation.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    pub entities: Vec<Entity>,
    exact: HashMap<String, Vec<usize>>,
    loose: HashMap<String, Vec<usize>>,
    by_iri: HashMap<String, usize>,
}

/// Case- and space-insensitive key: "Mistral  AI" → "mistral ai".
pub fn normalise(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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
        Self {
            entities,
            exact,
            loose,
            by_iri,
        }
    }

    /// Entities with exactly this name (after normalisation), else with the same letters.
    pub fn lookup(&self, name: &str) -> Vec<&Entity> {
        let hits = self
            .exact
            .get(&normalise(name))
            .or_else(|| self.loose.get(&loose_key(name)))
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

/// Everything the resolver and the REPL's completion need.
#[derive(Debug, Clone, Default)]
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

impl Vocabulary {
    /// Reads the ontology graph and the entities' labels from the store.
    pub fn from_store(store: &Store) -> Result<Self, StorageError> {
        let ontology_graph = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let mut facts: HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>> = HashMap::new();
        for quad in store.quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(ontology_graph)),
        ) {
            let quad = quad?;
            facts
                .entry(quad.subject.clone())
                .or_default()
                .push((quad.predicate, quad.object));
        }
        // Predicate IRIs built once: this runs at every start, on a few thousand quads.
        let rdf_type = format!("{RDF}type");
        let rdfs_label = format!("{RDFS}label");
        let sub_property_of = format!("{RDFS}subPropertyOf");
        let iri = |local: &str| vocab::cat(local);
        let values = |subject: &NamedOrBlankNode, predicate: &str| -> Vec<Term> {
            facts
                .get(subject)
                .into_iter()
                .flatten()
                .filter(|(p, _)| p.as_str() == predicate)
                .map(|(_, o)| o.clone())
                .collect()
        };
        // The first IRI among a subject's values of `predicate` (a role, a nesting property).
        let first_iri = |subject: &NamedOrBlankNode, predicate: &str| -> Option<NamedNode> {
            values(subject, predicate)
                .into_iter()
                .find_map(|t| match t {
                    Term::NamedNode(n) => Some(n),
                    _ => None,
                })
        };
        let phrases = |subject: &NamedOrBlankNode, predicate: &str| -> Vec<Phrase> {
            values(subject, predicate)
                .into_iter()
                .filter_map(|term| match term {
                    Term::Literal(literal) => Some(Phrase {
                        text: normalise(literal.value()),
                        lang: if literal.language() == Some("it") {
                            Lang::It
                        } else {
                            Lang::En
                        },
                    }),
                    _ => None,
                })
                .collect()
        };
        let english_label = |subject: &NamedOrBlankNode| -> Option<String> {
            let labels = values(subject, &rdfs_label);
            let pick = |want: Option<&str>| {
                labels.iter().find_map(|term| match term {
                    Term::Literal(l) if want.is_none() || l.language() == want => {
                        Some(l.value().to_owned())
                    }
                    _ => None,
                })
            };
            pick(Some("en")).or_else(|| pick(None))
        };
        let has_type = |subject: &NamedOrBlankNode, class: &str| {
            facts.get(subject).is_some_and(|pairs| {
                pairs.iter().any(|(p, o)| {
                    p.as_str() == rdf_type && matches!(o, Term::NamedNode(n) if n.as_str() == class)
                })
            })
        };
        let named = |subject: &NamedOrBlankNode| match subject {
            NamedOrBlankNode::NamedNode(node) => Some(node.clone()),
            _ => None,
        };

        // Sub-properties, closed transitively.
        let mut children: HashMap<NamedNode, Vec<NamedNode>> = HashMap::new();
        for (subject, pairs) in &facts {
            let Some(node) = named(subject) else { continue };
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
        let descendants = |root: &NamedNode| -> Vec<NamedNode> {
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
        };

        let mut term_labels = HashMap::new();
        let mut relations = Vec::new();
        let mut classes = Vec::new();
        let mut measures = Vec::new();
        // Sorted subjects keep the vocabulary's order, and so suggestions, stable.
        let mut subjects: Vec<&NamedOrBlankNode> = facts.keys().collect();
        subjects.sort_by_cached_key(|s| s.to_string());
        for subject in subjects {
            let Some(node) = named(subject) else { continue };
            let label = english_label(subject).unwrap_or_else(|| vocab::compact(node.as_str()));
            term_labels.insert(node.as_str().to_owned(), label.clone());
            if has_type(subject, &format!("{OWL}ObjectProperty")) {
                let statement = values(subject, &iri("statementClass"))
                    .into_iter()
                    .find_map(|class| {
                        let Term::NamedNode(class) = class else {
                            return None;
                        };
                        let class_subject = NamedOrBlankNode::NamedNode(class.clone());
                        let role = |p: &str| first_iri(&class_subject, &iri(p));
                        let details = values(&class_subject, &iri("detailProperties"))
                            .into_iter()
                            .next()
                            .map(|head| read_list(&facts, head))
                            .unwrap_or_default()
                            .into_iter()
                            .map(|detail| {
                                let subject = NamedOrBlankNode::NamedNode(detail.clone());
                                let label = english_label(&subject)
                                    .unwrap_or_else(|| vocab::compact(detail.as_str()));
                                (detail, label)
                            })
                            .collect();
                        Some(StatementLink {
                            subject_role: role("subjectRole")?,
                            object_role: role("objectRole")?,
                            class,
                            details,
                        })
                    });
                relations.push(Relation {
                    with_sub_properties: descendants(&node),
                    symmetric: has_type(subject, &format!("{OWL}SymmetricProperty")),
                    phrases: phrases(subject, &iri("phrase")),
                    inverse_phrases: phrases(subject, &iri("inversePhrase")),
                    group_phrases: phrases(subject, &iri("groupPhrase")),
                    inverse_group_phrases: phrases(subject, &iri("inverseGroupPhrase")),
                    nests_by: first_iri(subject, &iri("nestsBy")),
                    iri: node,
                    label,
                    statement,
                });
            } else if has_type(subject, &format!("{OWL}Class")) {
                let plurals = phrases(subject, &iri("plural"));
                if !plurals.is_empty() {
                    classes.push(Class {
                        iri: node,
                        label,
                        plurals,
                    });
                }
            } else if has_type(subject, &iri("Measure")) {
                measures.push(Measure {
                    phrases: phrases(subject, &iri("phrase")),
                    iri: node,
                    label,
                });
            }
        }

        // Qualifiers: individuals with phrases whose class is the range of an object property.
        let mut qualifiers = Vec::new();
        for relation in &relations {
            let subject = NamedOrBlankNode::NamedNode(relation.iri.clone());
            for range in values(&subject, &format!("{RDFS}range")) {
                let Term::NamedNode(range) = range else {
                    continue;
                };
                if range.as_str() == iri("Measure") {
                    continue;
                }
                let mut members: Vec<&NamedOrBlankNode> = facts
                    .keys()
                    .filter(|s| has_type(s, range.as_str()))
                    .collect();
                members.sort_by_cached_key(|s| s.to_string());
                for member in members {
                    let Some(value) = named(member) else { continue };
                    let member_phrases = phrases(member, &iri("phrase"));
                    if member_phrases.is_empty() {
                        continue;
                    }
                    qualifiers.push(Qualifier {
                        property: relation.iri.clone(),
                        label: english_label(member)
                            .unwrap_or_else(|| vocab::compact(value.as_str())),
                        value,
                        phrases: member_phrases,
                    });
                }
            }
        }

        Ok(Self {
            relations,
            classes,
            measures,
            qualifiers,
            statement_forms: statement_forms(&facts),
            entities: entity_index(store)?,
            term_labels,
        })
    }

    /// The English label of an ontology term, or its prefixed name.
    pub fn term_label(&self, iri: &str) -> String {
        self.term_labels
            .get(iri)
            .cloned()
            .unwrap_or_else(|| vocab::compact(iri))
    }
}

/// The statement forms of the question language, from the annotations of the ontology's
/// statement classes (see [`StatementForm`]), in the order of their classes' IRIs.
fn statement_forms(
    facts: &HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
) -> Vec<StatementForm> {
    let objects = |subject: &NamedOrBlankNode, local: &str| cat_objects(facts, subject, local);
    let first_iri = |subject: &NamedOrBlankNode, local: &str| {
        objects(subject, local).into_iter().find_map(|t| match t {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
    };
    let object_property = format!("{OWL}ObjectProperty");
    let is_object_property = |property: &NamedNode| {
        facts
            .get(&NamedOrBlankNode::NamedNode(property.clone()))
            .into_iter()
            .flatten()
            .any(|(p, o)| {
                p.as_str() == format!("{RDF}type")
                    && matches!(o, Term::NamedNode(n) if n.as_str() == object_property)
            })
    };
    let mut forms: Vec<StatementForm> = facts
        .keys()
        .filter_map(|subject| {
            let NamedOrBlankNode::NamedNode(class) = subject else {
                return None;
            };
            let question_form = english_literal(facts, subject, &vocab::cat("questionForm"))?;
            let listed: Vec<NamedNode> = objects(subject, "statementColumns")
                .into_iter()
                .next()
                .map(|head| read_list(facts, head))
                .unwrap_or_default();
            let subject_role = first_iri(subject, "subjectRole");
            let object_role = first_iri(subject, "objectRole");
            // Roles the list does not name come first, required; then the listed entities.
            let mut roles: Vec<StatementColumn> = [&subject_role, &object_role]
                .into_iter()
                .flatten()
                .filter(|role| !listed.contains(role))
                .map(|role| statement_column(facts, role.clone(), true))
                .collect();
            let (entities, literals): (Vec<NamedNode>, Vec<NamedNode>) =
                listed.into_iter().partition(|p| is_object_property(p));
            roles.extend(
                entities
                    .into_iter()
                    .map(|p| statement_column(facts, p, false)),
            );
            Some(StatementForm {
                class: class.clone(),
                question_form,
                subject_role,
                object_role,
                roles,
                attributes: literals
                    .into_iter()
                    .map(|p| statement_column(facts, p, false))
                    .collect(),
                date: first_iri(subject, "dateProperty"),
                exclusivity: first_iri(subject, "exclusivityProperty"),
            })
        })
        .collect();
    forms.sort_by(|a, b| a.class.as_str().cmp(b.class.as_str()));
    forms
}

/// A subject's values of the `cat:` property `local`.
fn cat_objects(
    facts: &HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
    subject: &NamedOrBlankNode,
    local: &str,
) -> Vec<Term> {
    let predicate = vocab::cat(local);
    facts
        .get(subject)
        .into_iter()
        .flatten()
        .filter(|(p, _)| p.as_str() == predicate)
        .map(|(_, o)| o.clone())
        .collect()
}

/// A subject's English literal value of `predicate`, else any literal value.
fn english_literal(
    facts: &HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
    subject: &NamedOrBlankNode,
    predicate: &str,
) -> Option<String> {
    let values: Vec<&Literal> = facts
        .get(subject)
        .into_iter()
        .flatten()
        .filter(|(p, _)| p.as_str() == predicate)
        .filter_map(|(_, o)| match o {
            Term::Literal(l) => Some(l),
            _ => None,
        })
        .collect();
    let pick = |want: Option<&str>| {
        values
            .iter()
            .find(|l| want.is_none() || l.language() == want)
            .map(|l| l.value().to_owned())
    };
    pick(Some("en")).or_else(|| pick(None))
}

/// The column of a statement form that shows `property`: its header, and whether its
/// range is numeric.
fn statement_column(
    facts: &HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
    property: NamedNode,
    required: bool,
) -> StatementColumn {
    let subject = NamedOrBlankNode::NamedNode(property.clone());
    let header = english_literal(facts, &subject, &vocab::cat("columnHeader"))
        .or_else(|| english_literal(facts, &subject, &format!("{RDFS}label")))
        .unwrap_or_else(|| vocab::compact(property.as_str()));
    let numeric_ranges = [
        "decimal",
        "integer",
        "double",
        "float",
        "nonNegativeInteger",
    ]
    .map(|local| format!("{XSD}{local}"));
    let range = format!("{RDFS}range");
    let numeric = facts.get(&subject).into_iter().flatten().any(|(p, o)| {
        p.as_str() == range
            && matches!(o, Term::NamedNode(n) if numeric_ranges.iter().any(|r| r == n.as_str()))
    });
    StatementColumn {
        property,
        header,
        required,
        numeric,
    }
}

/// Members of an RDF list, in order.
fn read_list(
    facts: &HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
    head: Term,
) -> Vec<NamedNode> {
    let mut out = Vec::new();
    let mut cell = head;
    let mut seen = HashSet::new();
    loop {
        let subject = match &cell {
            Term::NamedNode(n) if n.as_str() == format!("{RDF}nil") => break,
            Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
            _ => break,
        };
        if !seen.insert(subject.clone()) {
            break;
        }
        let pairs = facts.get(&subject).cloned().unwrap_or_default();
        for (p, o) in &pairs {
            if p.as_str() == format!("{RDF}first")
                && let Term::NamedNode(n) = o
            {
                out.push(n.clone());
            }
        }
        match pairs
            .iter()
            .find(|(p, _)| p.as_str() == format!("{RDF}rest"))
        {
            Some((_, rest)) => cell = rest.clone(),
            None => break,
        }
    }
    out
}

/// Names of every entity (IRIs in the `ent:` namespace) from labels and aliases in any graph.
pub fn entity_index(store: &Store) -> Result<EntityIndex, StorageError> {
    let label = NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
    let alt_label_iri = format!("{SKOS}altLabel");
    let alt_label = NamedNodeRef::new_unchecked(&alt_label_iri);
    /// An entity's English label, another label, and all its names.
    #[derive(Default)]
    struct Names {
        english: Option<String>,
        other: Option<String>,
        all: Vec<String>,
    }
    // BTreeMap: a stable order of entities, whatever the store's order.
    let mut names: BTreeMap<String, Names> = BTreeMap::new();
    for (predicate, is_label) in [(label, true), (alt_label, false)] {
        for quad in store.quads_for_pattern(None, Some(predicate), None, None) {
            let quad = quad?;
            let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
                continue;
            };
            if !subject.as_str().starts_with(vocab::ENT) {
                continue;
            }
            let Term::Literal(literal) = &quad.object else {
                continue;
            };
            let entry = names.entry(subject.as_str().to_owned()).or_default();
            let value = literal.value().to_owned();
            if is_label && literal.language() == Some("en") && entry.english.is_none() {
                entry.english = Some(value.clone());
            } else if is_label && entry.other.is_none() {
                entry.other = Some(value.clone());
            }
            if !entry.all.contains(&value) {
                entry.all.push(value);
            }
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
            Entity {
                iri: NamedNode::new_unchecked(iri),
                label,
                label_is_english,
                names: names.all,
            }
        })
        .collect();
    Ok(EntityIndex::new(entities))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::KnowledgeGraph;

    #[test]
    fn normalisation_forgives_case_space_and_punctuation() {
        let index = EntityIndex::new(vec![Entity {
            iri: NamedNode::new_unchecked("https://w3id.org/catena/entity/DeepSeekV3"),
            label: "DeepSeek-V3".into(),
            label_is_english: true,
            names: vec!["DeepSeek-V3".into(), "DeepSeek V3".into()],
        }]);
        assert_eq!(index.lookup("deepseek v3").len(), 1);
        assert_eq!(index.lookup("DEEPSEEK-V3").len(), 1);
        assert_eq!(index.lookup("deepseekv3").len(), 1);
        assert!(index.lookup("deepseek").is_empty());
    }

    #[test]
    fn reads_relations_classes_measures_and_entities_from_the_graph() {
        let graph = KnowledgeGraph::embedded().expect("loads");
        let vocabulary = Vocabulary::from_store(graph.store()).expect("reads");
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
        let vocabulary = Vocabulary::from_store(graph.store()).expect("reads");
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
