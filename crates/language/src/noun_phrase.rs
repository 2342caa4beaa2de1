//! Noun phrases: a kind with its adjectives and any number of restrictions — `by` (`di`) a
//! developer, `in` a place, and relative clauses on any relation (`that depend on NVIDIA`,
//! `che dipendono da NVIDIA`) — joined by and/but/or (e/ma/o) and negated with not/non:
//! `companies that depend on NVIDIA but not on TSMC`, `modelli aperti di Meta o di Google`.
//!
//! The grammar leaves a noun phrase as a run of words, since its kinds, adjectives and
//! relation phrases are the ontology's; this module reads the run with the lexicon. The
//! words that join its parts (articles, prepositions, pronouns, conjunctions, negation) are
//! the closed class of the language, listed once here.

use crate::ast::{Run, Span, Word};
use crate::diagnostic::Text;
use crate::resolve::{Direction, Phrases, Plan, ResolveError, Resolver, join};
use crate::vocabulary::{COPULAS, Class, Entity, Lang, Qualifier, Relation, phrase_key};

/// A kind of thing, narrowed.
#[derive(Debug, Clone)]
pub struct NounPhrase {
    pub class: Class,
    /// Adjectives from the ontology (`open` models).
    pub qualifiers: Vec<Qualifier>,
    /// Every restriction holds (they are joined by `and`, `but`).
    pub restrictions: Vec<Restriction>,
}

impl NounPhrase {
    /// The place of the phrase's first `in` restriction (`companies in France`): its answers
    /// cite the facts that put each thing there.
    pub fn place(&self) -> Option<&Entity> {
        self.restrictions.iter().find_map(|restriction| {
            match (restriction.negated, restriction.any_of.as_slice()) {
                (false, [Link::Place(place)]) => Some(place),
                _ => None,
            }
        })
    }
}

/// One restriction: any of its links holds (they are joined by `or`), or, negated, none.
#[derive(Debug, Clone)]
pub struct Restriction {
    pub negated: bool,
    pub any_of: Vec<Link>,
}

/// How a thing of the phrase is tied to a named entity, or to the things of another phrase.
#[derive(Debug, Clone)]
pub enum Link {
    /// `that depend on NVIDIA` (the thing is the relation's subject: [`Direction::Subjects`])
    /// or `that Google develops` (its object: [`Direction::Objects`]).
    Related {
        relation: Box<Relation>,
        direction: Direction,
        target: Target,
    },
    /// `by Google`, `di Google`, `by Chinese companies`: developed by.
    Developer(Target),
    /// `in France`: based or located in the place, or in a place inside it.
    Place(Entity),
    /// `that are open`, `che non sono aperti`: an adjective of the ontology after a copula.
    Qualified(Qualifier),
}

/// What a link ties the thing to: a named entity, or any thing of a noun phrase (`models by
/// Chinese companies`, `companies that depend on companies in Taiwan`).
#[derive(Debug, Clone)]
pub enum Target {
    Entity(Entity),
    Things(Box<NounPhrase>),
    /// Anything at all: a passive with no agent (`models released in 2024`, `modelli
    /// rilasciati`) says only that the relation holds.
    Anything,
}

/// The kind of link a clause makes, before its entity is known: a conjunction carries it to
/// the next name (`that depend on NVIDIA or AMD`).
#[derive(Debug, Clone)]
enum LinkKind {
    Related {
        relation: Box<Relation>,
        direction: Direction,
    },
    Developer,
    Place,
    Qualified(Qualifier),
}

impl LinkKind {
    /// The link to `target`; `None` for a place given as a phrase, which no question means.
    fn to(&self, target: Target) -> Option<Link> {
        Some(match (self, target) {
            (
                Self::Related {
                    relation,
                    direction,
                },
                target,
            ) => Link::Related {
                relation: relation.clone(),
                direction: *direction,
                target,
            },
            (Self::Developer, target) => Link::Developer(target),
            (Self::Place, Target::Entity(place)) => Link::Place(place),
            (Self::Place, Target::Things(_) | Target::Anything) => return None,
            (Self::Qualified(qualifier), Target::Anything) => Link::Qualified(qualifier.clone()),
            (Self::Qualified(_), _) => return None,
        })
    }
}

/// A kind as typed: its class and its adjectives.
struct Kind {
    class: Class,
    qualifiers: Vec<Qualifier>,
    /// Places' adjectives (`Chinese`): each is an `in` restriction.
    places: Vec<Entity>,
}

impl Kind {
    fn places_restrictions(&self) -> Vec<Restriction> {
        self.places
            .iter()
            .map(|place| Restriction {
                negated: false,
                any_of: vec![Link::Place(place.clone())],
            })
            .collect()
    }
}

/// A clause read up to its name.
struct Clause {
    kind: LinkKind,
    negated: bool,
    name: NameAt,
}

/// Where a clause's name is: from a word on, or already read (`that Google develops`).
enum NameAt {
    From(usize),
    /// The entity (or the things of a phrase: `did Chinese companies release`), and where the
    /// clause ends.
    Known(Target, usize),
    /// No name: the clause ends at the word given (`released`, `sono stati rilasciati`).
    Nothing(usize),
}

impl Clause {
    fn named_from(kind: LinkKind, negated: bool, at: usize) -> Self {
        Self {
            kind,
            negated,
            name: NameAt::From(at),
        }
    }
}

