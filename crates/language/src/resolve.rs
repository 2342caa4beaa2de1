//! Resolution: the parsed question's names and word runs → IRIs of the graph and terms of the
//! ontology (relations by their phrases, classes by their plurals, measures by their names).

use oxrdf::NamedNode;

use crate::ast::{Name, Question, Run, Span, TimeFilter, Word};
use crate::diagnostic::{Diagnostic, Text};
use crate::noun_phrase::NounPhrase;
use crate::suggest;
use crate::vocabulary::{
    Class, Entity, Lang, Measure, Phrase, Qualifier, Relation, Vocabulary, phrase_key,
};

/// Why a question does not resolve: a [`Diagnostic`] with its place in the question.
pub type ResolveError = Diagnostic;

/// Which end of a relation the question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `who depends on X`: the subjects `?who R X`.
    Subjects,
    /// `what does X depend on`: the objects `X R ?what`.
    Objects,
}

/// How `count … by …` groups.
#[derive(Debug, Clone)]
pub struct Grouping {
    pub relation: Relation,
    /// Group by the subject of the relation (`?developer develops ?model`) rather than its
    /// object (`?company basedIn ?country`).
    pub by_subject: bool,
    pub label: String,
    /// The class the groups are instances of, when a grouping phrase of the relation names a
    /// class (its label or plural: `country` names cat:Country): the groups are then the
    /// instances of that class the values nest in (`?company basedIn ?city` counts under the
    /// city's country), never a value of another class.
    pub class: Option<NamedNode>,
}

/// The named ends of a relation asked about with its details.
#[derive(Debug, Clone)]
pub enum Ends {
    Both { subject: Entity, object: Entity },
    Subject(Entity),
    Object(Entity),
}

/// A resolved question: what to ask, in terms of the graph.
#[derive(Debug, Clone)]
pub enum Plan {
    Sparql(String),
    Related {
        relation: Relation,
        entity: Entity,
        direction: Direction,
        transitive: bool,
    },
    /// How a relation holds between two named ends, or from one, with its statements'
    /// details: `how much did SoftBank commit to Stargate`, `quando ha investito Microsoft in
    /// OpenAI`, `how much did Microsoft invest`, `quanto vale il piano della Francia`.
    Between {
        relation: Relation,
        ends: Ends,
        /// The column asked for, shown first: `amount` for how much, `date` for when.
        asked: Option<&'static str>,
    },
    Describe(Entity),
    /// The first plan's answer or, when it has no rows, the other's: a figure the documents
    /// state (`how many GPUs did Grok 3 use`), else a count of the graph's things (`how many
    /// companies are members of UALink`), where the words read both ways.
    Either {
        first: Box<Plan>,
        otherwise: Box<Plan>,
    },
    /// Whether a name meets restrictions (`does NVIDIA depend on TSMC`): yes or no, in the
    /// question's language.
    Check {
        entity: Entity,
        restrictions: Vec<crate::noun_phrase::Restriction>,
        italian: bool,
    },
    /// The dates of a name (`when was Stargate announced`, `quando è stata fondata
    /// DeepSeek`): each date-valued fact about it.
    Dates(Entity),
    /// The dates of the statements two names are both part of (`when did Microsoft and
    /// OpenAI revise their agreement`): of the date properties given, when the question's
    /// words named some (`revise` names the revision date), else of every one.
    DatesBetween {
        names: [Entity; 2],
        properties: Vec<NamedNode>,
    },
    Path {
        from: Entity,
        to: Entity,
    },
    /// The things a noun phrase names: `list companies in France`, `which companies depend
    /// on NVIDIA`.
    List(NounPhrase),
    Count {
        phrase: NounPhrase,
        group: Option<Grouping>,
    },
    Top {
        limit: u32,
        class: Class,
        measure: Measure,
    },
    /// A measure's observations, of one subject or (`how many foundation model developers
    /// are there`) of any.
    Attribute {
        measure: Measure,
        entity: Option<Entity>,
    },
    Investments {
        investor: Option<Entity>,
        recipient: Option<Entity>,
    },
    Releases {
        by: Option<Entity>,
        class_in: Option<(Class, Entity)>,
    },
    CloudDeals {
        exclusive_only: bool,
    },
    Concerns {
        raised_by: Option<Entity>,
        about: Option<Entity>,
    },
}

