//! Every letter from fixed inputs, in English and Ukrainian: snapshots of the subject, the
//! plain text and the HTML (`tests/snapshots/`), no English words in a Ukrainian letter,
//! the plural forms of the link's lifetime, and a Ukrainian letter through the real SMTP
//! sink with its subject and both parts decoded intact.

use byline_domain::staff::Role;
use byline_i18n::leaks::leaks_of;
use byline_i18n::Lang;
use byline_mail::letters::{Campaign, Confirmation, Invitation, Letter, PasswordReset};
use byline_mail::sink::SmtpSink;
use byline_mail::{MailConfig, Mailer};

/// The site's name in each language's fixtures.
fn site(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The Meridian Courier",
        Lang::Uk => "Меридіанський кур’єр",
    }
}

fn confirmation(lang: Lang, days: i64) -> Letter {
    let names: &[&str] = match lang {
        Lang::En => &["The Morning Briefing", "Weekend Reads"],
        Lang::Uk => &["Ранковий огляд", "Читання на вихідні"],
    };
    Confirmation {
        site_name: site(lang),
        newsletters: names,
        link: "https://news.example/newsletters/confirm?token=c0ffee",
        days,
    }
    .render(lang)
    .expect("renders")
}

fn password_reset(lang: Lang, hours: i64) -> Letter {
    PasswordReset {
        site_name: site(lang),
        link: "https://news.example/desk/password/reset?token=5ec2e7",
        hours,
    }
    .render(lang)
    .expect("renders")
}

fn invitation(lang: Lang, inviter: Option<&str>) -> Letter {
    Invitation {
        site_name: site(lang),
        inviter,
        role: Role::Editor,
        link: "https://news.example/desk/invite?token=1nv173",
        hours: 72,
    }
    .render(lang)
    .expect("renders")
}

fn campaign(lang: Lang) -> Letter {
    let (subject, markdown) = match lang {
        Lang::En => (
            "Morning Briefing: the grid is back",
            "## Today\n\nPower is back in **Calder** after <b>three</b> days.",
        ),
        Lang::Uk => (
            "Ранковий огляд: світло повернулося",
            "## Сьогодні\n\nУ **Калдері** знову є світло після трьох днів.",
        ),
    };
    let html = byline_domain::markdown::render(markdown).html;
    Campaign {
        subject,
        body_text: markdown,
        body_html: &html,
        preferences_url: "https://news.example/newsletters/preferences?token=u75",
        unsubscribe_url: "https://news.example/newsletters/unsubscribe?token=u75&list=morning",
    }
    .render(lang)
    .expect("renders")
}

/// Every letter in `lang`, by name.
fn every_letter(lang: Lang) -> Vec<(&'static str, Letter)> {
    vec![
        ("confirmation", confirmation(lang, 7)),
        ("password_reset", password_reset(lang, 1)),
        ("invitation", invitation(lang, Some("Ana Kovalenko"))),
        ("invitation_anonymous", invitation(lang, None)),
        ("campaign", campaign(lang)),
    ]
}

fn snapshot_text(letter: &Letter) -> String {
    format!(
        "Subject: {}\n\n----- text -----\n{}\n----- html -----\n{}",
        letter.subject, letter.text, letter.html
    )
}

#[test]
fn letters_match_their_snapshots() {
    for lang in Lang::ALL {
        for (name, letter) in every_letter(lang) {
            insta::assert_snapshot!(format!("{name}_{lang}"), snapshot_text(&letter));
        }
    }
}

#[test]
fn ukrainian_letters_contain_no_english() {
    for (name, letter) in every_letter(Lang::Uk) {
        let all = snapshot_text(&letter);
        assert_eq!(leaks_of(Lang::En, &all), Vec::<String>::new(), "{name}");
        assert!(letter.html.contains("<html lang=\"uk\">"), "{name}");
    }
    for (name, letter) in every_letter(Lang::En) {
        assert!(letter.html.contains("<html lang=\"en\">"), "{name}");
    }
}

#[test]
fn links_stand_on_their_own_line_in_the_text() {
    for lang in Lang::ALL {
        for (name, letter) in every_letter(lang) {
            let link = letter
                .text
                .lines()
                .find(|l| l.contains("https://news.example/"))
                .unwrap_or_else(|| panic!("{name}: no link in\n{}", letter.text));
            assert!(
                link.starts_with("https://") || link.contains(": https://"),
                "{name}: {link}"
            );
            assert!(
                letter.html.contains("href=\"https://news.example/"),
                "{name}"
            );
        }
    }
}

#[test]
fn lifetimes_take_the_plural_form_of_the_number() {
    let days = |n| confirmation(Lang::Uk, n).text;
    assert!(days(1).contains("воно діє 1 день)"), "{}", days(1));
    assert!(days(3).contains("воно діє 3 дні)"), "{}", days(3));
    assert!(days(7).contains("воно діє 7 днів)"), "{}", days(7));
    assert!(days(21).contains("воно діє 21 день)"), "{}", days(21));
    assert!(confirmation(Lang::En, 1)
        .text
        .contains("(it works for 1 day)"));
    assert!(confirmation(Lang::En, 7)
        .text
        .contains("(it works for 7 days)"));
    let hours = |n| password_reset(Lang::Uk, n).html;
    assert!(hours(1).contains("Посилання діє 1 годину."));
    assert!(hours(2).contains("Посилання діє 2 години."));
    assert!(hours(72).contains("Посилання діє 72 години."));
    assert!(hours(5).contains("Посилання діє 5 годин."));
    assert!(password_reset(Lang::En, 1).text.contains("within 1 hour:"));
}

#[test]
fn names_and_bodies_are_escaped_in_html_but_not_in_text() {
    let letter = Confirmation {
        site_name: "Tom & Jerry <News>",
        newsletters: &["A & B"],
        link: "https://news.example/c?token=x&y=1",
        days: 7,
    }
    .render(Lang::En)
    .expect("renders");
    assert!(
        letter.html.contains("Tom &#38; Jerry &#60;News&#62;")
            || letter.html.contains("Tom &amp; Jerry &lt;News&gt;"),
        "{}",
        letter.html
    );
    assert!(!letter.html.contains("<News>"));
    assert!(letter.text.contains("Tom & Jerry <News>"));
    assert!(letter.text.contains("https://news.example/c?token=x&y=1"));
    assert_eq!(
        letter.subject,
        "Confirm your subscription to Tom & Jerry <News>"
    );
}

#[tokio::test]
async fn a_ukrainian_letter_arrives_intact_over_smtp() {
    let sink = SmtpSink::start().await.expect("sink starts");
    let outbox = tempfile::tempdir().expect("outbox");
    let mailer = Mailer::new(&MailConfig {
        smtp_url: Some(sink.url()),
        outbox_dir: outbox.path().to_owned(),
        from_name: site(Lang::Uk).to_owned(),
        from_address: "redakciya@news.example".to_owned(),
    })
    .expect("valid config");
    let letter = confirmation(Lang::Uk, 7);
    mailer
        .send(&letter.to_mail("chytach@readers.example"))
        .await
        .expect("sent");
    let got = sink.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].header("Subject").as_deref(),
        Some(letter.subject.as_str())
    );
    assert_eq!(got[0].text_part().as_deref(), Some(letter.text.as_str()));
    assert_eq!(got[0].html_part().as_deref(), Some(letter.html.as_str()));
}