/// Articles a noun phrase may start with.
pub(crate) const ARTICLES: &[&str] = &[
    "the",
    "a",
    "an",
    "il",
    "lo",
    "la",
    "l'",
    "i",
    "gli",
    "le",
    "un",
    "uno",
    "una",
    "un'",
    // Quantifiers that ask for every one, as a list does anyway (`list all chatbots`).
    "all",
    "all the",
    "every",
    "tutti i",
    "tutti gli",
    "tutte le",
    "tutti",
    "tutte",
    // Possessives read as articles: `companies that develop their own chips` are those that
    // develop chips.
    "their",
    "its",
    "their own",
    "its own",
    "i loro",
    "le loro",
    "il loro",
    "la loro",
    "i propri",
    "le proprie",
    "il proprio",
    "la propria",
    "propri",
    "proprie",
];
/// Words that introduce the developer (`by Google`, `di Google`, `della Cina`…).
pub(crate) const BY_WORDS: &[&str] = &["by", "of", "di", "da"];
/// Words that introduce a place (`in France`, `nei Paesi Bassi`).
pub(crate) const IN_WORDS: &[&str] = &["in"];
/// Italian definite articles: before a subject put after its verb.
const ITALIAN_ARTICLES: &[&str] = &["il", "lo", "la", "i", "gli", "le", "l'"];
/// Verbs of having: before a kind of statement (`that have an agreement with`), or a superlative
/// (`which chatbot has the largest…`).
pub(crate) const HAVING: &[&str] = &["has", "have", "had", "ha", "hanno", "aveva", "avevano"];
/// Prepositions of a party on either side (`an agreement with OpenAI`).
const WITH: &[&str] = &["with", "con"];
/// Relative pronouns (`that`, `che`, `i quali`).
const RELATIVE: &[&str] = &[
    "that", "which", "who", "che", "il quale", "la quale", "i quali", "le quali",
];
/// Words that close a question on what there is (`are there`, `ci sono`).
const EXISTENTIAL: &[&str] = &[
    "are there",
    "is there",
    "exist",
    "ci sono",
    "esistono",
    "c'è",
];
/// Conjunctions: every part holds.
const AND: &[&str] = &["and", "but", "e", "ed", "ma"];
/// Conjunctions: one of the parts holds.
const OR: &[&str] = &["or", "o", "oppure"];
/// Negation, before a clause or a name (`not on TSMC`, `non dipendono da TSMC`).
const NOT: &[&str] = &["not", "non"];
/// English auxiliaries of negation and of questions (`do not depend on`, `did Google
/// develop`), left out before the relation's base form.
const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "don't", "doesn't", "didn't", "are", "is", "were", "was", "have", "has",
];

/// Every word of the closed class, for the words a mistyped one may be replaced by.
pub(crate) fn closed_class_words() -> impl Iterator<Item = &'static str> {
    [
        ARTICLES,
        BY_WORDS,
        IN_WORDS,
        RELATIVE,
        EXISTENTIAL,
        AND,
        OR,
        NOT,
        AUXILIARIES,
        PREPOSITIONS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// A word's key for the closed class: lower case, an articulated preposition as its simple one.
fn key(word: &Word) -> String {
    phrase_key(&word.text)
}

/// The most words a relation's phrase has: longer runs are not tried as phrases.
pub const LONGEST_PHRASE: usize = 10;

/// The most words an entry of the closed class has (`prima dell'`, `i quali`, `their own`).
const LONGEST_ENTRY: usize = 3;

/// Whether `words[at..]` starts with one of `set` (entries may be several words); the words
/// used. The typed words' keys are made once, not once per entry: this runs at every word
/// of every reading.
fn starts_with(words: &[Word], at: usize, set: &[&str]) -> Option<usize> {
    let keys: Vec<Option<String>> = words
        .iter()
        .skip(at)
        .take(LONGEST_ENTRY)
        .map(|w| (!w.quoted).then(|| key(w)))
        .collect();
    set.iter()
        .filter_map(|entry| {
            let parts: Vec<&str> = entry.split(' ').collect();
            (parts.len() <= keys.len()
                && keys
                    .iter()
                    .zip(&parts)
                    .all(|(typed, p)| typed.as_deref() == Some(*p)))
            .then_some(parts.len())
        })
        .max()
}

fn span_of(words: &[Word]) -> Span {
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => first.span.join(last.span),
        _ => Span::default(),
    }
}

