//! Every setting Byline reads, once: adding a setting is adding a row here (and the README
//! row the test `the_readme_documents_every_setting` prints).

use std::path::PathBuf;

use super::settings::{ignore, optional, serve, set, DefaultValue, Scope, Setting};
use super::values::{millis, origin, rate, seconds, switch, text, whole};

const MIB: u64 = 1 << 20;
use DefaultValue::{Derived, Literal};

/// Every setting, in the order of `--help` and the README.
pub static SETTINGS: &[Setting] = &[
    serve(
        "data_dir",
        "BYLINE_DATA_DIR",
        "data-dir",
        "DIR",
        Derived("./data"),
        "directory of the SQLite database and the mail outbox",
        ignore,
    )
    .scope(Scope::Storage),
    serve(
        "database_url",
        "BYLINE_DATABASE_URL",
        "database-url",
        "URL",
        Derived("sqlite://DATA_DIR/byline.db"),
        "database: sqlite://PATH or postgres://USER@HOST/DB",
        ignore,
    )
    .scope(Scope::Storage)
    .secret(),
    serve(
        "signing_key_dir",
        "BYLINE_SIGNING_KEY_DIR",
        "signing-key-dir",
        "DIR",
        Derived("DATA_DIR/keys"),
        "directory of the outlet's private signing keys (owner-only, never in the database); share it between nodes",
        ignore,
    )
    .scope(Scope::Storage),
    serve(
        "search_dir",
        "BYLINE_SEARCH_DIR",
        "search-dir",
        "DIR",
        Derived("DATA_DIR/search"),
        "directory of this node's search index (rebuilt from the database when missing; one per node)",
        ignore,
    )
    .scope(Scope::Storage),
    serve(
        "log",
        "BYLINE_LOG",
        "log",
        "FILTER",
        Literal("info,sqlx=warn"),
        "what the log on stderr shows: a tracing filter, e.g. `warn` or `info,byline_jobs=debug`",
        ignore,
    )
    .scope(Scope::Logging),
    serve(
        "addr",
        "BYLINE_ADDR",
        "addr",
        "HOST:PORT",
        Literal("127.0.0.1:8080"),
        "address to listen on",
        |d, v| set(&mut d.config.addr, text(v)),
    ),
    serve(
        "base_url",
        "BYLINE_BASE_URL",
        "base-url",
        "URL",
        Derived("http:// + the address"),
        "public origin of canonical links, feeds, sitemaps and links in mail",
        |d, v| set(&mut d.base_url, origin(v).map(Some)),
    ),
    serve(
        "demo",
        "BYLINE_DEMO",
        "no-demo",
        "",
        Literal("true"),
        "load the demo newsroom into an empty database (--no-demo turns it off)",
        |d, v| set(&mut d.config.demo, switch(v)),
    )
    .switch("false"),
    serve(
        "page_size",
        "BYLINE_PAGE_SIZE",
        "page-size",
        "N",
        Literal("12"),
        "articles per section, tag and author page",
        |d, v| set(&mut d.config.web.page_size, whole(v, "articles", 1)),
    ),
    serve(
        "sitemap_chunk",
        "BYLINE_SITEMAP_CHUNK",
        "sitemap-chunk",
        "N",
        Literal("5000"),
        "article URLs per sitemap file (50000 at most)",
        |d, v| {
            let n = whole(v, "URLs", 1)?;
            if n > 50_000 {
                return Err("must be at most 50000 (the sitemap protocol's limit)".into());
            }
            set(&mut d.config.web.sitemap_chunk, Ok(n))
        },
    ),
    serve(
        "change_poll_ms",
        "BYLINE_CHANGE_POLL_MS",
        "change-poll-ms",
        "MS",
        Literal("250"),
        "how often to read the change log that other nodes and the CLI write (PostgreSQL also signals each change at once)",
        |d, v| set(&mut d.config.web.change_poll, millis(v)),
    ),
    serve(
        "max_body_bytes",
        "BYLINE_MAX_BODY_BYTES",
        "max-body-bytes",
        "BYTES",
        Literal("1048576"),
        "largest request body accepted",
        |d, v| set(&mut d.config.web.max_body, whole(v, "bytes", 1024)),
    ),
    serve(
        "subscribe_limit",
        "BYLINE_SUBSCRIBE_LIMIT",
        "subscribe-limit",
        "N",
        Literal("20"),
        "newsletter subscribe requests per client address per 10 minutes",
        |d, v| set(&mut d.config.web.subscribe_limit, whole(v, "requests", 1)),
    ),
    serve(
        "report_limit",
        "BYLINE_REPORT_LIMIT",
        "report-limit",
        "N",
        Literal("10"),
        "readers' error reports per client address per 10 minutes",
        |d, v| set(&mut d.config.web.report_limit, whole(v, "reports", 1)),
    ),
    serve(
        "max_tags",
        "BYLINE_MAX_TAGS",
        "max-tags",
        "N",
        Literal("20"),
        "tags one article may carry at most",
        |d, v| set(&mut d.config.web.max_tags, whole(v, "tags", 1)),
    ),
    serve(
        "trusted_proxies",
        "BYLINE_TRUSTED_PROXIES",
        "trusted-proxies",
        "LIST",
        Literal("127.0.0.0/8, ::1"),
        "reverse proxies (addresses or networks) whose X-Forwarded-For is believed",
        |d, v| {
            set(
                &mut d.config.web.trusted_proxies,
                byline_web::client_ip::parse_trusted_proxies(v),
            )
        },
    ),
    serve(
        "cache_bytes",
        "BYLINE_CACHE_BYTES",
        "cache-bytes",
        "BYTES",
        Literal("67108864"),
        "byte budget of the render cache, compressed variants counted (1 MiB at least)",
        |d, v| set(&mut d.config.web.cache_bytes, whole(v, "bytes", MIB)),
    ),
    serve(
        "media_cache_bytes",
        "BYLINE_MEDIA_CACHE_BYTES",
        "media-cache-bytes",
        "BYTES",
        Literal("33554432"),
        "byte budget of uploaded files kept in memory (1 MiB at least)",
        |d, v| set(&mut d.config.web.media_cache_bytes, whole(v, "bytes", MIB)),
    ),
    serve(
        "render_concurrency",
        "BYLINE_RENDER_CONCURRENCY",
        "render-concurrency",
        "N",
        Derived("the number of cores, at least 2"),
        "pages rendered at once at most; more wait, then get 503",
        |d, v| set(&mut d.config.web.render_concurrency, whole(v, "renders", 1)),
    ),
    serve(
        "header_timeout_secs",
        "BYLINE_HEADER_TIMEOUT_SECS",
        "header-timeout-secs",
        "SECS",
        Literal("10"),
        "a request's headers must arrive within this time",
        |d, v| set(&mut d.config.web.header_timeout, seconds(v)),
    ),
    serve(
        "max_connections_per_ip",
        "BYLINE_MAX_CONNECTIONS_PER_IP",
        "max-connections-per-ip",
        "N",
        Literal("256"),
        "open connections per client address at most (trusted proxies exempt)",
        |d, v| {
            set(
                &mut d.config.web.max_connections_per_ip,
                whole(v, "connections", 1),
            )
        },
    ),
    serve(
        "live_max_streams",
        "BYLINE_LIVE_MAX_STREAMS",
        "live-max-streams",
        "N",
        Literal("20000"),
        "live update streams (SSE) open at once on this server at most; more get 429",
        |d, v| set(&mut d.config.web.live_max_streams, whole(v, "streams", 1)),
    ),
    serve(
        "live_streams_per_client",
        "BYLINE_LIVE_STREAMS_PER_CLIENT",
        "live-streams-per-client",
        "N",
        Literal("8"),
        "live update streams open at once from one client address at most; more get 429",
        |d, v| {
            set(
                &mut d.config.web.live_streams_per_client,
                whole(v, "streams", 1),
            )
        },
    ),
    serve(
        "metrics_token",
        "BYLINE_METRICS_TOKEN",
        "metrics-token",
        "TOKEN",
        Derived("none: /metrics is not served"),
        "bearer token that /metrics requires",
        |d, v| set(&mut d.config.web.metrics_token, Ok(optional(v))),
    )
    .secret(),
    serve(
        "smtp_url",
        "BYLINE_SMTP_URL",
        "smtp-url",
        "URL",
        Derived("none: mail is written to DATA_DIR/outbox"),
        "SMTP server of outgoing mail, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host",
        |d, v| set(&mut d.config.mail.smtp_url, Ok(optional(v))),
    )
    .secret(),
    serve(
        "mail_from",
        "BYLINE_MAIL_FROM",
        "mail-from",
        "ADDRESS",
        Literal("newsroom@localhost.localdomain"),
        "sender address of outgoing mail; its domain is used in Message-IDs",
        |d, v| {
            let address = byline_mail::validate_address(v).map_err(|_| "not an email address")?;
            set(&mut d.config.mail.from_address, Ok(address))
        },
    ),
    serve(
        "mail_from_name",
        "BYLINE_MAIL_FROM_NAME",
        "mail-from-name",
        "NAME",
        Literal("Byline"),
        "sender name of outgoing mail (a newsletter's own sender replaces both)",
        |d, v| set(&mut d.config.mail.from_name, text(v)),
    ),
    serve(
        "mail_rate",
        "BYLINE_MAIL_RATE",
        "mail-rate",
        "N",
        Literal("0"),
        "newsletter messages per second at most, all campaigns together (0: unlimited)",
        |d, v| {
            set(
                &mut d.config.jobs.send_campaign.rate,
                rate(v, "mails per second"),
            )
        },
    ),
    serve(
        "mail_retry_secs",
        "BYLINE_MAIL_RETRY_SECS",
        "mail-retry-secs",
        "SECS",
        Literal("30"),
        "first retry of a newsletter message after a 4xx or no connection; doubles, 5 tries",
        |d, v| set(&mut d.config.jobs.send_campaign.retry, seconds(v)),
    ),
    serve(
        "dkim_domain",
        "BYLINE_DKIM_DOMAIN",
        "dkim-domain",
        "DOMAIN",
        Derived("none: mail is not signed"),
        "DKIM signing domain (with dkim_selector and dkim_key_file)",
        |d, v| set(&mut d.dkim_domain, text(v).map(Some)),
    ),
    serve(
        "dkim_selector",
        "BYLINE_DKIM_SELECTOR",
        "dkim-selector",
        "SELECTOR",
        Derived("none"),
        "DKIM selector: the key is published as SELECTOR._domainkey.DOMAIN",
        |d, v| set(&mut d.dkim_selector, text(v).map(Some)),
    ),
    serve(
        "dkim_key_file",
        "BYLINE_DKIM_KEY_FILE",
        "dkim-key-file",
        "FILE",
        Derived("none"),
        "DKIM private key: a PKCS#1 PEM RSA key file",
        |d, v| {
            let path = PathBuf::from(v.trim());
            let pem = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read the key file: {e}"))?;
            set(&mut d.dkim_key, Ok(Some((path, pem))))
        },
    ),
    serve(
        "job_lease_secs",
        "BYLINE_JOB_LEASE_SECS",
        "job-lease-secs",
        "SECS",
        Literal("60"),
        "how long a job or a batch of deliveries stays leased to one worker (crash take-over)",
        |d, v| set(&mut d.config.runner.lease, seconds(v)),
    ),
    serve(
        "job_poll_ms",
        "BYLINE_JOB_POLL_MS",
        "job-poll-ms",
        "MS",
        Literal("1000"),
        "how often the worker looks for due jobs when nothing wakes it",
        |d, v| set(&mut d.config.runner.poll, millis(v)),
    ),
    serve(
        "job_retry_secs",
        "BYLINE_JOB_RETRY_SECS",
        "job-retry-secs",
        "SECS",
        Literal("30"),
        "first retry of a failed job; doubles with each attempt",
        |d, v| set(&mut d.config.runner.backoff, seconds(v)),
    ),
    serve(
        "job_max_retry_secs",
        "BYLINE_JOB_MAX_RETRY_SECS",
        "job-max-retry-secs",
        "SECS",
        Literal("3600"),
        "longest wait before a failed job's next attempt",
        |d, v| set(&mut d.config.runner.max_backoff, seconds(v)),
    ),
    serve(
        "job_concurrency",
        "BYLINE_JOB_CONCURRENCY",
        "job-concurrency",
        "N",
        Literal("4"),
        "jobs this server runs at once (a newsletter run, a mail, a publication…)",
        |d, v| set(&mut d.config.runner.concurrency, whole(v, "jobs", 1)),
    ),
    serve(
        "live_archive_after_hours",
        "BYLINE_LIVE_ARCHIVE_AFTER_HOURS",
        "live-archive-after-hours",
        "HOURS",
        Literal("24"),
        "a live page with no new entry for this long is archived (0: never automatically)",
        |d, v| {
            let hours = whole(v, "hours", 0u32)?;
            d.config.web.live_archive_after_hours = hours;
            d.config.jobs.archive_idle_live.after_hours = hours;
            Ok(())
        },
    ),
    serve(
        "narration_engine",
        "BYLINE_NARRATION_ENGINE",
        "narration-engine",
        "ENGINE",
        Literal("espeak-ng"),
        "text-to-speech engine for narrated articles: espeak-ng, piper, command or off",
        |d, v| {
            d.config.web.narration.engine = v.parse()?;
            Ok(())
        },
    ),
    serve(
        "narration_command",
        "BYLINE_NARRATION_COMMAND",
        "narration-command",
        "COMMAND",
        Derived("the engine's own: espeak-ng, python3 -m piper"),
        "the engine's program and arguments ; for command, one that reads text on stdin and writes WAV to stdout ({language} is replaced)",
        |d, v| set(&mut d.config.web.narration.command, Ok(optional(v).unwrap_or_default())),
    ),
    serve(
        "narration_piper_models",
        "BYLINE_NARRATION_PIPER_MODELS",
        "narration-piper-models",
        "LANG=PATH,…",
        Derived("none"),
        "Piper voice models on this machine per language, e.g. en=/voices/en_US-joe-medium.onnx (never downloaded)",
        |d, v| {
            d.config.web.narration.piper_models = byline_audio::engine::parse_models(v)?;
            Ok(())
        },
    ),
    serve(
        "narration_fallback_voice",
        "BYLINE_NARRATION_FALLBACK_VOICE",
        "narration-fallback-voice",
        "LANG",
        Literal("en"),
        "voice (language code) for articles in a language the engine has no voice for (a warning is shown in the desk)",
        |d, v| set(&mut d.config.web.narration.fallback_voice, text(v)),
    ),
    serve(
        "narration_timeout_secs",
        "BYLINE_NARRATION_TIMEOUT_SECS",
        "narration-timeout-secs",
        "SECS",
        Literal("120"),
        "longest one engine or encoder run may take before it is stopped (the job is retried, at most 3 attempts)",
        |d, v| set(&mut d.config.web.narration.timeout, seconds(v)),
    ),
    serve(
        "narration_concurrency",
        "BYLINE_NARRATION_CONCURRENCY",
        "narration-concurrency",
        "N",
        Literal("1"),
        "narrations (and recording uploads) this server encodes at once, so speech never starves the site",
        |d, v| set(&mut d.config.web.narration.concurrency, whole(v, "narrations", 1)),
    ),
    serve(
        "narration_disclosure",
        "BYLINE_NARRATION_DISCLOSURE",
        "narration-disclosure",
        "TEXT",
        Derived("the catalog's, in the page's language"),
        "the line under generated audio instead of \"This audio is created with AI assistance\"",
        |d, v| set(&mut d.config.web.narration_disclosure, Ok(optional(v).unwrap_or_default())),
    ),
];
