//! `open-source releases [by DeepSeek | by companies in China]`, `rilasci open source di
//! DeepSeek`.

use super::{Kind, QuestionForm, Syntax, both, english, words};
use crate::ast::{Name, Run};
use crate::parse::{ParseError, Parts, Rule, name, run};
use crate::resolve::{Plan, ResolveError, Resolver};

pub const FORM: QuestionForm = QuestionForm {
    name: "releases",
    kind: Kind::Body,
    help: "open-source releases, by a developer or by the companies of a place",
    english: words(
        &["open-source releases"],
        &[
            "open-source",
            "open source",
            "opensource",
            "releases",
            "release",
            "by",
            "in",
        ],
    ),
    italian: words(
        &["rilasci open source"],
        &[
            "rilasci",
            "open source",
            "open-source",
            "opensource",
            "di",
            "da",
            "del",
            "della",
            "dei",
            "degli",
            "delle",
            "dello",
            "in",
            "nel",
            "nella",
        ],
    ),
    examples: &[
        both(
            "open-source releases by DeepSeek",
            "rilasci open source di DeepSeek",
        ),
        english("open-source releases by companies in China"),
    ],
    listed: true,
};

/// Open-source releases, narrowed or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Releases(pub Option<ReleaseFilter>);

/// How releases are narrowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReleaseFilter {
    /// `by DeepSeek`
    By(Name),
    /// `by companies in China`
    ClassIn { class: Run, place: Name },
}

impl Syntax for Releases {
    const RULE: Rule = Rule::releases;

    fn build(mut parts: Parts<'_>) -> Result<Self, ParseError> {
        let Some(filter) = parts.next() else {
            return Ok(Self(None));
        };
        if filter.as_rule() != Rule::class_in_place {
            return Ok(Self(Some(ReleaseFilter::By(name(filter)))));
        }
        let mut inner = Parts::of(filter);
        let class = inner.next().map(run);
        let place = inner.next().map(name);
        Ok(Self(match (class, place) {
            (Some(class), Some(place)) => Some(ReleaseFilter::ClassIn { class, place }),
            _ => None,
        }))
    }

    fn plan(&self, resolver: &Resolver<'_>, _transitive: bool) -> Result<Plan, ResolveError> {
        Ok(match &self.0 {
            None => Plan::Releases {
                by: None,
                class_in: None,
            },
            Some(ReleaseFilter::By(name)) => {
                // Several names, or a kind (`by Chinese companies`): the releases of any.
                if let Some(plan) = resolver.statements_of_names("releases", [Some(name), None])? {
                    return Ok(plan);
                }
                Plan::Releases {
                    by: Some(resolver.entity(name)?),
                    class_in: None,
                }
            }
            Some(ReleaseFilter::ClassIn { class, place }) => Plan::Releases {
                by: None,
                class_in: Some((resolver.class(class)?, resolver.entity(place)?)),
            },
        })
    }
}