impl Resolver<'_> {
    /// The longest phrase of `kinds` at the start of `words`: its relation, its kind and how
    /// many words it takes.
    pub(crate) fn phrase_at(
        &self,
        words: &[Word],
        kinds: &[Phrases],
    ) -> Option<(Relation, Phrases, usize)> {
        // No phrase of the ontology is longer (a test holds the shipped lexicon to it).
        (1..=words.len().min(LONGEST_PHRASE)).rev().find_map(|end| {
            self.whole_phrase(&words[..end], kinds)
                .map(|(relation, kind)| (relation, kind, end))
        })
    }

    /// The relation one of whose phrases of `kinds` is `words`, all of them, and its kind.
    pub(crate) fn whole_phrase(
        &self,
        words: &[Word],
        kinds: &[Phrases],
    ) -> Option<(Relation, Phrases)> {
        if words.is_empty() || words.iter().any(|w| w.quoted) {
            return None;
        }
        let typed = phrase_key(&join(words));
        self.vocabulary().relations.iter().find_map(|relation| {
            kinds
                .iter()
                .find(|kind| kind.of(relation).iter().any(|p| p.key == typed))
                .map(|kind| (relation.clone(), *kind))
        })
    }

    /// The one entity `words` name exactly, if any (no error: one reading among others).
    pub(crate) fn find_entity(&self, words: &[Word]) -> Option<Entity> {
        if words.is_empty() {
            return None;
        }
        let text = if words.len() == 1 {
            words[0].text.clone()
        } else {
            join(words)
        };
        match self.vocabulary().entities.lookup(&text).as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// The error for words that should name an entity.
    fn entity_error(&self, words: &[Word], whole: &Run) -> ResolveError {
        match self.entity_words(words, whole) {
            Err(error) => error,
            // Unreachable in practice (the caller found no entity); say so plainly.
            Ok(entity) => ResolveError::new(
                span_of(words),
                Text::new(
                    format!("`{}` cannot be used here", entity.label),
                    format!("`{}` non si può usare qui", entity.label),
                ),
            ),
        }
    }

    /// The kind at the start of `words` (after an article): the longest run of words that
    /// names a class with its adjectives — the ontology's qualifiers (`open`) and places'
    /// adjectives (`Chinese`, `cinesi`), before or after it — and how many words it takes.
    fn kind_at(&self, words: &[Word]) -> Option<(Kind, usize)> {
        (1..=words.len())
            .rev()
            .find_map(|end| self.kind(&words[..end]).map(|kind| (kind, end)))
    }

    /// The kind `words` name whole, adjectives taken off both ends until a class is left.
    fn kind(&self, words: &[Word]) -> Option<Kind> {
        let (mut low, mut high) = (0, words.len());
        let (mut qualifiers, mut places) = (Vec::new(), Vec::new());
        loop {
            let rest = Run {
                words: words[low..high].to_vec(),
            };
            if let Some(class) = self.find_class(&rest) {
                return Some(Kind {
                    class,
                    qualifiers,
                    places,
                });
            }
            if high - low < 2 {
                return None;
            }
            if let Some(place) = self.demonym(&words[low]) {
                places.push(place);
                low += 1;
            } else if let Some(place) = self.demonym(&words[high - 1]) {
                places.push(place);
                high -= 1;
            } else if let Some((qualifier, used)) = self.qualifier(&words[low..high], true) {
                qualifiers.push(qualifier);
                low += used;
            } else if let Some((qualifier, used)) = self.qualifier(&words[low..high], false) {
                qualifiers.push(qualifier);
                high -= used;
            } else {
                return None;
            }
        }
    }

    /// Whether `words` start with a place's adjective and have more after it.
    pub(crate) fn starts_with_demonym(&self, words: &[Word]) -> bool {
        words.len() > 1 && self.demonym(&words[0]).is_some()
    }

    /// The one place an adjective names (`Chinese`, `cinesi`).
    fn demonym(&self, word: &Word) -> Option<Entity> {
        if word.quoted {
            return None;
        }
        match self.vocabulary().entities.by_demonym(&word.text).as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// A noun phrase, if `run` starts with a kind; `None` when it does not, so that the
    /// caller may try another reading. Once a kind is found, what follows must be
    /// restrictions, and an error says where they go wrong.
    pub(crate) fn noun_phrase(&self, run: &Run) -> Result<Option<NounPhrase>, ResolveError> {
        // `Google's open models`: the things of the owner, as `open models by Google`.
        if let Some(rewritten) = self.without_possessive(run, "by")
            && let Ok(Some(phrase)) = self.noun_phrase(&rewritten)
        {
            return Ok(Some(phrase));
        }
        let words = &run.words;
        let start = starts_with(words, 0, ARTICLES).unwrap_or(0);
        let Some((kind, used)) = self.kind_at(&words[start..]) else {
            return Ok(None);
        };
        // `which models are open`, `quali aziende sono italiane`: the adjectives after a
        // copula say what they would before the kind.
        let after = &words[start + used..];
        let copula = copula_words(after);
        if copula > 0 && after.len() > copula {
            let mut described = after[copula..].to_vec();
            described.extend_from_slice(&words[start..start + used]);
            if let Some(kind) = self.kind(&described) {
                return Ok(Some(NounPhrase {
                    restrictions: kind.places_restrictions(),
                    class: kind.class,
                    qualifiers: kind.qualifiers,
                }));
            }
        }
        let mut restrictions = kind.places_restrictions();
        restrictions.extend(self.restrictions(run, start + used, &kind.class)?);
        Ok(Some(NounPhrase {
            class: kind.class,
            qualifiers: kind.qualifiers,
            restrictions,
        }))
    }

    /// The restrictions in `run.words[at..]`, of things of `class`.
    fn restrictions(
        &self,
        run: &Run,
        mut at: usize,
        class: &Class,
    ) -> Result<Vec<Restriction>, ResolveError> {
        let words = &run.words;
        let first = at;
        let mut restrictions: Vec<Restriction> = Vec::new();
        let mut last: Option<LinkKind> = None;
        while at < words.len() {
            // `which Chinese companies are there`, `quante aziende cinesi ci sono`.
            if starts_with(words, at, EXISTENTIAL).is_some_and(|n| at + n == words.len()) {
                break;
            }
            // A conjunction between parts: `or` adds to the last restriction.
            let mut alternative = false;
            let mut joined = false;
            if at > first {
                if let Some(n) = starts_with(words, at, AND) {
                    at += n;
                    joined = true;
                } else if let Some(n) = starts_with(words, at, OR) {
                    at += n;
                    joined = true;
                    alternative = true;
                }
            }
            let mut negated = false;
            if let Some(n) = starts_with(words, at, NOT) {
                negated = true;
                at += n;
            }
            let clause = self.link_kind(run, at, class, last.as_ref(), joined || at == first)?;
            negated ^= clause.negated;
            let kind = clause.kind;
            let (link, name_end) = match clause.name {
                NameAt::Known(target, end) => (kind.to(target), end),
                NameAt::Nothing(end) => (kind.to(Target::Anything), end),
                NameAt::From(name_start) => {
                    let name_end = self.name_end(words, name_start);
                    let name_words = &words[name_start..name_end];
                    match self.find_entity(name_words) {
                        Some(entity) => (kind.to(Target::Entity(entity)), name_end),
                        // Not a name: the things of a phrase, which takes the rest.
                        None => match self.nested_phrase(run, name_start)? {
                            Some(phrase) => {
                                (kind.to(Target::Things(Box::new(phrase))), words.len())
                            }
                            None => return Err(self.entity_error(name_words, run)),
                        },
                    }
                }
            };
            let Some(link) = link else {
                let name_words = &words[name_end.min(words.len() - 1)..];
                return Err(self.entity_error(name_words, run));
            };
            match restrictions.last_mut() {
                Some(restriction) if alternative && restriction.negated == negated => {
                    restriction.any_of.push(link);
                }
                _ => restrictions.push(Restriction {
                    negated,
                    any_of: vec![link],
                }),
            }
            last = Some(kind);
            at = name_end;
        }
        Ok(restrictions)
    }

    /// What kind of link starts at `at`, whether its clause is negated (`that do not…`,
    /// `che non…`), and where its name starts. `continued` is whether a conjunction or the
    /// kind itself comes just before, where a clause may start with no pronoun.
    fn link_kind(
        &self,
        run: &Run,
        mut at: usize,
        class: &Class,
        last: Option<&LinkKind>,
        continued: bool,
    ) -> Result<Clause, ResolveError> {
        let words = &run.words;
        if at >= words.len() {
            let end = words.last().map_or(0, |w| w.span.end);
            return Err(ResolveError::new(
                Span::new(end, end),
                Text::new(
                    "the question stops before the name it needs",
                    "la domanda finisce prima del nome che le serve",
                ),
            )
            .with_expected(vec!["a name".to_owned()]));
        }
        // `… ma non da TSMC`, `… or of GAMMA`: the last relation's preposition again, before
        // `da`/`di` may be read as `by`.
        if continued
            && let Some(kind @ LinkKind::Related { relation, .. }) = last
            && at + 1 < words.len()
            && self.repeats_preposition(relation, &words[at])
            && self.clause(words, at, class).is_none()
        {
            return Ok(Clause::named_from(kind.clone(), false, at + 1));
        }
        let relative = starts_with(words, at, RELATIVE);
        if let Some(n) = relative {
            at += n;
        } else if let Some(n) = starts_with(words, at, BY_WORDS) {
            return Ok(Clause::named_from(LinkKind::Developer, false, at + n));
        } else if let Some(n) = starts_with(words, at, IN_WORDS) {
            return Ok(Clause::named_from(LinkKind::Place, false, at + n));
        }
        if let Some((kind, negated, name_start)) = self.clause(words, at, class) {
            return Ok(Clause::named_from(kind, negated, name_start));
        }
        if let Some(clause) = self.predicate_adjective(words, at) {
            return Ok(clause);
        }
        if let Some(clause) = self.having_clause(words, at) {
            return Ok(clause);
        }
        if let Some(clause) = self.name_first_clause(words, at) {
            return Ok(clause);
        }
        // `… or AMD`, `… but not on TSMC`: the last link again, its preposition repeated or not.
        if relative.is_none()
            && continued
            && let Some(kind) = last
        {
            let repeated = match kind {
                LinkKind::Related { relation, .. } => {
                    self.repeats_preposition(relation, &words[at])
                }
                _ => false,
            };
            return Ok(Clause::named_from(
                kind.clone(),
                false,
                at + usize::from(repeated),
            ));
        }
        if let Some(clause) = self.agentless_passive(words, at) {
            return Ok(clause);
        }
        // `companies that depend on`: the relation is whole and its name is missing.
        let end = words.last().map_or(0, |w| w.span.end);
        if self
            .phrase_at(&words[at..], WHOLE_CLAUSE)
            .is_some_and(|(_, _, n)| at + n == words.len())
        {
            return Err(ResolveError::new(
                Span::new(end, end),
                Text::new(
                    "expected a name after the relation",
                    "serve un nome dopo la relazione",
                ),
            )
            .with_expected(vec!["a name".to_owned()]));
        }
        Err(self.restriction_error(run, at, relative.is_some()))
    }

    /// A relative clause's relation at `at` (`depend on NVIDIA`, `ha sviluppato Google`,
    /// `Google develops`): its kind, whether it is negated, and where its name starts (or,
    /// when the name comes first, where it ends).
    fn clause(&self, words: &[Word], at: usize, class: &Class) -> Option<(LinkKind, bool, usize)> {
        let mut at = at;
        let mut negated = false;
        // `do not depend on`, `are not members of`, `non dipendono da`.
        let aux = starts_with(words, at, AUXILIARIES);
        let after_aux = at + aux.unwrap_or(0);
        if let Some(n) = starts_with(words, after_aux, NOT) {
            negated = true;
            at = after_aux + n;
        } else if let Some(n) = starts_with(words, at, NOT) {
            negated = true;
            at += n;
        } else if matches!(words.get(at), Some(w) if matches!(key(w).as_str(), "don't" | "doesn't" | "didn't"))
        {
            negated = true;
            at += 1;
        }
        const CLAUSE: &[Phrases] = &[
            Phrases::Plural,
            Phrases::Direct,
            Phrases::Inverse,
            Phrases::Participle,
            Phrases::Passive,
        ];
        // `are not members of` is `are members of` negated: the phrase is tried with its
        // auxiliary too. `found` is the relation and where the name starts.
        let found = self
            .phrase_at(&words[at..], CLAUSE)
            .map(|(relation, kind, n)| (relation, kind, at + n))
            .or_else(|| {
                let aux = aux.filter(|_| negated && at > after_aux)?;
                let mut phrase: Vec<Word> = words[after_aux - aux..after_aux].to_vec();
                phrase.extend_from_slice(&words[at..]);
                let (relation, kind, n) = self.phrase_at(&phrase, CLAUSE)?;
                (n > aux).then(|| (relation, kind, at + n - aux))
            });
        if let Some((relation, kind, name_start)) = found
            && name_start < words.len()
        {
            let mut direction = clause_direction(class, &relation, kind, &words[at..name_start]);
            // Italian may put a plural subject after its verb, with its article: in `quali
            // modelli hanno sviluppato le aziende cinesi` the companies develop the models.
            if direction == Direction::Subjects
                && self.subject_after_verb(
                    class,
                    &relation,
                    &words[at..name_start],
                    &words[name_start..],
                )
            {
                direction = Direction::Objects;
            }
            return Some((
                LinkKind::Related {
                    relation: Box::new(relation),
                    direction,
                },
                negated,
                name_start,
            ));
        }
        None
    }
    /// Whether the words after a bare verb are its subject: an Italian article (the last word
    /// of the phrase as read, or the first after it) and a kind nearer the relation's domain
    /// than the clause's own kind, which is nearer its range.
    fn subject_after_verb(
        &self,
        class: &Class,
        relation: &Relation,
        phrase: &[Word],
        after: &[Word],
    ) -> bool {
        let is_article =
            |word: &Word| !word.quoted && ITALIAN_ARTICLES.contains(&key(word).as_str());
        let after = match (phrase.last(), after.first()) {
            (Some(last), _) if is_article(last) => after,
            (_, Some(first)) if is_article(first) => &after[1..],
            _ => return false,
        };
        let Ok(Some(subject)) = self.noun_phrase(&Run {
            words: after.to_vec(),
        }) else {
            return false;
        };
        let nearer = |class: &Class, ends: &[oxrdf::NamedNode], other: &[oxrdf::NamedNode]| match (
            class.distance_to(ends),
            class.distance_to(other),
        ) {
            (Some(near), Some(far)) => near < far,
            (Some(_), None) => true,
            _ => false,
        };
        nearer(class, &relation.range, &relation.domain)
            && nearer(&subject.class, &relation.domain, &relation.range)
    }

    /// A clause with its subject first: `that Google develops`, `che Google ha sviluppato`,
    /// `did Google develop`; the thing is the relation's object. The phrase ends the clause
    /// (at the next word that joins parts, or the end).
    fn name_first_clause(&self, words: &[Word], at: usize) -> Option<Clause> {
        const CLAUSE: &[Phrases] = &[Phrases::Direct, Phrases::Inverse, Phrases::Plural];
        let at = at + starts_with(words, at, AUXILIARIES).unwrap_or(0);
        let ends: Vec<usize> = (at + 2..words.len())
            .filter(|&i| self.joins_parts(words, i))
            .chain(std::iter::once(words.len()))
            .collect();
        for &end in ends.iter().rev() {
            for split in at + 1..end {
                let Some((relation, _)) = self.whole_phrase(&words[split..end], CLAUSE) else {
                    continue;
                };
                let subject = &words[at..split];
                // A name, or the things of a phrase (`did Chinese companies release`).
                let target = match self.find_entity(subject) {
                    Some(entity) => Target::Entity(entity),
                    None => match self.noun_phrase(&Run {
                        words: subject.to_vec(),
                    }) {
                        Ok(Some(phrase)) => Target::Things(Box::new(phrase)),
                        _ => continue,
                    },
                };
                return Some(Clause {
                    kind: LinkKind::Related {
                        relation: Box::new(relation),
                        direction: Direction::Objects,
                    },
                    negated: false,
                    name: NameAt::Known(target, end),
                });
            }
        }
        None
    }

    /// `have a cloud agreement with OpenAI`, `hanno investimenti in OpenAI`, `have raised
    /// concerns about Microsoft`: having a statement of a kind the ontology records a relation
    /// by, with the name after a preposition. The thing is the relation's subject; after
    /// `with`/`con` it may be either party. A word before the kind may qualify it (`cloud`).
    fn having_clause(&self, words: &[Word], at: usize) -> Option<Clause> {
        let mut at = at + starts_with(words, at, HAVING)?;
        at += starts_with(words, at, ARTICLES).unwrap_or(0);
        let preposition = (at + 1..words.len())
            .find(|&i| !words[i].quoted && PREPOSITIONS.contains(&key(&words[i]).as_str()))?;
        let relation = (at..preposition.min(at + 2)).find_map(|start| {
            let class = self.find_class(&Run {
                words: words[start..preposition].to_vec(),
            })?;
            self.vocabulary()
                .relations
                .iter()
                .find(|r| r.statement.as_ref().is_some_and(|s| s.class == class.iri))
        })?;
        let mut relation = relation.clone();
        // A party to an agreement is on either side of it.
        relation.symmetric |= WITH.contains(&key(&words[preposition]).as_str());
        Some(Clause::named_from(
            LinkKind::Related {
                relation: Box::new(relation),
                direction: Direction::Subjects,
            },
            false,
            preposition + 1,
        ))
    }

    /// `are open`, `sono cinesi`, `are not Chinese`: a copula and an adjective — the
    /// ontology's (`open`) or a place's (`Chinese`) — up to the end or a word that joins parts.
    fn predicate_adjective(&self, words: &[Word], at: usize) -> Option<Clause> {
        // `are not open`, or the Italian order `non sono aperti`.
        let before = starts_with(words, at, NOT);
        let mut at = at + before.unwrap_or(0);
        at += starts_with(words, at, COPULAS)?;
        let after = starts_with(words, at, NOT).filter(|_| before.is_none());
        at += after.unwrap_or(0);
        let negated = before.or(after);
        let end =
            (at + 1..=words.len()).find(|&i| i == words.len() || self.joins_parts(words, i))?;
        let adjective = &words[at..end];
        if adjective.iter().any(|w| w.quoted) {
            return None;
        }
        if let [word] = adjective
            && let Some(place) = self.demonym(word)
        {
            return Some(Clause {
                kind: LinkKind::Place,
                negated: negated.is_some(),
                name: NameAt::Known(Target::Entity(place), end),
            });
        }
        let typed = phrase_key(&join(adjective));
        let qualifier = self
            .vocabulary()
            .qualifiers
            .iter()
            .find(|q| q.phrases.iter().any(|p| p.key == typed))?;
        Some(Clause {
            kind: LinkKind::Qualified(qualifier.clone()),
            negated: negated.is_some(),
            name: NameAt::Nothing(end),
        })
    }

    /// A passive with no agent, after a copula or none: `released`, `were released`, `not
    /// released`, `sono stati rilasciati`, `creati`. The clause ends the phrase or comes before
    /// a word that joins parts; the thing is the relation's object, whoever its subject.
    fn agentless_passive(&self, words: &[Word], at: usize) -> Option<Clause> {
        let mut at = at;
        at += starts_with(words, at, COPULAS)
            .or_else(|| starts_with(words, at, AUXILIARIES))
            .unwrap_or(0);
        // `have been released`, `has been developed`.
        if matches!(words.get(at), Some(w) if !w.quoted && key(w) == "been") {
            at += 1;
        }
        let negated = starts_with(words, at, NOT);
        at += negated.unwrap_or(0);
        let verb = words.get(at).filter(|w| !w.quoted)?;
        let end = at + 1;
        if end < words.len() && !self.joins_parts(words, end) {
            return None;
        }
        let typed = key(verb);
        let relation = self.vocabulary().relations.iter().find(|relation| {
            relation
                .passives
                .iter()
                .any(|p| p.key.rsplit_once(' ').map(|(participle, _)| participle) == Some(&typed))
        })?;
        Some(Clause {
            kind: LinkKind::Related {
                relation: Box::new(relation.clone()),
                direction: Direction::Objects,
            },
            negated: negated.is_some(),
            name: NameAt::Nothing(end),
        })
    }

    /// Whether every relation the phrase's thing is tied to takes such things at that end,
    /// as the ontology declares its domain and range (a class below or above the declared
    /// one fits). Imported data may go beyond the declarations, so this only ranks readings.
    pub(crate) fn fits_its_relations(&self, phrase: &NounPhrase) -> bool {
        let classes = &self.vocabulary().classes;
        let fits = |ends: &[oxrdf::NamedNode]| {
            ends.is_empty()
                || phrase.class.fits(ends)
                || classes
                    .iter()
                    .any(|c| ends.contains(&c.iri) && c.ancestors.contains(&phrase.class.iri))
        };
        phrase
            .restrictions
            .iter()
            .filter(|restriction| !restriction.negated)
            .flat_map(|restriction| &restriction.any_of)
            .all(|link| match link {
                Link::Related {
                    relation,
                    direction,
                    ..
                } => fits(match direction {
                    Direction::Subjects => &relation.domain,
                    Direction::Objects => &relation.range,
                }),
                _ => true,
            })
    }

    /// A yes-or-no question: a name, then a clause as a relative clause would have it,
    /// with the auxiliary that started the question put back where a phrase needs it (`is`
    /// in `is a member of`, `is Chinese`). The clause's phrase may be of either language, so
    /// Italian states the question (`NVIDIA dipende da TSMC?`) with no auxiliary.
    pub(crate) fn yes_or_no(
        &self,
        run: &Run,
        auxiliary: Option<&Word>,
    ) -> Result<Plan, ResolveError> {
        let words = &run.words;
        let thing = self.vocabulary().entity_class();
        let mut first_error = None;
        // The longest run of words that names an entity, then the clause.
        for end in (1..words.len()).rev() {
            let (Some(entity), Some(class)) = (self.find_entity(&words[..end]), thing) else {
                continue;
            };
            let mut readings = Vec::new();
            if let Some(auxiliary) = auxiliary {
                let mut with_auxiliary = vec![auxiliary.clone()];
                with_auxiliary.extend_from_slice(&words[end..]);
                readings.push(Run {
                    words: with_auxiliary,
                });
            }
            readings.push(Run {
                words: words[end..].to_vec(),
            });
            for clause in &readings {
                match self.restrictions(clause, 0, class) {
                    Ok(restrictions) if !restrictions.is_empty() => {
                        let italian = auxiliary.is_none()
                            && crate::advise::language_of(&run.text(), self.vocabulary())
                                == Some(crate::vocabulary::Lang::It);
                        return Ok(Plan::Check {
                            entity,
                            restrictions,
                            italian,
                        });
                    }
                    Ok(_) => {}
                    Err(error) => {
                        first_error.get_or_insert(error);
                    }
                }
            }
        }
        Err(first_error.unwrap_or_else(|| {
            ResolveError::new(
                run.span(),
                Text::new(
                    "expected a name and what to ask of it (`does NVIDIA depend on TSMC`, `is                      DeepSeek based in China`)",
                    "servono un nome e cosa chiederne (`NVIDIA dipende da TSMC?`, `DeepSeek ha                      sede in Cina?`)",
                ),
            )
        }))
    }

    /// The words with an English possessive undone: `OpenAI's competitors` → `competitors
    /// <joiner> OpenAI`, the owner (a name, after any article) moved after the rest. `None`
    /// when no word before `'s` ends a name.
    pub(crate) fn without_possessive(&self, run: &Run, joiner: &str) -> Option<Run> {
        let words = &run.words;
        let start = starts_with(words, 0, ARTICLES).unwrap_or(0);
        let (at, stem) = words.iter().enumerate().skip(start).find_map(|(i, word)| {
            let stem = (!word.quoted)
                .then(|| {
                    word.text
                        .strip_suffix("'s")
                        .or_else(|| word.text.strip_suffix("’s"))
                })
                .flatten()?;
            (!stem.is_empty()).then(|| (i, stem.to_owned()))
        })?;
        if at + 1 >= words.len() {
            return None;
        }
        let mut owner = words[start..at].to_vec();
        owner.push(Word {
            text: stem,
            span: words[at].span,
            quoted: false,
        });
        self.find_entity(&owner)?;
        let mut rewritten = words[at + 1..].to_vec();
        rewritten.push(Word {
            text: joiner.to_owned(),
            span: words[at].span,
            quoted: false,
        });
        rewritten.extend(owner);
        Some(Run { words: rewritten })
    }

    /// Names joined by commas and `and`/`or` (`Microsoft and Google`, `NVIDIA, AMD o TSMC`):
    /// the entities in order, and whether all must hold (`and`, `e`) rather than any (`or`,
    /// `o`). `None` when `text` is not such a list of two names or more, or mixes the two.
    pub(crate) fn name_list(&self, text: &str) -> Option<(Vec<Entity>, bool)> {
        let tokens = text
            .split_whitespace()
            .flat_map(|word| with_comma_apart(word, false))
            .collect();
        self.names_joined(tokens)
    }

    /// [`name_list`](Self::name_list) of typed words: a quoted name is one name whatever its
    /// words (`"Chip 0" and "Chip 1"`), never a comma or a conjunction.
    pub(crate) fn name_list_of_words(&self, words: &[Word]) -> Option<(Vec<Entity>, bool)> {
        let tokens = words
            .iter()
            .flat_map(|word| with_comma_apart(&word.text, word.quoted))
            .collect();
        self.names_joined(tokens)
    }

    /// The names of `tokens` (a word and whether it was quoted) joined by commas and
    /// conjunctions.
    fn names_joined(&self, tokens: Vec<(&str, bool)>) -> Option<(Vec<Entity>, bool)> {
        // A comma joins without saying how; a conjunction says all or any.
        let joiner = |(token, quoted): (&str, bool)| -> Option<Option<bool>> {
            if quoted {
                None
            } else if token == "," {
                Some(None)
            } else {
                conjunction(&token.to_lowercase()).map(Some)
            }
        };
        let mut entities = Vec::new();
        let mut all: Option<bool> = None;
        let mut at = 0;
        while at < tokens.len() {
            // The longest run of words up to a joiner (or the end) that names one entity.
            let (end, entity) = (at + 1..=tokens.len())
                .rev()
                .filter(|&end| end == tokens.len() || joiner(tokens[end]).is_some())
                .find_map(|end| {
                    match self
                        .vocabulary()
                        .entities
                        .lookup(&join_tokens(&tokens[at..end]))[..]
                    {
                        [entity] => Some((end, entity.clone())),
                        _ => None,
                    }
                })?;
            entities.push(entity);
            at = end;
            // Joiners between names: a comma, a conjunction, or a comma and a conjunction.
            let mut joined = false;
            while let Some(kind) = tokens.get(at).and_then(|t| joiner(*t)) {
                if let Some(kind) = kind {
                    if all.is_some_and(|all| all != kind) {
                        return None;
                    }
                    all = Some(kind);
                }
                joined = true;
                at += 1;
            }
            if joined && at == tokens.len() {
                return None;
            }
        }
        (entities.len() > 1).then(|| (entities, all.unwrap_or(true)))
    }

    /// The things at one end of `relation` from each of `entities`: all of them, or any.
    /// Their kind is the one the relation declares there, else any entity.
    pub(crate) fn related_to_all(
        &self,
        relation: &Relation,
        direction: Direction,
        entities: Vec<Entity>,
        all: bool,
    ) -> Option<NounPhrase> {
        let class = self.class_at_end(relation, direction)?;
        let link = |entity: Entity| Link::Related {
            relation: Box::new(relation.clone()),
            direction,
            target: Target::Entity(entity),
        };
        let restrictions = if all {
            entities
                .into_iter()
                .map(|entity| Restriction {
                    negated: false,
                    any_of: vec![link(entity)],
                })
                .collect()
        } else {
            vec![Restriction {
                negated: false,
                any_of: entities.into_iter().map(link).collect(),
            }]
        };
        Some(NounPhrase {
            class,
            qualifiers: vec![],
            restrictions,
        })
    }

    /// The class a relation declares at the end the things are (`Subjects`: its domain),
    /// when it declares one; else any entity.
    pub(crate) fn class_at_end(&self, relation: &Relation, direction: Direction) -> Option<Class> {
        let ends = match direction {
            Direction::Subjects => &relation.domain,
            Direction::Objects => &relation.range,
        };
        let classes = &self.vocabulary().classes;
        match ends.as_slice() {
            [one] => classes.iter().find(|c| c.iri == *one),
            _ => None,
        }
        .or_else(|| self.vocabulary().entity_class())
        .cloned()
    }

    /// A noun phrase from `run.words[start..]` to the end, the target of a link (`by Chinese
    /// companies`); `None` when no kind starts there.
    fn nested_phrase(&self, run: &Run, start: usize) -> Result<Option<NounPhrase>, ResolveError> {
        self.noun_phrase(&Run {
            words: run.words[start..].to_vec(),
        })
    }

    /// Whether `word` is the preposition the relation's phrases end in (`on` in `depend on`),
    /// repeated before another name (`but not on TSMC`).
    pub(crate) fn repeats_preposition(&self, relation: &Relation, word: &Word) -> bool {
        let typed = key(word);
        [
            &relation.phrases,
            &relation.plural_phrases,
            &relation.inverse_phrases,
        ]
        .into_iter()
        .flatten()
        .any(|p| p.key.rsplit(' ').next() == Some(typed.as_str()))
    }

    /// Where a name starting at `start` ends: at the longest run that names an entity,
    /// stopping only before a word that joins parts; at the next such word when none does.
    fn name_end(&self, words: &[Word], start: usize) -> usize {
        let boundaries: Vec<usize> = (start + 1..words.len())
            .filter(|&i| self.joins_parts(words, i))
            .chain(std::iter::once(words.len()))
            .collect();
        boundaries
            .iter()
            .rev()
            .find(|&&end| self.find_entity(&words[start..end]).is_some())
            .or(boundaries.first())
            .copied()
            .unwrap_or(words.len())
    }

    /// Whether a part of the phrase may start at `words[i]`.
    fn joins_parts(&self, words: &[Word], i: usize) -> bool {
        [AND, OR, RELATIVE, BY_WORDS, IN_WORDS]
            .iter()
            .any(|set| starts_with(words, i, set).is_some())
    }

    /// Nothing reads at `at`: say what may come there.
    fn restriction_error(&self, run: &Run, at: usize, after_pronoun: bool) -> ResolveError {
        let expected = if after_pronoun {
            Text::new(
                "a relation, as in `companies that depend on NVIDIA`",
                "una relazione, come in `aziende che dipendono da NVIDIA`",
            )
        } else {
            Text::new(
                "`by` a name, `in` a place, or `that` and a relation",
                "`di` un nome, `in` un luogo, o `che` e una relazione",
            )
        };
        let candidates: Vec<&str> = self
            .vocabulary()
            .relations
            .iter()
            .flat_map(|r| r.plural_phrases.iter().chain(&r.phrases))
            .map(|p| p.text.as_str())
            .collect();
        // `companies that`: the question stops where the relation should be.
        let Some(word) = run.words.get(at) else {
            let end = run.span().end;
            return ResolveError::new(
                Span::new(end, end),
                Text::new(
                    format!("the question stops early: expected {}", expected.en),
                    format!("la domanda finisce presto: serve {}", expected.it),
                ),
            )
            .with_expected(vec![expected.en.clone()]);
        };
        let tail = join(&run.words[at..(at + 3).min(run.words.len())]);
        ResolveError::new(
            word.span,
            Text::new(
                format!("unexpected `{}`: expected {}", word.text, expected.en),
                format!("`{}` inatteso: serve {}", word.text, expected.it),
            ),
        )
        .with_expected(vec![expected.en.clone()])
        .with_suggestions(crate::suggest::closest(&tail, candidates, 3))
    }

    /// A noun phrase for a run that must hold one, with an error when it starts with no kind.
    pub(crate) fn required_noun_phrase(&self, run: &Run) -> Result<NounPhrase, ResolveError> {
        match self.noun_phrase(run)? {
            Some(phrase) => Ok(phrase),
            None => {
                let words = &run.words;
                let mut start = starts_with(words, 0, ARTICLES).unwrap_or(0);
                // `Chinese compnies`: the error names the kind, not the adjective.
                while start + 1 < words.len() && self.demonym(&words[start]).is_some() {
                    start += 1;
                }
                let end = (start + 1..=words.len())
                    .find(|&i| i == words.len() || self.joins_parts(words, i))
                    .unwrap_or(words.len());
                let kind = Run {
                    words: words[start.min(end)..end].to_vec(),
                };
                Err(match self.qualified_class(&kind) {
                    Err(error) => error,
                    Ok(_) => ResolveError::new(
                        run.span(),
                        Text::new("expected a kind of thing", "serve un tipo di cosa"),
                    ),
                })
            }
        }
    }

    /// A question whose preposition comes first: `da quali chip dipende DeepSeek`, `in quali
    /// aziende ha investito Microsoft`, `in which companies did Microsoft invest`, `in quante
    /// aziende ha investito Microsoft`. The preposition ends the relation's phrase; the thing
    /// is its object. The phrase, and whether a count is asked; `None` for another shape.
    pub(crate) fn fronted_question(&self, run: &Run) -> Option<(NounPhrase, bool)> {
        const ASKING: &[(&str, bool)] = &[
            ("which", false),
            ("what", false),
            ("quali", false),
            ("quale", false),
            ("how many", true),
            ("quanti", true),
            ("quante", true),
        ];
        let words = &run.words;
        let preposition = words.first().filter(|w| !w.quoted)?;
        if !PREPOSITIONS.contains(&key(preposition).as_str()) {
            return None;
        }
        let (asked, count) = ASKING
            .iter()
            .find_map(|(word, count)| starts_with(words, 1, &[*word]).map(|n| (n, *count)))?;
        let kind_start = 1 + asked;
        let (kind, used) = self.kind_at(words.get(kind_start..)?)?;
        let rest = kind_start + used;
        const VERB: &[Phrases] = &[Phrases::Direct, Phrases::Plural, Phrases::Inverse];
        let with_preposition = |verb: &[Word]| {
            let mut phrase = verb.to_vec();
            phrase.push(preposition.clone());
            self.whole_phrase(&phrase, VERB)
                .map(|(relation, _)| relation)
        };
        // Italian: the verb, then its subject (`ha investito Microsoft`); English: an
        // auxiliary, the subject, then the verb (`did Microsoft invest`).
        let after_aux = rest + starts_with(words, rest, AUXILIARIES).unwrap_or(0);
        let found = (rest + 1..words.len())
            .find_map(|split| {
                let relation = with_preposition(&words[rest..split])?;
                Some((relation, self.find_entity(&words[split..])?))
            })
            .or_else(|| {
                (after_aux + 1..words.len()).find_map(|split| {
                    let relation = with_preposition(&words[split..])?;
                    Some((relation, self.find_entity(&words[after_aux..split])?))
                })
            });
        let (relation, entity) = found?;
        let link = Link::Related {
            relation: Box::new(relation),
            direction: Direction::Objects,
            target: Target::Entity(entity),
        };
        let mut restrictions = kind.places_restrictions();
        restrictions.push(Restriction {
            negated: false,
            any_of: vec![link],
        });
        let phrase = NounPhrase {
            class: kind.class,
            qualifiers: kind.qualifiers,
            restrictions,
        };
        Some((phrase, count))
    }

    /// `the investors in OpenAI`, `gli investitori di OpenAI`, `the products of NVIDIA`: a
    /// relation's noun and a name.
    pub(crate) fn relation_noun(
        &self,
        run: &Run,
    ) -> Result<Option<(Relation, Direction, Entity)>, ResolveError> {
        let words = &run.words;
        let start = starts_with(words, 0, ARTICLES).unwrap_or(0);
        let Some((relation, kind, used)) = self.phrase_at(
            &words[start..],
            &[Phrases::SubjectNoun, Phrases::ObjectNoun],
        ) else {
            return Ok(None);
        };
        let direction = if kind == Phrases::SubjectNoun {
            Direction::Subjects
        } else {
            Direction::Objects
        };
        let entity = self.entity_words(&words[start + used..], run)?;
        Ok(Some((relation, direction, entity)))
    }
}

/// Every kind of phrase a clause may take.
const WHOLE_CLAUSE: &[Phrases] = &[
    Phrases::Plural,
    Phrases::Direct,
    Phrases::Inverse,
    Phrases::Participle,
    Phrases::Passive,
];

/// Prepositions a relation phrase may end in: then the name after it is the relation's object.
const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "to", "with", "by", "for", "from", "at", "about", "into", "di", "a", "da",
    "su", "con", "per", "tra", "fra",
];

