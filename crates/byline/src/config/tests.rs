//! The configuration's rules: precedence, defaults as documented, one-line errors that name
//! the setting and the value, and a README table that matches the settings table.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use super::*;

fn storage() -> Storage {
    Storage::resolve(Some("/srv/byline".into()), None, &FileConfig::default())
}

fn file(text: &str) -> FileConfig {
    FileConfig::parse(Path::new("byline.toml"), text).expect("a valid file")
}

fn flags(pairs: &[(&str, &str)]) -> ServeFlags {
    ServeFlags {
        given: pairs
            .iter()
            .map(|(key, text)| Given {
                setting: settings::setting(key).expect("a setting"),
                origin: Origin::Flag,
                text: (*text).to_owned(),
            })
            .collect(),
    }
}

fn resolve(
    file: &FileConfig,
    env: &[(&str, &str)],
    flags: &ServeFlags,
) -> anyhow::Result<ServeConfig> {
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    ServeConfig::resolve(file, &|name| env.get(name).cloned(), flags, &storage())
}

fn error(file: &FileConfig, env: &[(&str, &str)], flags: &ServeFlags) -> String {
    format!("{:#}", resolve(file, env, flags).expect_err("refused"))
}

#[test]
fn defaults_put_sqlite_in_the_data_dir() {
    let s = Storage::resolve(Some("/tmp/x".into()), None, &FileConfig::default());
    assert_eq!(s.database_url, "sqlite:///tmp/x/byline.db");
    let toml = file("database_url = \"postgres://h/db\"");
    assert_eq!(
        Storage::resolve(None, None, &toml).database_url,
        "postgres://h/db"
    );
    let flag = Storage::resolve(None, Some("sqlite://a.db".into()), &toml);
    assert_eq!(flag.database_url, "sqlite://a.db", "flags beat the file");
}

#[test]
fn base_url_from_address() {
    assert_eq!(default_base_url("0.0.0.0:8080"), "http://localhost:8080");
    assert_eq!(default_base_url("127.0.0.1:9000"), "http://127.0.0.1:9000");
    let config = resolve(&file("addr = \"0.0.0.0:9100\""), &[], &flags(&[])).expect("config");
    assert_eq!(config.web.base_url, "http://localhost:9100");
    assert_eq!(config.mail.outbox_dir, Path::new("/srv/byline/outbox"));
}

#[test]
fn the_file_is_beaten_by_the_environment_and_both_by_flags() {
    let toml = file("mail_rate = 1\njob_lease_secs = 10\nmail_retry_secs = 7\npage_size = 3");
    let env = [("BYLINE_MAIL_RATE", "2"), ("BYLINE_JOB_LEASE_SECS", "20")];
    let config = resolve(
        &toml,
        &env,
        &flags(&[("mail_rate", "3"), ("metrics_token", "s3cret")]),
    )
    .expect("config");
    assert!(
        !format!("{config:?}").contains("s3cret"),
        "secrets stay out of Debug"
    );
    assert_eq!(config.jobs.send_campaign.rate, 3.0, "flag over environment");
    assert_eq!(
        config.runner.lease,
        Duration::from_secs(20),
        "environment over file"
    );
    assert_eq!(
        config.jobs.send_campaign.retry,
        Duration::from_secs(7),
        "file over default"
    );
    assert_eq!(config.web.page_size, 3);
    assert_eq!(config.runner.concurrency, 4, "default");
}

#[test]
fn documented_defaults_are_the_built_in_defaults() {
    let built_in = format!("{:?}", ServeConfig::default());
    for setting in SETTINGS.iter().filter(|s| s.scope == Scope::Serve) {
        if let DefaultValue::Literal(text) = setting.default {
            let mut draft = Draft::default();
            (setting.apply)(&mut draft, text).expect("the default reads");
            assert_eq!(
                format!("{:?}", draft.config),
                built_in,
                "{} documents {text:?} but defaults to something else",
                setting.key
            );
        }
    }
}

#[test]
fn a_bad_value_names_the_setting_the_value_and_where_it_was_written() {
    let none = FileConfig::default();
    assert_eq!(
        error(&none, &[("BYLINE_MAIL_RATE", "fast")], &flags(&[])),
        "BYLINE_MAIL_RATE=\"fast\": not a number of mails per second"
    );
    assert_eq!(
        error(&none, &[], &flags(&[("job_lease_secs", "0")])),
        "--job-lease-secs=\"0\": must be at least 1"
    );
    assert_eq!(
        error(&file("mail_retry_secs = \"soon\""), &[], &flags(&[])),
        "byline.toml: mail_retry_secs=\"soon\": not a whole number of seconds"
    );
    assert_eq!(
        error(&none, &[("BYLINE_DEMO", "maybe")], &flags(&[])),
        "BYLINE_DEMO=\"maybe\": not true or false"
    );
    assert_eq!(
        error(&none, &[("BYLINE_BASE_URL", "news.example")], &flags(&[])),
        "BYLINE_BASE_URL=\"news.example\": not an http:// or https:// address"
    );
    // A secret is never echoed.
    let e = error(
        &none,
        &[("BYLINE_DATABASE_URL", "x")],
        &flags(&[("sitemap_chunk", "60000")]),
    );
    assert!(
        e.starts_with("--sitemap-chunk=\"60000\": must be at most 50000"),
        "{e}"
    );
}

