//! "N min read": reading time computed from an article body.

/// Words a typical reader reads per minute of news prose.
const WORDS_PER_MINUTE: usize = 220;

/// Minutes needed to read `text`, rounded up, never less than one.
pub fn reading_minutes(text: &str) -> u32 {
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::reading_minutes;

    #[test]
    fn at_least_one_minute_and_rounds_up() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes("one two three"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(220)), 1);
        assert_eq!(reading_minutes(&"word ".repeat(221)), 2);
        assert_eq!(reading_minutes(&"word ".repeat(1000)), 5);
    }

    #[test]
    fn punctuation_alone_is_not_a_word() {
        assert_eq!(reading_minutes(&"— ".repeat(5000)), 1);
    }
}