/// Which end of the relation the noun phrase's thing is, in a clause whose phrase comes
/// first. A plural phrase (`dipendono da`) agrees with the thing: its subject. So does a
/// phrase ending in a preposition (`è membro di UALink`), whose name is the object. A bare
/// verb (`ha sviluppato Google`) may have its subject after it, as Italian puts it: the thing
/// is the object when its kind is nearer the relation's range than its domain (a model is a
/// product, what is developed, before it is an actor, what develops).
fn clause_direction(
    class: &Class,
    relation: &Relation,
    kind: Phrases,
    phrase: &[Word],
) -> Direction {
    let ends_in_preposition = phrase
        .last()
        .is_some_and(|word| PREPOSITIONS.contains(&key(word).as_str()));
    if kind == Phrases::Passive {
        return Direction::Objects;
    }
    // A plural phrase agrees with the plural kind before it, unless the same words are also
    // a singular phrase of the relation (`produce`: English plural, Italian singular, as in
    // `quali chip produce NVIDIA`): then the kinds of its ends decide.
    if ends_in_preposition {
        return Direction::Subjects;
    }
    let (to_domain, to_range) = (
        class.distance_to(&relation.domain),
        class.distance_to(&relation.range),
    );
    // A thing that can only be the object is the object, whatever the verb agrees with: in
    // `quali modelli hanno sviluppato le aziende cinesi` the companies develop, not the models.
    if to_domain.is_none() && to_range.is_some() {
        return Direction::Objects;
    }
    let typed = phrase_key(&join(phrase));
    let also_singular = relation.phrases.iter().any(|p| p.key == typed);
    if kind == Phrases::Plural && !also_singular {
        return Direction::Subjects;
    }
    // English puts the subject first: in `which companies joined GAMMA` the kind before the
    // verb is its subject, whatever the kinds of the relation's ends.
    let langs: Vec<Lang> = [&relation.phrases, &relation.plural_phrases]
        .into_iter()
        .flatten()
        .filter(|p| p.key == typed)
        .map(|p| p.lang)
        .collect();
    if !langs.is_empty() && langs.iter().all(|lang| *lang == Lang::En) {
        return Direction::Subjects;
    }
    match (to_domain, to_range) {
        (None, Some(_)) => Direction::Objects,
        (Some(subject), Some(object)) if object < subject => Direction::Objects,
        _ => Direction::Subjects,
    }
}

