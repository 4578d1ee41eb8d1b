//! The binary's configuration from the outside: a bad value for a setting stops `serve`
//! with a failure status and one stderr line naming the setting and the value, and the
//! TOML file < environment < flag precedence holds (seen through `byline config`).

use std::path::Path;
use std::process::{Command, Output};

fn byline(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_byline"));
    // Nothing from the caller's environment or working directory leaks in.
    command.env_clear().current_dir(dir);
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
}

/// `serve` with `env` set and `args` added, in a fresh data directory.
fn serve(env: &[(&str, &str)], args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("dir");
    let mut command = byline(dir.path());
    command
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .args(args)
        .envs(env.iter().copied());
    command.output().expect("run")
}

/// The run failed with exactly `line` on stderr.
fn refused(out: &Output, line: &str) {
    assert!(!out.status.success(), "the start was refused");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err, format!("{line}\n"), "one line on stderr");
    assert!(out.stdout.is_empty(), "nothing started");
}

#[test]
fn a_bad_job_lease_mail_rate_or_mail_retry_stops_the_start_with_one_line() {
    refused(
        &serve(&[("BYLINE_MAIL_RATE", "fast")], &[]),
        "byline: BYLINE_MAIL_RATE=\"fast\": not a number of mails per second",
    );
    refused(
        &serve(&[("BYLINE_MAIL_RATE", "-2")], &[]),
        "byline: BYLINE_MAIL_RATE=\"-2\": must be a number of mails per second, 0 or more",
    );
    refused(
        &serve(&[("BYLINE_JOB_LEASE_SECS", "0")], &[]),
        "byline: BYLINE_JOB_LEASE_SECS=\"0\": must be at least 1",
    );
    refused(
        &serve(&[("BYLINE_JOB_LEASE_SECS", "1m")], &[]),
        "byline: BYLINE_JOB_LEASE_SECS=\"1m\": not a whole number of seconds",
    );
    refused(
        &serve(&[("BYLINE_MAIL_RETRY_SECS", "soon")], &[]),
        "byline: BYLINE_MAIL_RETRY_SECS=\"soon\": not a whole number of seconds",
    );
    refused(
        &serve(&[], &["--mail-retry-secs", "0"]),
        "byline: --mail-retry-secs=\"0\": must be at least 1",
    );
    refused(
        &serve(&[("BYLINE_DEMO", "sometimes")], &[]),
        "byline: BYLINE_DEMO=\"sometimes\": not true or false",
    );
}

#[test]
fn bad_dkim_settings_stop_the_start_with_one_line() {
    refused(
        &serve(&[("BYLINE_DKIM_DOMAIN", "news.example")], &[]),
        "byline: DKIM needs dkim_domain, dkim_selector and dkim_key_file together; dkim_selector and dkim_key_file not set",
    );
    let out = serve(
        &[
            ("BYLINE_DKIM_DOMAIN", "news.example"),
            ("BYLINE_DKIM_SELECTOR", "s1"),
            ("BYLINE_DKIM_KEY_FILE", "/no/such/dkim.pem"),
        ],
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "byline: BYLINE_DKIM_KEY_FILE=\"/no/such/dkim.pem\": cannot read the key file: "
        ),
        "{err}"
    );
    // A readable file that is not a key: refused before the demo loads (SMTP configured,
    // so nothing else is logged first).
    let dir = tempfile::tempdir().expect("dir");
    let key = dir.path().join("dkim.pem");
    std::fs::write(&key, "not a key\n").expect("write");
    let out = serve(
        &[
            ("BYLINE_DKIM_DOMAIN", "news.example"),
            ("BYLINE_DKIM_SELECTOR", "s1"),
        ],
        &[
            "--dkim-key-file",
            &key.display().to_string(),
            "--smtp-url",
            "smtp://127.0.0.1:1",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "byline: dkim_key_file={:?}: ",
            key.display().to_string()
        )),
        "{err}"
    );
}

#[test]
fn an_unknown_key_or_a_bad_value_in_the_file_names_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("byline.toml"), "mail_rate = \"fast\"\n").expect("write");
    let out = byline(dir.path())
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir", "data"])
        .output()
        .expect("run");
    refused(
        &out,
        "byline: byline.toml: mail_rate=\"fast\": not a number of mails per second",
    );
    std::fs::write(dir.path().join("byline.toml"), "mail_rates = 2\n").expect("write");
    let out = byline(dir.path()).arg("config").output().expect("run");
    refused(&out, "byline: byline.toml: unknown setting \"mail_rates\"");
    let out = byline(dir.path())
        .args(["serve", "--log", "info,[["])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_file_loses_to_the_environment_and_both_to_flags() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("byline.toml"),
        "mail_rate = 1\njob_lease_secs = 10\nmail_retry_secs = 7\nmetrics_token = \"s3cret\"\n",
    )
    .expect("write");
    let out = byline(dir.path())
        .args(["config", "--mail-rate", "3"])
        .env("BYLINE_MAIL_RATE", "2")
        .env("BYLINE_JOB_LEASE_SECS", "20")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    for line in [
        "mail_rate = \"3\"  # --mail-rate",
        "job_lease_secs = \"20\"  # BYLINE_JOB_LEASE_SECS",
        "mail_retry_secs = \"7\"  # byline.toml",
        "job_concurrency = \"4\"  # default",
        "metrics_token = \"<hidden>\"  # byline.toml",
    ] {
        assert!(shown.lines().any(|l| l == line), "{line:?} in\n{shown}");
    }
    assert!(!shown.contains("s3cret"));
}

#[test]
fn serve_help_documents_every_setting() {
    let dir = tempfile::tempdir().expect("dir");
    let out = byline(dir.path())
        .args(["serve", "--help"])
        .output()
        .expect("run");
    let help = String::from_utf8_lossy(&out.stdout);
    for setting in byline::config::SETTINGS {
        assert!(
            help.contains(&format!("--{}", setting.flag)),
            "--{} in serve --help",
            setting.flag
        );
        assert!(
            help.contains(setting.env),
            "{} in serve --help",
            setting.env
        );
    }
}
