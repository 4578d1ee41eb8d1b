//! Excerpts for feeds and meta descriptions, capped by the outlet's syndication policy.

/// Cuts `text` to at most `cap` characters (counting the ellipsis), at a word boundary
/// when possible. Whitespace is collapsed first.
pub fn excerpt(text: &str, cap: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= cap {
        return collapsed;
    }
    if cap == 0 {
        return String::new();
    }
    let budget = cap - 1; // room for the ellipsis
    let cut: String = collapsed.chars().take(budget).collect();
    let at_word = match cut.rfind(' ') {
        Some(pos) if pos > budget / 2 => &cut[..pos],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn never_exceeds_the_cap() {
        let text = "Repair crews worked through the night to restore power. ".repeat(40);
        for cap in [1, 10, 50, 500] {
            let out = excerpt(&text, cap);
            assert!(out.chars().count() <= cap, "cap {cap}: {out}");
            assert!(out.ends_with('…'));
        }
    }

    #[test]
    fn short_text_is_untouched_but_collapsed() {
        assert_eq!(excerpt("A  short\n line", 500), "A short line");
    }

    #[test]
    fn cuts_at_a_word_boundary() {
        assert_eq!(excerpt("alpha beta gamma delta", 13), "alpha beta…");
    }
}
