//! Blind calibration: each candidate becomes "Candidate A", "B", … and their
//! name disappears wherever their case repeats it.
//!
//! The name is replaced in the case's text before it is loaded, so every
//! output made from it (the check's messages, the evidence, the documents)
//! is made from the anonymised case. Letters follow a hash of each file's
//! content, not the order of the files or their names, so a letter reveals
//! nothing and the same cases always get the same letters. What is not
//! hidden (titles, departments, the people a case names) the pack says.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// "A", "B", … "Z", "AA", "AB", …
pub fn letter(index: usize) -> String {
    let mut n = index;
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A letter for each file, in the order of a hash of its content (a file
/// that cannot be read sorts by its path).
pub fn letters(files: &[PathBuf]) -> BTreeMap<PathBuf, String> {
    let mut keyed: Vec<(u64, &PathBuf)> = files
        .iter()
        .map(|file| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            match std::fs::read(file) {
                Ok(bytes) => bytes.hash(&mut hasher),
                Err(_) => file.hash(&mut hasher),
            }
            (hasher.finish(), file)
        })
        .collect();
    keyed.sort();
    keyed
        .into_iter()
        .enumerate()
        .map(|(i, (_, file))| (file.clone(), letter(i)))
        .collect()
}

/// `text` with the full name, then each part of it (first name, surname),
/// replaced by `shown` wherever it stands as a word of its own.
pub fn replace_name(text: &str, name: &str, shown: &str) -> String {
    let mut out = replace_word(text, name.trim(), shown);
    let mut parts: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|p| p.chars().count() >= 2)
        .collect();
    // Longer parts first, so "Anna-Lena" goes before "Anna".
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for part in parts {
        out = replace_word(&out, part, shown);
    }
    out
}

/// Replaces `word` where it is not part of a longer word ("Ana" in
/// "Analytics" stays).
fn replace_word(text: &str, word: &str, with: &str) -> String {
    if word.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        out.push_str(&rest[..at]);
        if joined(before) || joined(after) {
            out.push_str(word);
        } else {
            out.push_str(with);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn the_name_and_its_parts_go_wherever_they_stand_alone() {
        let text = "name: Ana Ruiz\nwhy_now: Ana leads Analytics; Ruiz's team\n";
        let out = replace_name(text, "Ana Ruiz", "Candidate B");
        assert_eq!(
            out,
            "name: Candidate B\nwhy_now: Candidate B leads Analytics; Candidate B's team\n"
        );
        // Non-ASCII names are words too.
        assert_eq!(
            replace_name("Lucía said", "Lucía Fernández", "Candidate A"),
            "Candidate A said"
        );
    }
}
