//! One asset record of an Ecosystem Graphs file, read forgivingly: every field may be bare
//! or a `{value, explanation}` mapping, dates come in several shapes, dependencies as a list,
//! a string, a wrapped list or not at all. What cannot be read becomes a warning; only a
//! record without a usable name or type is skipped.

use std::fmt;

use super::yaml::{Located, Node};

/// The three kinds of asset in the data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetKind {
    Model,
    Dataset,
    Application,
}

impl AssetKind {
    pub fn singular(self) -> &'static str {
        match self {
            Self::Model => "model",
            Self::Dataset => "dataset",
            Self::Application => "application",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Self::Model => "models",
            Self::Dataset => "datasets",
            Self::Application => "applications",
        }
    }
}

/// Who may use an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Open,
    Limited,
    Closed,
}

/// A creation date, as precise as the record gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Date {
    Year(i32),
    Month(i32, u32),
    Day(i32, u32, u32),
}

impl fmt::Display for Date {
    /// The XSD lexical form (xsd:gYear, xsd:gYearMonth, xsd:date).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Year(y) => write!(f, "{y:04}"),
            Self::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Self::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// An asset record as the importer uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    pub line: usize,
    pub name: String,
    pub kind: AssetKind,
    /// The organisation text as written (it may name several).
    pub organisation: Option<String>,
    pub created: Option<Date>,
    pub access: Option<Access>,
    pub licence: Option<String>,
    pub modality: Option<String>,
    pub size: Option<String>,
    pub url: Option<String>,
    /// Dependency names as written, trimmed, without repeats.
    pub dependencies: Vec<String>,
    /// What could not be read, in words.
    pub warnings: Vec<String>,
}

/// Why a record is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    /// The record's name, when it has a readable one.
    pub name: Option<String>,
    pub reason: String,
}

/// Reads one record.
pub fn read(record: &Located) -> Result<Asset, Skipped> {
    let skip = |name: Option<String>, reason: String| Skipped {
        line: record.line,
        name,
        reason,
    };
    let node = &record.node;
    if !matches!(node, Node::Map(_)) {
        return Err(skip(
            None,
            format!("a record must be a mapping of fields, not {}", node.shape()),
        ));
    }
    let name = record_name(node).map_err(|reason| skip(None, reason))?;
    let kind = match record_kind(node) {
        Ok(kind) => kind,
        Err(reason) => return Err(skip(Some(name), reason)),
    };
    let mut warnings: Vec<String> = record
        .repeated_keys
        .iter()
        .map(|key| format!("`{key}` is given twice; the first value is used"))
        .collect();
    let organisation = match node.get("organization").and_then(value) {
        Some(Node::List(items)) => {
            let names: Vec<&str> = items.iter().filter_map(Node::as_text).collect();
            known(&names.join(", "))
        }
        Some(other) => other.as_text().and_then(known),
        None => None,
    };
    let created = node
        .get("created_date")
        .and_then(|field| created_date(field, &mut warnings));
    let access = node
        .get("access")
        .and_then(value)
        .and_then(|v| access_level(v, &mut warnings));
    let url = text_field(node, "url").and_then(|url| web_address(url, &mut warnings));
    let dependencies = node
        .get("dependencies")
        .map(|field| dependencies(field, &mut warnings))
        .unwrap_or_default();
    Ok(Asset {
        line: record.line,
        name,
        kind,
        organisation,
        created,
        access,
        licence: text_field(node, "license"),
        modality: text_field(node, "modality"),
        size: text_field(node, "size"),
        url,
        dependencies,
        warnings,
    })
}

