//! "Did you mean …?": the closest valid words to a mistyped one.

use std::cell::Cell;

thread_local! {
    /// Set while a search only asks whether questions translate ([`without_suggestions`]):
    /// their errors' suggestions would be thrown away, and scoring every name is the costly
    /// part of an error.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with suggestions switched off on this thread: errors made inside it carry none.
pub fn without_suggestions<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            QUIET.with(|quiet| quiet.set(self.0));
        }
    }
    let _restore = Restore(QUIET.with(|quiet| quiet.replace(true)));
    f()
}

/// Whether suggestions are switched off on this thread ([`without_suggestions`]).
pub fn suggestions_off() -> bool {
    QUIET.with(Cell::get)
}

/// Up to `limit` candidates close to `typed` (case-insensitive edit distance), best first.
pub fn closest<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let typed = typed.to_lowercase();
    if typed.is_empty() || QUIET.with(Cell::get) {
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

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`, with `or` in the message's language.
pub fn quote_list(items: &[String], or: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
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
    fn a_quiet_search_suggests_nothing_and_then_suggests_again() {
        let words = ["depends", "develops"];
        assert!(without_suggestions(|| closest("depnds", words, 3)).is_empty());
        assert_eq!(closest("depnds", words, 3), ["depends"]);
    }

    #[test]
    fn quotes_lists() {
        assert_eq!(quote_list(&["a".into()], "or"), "\"a\"");
        assert_eq!(
            quote_list(&["a".into(), "b".into(), "c".into()], "or"),
            "\"a\", \"b\" or \"c\""
        );
    }
}