/// A word and the comma it ends in as two tokens (`AMD,` → `AMD` `,`); a quoted word whole.
fn with_comma_apart(word: &str, quoted: bool) -> Vec<(&str, bool)> {
    match word.strip_suffix(',') {
        Some(stem) if !stem.is_empty() && !quoted => vec![(stem, false), (",", false)],
        _ => vec![(word, quoted)],
    }
}

/// The words of tokens, as one name is looked up.
fn join_tokens(tokens: &[(&str, bool)]) -> String {
    let words: Vec<&str> = tokens.iter().map(|(word, _)| *word).collect();
    words.join(" ")
}

/// Whether a word joins parts as `and` or `or` do (`and`, `e`, `or`, `o`…).
pub(crate) fn is_conjunction(word: &Word) -> bool {
    !word.quoted && conjunction(&key(word)).is_some()
}

/// What a conjunction asks of the parts it joins: all of them (`and`, `e`, `but`), or any
/// (`or`, `o`); `None` for another word.
fn conjunction(typed: &str) -> Option<bool> {
    if AND.contains(&typed) {
        Some(true)
    } else if OR.contains(&typed) {
        Some(false)
    } else {
        None
    }
}

/// How many words of a leading article `words` start with (`the`, `gli`).
pub(crate) fn article_words(words: &[Word]) -> usize {
    starts_with(words, 0, ARTICLES).unwrap_or(0)
}

/// How many words of a leading copula `words` start with (`is`, `sono`, `è stato`).
pub(crate) fn copula_words(words: &[Word]) -> usize {
    starts_with(words, 0, COPULAS).unwrap_or(0)
}

/// How many words of a leading auxiliary `words` start with (`did`, `does`).
pub(crate) fn auxiliary_words(words: &[Word]) -> usize {
    starts_with(words, 0, AUXILIARIES).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_closed_class_entry_is_longer_than_starts_with_looks() {
        for entry in closed_class_words() {
            assert!(entry.split(' ').count() <= LONGEST_ENTRY, "{entry}");
        }
    }
}
