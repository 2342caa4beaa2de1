//! Organisation strings of the data set: splitting a string that lists several
//! organisations, and the keys under which two spellings of one organisation meet
//! ("NVIDIA"/"Nvidia", "Deepseek AI"/"DeepSeek", "Eleuther AI"/"EleutherAI").

/// Legal-form words: a fragment made only of these belongs to the name before it
/// ("Runway AI, Inc.").
const LEGAL_FORMS: &[&str] = &[
    "inc", "ltd", "llc", "corp", "co", "gmbh", "plc", "sa", "ag", "ev", "srl", "spa", "bv",
];

/// Words that may end an organisation's name without changing which organisation it is
/// ("Meta AI", "AI21 Labs", "Nous Research", "Stanford University"). They are dropped from
/// the second of the two keys.
const GENERIC_ENDINGS: &[&str] = &[
    "inc",
    "ltd",
    "llc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "plc",
    "sa",
    "ag",
    "ev",
    "ai",
    "labs",
    "lab",
    "research",
    "team",
    "university",
];

/// University systems whose campuses are written "University of Maryland, College Park":
/// the comma there does not separate two organisations.
const MULTI_CAMPUS: &[&str] = &[
    "university of california",
    "university of colorado",
    "university of hawaii",
    "university of illinois",
    "university of maryland",
    "university of massachusetts",
    "university of michigan",
    "university of missouri",
    "university of nebraska",
    "university of north carolina",
    "university of texas",
    "university of wisconsin",
];

/// The organisations a string names, in order, without repeats.
///
/// Commas and semicolons (outside brackets) separate organisations, except before a legal
/// form or a campus; " and " and " & " separate them too, unless the left side is still
/// inside an "X of Y" name ("University of Science and Technology of China") or the right
/// side starts in lower case.
pub fn split(text: &str) -> Vec<String> {
    let mut fragments: Vec<String> = Vec::new();
    for raw in split_outside_brackets(text) {
        let fragment = tidy(&raw);
        if fragment.is_empty() {
            continue;
        }
        if let Some(previous) = fragments.last_mut() {
            let joins = is_legal_form(&fragment)
                || MULTI_CAMPUS
                    .iter()
                    .any(|campus| previous.to_lowercase().ends_with(campus));
            if joins {
                previous.push_str(", ");
                previous.push_str(&fragment);
                continue;
            }
        }
        fragments.push(fragment);
    }
    let mut out: Vec<String> = Vec::new();
    for fragment in fragments {
        for part in split_conjunction(&fragment) {
            let part = tidy(&part);
            let generic = matches!(
                part.to_lowercase().as_str(),
                "" | "unknown" | "none" | "n/a"
            );
            if !generic && !out.iter().any(|o| o.eq_ignore_ascii_case(&part)) {
                out.push(part);
            }
        }
    }
    out
}

fn split_outside_brackets(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && matches!(c, ',' | ';') {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
}

/// Splits "ByteDance and University of Maryland" at its conjunction, when it joins two names.
fn split_conjunction(fragment: &str) -> Vec<String> {
    for joiner in [" and ", " & "] {
        if let Some(at) = find_outside_brackets(fragment, joiner) {
            let (left, right) = (&fragment[..at], &fragment[at + joiner.len()..]);
            let inside_of_name = format!(" {} ", left.to_lowercase()).contains(" of ");
            let lower_right = right
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            if !inside_of_name && !lower_right && !left.trim().is_empty() {
                let mut parts = vec![left.to_owned()];
                parts.extend(split_conjunction(right));
                return parts;
            }
        }
    }
    vec![fragment.to_owned()]
}

fn find_outside_brackets(text: &str, needle: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && text[at..].starts_with(needle) {
            return Some(at);
        }
    }
    None
}

/// Trims spaces, a leading "and", and a final full stop that ends a list.
fn tidy(fragment: &str) -> String {
    let mut text = fragment.split_whitespace().collect::<Vec<_>>().join(" ");
    for lead in ["and ", "& "] {
        if let Some(head) = text.get(..lead.len())
            && head.eq_ignore_ascii_case(lead)
        {
            text = text[lead.len()..].to_owned();
        }
    }
    if text.ends_with('.') {
        let last = text
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .trim_end_matches('.');
        if !is_legal_form(last) && !last.contains('.') {
            text.pop();
        }
    }
    text.trim().to_owned()
}

