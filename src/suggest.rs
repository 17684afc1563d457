//! "Did you mean …?": the closest known word to a mistyped one.

/// The candidate most like `typed`, if any is close enough to be a likely typo.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_lower = typed.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let score = strsim::jaro_winkler(&typed_lower, &candidate.to_lowercase());
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["name", "current_title", "target_title", "target_level"];
        assert_eq!(closest("naem", keys), Some("name"));
        assert_eq!(closest("target_tittle", keys), Some("target_title"));
        assert_eq!(
            closest("Director", ["senior-manager", "director", "vp"]),
            Some("director")
        );
        assert_eq!(closest("budget", keys), None);
    }
}
