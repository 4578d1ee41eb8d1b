//! Slug parsing and derivation in every script Byline's newsrooms write.

use super::*;

fn slug(title: &str, language: &str) -> String {
    Slug::from_title_in(title, language)
        .map(|s| s.0)
        .unwrap_or_else(|| "<none>".into())
}

#[test]
fn parses_valid_and_rejects_invalid() {
    assert!(Slug::parse("grid-repairs-2026").is_ok());
    for bad in ["", "Upper", "a--b", "-a", "a-", "a b", "a/b", "ä", "київ"] {
        assert!(Slug::parse(bad).is_err(), "{bad} should be rejected");
    }
    assert!(Slug::parse(&"a".repeat(MAX_LEN + 1)).is_err());
}

#[test]
fn derives_from_latin_titles() {
    assert_eq!(slug("Energy & Grid", "en"), "energy-grid");
    assert_eq!(slug("  Élan 2026! ", "en"), "elan-2026");
    assert_eq!(slug("Straße in Ærø", "de"), "strasse-in-aero");
    assert_eq!(slug("Editor's note", "en"), "editor-s-note");
    assert_eq!(Slug::from_title("!!!"), None);
    assert_eq!(Slug::from_title("🔥 ★ —"), None);
    assert_eq!(Slug::from_title(""), None);
}

/// The examples of the KMU 55:2010 resolution itself.
#[test]
fn ukrainian_follows_kmu_55_2010() {
    for (name, latin) in [
        ("Згорани", "zghorany"),
        ("Щастя", "shchastia"),
        ("Юрій", "yurii"),
        ("Їжакевич", "yizhakevych"),
        ("Знам'янка", "znamianka"),
        ("Розгон", "rozghon"),
        ("Борщагівка", "borshchahivka"),
        ("Єнакієве", "yenakiieve"),
        ("Короп'є", "koropie"),
        ("Ґалаґан", "galagan"),
        ("Олексій", "oleksii"),
        ("Ужгород", "uzhhorod"),
        ("Біла Церква", "bila-tserkva"),
        ("Наталія", "nataliia"),
        ("Мар'їне", "marine"),
    ] {
        assert_eq!(slug(name, "uk"), latin, "{name}");
    }
}

#[test]
fn ukrainian_headlines_and_apostrophes() {
    assert_eq!(
        slug("Заява про спільне угруповання військ", "uk"),
        "zaiava-pro-spilne-uhrupovannia-viisk"
    );
    // No language given: `і` shows it is Ukrainian.
    assert_eq!(
        slug("Заява про спільне угруповання військ", ""),
        "zaiava-pro-spilne-uhrupovannia-viisk"
    );
    // The typographic apostrophe (U+02BC, U+2019) counts like the ASCII one.
    assert_eq!(slug("Знамʼянка", "uk"), "znamianka");
    assert_eq!(slug("Знам’янка", "uk-UA"), "znamianka");
    // A stress mark is part of its letter, not a word break.
    assert_eq!(slug("за\u{301}мок", "uk"), "zamok");
}

#[test]
fn russian_follows_bgn_pcgn_without_diacritics() {
    for (text, latin) in [
        ("Объявление", "obyavleniye"),
        ("Съезд", "syezd"),
        ("Щёлково", "shchyolkovo"),
        ("Эксперимент", "eksperiment"),
        ("Быстрый рост", "bystryy-rost"),
        ("Ельцин", "yeltsin"),
        ("Горький", "gorkiy"),
        ("Хабаровск", "khabarovsk"),
    ] {
        assert_eq!(slug(text, "ru"), latin, "{text}");
    }
    // No language given: `ы`, `э`, `ё` or `ъ` show it is Russian.
    assert_eq!(slug("Выборы в Думу", ""), "vybory-v-dumu");
    assert_eq!(slug("Съезд", ""), "syezd");
}

#[test]
fn belarusian_follows_bgn_pcgn_without_diacritics() {
    for (text, latin) in [
        ("Гомель", "homel"),
        ("Беларусь", "belarus"),
        ("Вялікае княства", "vyalikaye-knyastva"),
        ("Ўсход", "uskhod"),
        ("З'езд", "zyezd"),
        ("Магілёў", "mahilyou"),
    ] {
        assert_eq!(slug(text, "be"), latin, "{text}");
    }
    // No language given: `ў`, or `і` beside `ы`, show it is Belarusian.
    assert_eq!(
        slug("Навіны з Гомеля праз Ўсход", ""),
        "naviny-z-homelya-praz-uskhod"
    );
    assert_eq!(slug("Беларускі чыгуначнік", ""), "belaruski-chyhunachnik");
}

#[test]
fn language_of_the_item_wins_over_the_letters() {
    // `Гроші` has `і` (Ukrainian), but the item says Russian.
    assert_eq!(slug("Гроші", "ru"), "groshi");
    assert_eq!(slug("Гроші", "en"), "hroshi");
    // Letters shared by all three and no language: read as Ukrainian.
    assert_eq!(slug("Горький", ""), "horkyi");
    assert_eq!(slug("Москва", "en"), "moskva");
}

#[test]
fn other_scripts_use_the_general_transliteration() {
    assert_eq!(slug("Αθήνα", "el"), "athena");
    assert_eq!(slug("北京", "zh"), "bei-jing");
    assert_eq!(slug("თბილისი", "ka"), "tbilisi");
}

#[test]
fn mixed_scripts_and_digits() {
    assert_eq!(
        slug("Kyiv Post: Київ і Львів 2026", ""),
        "kyiv-post-kyiv-i-lviv-2026"
    );
    assert_eq!(slug("COVID-19 у Харкові", "uk"), "covid-19-u-kharkovi");
    assert_eq!(slug("«Укренерго»: 5 блоків", "uk"), "ukrenerho-5-blokiv");
}

#[test]
fn slugs_are_bounded_and_cut_between_words() {
    let long = "Дуже довгий заголовок ".repeat(20);
    let s = slug(&long, "uk");
    assert!(s.len() <= MAX_LEN, "{s}");
    assert!(Slug::parse(&s).is_ok(), "{s}");
    assert!(
        s.ends_with("zaholovok") || s.ends_with("dovhyi") || s.ends_with("duzhe"),
        "{s}"
    );
    let one_word = "а".repeat(300);
    assert_eq!(slug(&one_word, "uk").len(), MAX_LEN);
}

#[test]
fn a_typed_slug_wins() {
    let typed = Slug::given_or_derived("my-own", "Заява", "uk", "headline").expect("typed");
    assert_eq!(typed.as_str(), "my-own");
    let derived = Slug::given_or_derived("  ", "Заява", "uk", "headline").expect("derived");
    assert_eq!(derived.as_str(), "zaiava");
    let bad = Slug::given_or_derived("Not A Slug", "Заява", "uk", "headline");
    assert_eq!(bad.map_err(|e| e.field), Err("slug"));
    let empty = Slug::given_or_derived("", "!!!", "uk", "headline");
    assert_eq!(
        empty,
        Err(FieldError::new("headline", NO_LETTERS)),
        "an all-symbol headline gets a clear error"
    );
}

#[test]
fn messages_match_their_catalog_entries() {
    use byline_i18n::Lang;
    assert_eq!(Lang::En.t(NO_LETTERS_KEY), NO_LETTERS);
    let invalid = Slug::parse("Київ").expect_err("not a slug");
    assert_eq!(
        Lang::En.t_s(INVALID_KEY, "slug", "Київ"),
        invalid.to_string()
    );
    assert_ne!(Lang::Uk.t(NO_LETTERS_KEY), NO_LETTERS, "translated");
}