/// The record's `name`, its spacing tidied; else why the record is skipped.
fn record_name(node: &Node) -> Result<String, String> {
    match node.get("name").and_then(value) {
        Some(Node::Scalar { text, .. }) if !text.trim().is_empty() => {
            Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        Some(other) if !other.is_null() => Err(format!(
            "`name` must be a single value, not {}",
            other.shape()
        )),
        _ => Err("the record has no `name`".to_owned()),
    }
}

/// The record's `type`; else why the record is skipped.
fn record_kind(node: &Node) -> Result<AssetKind, String> {
    let Some(text) = node.get("type").and_then(value).and_then(Node::as_text) else {
        return Err("the record has no `type` (model, dataset or application)".to_owned());
    };
    match text.trim().to_lowercase().as_str() {
        "model" | "models" => Ok(AssetKind::Model),
        "dataset" | "datasets" => Ok(AssetKind::Dataset),
        "application" | "applications" | "app" => Ok(AssetKind::Application),
        other => Err(format!(
            "unknown type `{other}`: expected model, dataset or application"
        )),
    }
}

/// A text field's known value.
fn text_field(node: &Node, key: &str) -> Option<String> {
    node.get(key)
        .and_then(value)
        .and_then(Node::as_text)
        .and_then(known)
}

/// The `access` level; an unknown one is left out with a warning.
fn access_level(field: &Node, warnings: &mut Vec<String>) -> Option<Access> {
    let text = field.as_text()?.trim().to_lowercase();
    match text.as_str() {
        "open" => Some(Access::Open),
        "limited" => Some(Access::Limited),
        "closed" => Some(Access::Closed),
        "unknown" | "" => None,
        _ => {
            warnings.push(format!(
                "access `{text}` is not open, limited or closed; left out"
            ));
            None
        }
    }
}

/// The `url` if it is a web address; else left out with a warning.
fn web_address(url: String, warnings: &mut Vec<String>) -> Option<String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
        && oxigraph::model::NamedNode::new(&url).is_ok();
    if !ok {
        warnings.push(format!("`url` {url:?} is not a web address; left out"));
    }
    ok.then_some(url)
}

/// The value of a field given bare or as `{value: …, explanation: …}`; `None` when the
/// mapping has no value.
fn value(node: &Node) -> Option<&Node> {
    match node {
        Node::Map(_) => node.get("value"),
        other => Some(other),
    }
}

/// Trimmed text, unless it says nothing (`unknown`, `none`, `n/a`, empty).
fn known(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.to_lowercase().as_str() {
        "" | "unknown" | "none" | "n/a" | "na" | "null" | "tbd" | "?" => None,
        _ => Some(text),
    }
}

fn dependencies(field: &Node, warnings: &mut Vec<String>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if let Some(name) = known(name)
            && !names.contains(&name)
        {
            names.push(name);
        }
    };
    match value(field) {
        None => {
            if !matches!(field, Node::Map(entries) if entries.iter().all(|(k, _)| k == "explanation"))
            {
                warnings.push("`dependencies` is a mapping without a `value`; none read".into());
            }
        }
        Some(Node::Scalar { text, .. }) if !field.is_null() => {
            // A single name, or several in one string.
            for name in text.split([',', ';']) {
                push(name);
            }
        }
        Some(Node::Scalar { .. }) => {}
        Some(Node::List(items)) => {
            for item in items {
                match item {
                    Node::Scalar { text, .. } if !item.is_null() => push(text),
                    Node::Scalar { .. } => {}
                    // A wrapped list ([[a, b]]) or an item with its own explanation.
                    Node::List(inner) => {
                        for inner in inner {
                            if let Some(text) = inner.as_text() {
                                push(text);
                            }
                        }
                    }
                    Node::Map(_) => match value(item).and_then(Node::as_text) {
                        Some(text) => push(text),
                        None => warnings
                            .push("a dependency is a mapping without a name; left out".into()),
                    },
                }
            }
        }
        Some(Node::Map(_)) => {
            warnings.push("`dependencies` has a mapping as its value; none read".into());
        }
    }
    names
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A created date given bare, as `{value, explanation}`, or only in the explanation.
fn created_date(field: &Node, warnings: &mut Vec<String>) -> Option<Date> {
    match value(field) {
        Some(Node::Scalar { text, .. }) if !field.is_null() => {
            let text = text.trim();
            known(text)?;
            if let Some(date) = parse_date(text) {
                return Some(date);
            }
            match find_date(text) {
                Some(date) => {
                    warnings.push(format!("created_date {text:?} read as {date}"));
                    Some(date)
                }
                None => {
                    warnings.push(format!("created_date {text:?} is not a date; left out"));
                    None
                }
            }
        }
        Some(Node::List(items)) => {
            let date = items.iter().filter_map(Node::as_text).find_map(parse_date);
            if let Some(date) = date {
                warnings.push(format!(
                    "created_date is a list; its first date {date} is used"
                ));
            } else {
                warnings.push("created_date is a list without a date; left out".into());
            }
            date
        }
        Some(_) => None,
        None => {
            // The date written only in the explanation (a misplaced value).
            let explanation = field.get("explanation").and_then(Node::as_text)?;
            match find_date(explanation) {
                Some(date) => {
                    warnings.push(format!(
                        "created_date has no value; {date} taken from its explanation"
                    ));
                    Some(date)
                }
                None => {
                    warnings.push(
                        "created_date has no value and its explanation gives no year; left out"
                            .into(),
                    );
                    None
                }
            }
        }
    }
}