/// A plan with the modifiers that apply to it.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub explain: bool,
    pub plan: Plan,
    pub time: Option<TimeFilter>,
    pub with_sources: bool,
    /// `first 20 …`: the rows of a page.
    pub first: Option<u32>,
}

/// A relation phrase with no name after it.
fn name_missing(span: Span) -> ResolveError {
    ResolveError::new(
        span,
        Text::new(
            "expected a name after the relation",
            "serve un nome dopo la relazione",
        ),
    )
    .with_expected(vec!["a name".to_owned()])
}

/// Resolves a parsed question against the vocabulary.
///
/// A question is read by trying its readings in turn, and a reading that fails makes an
/// error whose "did you mean" scores every name; such errors are thrown away when a later
/// reading holds. So a question is first resolved without suggestions, and only when it
/// fails, again for its error with them (the readings do not depend on suggestions).
pub fn resolve(question: &Question, vocabulary: &Vocabulary) -> Result<Resolved, ResolveError> {
    // A search that throws every error away (advice, completion) asked for none: once is enough.
    if crate::suggest::suggestions_off() {
        return resolve_once(question, vocabulary);
    }
    crate::suggest::without_suggestions(|| resolve_once(question, vocabulary))
        .or_else(|_| resolve_once(question, vocabulary))
}

fn resolve_once(question: &Question, vocabulary: &Vocabulary) -> Result<Resolved, ResolveError> {
    let resolver = Resolver { vocabulary };
    let transitive = question.modifiers.transitive;
    let plan = statements_as_rows(
        &resolver,
        question.form.plan(&resolver, transitive.is_some())?,
    );
    if let Some(span) = transitive
        && !matches!(plan, Plan::Related { .. })
    {
        return Err(ResolveError::new(
            span,
            Text::new(
                "`transitively` applies to relation questions such as `who depends on TSMC \
                 transitively`",
                "`transitivamente` vale per le domande su una relazione, come `chi dipende da \
                 TSMC transitivamente`",
            ),
        ));
    }
    if let Some((_, span)) = question.modifiers.time
        && !is_dated(&plan)
    {
        return Err(ResolveError::new(
            span,
            Text::new(
                "this question's facts carry no date: time filters apply to investments, \
                 releases, concerns, cloud deals, observations and relations recorded with a date",
                "i fatti di questa domanda non hanno data: i filtri di tempo valgono per \
                 investimenti, rilasci, preoccupazioni, accordi cloud, osservazioni e relazioni \
                 registrate con una data",
            ),
        ));
    }
    Ok(Resolved {
        explain: question.explain,
        plan,
        time: question.modifiers.time.map(|(filter, _)| filter),
        with_sources: question.modifiers.with_sources,
        first: question.modifiers.first,
    })
}

/// The words of a name, each with its place in the question (a name's text is its words
/// joined by single spaces).
fn name_words(name: &Name) -> Run {
    let mut at = name.span.start;
    let words = name
        .text
        .split(' ')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let span = Span::new(at, at + word.len());
            at += word.len() + 1;
            Word {
                text: word.to_owned(),
                span,
                quoted: false,
            }
        })
        .collect();
    Run { words }
}

/// `what did the FTC raise`, `cosa ha sollevato la FTC`: a relation whose answers are
/// statements (concerns, investments) lists them as statements, a row each with its roles
/// and attributes, rather than as nodes with no name.
fn statements_as_rows(resolver: &Resolver<'_>, plan: Plan) -> Plan {
    let Plan::Related {
        relation,
        entity,
        direction,
        transitive: false,
    } = &plan
    else {
        return plan;
    };
    let statement_forms = &resolver.vocabulary.statement_forms;
    let of_statements = resolver
        .class_at_end(relation, *direction)
        .is_some_and(|class| {
            statement_forms
                .iter()
                .any(|form| class.ancestors.contains(&form.class))
        });
    let rows = of_statements
        .then(|| resolver.related_to_all(relation, *direction, vec![entity.clone()], true))
        .flatten();
    rows.map_or(plan, Plan::List)
}

fn is_dated(plan: &Plan) -> bool {
    match plan {
        Plan::Related {
            relation,
            transitive,
            ..
        } => relation.statement.is_some() && !transitive,
        Plan::Between { relation, .. } => relation.statement.is_some(),
        Plan::Investments { .. }
        | Plan::List { .. }
        | Plan::Count { .. }
        | Plan::Releases { .. }
        | Plan::CloudDeals { .. }
        | Plan::Concerns { .. }
        | Plan::Attribute { .. }
        | Plan::Top { .. } => true,
        Plan::Either { first, otherwise } => is_dated(first) && is_dated(otherwise),
        _ => false,
    }
}