#[test]
fn dkim_needs_all_three_and_a_readable_key() {
    let none = FileConfig::default();
    assert_eq!(
        error(&none, &[("BYLINE_DKIM_DOMAIN", "news.example")], &flags(&[])),
        "DKIM needs dkim_domain, dkim_selector and dkim_key_file together; dkim_selector and dkim_key_file not set"
    );
    let e = error(
        &none,
        &[("BYLINE_DKIM_KEY_FILE", "/no/such/key.pem")],
        &flags(&[]),
    );
    assert!(
        e.starts_with("BYLINE_DKIM_KEY_FILE=\"/no/such/key.pem\": cannot read the key file: "),
        "{e}"
    );
    let dir = tempfile::tempdir().expect("dir");
    let key = dir.path().join("dkim.pem");
    std::fs::write(&key, "-----BEGIN RSA PRIVATE KEY-----\n").expect("write");
    let config = resolve(
        &none,
        &[
            ("BYLINE_DKIM_DOMAIN", "news.example"),
            ("BYLINE_DKIM_SELECTOR", "s1"),
            ("BYLINE_DKIM_KEY_FILE", &key.display().to_string()),
        ],
        &flags(&[]),
    )
    .expect("config");
    let dkim = config.dkim.expect("dkim");
    assert_eq!(
        (dkim.domain.as_str(), dkim.selector.as_str()),
        ("news.example", "s1")
    );
    assert!(
        !format!("{dkim:?}").contains("BEGIN"),
        "the key stays out of Debug"
    );
}

#[test]
fn the_file_refuses_unknown_keys_and_odd_values_in_one_line() {
    let e = FileConfig::parse(Path::new("byline.toml"), "adr = \"x\"").expect_err("unknown");
    assert_eq!(e.to_string(), "byline.toml: unknown setting \"adr\"");
    let e = FileConfig::parse(Path::new("byline.toml"), "addr = \"x\"\n[mail]\nrate = 1")
        .expect_err("a table");
    assert_eq!(e.to_string(), "byline.toml: unknown setting \"mail\"");
    let e = FileConfig::parse(Path::new("b.toml"), "addr = \"x\"\npage_size = = 3")
        .expect_err("syntax");
    let e = e.to_string();
    assert!(
        e.starts_with("b.toml: line 2: ") && !e.contains('\n'),
        "{e}"
    );
    let proxies = file("trusted_proxies = [\"10.0.0.0/8\", \"::1\"]");
    assert_eq!(proxies.get("trusted_proxies"), Some("10.0.0.0/8, ::1"));
    let config = resolve(&proxies, &[], &flags(&[])).expect("config");
    assert_eq!(config.web.trusted_proxies.len(), 2);
}

#[test]
fn names_follow_one_pattern() {
    for s in SETTINGS {
        if s.key == "demo" {
            assert_eq!((s.env, s.flag), ("BYLINE_DEMO", "no-demo"));
            continue;
        }
        assert_eq!(
            s.env,
            format!("BYLINE_{}", s.key.to_uppercase()),
            "{}",
            s.key
        );
        assert_eq!(s.flag, s.key.replace('_', "-"), "{}", s.key);
    }
}

/// The README's configuration table, as the settings table says it should read.
fn readme_table() -> String {
    let mut out = String::from(
        "| TOML key | environment | flag | default | meaning |\n|---|---|---|---|---|\n",
    );
    for s in SETTINGS {
        let flag = if s.value.is_empty() {
            format!("`--{}`", s.flag)
        } else {
            format!("`--{} {}`", s.flag, s.value)
        };
        let default = match s.default {
            DefaultValue::Literal(v) => format!("`{v}`"),
            DefaultValue::Derived(v) => v.to_owned(),
        };
        out.push_str(&format!(
            "| `{}` | `{}` | {flag} | {default} | {} |\n",
            s.key, s.env, s.meaning
        ));
    }
    out
}

#[test]
fn the_readme_documents_every_setting() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let table = readme
        .split("<!-- settings:start -->\n")
        .nth(1)
        .and_then(|rest| rest.split("<!-- settings:end -->").next())
        .unwrap_or_default();
    let expected = readme_table();
    assert!(
        table == expected,
        "the README's configuration table is out of date; between the settings markers it should read:\n\n{expected}"
    );
}