fn valid_year(year: i32) -> bool {
    (1900..=2100).contains(&year)
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn day(year: i32, month: u32, day: u32) -> Option<Date> {
    (valid_year(year) && (1..=12).contains(&month) && (1..=days_in(year, month)).contains(&day))
        .then_some(Date::Day(year, month, day))
}

fn month_number(word: &str) -> Option<u32> {
    // A month name or an abbreviation of at least three letters ("Sept.", "Oct").
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A whole value that is a date: `2023-06-11`, `2023-06-11T00:00:00Z`, `2023-06`, `2023`,
/// `June 11, 2023`, `11 June 2023`, `June 2023`.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let iso = text.split(['T', ' ']).next().unwrap_or(text);
    let parts: Vec<&str> = iso.split(['-', '/']).collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    if let Some(numbers) = numbers
        && parts[0].len() == 4
        && (iso.len() == text.len() || parts.len() == 3)
    {
        let year = i32::try_from(numbers[0]).ok()?;
        return match numbers[..] {
            [_] if valid_year(year) => Some(Date::Year(year)),
            [_, m] if valid_year(year) && (1..=12).contains(&m) => Some(Date::Month(year, m)),
            [_, m, d] => day(year, m, d),
            _ => None,
        };
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!w.is_empty() && w.len() <= 4)
            .then(|| w.parse().ok())
            .flatten()
    };
    match words[..] {
        [m, d, y] if month_number(m).is_some() => day(
            i32::try_from(number(y)?).ok()?,
            month_number(m)?,
            number(d)?,
        ),
        [d, m, y] if month_number(m).is_some() => day(
            i32::try_from(number(y)?).ok()?,
            month_number(m)?,
            number(d)?,
        ),
        [m, y] if month_number(m).is_some() => {
            let year = i32::try_from(number(y)?).ok()?;
            valid_year(year).then(|| Date::Month(year, month_number(m).unwrap_or(1)))
        }
        _ => None,
    }
}