/// Names and word runs → terms of the lexicon: what the forms resolve their nodes with
/// ([`crate::forms`]).
pub(crate) struct Resolver<'a> {
    vocabulary: &'a Vocabulary,
}

impl Resolver<'_> {
    pub(crate) fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary
    }

    /// An entity for an optional name.
    pub(crate) fn optional_entity(
        &self,
        name: Option<&Name>,
    ) -> Result<Option<Entity>, ResolveError> {
        name.map(|n| self.entity(n)).transpose()
    }

    /// A statement form's rows narrowed by its subject and object roles, where a role may be
    /// given by several names (`investments by Microsoft and Google`, `concerns about Microsoft
    /// or OpenAI`): the statements of any of them. `Ok(None)` when every role given names
    /// one entity, for the form's own plan; an error when a role names neither.
    pub(crate) fn statements_of_names(
        &self,
        form_name: &str,
        roles: [Option<&Name>; 2],
    ) -> Result<Option<Plan>, ResolveError> {
        // A name the lexicon holds once is the form's own plan (and its lookup is cheap: no
        // error, with its suggestions, is made for it).
        let one_entity =
            |name: &&Name| matches!(self.vocabulary.entities.lookup(&name.text)[..], [_]);
        if roles.iter().flatten().all(one_entity) {
            return Ok(None);
        }
        let Some(form) = self
            .vocabulary
            .statement_forms
            .iter()
            .find(|form| form.question_form == form_name)
        else {
            return Ok(None);
        };
        let Some(class) = self.vocabulary.classes.iter().find(|c| c.iri == form.class) else {
            return Ok(None);
        };
        let mut restrictions = Vec::new();
        for (name, role) in roles
            .into_iter()
            .zip([&form.subject_role, &form.object_role])
        {
            let (Some(name), Some(role)) = (name, role) else {
                continue;
            };
            let Some(relation) = self.vocabulary.relations.iter().find(|r| r.iri == *role) else {
                return Ok(None);
            };
            use crate::noun_phrase::Target;
            let targets: Vec<Target> = match self.entity(name) {
                Ok(entity) => vec![Target::Entity(entity)],
                Err(error) if name.quoted => return Err(error),
                // `by Microsoft and Google`; `by Chinese companies`, `delle aziende cinesi`.
                Err(error) => match self.name_list(&name.text) {
                    Some((entities, _)) => entities.into_iter().map(Target::Entity).collect(),
                    None => match self.noun_phrase(&name_words(name)) {
                        Ok(Some(phrase)) => vec![Target::Things(Box::new(phrase))],
                        _ => return Err(error),
                    },
                },
            };
            restrictions.push(crate::noun_phrase::Restriction {
                negated: false,
                any_of: targets
                    .into_iter()
                    .map(|target| crate::noun_phrase::Link::Related {
                        relation: Box::new(relation.clone()),
                        direction: Direction::Subjects,
                        target,
                    })
                    .collect(),
            });
        }
        Ok(Some(Plan::List(NounPhrase {
            class: class.clone(),
            qualifiers: vec![],
            restrictions,
        })))
    }

    pub(crate) fn all_phrases(&self, kind: Phrases) -> impl Iterator<Item = &Phrase> {
        self.vocabulary
            .relations
            .iter()
            .flat_map(move |r| kind.of(r).iter())
    }

    /// The longest relation phrase at the start of `words`, and the words after it; else an
    /// error that says where the phrase goes wrong.
    pub(crate) fn leading_phrase<'w>(
        &self,
        words: &'w [Word],
        kind: Phrases,
    ) -> Result<(Relation, &'w [Word]), ResolveError> {
        self.find_leading_phrase(words, kind)
            .ok_or_else(|| self.phrase_error(words, kind))
    }

    /// [`Self::leading_phrase`] without the error, for trying one reading among others: the
    /// error's suggestions cost more than the search.
    pub(crate) fn find_leading_phrase<'w>(
        &self,
        words: &'w [Word],
        kind: Phrases,
    ) -> Option<(Relation, &'w [Word])> {
        // A word is left for the name after the phrase.
        let before_last = &words[..words.len().saturating_sub(1)];
        self.phrase_at(before_last, &[kind])
            .map(|(relation, _, used)| (relation, &words[used..]))
    }

    /// English `what does X ‹inverse phrase›`: the phrase is at the end.
    pub(crate) fn trailing_inverse_phrase<'w>(
        &self,
        run: &'w Run,
    ) -> Result<(Relation, &'w [Word]), ResolveError> {
        let words = &run.words;
        for start in 1..words.len() {
            if words[start..].iter().any(|w| w.quoted) {
                continue;
            }
            let typed = phrase_key(&join(&words[start..]));
            for relation in &self.vocabulary.relations {
                if relation.inverse_phrases.iter().any(|p| p.key == typed) {
                    return Ok((relation.clone(), &words[..start]));
                }
            }
        }
        // Point at the last word: that is where the phrase goes wrong most often.
        let last = &words[words.len() - 1];
        let candidates: Vec<String> = self
            .all_phrases(Phrases::Inverse)
            .map(|p| p.text.clone())
            .collect();
        let tail = words
            .iter()
            .rev()
            .take(3)
            .rev()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Err(ResolveError::new(
            last.span,
            Text::new(
                format!("no relation ends this question (after `what does … `, found `{tail}`)"),
                format!(
                    "nessuna relazione chiude questa domanda (dopo `what does … `, c'è `{tail}`)"
                ),
            ),
        )
        .with_expected(vec!["a relation".to_owned()])
        .with_suggestions(suggest::closest(
            &tail,
            candidates.iter().map(String::as_str),
            3,
        ))
        // `what does X …` is the English form; Italian puts the relation first.
        .in_language(Some(Lang::En)))
    }

    /// Walks the phrases word by word and reports the first word no phrase continues with.
    /// Once a word has matched, the phrases still possible tell the question's language
    /// when they share one.
    fn phrase_error(&self, words: &[Word], kind: Phrases) -> ResolveError {
        let phrases: Vec<(Vec<String>, Lang)> = self
            .all_phrases(kind)
            .map(|p| (p.key.split(' ').map(str::to_owned).collect(), p.lang))
            .collect();
        let mut alive: Vec<&(Vec<String>, Lang)> = phrases.iter().collect();
        let language = |alive: &[&(Vec<String>, Lang)]| {
            let first = alive.first()?.1;
            alive
                .iter()
                .all(|(_, lang)| *lang == first)
                .then_some(first)
        };
        for (i, word) in words.iter().enumerate() {
            let typed = phrase_key(&word.text);
            let next: Vec<&(Vec<String>, Lang)> = alive
                .iter()
                .copied()
                .filter(|(p, _)| p.get(i).is_some_and(|w| *w == typed))
                .collect();
            if next.is_empty() {
                let continuations: Vec<&str> = alive
                    .iter()
                    .filter_map(|(p, _)| p.get(i).map(String::as_str))
                    .collect();
                let (expected, language) = if i == 0 {
                    (("a relation", "una relazione"), None)
                } else {
                    (
                        ("the rest of the relation", "il resto della relazione"),
                        language(&alive),
                    )
                };
                return ResolveError::new(
                    word.span,
                    Text::new(
                        format!("unknown word `{}`: expected {}", word.text, expected.0),
                        format!("parola sconosciuta `{}`: serve {}", word.text, expected.1),
                    ),
                )
                .with_expected(vec![expected.0.to_owned()])
                .with_suggestions(suggest::closest(
                    &word.text,
                    continuations.iter().copied(),
                    3,
                ))
                .in_language(language);
            }
            if let Some((_, lang)) = next.iter().find(|(p, _)| p.len() == i + 1) {
                // A whole phrase matched, so the name after it is missing.
                return name_missing(Span::new(word.span.end, word.span.end))
                    .in_language(Some(*lang));
            }
            alive = next;
        }
        let end = words.last().map(|w| w.span.end).unwrap_or_default();
        ResolveError::new(
            Span::new(end, end),
            Text::new("the relation is incomplete", "la relazione è incompleta"),
        )
        .with_suggestions(alive.iter().take(3).map(|(p, _)| p.join(" ")).collect())
        .in_language(language(&alive))
    }

    /// An entity from the words left after a phrase.
    pub(crate) fn entity_words(&self, words: &[Word], whole: &Run) -> Result<Entity, ResolveError> {
        if words.is_empty() {
            let end = whole.span().end;
            return Err(name_missing(Span::new(end, end)));
        }
        let span = words[0].span.join(words[words.len() - 1].span);
        let quoted = words.len() == 1 && words[0].quoted;
        self.entity(&Name {
            text: join(words),
            span,
            quoted,
        })
    }

    /// An entity by one of its names or aliases.
    pub(crate) fn entity(&self, name: &Name) -> Result<Entity, ResolveError> {
        let hits = self.vocabulary.entities.lookup(&name.text);
        match hits.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(ResolveError::new(
                name.span,
                Text::new(
                    format!("unknown entity `{}`", name.text),
                    format!("entità sconosciuta `{}`", name.text),
                ),
            )
            .with_suggestions(suggest::closest(
                &name.text,
                self.vocabulary.entities.names(),
                3,
            ))),
            many => {
                let hint = Text::new(
                    "type one of their labels",
                    "scrivi una delle loro etichette",
                );
                let named: Vec<String> = many
                    .iter()
                    .map(|e| format!("{} ({})", e.label, crate::vocab::compact(e.iri.as_str())))
                    .collect();
                Err(ResolveError::new(
                    name.span,
                    Text::new(
                        format!(
                            "`{}` is ambiguous: it names {}; {}",
                            name.text,
                            named.join(", "),
                            hint.en
                        ),
                        format!(
                            "`{}` è ambiguo: indica {}; {}",
                            name.text,
                            named.join(", "),
                            hint.it
                        ),
                    ),
                )
                .with_hint(hint)
                .with_suggestions(many.iter().map(|e| e.label.clone()).collect()))
            }
        }
    }

    /// The class a plural names (`models`, `modelli`).
    pub(crate) fn find_class(&self, run: &Run) -> Option<Class> {
        let typed = phrase_key(&run.text());
        self.vocabulary
            .classes
            .iter()
            .find(|c| c.plurals.iter().any(|p| p.key == typed))
            .or_else(|| {
                self.vocabulary
                    .classes
                    .iter()
                    .find(|c| c.singulars.iter().any(|p| p.key == typed))
            })
            .cloned()
    }

    pub(crate) fn class(&self, run: &Run) -> Result<Class, ResolveError> {
        let typed = phrase_key(&run.text());
        self.find_class(run).ok_or_else(|| {
            ResolveError::new(
                run.span(),
                Text::new(
                    format!("unknown kind of thing `{}`", run.text()),
                    format!("tipo di cosa sconosciuto `{}`", run.text()),
                ),
            )
            .with_suggestions(suggest::closest(
                &typed,
                self.vocabulary
                    .classes
                    .iter()
                    .flat_map(|c| c.plurals.iter().map(|p| p.text.as_str())),
                3,
            ))
        })
    }

    /// A class with adjectives before it (`open models`) or after it (`modelli aperti`),
    /// taken from the ontology's qualifier phrases.
    pub(crate) fn qualified_class(
        &self,
        run: &Run,
    ) -> Result<(Class, Vec<Qualifier>), ResolveError> {
        if let Some(found) = self.find_qualified_class(run) {
            return Ok(found);
        }
        // The error names the class words left once the qualifiers are taken off.
        let (rest, qualifiers) = self.split_qualifiers(run);
        if qualifiers.is_empty() {
            return self.class(run).map(|class| (class, vec![]));
        }
        let class = self.class(&Run {
            words: rest.to_vec(),
        })?;
        Ok((class, qualifiers))
    }

    /// [`Self::qualified_class`] without the error, for trying one reading among others.
    pub(crate) fn find_qualified_class(&self, run: &Run) -> Option<(Class, Vec<Qualifier>)> {
        if let Some(class) = self.find_class(run) {
            return Some((class, vec![]));
        }
        let (rest, qualifiers) = self.split_qualifiers(run);
        if qualifiers.is_empty() {
            return None;
        }
        let class = self.find_class(&Run {
            words: rest.to_vec(),
        })?;
        Some((class, qualifiers))
    }

    /// Qualifier phrases before the class (`open models`) and after it (`modelli aperti`),
    /// and the words left between them.
    fn split_qualifiers<'w>(&self, run: &'w Run) -> (&'w [Word], Vec<Qualifier>) {
        let mut words = run.words.as_slice();
        let mut qualifiers: Vec<Qualifier> = Vec::new();
        while let Some((qualifier, used)) = self.qualifier(words, true) {
            qualifiers.push(qualifier);
            words = &words[used..];
        }
        while let Some((qualifier, used)) = self.qualifier(words, false) {
            qualifiers.push(qualifier);
            words = &words[..words.len() - used];
        }
        (words, qualifiers)
    }

    /// The longest qualifier phrase at the start (or end) of `words` that leaves a word.
    pub(crate) fn qualifier(&self, words: &[Word], at_start: bool) -> Option<(Qualifier, usize)> {
        for used in (1..words.len()).rev() {
            let part = if at_start {
                &words[..used]
            } else {
                &words[words.len() - used..]
            };
            if part.iter().any(|w| w.quoted) {
                continue;
            }
            let text = phrase_key(&join(part));
            if let Some(qualifier) = self
                .vocabulary
                .qualifiers
                .iter()
                .find(|q| q.phrases.iter().any(|p| p.key == text))
            {
                return Some((qualifier.clone(), used));
            }
        }
        None
    }

    /// The measure a phrase names (`traffic share`), if any.
    pub(crate) fn find_measure(&self, run: &Run) -> Option<Measure> {
        let typed = phrase_key(&run.text());
        self.vocabulary
            .measures
            .iter()
            .find(|m| m.phrases.iter().any(|p| p.key == typed))
            .cloned()
    }

    pub(crate) fn measure(&self, run: &Run) -> Result<Measure, ResolveError> {
        self.find_measure(run)
            .ok_or_else(|| self.unknown_measure(run))
    }

    pub(crate) fn unknown_measure(&self, run: &Run) -> ResolveError {
        let typed = phrase_key(&run.text());
        ResolveError::new(
            run.span(),
            Text::new(
                format!("unknown measure `{}`", run.text()),
                format!("misura sconosciuta `{}`", run.text()),
            ),
        )
        .with_suggestions(suggest::closest(
            &typed,
            self.vocabulary
                .measures
                .iter()
                .flat_map(|m| m.phrases.iter().map(|p| p.text.as_str())),
            3,
        ))
    }

    /// The class one of a relation's grouping phrases names, in any language (`country`,
    /// `countries`, `paesi` name cat:Country by its label or plurals).
    fn class_named_by(&self, phrases: &[Phrase]) -> Option<NamedNode> {
        self.vocabulary
            .classes
            .iter()
            .find(|class| {
                phrases.iter().any(|phrase| {
                    phrase_key(&class.label) == phrase.key
                        || class.plurals.iter().any(|plural| plural.key == phrase.key)
                })
            })
            .map(|class| class.iri.clone())
    }

    pub(crate) fn grouping(&self, run: &Run) -> Result<Grouping, ResolveError> {
        let typed = phrase_key(&run.text());
        for relation in &self.vocabulary.relations {
            if relation
                .inverse_group_phrases
                .iter()
                .any(|p| p.key == typed)
            {
                return Ok(Grouping {
                    relation: relation.clone(),
                    by_subject: true,
                    label: run.text(),
                    class: self.class_named_by(&relation.inverse_group_phrases),
                });
            }
            if relation.group_phrases.iter().any(|p| p.key == typed) {
                return Ok(Grouping {
                    relation: relation.clone(),
                    by_subject: false,
                    label: run.text(),
                    class: self.class_named_by(&relation.group_phrases),
                });
            }
        }
        Err(ResolveError::new(
            run.span(),
            Text::new(
                format!("cannot group by `{}`", run.text()),
                format!("non si può raggruppare per `{}`", run.text()),
            ),
        )
        .with_suggestions(suggest::closest(
            &typed,
            self.vocabulary.relations.iter().flat_map(|r| {
                r.group_phrases
                    .iter()
                    .chain(&r.inverse_group_phrases)
                    .map(|p| p.text.as_str())
            }),
            3,
        )))
    }
}

/// Which phrases of a relation: the direct ones (`depends on`), the inverse ones (`depend
/// on` after `what does`, `da cosa dipende`), the plural ones (`dipendono da`), the
/// participles (`based in`, `fondata da`) or its nouns
/// (`investors in`, `products of`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phrases {
    Direct,
    Inverse,
    Plural,
    Participle,
    Passive,
    SubjectNoun,
    ObjectNoun,
}

impl Phrases {
    pub(crate) fn of(self, relation: &Relation) -> &[Phrase] {
        match self {
            Self::Direct => &relation.phrases,
            Self::Inverse => &relation.inverse_phrases,
            Self::Plural => &relation.plural_phrases,
            Self::Participle => &relation.participles,
            Self::Passive => &relation.passives,
            Self::SubjectNoun => &relation.subject_nouns,
            Self::ObjectNoun => &relation.object_nouns,
        }
    }
}

pub(crate) fn join(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
