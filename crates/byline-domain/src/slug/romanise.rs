//! Cyrillic to Latin letters for slugs: which romanisation a text follows, and the
//! Russian and Belarusian tables (Ukrainian is the `uklatn` crate's KMU 55:2010 table).
//!
//! - **Ukrainian**: the national transliteration, Cabinet of Ministers resolution 55 of
//!   2010 (KMU 55:2010): `Згорани` → `zghorany`, `Юрій` → `yurii`, `Знам'янка` → `znamianka`.
//! - **Russian**: BGN/PCGN 1947 without diacritics: `ё` → `yo`, `ы` → `y`, `э` → `e`,
//!   `ъ` and `ь` dropped, `е` → `ye` at the start of a word and after a vowel, `й`, `ъ` or
//!   `ь` (`Объявление` → `obyavleniye`), `х` → `kh`, `ц` → `ts`, `щ` → `shch`.
//! - **Belarusian**: BGN/PCGN 1979 without diacritics: as Russian, with `г` → `h`,
//!   `ґ` → `g`, `і` → `i`, `ў` → `u` (the breve of `ŭ` dropped) and the apostrophe dropped.
//!
//! Which one applies: the item's language when it is one of these three (`uk`, `ru`, `be`);
//! otherwise the letters that only one of them has (`ў` → Belarusian; `і` with `ы`, `э` or
//! `ё` → Belarusian; `і`, `ї`, `є`, `ґ` → Ukrainian; `ы`, `э`, `ъ`, `ё` → Russian); a text
//! with none of them (`Москва`) is read as Ukrainian, the language Byline's newsrooms write.

/// A way of writing Cyrillic letters in Latin ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Romanisation {
    /// KMU 55:2010, Ukraine's national transliteration.
    Ukrainian,
    /// BGN/PCGN 1947 without diacritics.
    Russian,
    /// BGN/PCGN 1979 without diacritics.
    Belarusian,
}

impl Romanisation {
    /// The romanisation of a language code (`uk`, `uk-UA`, `ru`, `be_BY` …); `None` for
    /// languages that are not written in Cyrillic here (`en`, `de`) and for an empty code.
    pub fn for_language(code: &str) -> Option<Self> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "uk" | "ukr" => Some(Self::Ukrainian),
            "ru" | "rus" => Some(Self::Russian),
            "be" | "bel" => Some(Self::Belarusian),
            _ => None,
        }
    }

    /// The language a text's letters give away, if any (see the module doc).
    pub fn detect(text: &str) -> Option<Self> {
        let has = |letters: &[char]| {
            text.chars()
                .flat_map(char::to_lowercase)
                .any(|c| letters.contains(&c))
        };
        let russian_like = has(&['ы', 'э', 'ё']);
        if has(&['ў']) || (has(&['і']) && russian_like && !has(&['ї', 'є'])) {
            Some(Self::Belarusian)
        } else if has(&['і', 'ї', 'є', 'ґ']) {
            Some(Self::Ukrainian)
        } else if russian_like || has(&['ъ']) {
            Some(Self::Russian)
        } else {
            None
        }
    }

    /// The romanisation for `text` in `language`: the language's own when it has one, else
    /// the one its letters show, else Ukrainian.
    pub fn choose(text: &str, language: &str) -> Self {
        Self::for_language(language)
            .or_else(|| Self::detect(text))
            .unwrap_or(Self::Ukrainian)
    }

    /// `text` (already lower case) with its Cyrillic letters in Latin ones; other
    /// characters are left as they are.
    pub fn apply(self, text: &str) -> String {
        match self {
            Self::Ukrainian => uklatn::encode(text, uklatn::Table::Kmu55),
            Self::Russian | Self::Belarusian => self.by_table(text),
        }
    }

    fn by_table(self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            if is_apostrophe(c) && before.is_some_and(is_cyrillic) && after.is_some_and(is_cyrillic)
            {
                continue;
            }
            if c == 'е' && !before.is_some_and(|b| is_cyrillic(b) && !softens_e(b)) {
                out.push_str("ye");
                continue;
            }
            match self.letter(c) {
                Some(latin) => out.push_str(latin),
                None => out.push(c),
            }
        }
        out
    }

    /// One lower-case letter; `None` leaves the character for the general fallback.
    fn letter(self, c: char) -> Option<&'static str> {
        let belarusian = self == Self::Belarusian;
        Some(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' if belarusian => "h",
            'г' => "g",
            'ґ' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' | 'і' => "i",
            'й' | 'ы' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ў' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            _ => return None,
        })
    }
}

/// Letters after which `е` is written `ye`: vowels and the signs.
fn softens_e(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'і' | 'о' | 'у' | 'ў' | 'ы' | 'э' | 'ю' | 'я' | 'й' | 'ъ' | 'ь'
    ) || is_apostrophe(c)
}

pub(super) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// The apostrophes writers type inside Ukrainian and Belarusian words.
pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}' | '`')
}