fn is_legal_form(fragment: &str) -> bool {
    let letters: String = fragment
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    LEGAL_FORMS.contains(&letters.as_str())
}

/// The words of a name, lower-cased, without punctuation or bracketed asides
/// ("Amazon Web Services (AWS)" → amazon, web, services).
fn words(name: &str) -> Vec<String> {
    let mut depth = 0usize;
    let mut plain = String::new();
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    // Runs of single letters are one abbreviation: "e.V." → ev.
    let mut words: Vec<String> = Vec::new();
    let mut previous_single = false;
    for word in plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let single = word.chars().count() == 1;
        match words.last_mut() {
            Some(last) if single && previous_single => last.push_str(&word.to_lowercase()),
            _ => words.push(word.to_lowercase()),
        }
        previous_single = single;
    }
    words
}

/// Two keys of a name: all its letters and digits ("eleutherai" for both "Eleuther AI" and
/// "EleutherAI"), and the same without generic endings ("deepseek" for "Deepseek AI").
/// Two spellings with either key in common are one organisation.
pub fn keys(name: &str) -> (String, String) {
    let mut words = words(name);
    let full: String = words.concat();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| GENERIC_ENDINGS.contains(&w.as_str()))
    {
        words.pop();
    }
    (full, words.concat())
}

/// Whether a name reads as a university, institute or laboratory.
pub fn is_research_body(name: &str) -> bool {
    words(name).iter().any(|w| {
        w.starts_with("universit")
            || w.starts_with("institut")
            || w.starts_with("laborator")
            || matches!(w.as_str(), "academy" | "college" | "school" | "école")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lists_of_organisations() {
        assert_eq!(split("NVIDIA, Stanford"), vec!["NVIDIA", "Stanford"]);
        assert_eq!(
            split("ByteDance and University of Maryland, College Park"),
            vec!["ByteDance", "University of Maryland, College Park"]
        );
        assert_eq!(
            split("Paladin Group and Dais Technology"),
            vec!["Paladin Group", "Dais Technology"]
        );
        assert_eq!(
            split(
                "Beijing Academy of Artificial Intelligence, University of Science and Technology of China"
            ),
            vec![
                "Beijing Academy of Artificial Intelligence",
                "University of Science and Technology of China"
            ]
        );
        assert_eq!(
            split("Hong Kong University of Science and Technology (Guangzhou + original), BAAI"),
            vec![
                "Hong Kong University of Science and Technology (Guangzhou + original)",
                "BAAI"
            ]
        );
        assert_eq!(split("Runway AI, Inc."), vec!["Runway AI, Inc."]);
        assert_eq!(
            split("LERMA, PSL University, and Université Paris-Cité."),
            vec!["LERMA", "PSL University", "Université Paris-Cité"]
        );
        assert_eq!(split("Google; google"), vec!["Google"]);
        assert_eq!(
            split("Research and development"),
            vec!["Research and development"]
        );
        assert_eq!(split("unknown"), Vec::<String>::new());
    }

    #[test]
    fn spellings_of_one_organisation_share_a_key() {
        let same = |a: &str, b: &str| {
            let (ka, kb) = (keys(a), keys(b));
            ka.0 == kb.0 || ka.1 == kb.1
        };
        assert!(same("NVIDIA", "Nvidia"));
        assert!(same("Deepseek AI", "DeepSeek"));
        assert!(same("Eleuther AI", "EleutherAI"));
        assert!(same("Hugging Face", "HuggingFace"));
        assert!(same("AI21 Labs", "AI21"));
        assert!(same("LAION e.V.", "LAION"));
        assert!(same("Google Deepmind", "Google DeepMind"));
        assert!(!same("OpenAI", "Open X-Embodiment"));
        assert!(!same("Cohere for AI", "Cohere"));
        assert!(!same("Google", "Google DeepMind"));
        assert_eq!(keys("AI").1, "ai", "a lone generic word stays");
    }

    #[test]
    fn recognises_research_bodies() {
        assert!(is_research_body("Tsinghua University"));
        assert!(is_research_body("Mila-Quebec AI Institute"));
        assert!(is_research_body("Shanghai AI Laboratory"));
        assert!(!is_research_body("Stability AI"));
    }
}
