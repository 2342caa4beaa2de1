//! "Did you mean …?": the closest valid words to a mistyped one.

/// Up to `limit` candidates close to `typed` (case-insensitive edit distance), best first.
pub fn closest<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let typed = typed.to_lowercase();
    if typed.is_empty() {
        return vec![];
    }
    // Allow about one edit in three characters, and at least one.
    let budget = (typed.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, String)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = strsim::damerau_levenshtein(&typed, &lower);
            // A typed prefix of a long name is a good hint too ("Mistr" → "Mistral AI").
            let prefix = lower.starts_with(&typed) && typed.chars().count() >= 3;
            (distance <= budget || prefix)
                .then(|| (if prefix { 0 } else { distance }, candidate.to_owned()))
        })
        .collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.len().cmp(&b.1.len()))
            .then_with(|| a.1.cmp(&b.1))
    });
    let mut seen = std::collections::HashSet::new();
    scored
        .into_iter()
        .map(|(_, candidate)| candidate)
        .filter(|candidate| seen.insert(candidate.to_lowercase()))
        .take(limit)
        .collect()
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
pub fn quote_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_prefixes() {
        let words = ["depends", "develops", "describe", "NVIDIA", "Mistral AI"];
        assert_eq!(closest("depnds", words, 3), ["depends"]);
        assert_eq!(closest("NVIDA", words, 3), ["NVIDIA"]);
        assert_eq!(closest("mistr", words, 3), ["Mistral AI"]);
        assert!(closest("zzzzzz", words, 3).is_empty());
    }

    #[test]
    fn quotes_lists() {
        assert_eq!(quote_list(&["a".into()]), "\"a\"");
        assert_eq!(
            quote_list(&["a".into(), "b".into(), "c".into()]),
            "\"a\", \"b\" or \"c\""
        );
    }
}