/// The first date or year found inside free text ("released on June 20, 2024").
pub fn find_date(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    for i in 0..words.len() {
        for width in [3, 2, 1] {
            if i + width <= words.len() {
                let candidate = words[i..i + width].join(" ");
                let candidate = candidate.trim_end_matches(['.', ':']);
                if let Some(date) = parse_date(candidate)
                    && (width > 1 || candidate.len() >= 4)
                {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::yaml::parse_records;
    use super::*;

    fn one(text: &str) -> Result<Asset, Skipped> {
        let records = parse_records(text).expect("valid YAML");
        read(&records[0])
    }

    #[test]
    fn reads_bare_and_explained_values_alike() {
        let asset = one("- name: M\n  type: model\n  access:\n    explanation: weights on the hub\n    value: open\n  license: Apache 2.0\n  organization: {value: Acme, explanation: x}\n")
            .expect("a record");
        assert_eq!(asset.access, Some(Access::Open));
        assert_eq!(asset.licence.as_deref(), Some("Apache 2.0"));
        assert_eq!(asset.organisation.as_deref(), Some("Acme"));
        assert!(asset.warnings.is_empty(), "{:?}", asset.warnings);
    }

    #[test]
    fn dates_in_every_shape() {
        assert_eq!(parse_date("2023-06-11"), Some(Date::Day(2023, 6, 11)));
        assert_eq!(
            parse_date("2023-06-11T08:00:00Z"),
            Some(Date::Day(2023, 6, 11))
        );
        assert_eq!(parse_date("2023-06"), Some(Date::Month(2023, 6)));
        assert_eq!(parse_date("2022"), Some(Date::Year(2022)));
        assert_eq!(parse_date("June 11, 2023"), Some(Date::Day(2023, 6, 11)));
        assert_eq!(parse_date("11 Sept. 2023"), Some(Date::Day(2023, 9, 11)));
        assert_eq!(parse_date("March 2024"), Some(Date::Month(2024, 3)));
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("12"), None);
        assert_eq!(parse_date("unknown"), None);
        assert_eq!(
            find_date("announced on Oct. 22, 2024, first out in June"),
            Some(Date::Day(2024, 10, 22))
        );
        assert_eq!(find_date("updated on Oct. 22, out on June 20"), None);
    }

    #[test]
    fn unknown_bare_year_and_misplaced_dates() {
        let date = |field: &str| {
            one(&format!(
                "- name: M\n  type: model\n  created_date: {field}\n"
            ))
            .expect("a record")
        };
        assert_eq!(date("unknown").created, None);
        assert!(date("unknown").warnings.is_empty());
        assert_eq!(date("2022").created, Some(Date::Year(2022)));
        let misplaced = date("\n    explanation: first shown on 3 May 2023 at a conference");
        assert_eq!(misplaced.created, Some(Date::Day(2023, 5, 3)));
        assert_eq!(misplaced.warnings.len(), 1, "{:?}", misplaced.warnings);
        let none = date("\n    explanation: updated on Oct. 22");
        assert_eq!(none.created, None);
        assert_eq!(none.warnings.len(), 1);
        let prose = date("sometime in 2021");
        assert_eq!(prose.created, Some(Date::Year(2021)));
        assert_eq!(prose.warnings.len(), 1);
    }

    #[test]
    fn dependencies_in_every_shape() {
        let deps = |field: &str| {
            one(&format!(
                "- name: M\n  type: model\n  dependencies: {field}\n"
            ))
            .expect("a record")
            .dependencies
        };
        assert_eq!(deps("[A, B, A]"), vec!["A", "B"]);
        assert_eq!(deps("A"), vec!["A"]);
        assert_eq!(deps("A, B"), vec!["A", "B"]);
        assert_eq!(deps("[[A, B]]"), vec!["A", "B"]);
        assert_eq!(deps("{value: [A], explanation: why}"), vec!["A"]);
        assert_eq!(deps("{explanation: not listed}"), Vec::<String>::new());
        assert_eq!(deps("[]"), Vec::<String>::new());
        assert_eq!(deps("~"), Vec::<String>::new());
        assert_eq!(deps("['  The   Pile ', unknown]"), vec!["The Pile"]);
        let missing = one("- name: M\n  type: model\n").expect("a record");
        assert!(missing.dependencies.is_empty());
    }

    #[test]
    fn records_without_name_or_type_are_skipped_with_a_reason() {
        let skipped = one("- type: model\n").expect_err("no name");
        assert!(skipped.reason.contains("no `name`"));
        let skipped = one("- name: X\n  type: robot\n").expect_err("bad type");
        assert_eq!(skipped.name.as_deref(), Some("X"));
        assert!(skipped.reason.contains("robot"));
        let skipped = one("- just a string\n").expect_err("not a mapping");
        assert!(skipped.reason.contains("mapping"));
        let skipped = one("- name: [a, b]\n  type: model\n").expect_err("list name");
        assert!(skipped.reason.contains("single value"));
    }

    #[test]
    fn bad_urls_and_access_levels_are_warnings() {
        let asset = one("- name: M\n  type: model\n  url: not a url\n  access: semi-open\n")
            .expect("a record");
        assert_eq!(asset.url, None);
        assert_eq!(asset.access, None);
        assert_eq!(asset.warnings.len(), 2, "{:?}", asset.warnings);
    }
}
