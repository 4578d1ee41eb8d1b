//! Cold-path benchmark (not a test): an archive of N generated articles on SQLite, served
//! by the release `byline` binary, crawled on loopback one uncached page at a time.
//! Prints CPU milliseconds per cold render (the server's own user + system time over the
//! requests, from /proc), p50/p99 latency per page kind, and the server's resident memory
//! after every article URL was fetched once with the default cache budget. Bounded:
//! gives up after `BENCH_TIMEOUT_SECS` (default 1800). Run it with `bench/cold-path.sh`.

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::Connection;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The server's CPU time (user + system) in milliseconds.
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is 14th, stime 15th.
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields
        .get(11)
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        + fields
            .get(12)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0);
    // Linux reports in USER_HZ, 100 per second on every mainstream configuration.
    ticks * 10.0
}

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

const WORDS: &[&str] = &[
    "the",
    "council",
    "power",
    "grid",
    "repairs",
    "river",
    "bridge",
    "minister",
    "aid",
    "convoy",
    "winter",
    "budget",
    "harbour",
    "volunteers",
    "shelter",
    "school",
    "generators",
    "theatre",
    "reopens",
    "district",
    "evacuation",
    "trains",
    "parliament",
    "vote",
    "inflation",
    "prices",
    "grain",
    "exports",
    "corridor",
    "farmers",
    "harvest",
    "frost",
    "hospital",
    "surgeons",
    "museum",
    "collection",
    "festival",
    "readers",
    "engineers",
    "restore",
    "after",
    "strike",
    "night",
    "morning",
    "residents",
    "city",
];

fn text(seed: u64, words: usize) -> String {
    let mut out = String::with_capacity(words * 7);
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    for i in 0..words {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(WORDS[usize::try_from(x % WORDS.len() as u64).unwrap_or(0)]);
        out.push(if i % 17 == 16 { '.' } else { ' ' });
        if i % 120 == 119 {
            out.push_str("\n\n");
        }
    }
    out
}

/// Adds `n` published articles straight into the database, in one transaction.
async fn generate(db: &str, n: usize) -> anyhow::Result<()> {
    let mut conn = sqlx::SqliteConnection::connect(db).await?;
    let mut tx = conn.begin().await?;
    let sections: Vec<i64> = sqlx::query_scalar("SELECT id FROM sections ORDER BY id")
        .fetch_all(&mut *tx)
        .await?;
    let authors: Vec<i64> = sqlx::query_scalar("SELECT id FROM authors ORDER BY id")
        .fetch_all(&mut *tx)
        .await?;
    let hero: Option<String> =
        sqlx::query_scalar("SELECT hero_src FROM articles WHERE hero_src IS NOT NULL LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
    for t in 0..500 {
        sqlx::query("INSERT INTO tags (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING")
            .bind(format!("topic-{t}"))
            .bind(format!("Topic {t}"))
            .execute(&mut *tx)
            .await?;
    }
    let tags: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM tags WHERE slug LIKE 'topic-%' ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    let now = chrono::Utc::now().timestamp() - 3 * 86_400;
    for i in 0..n {
        let seed = i as u64;
        let published = now - i64::try_from(n - i).unwrap_or(0) * 300;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO articles (slug, headline, standfirst, body_markdown, section_id, status, published_at, updated_at, created_at, \
             dateline, language, hero_src, hero_alt, reading_minutes) \
             VALUES ($1, $2, $3, $4, $5, 'published', $6, $6, $6, 'Mirrow Bay', 'en', $7, 'A generated illustration', 3) RETURNING id",
        )
        .bind(format!("archive-{i}-{}", text(seed, 4).trim().replace(['.', ' '], "-")))
        .bind(format!("Archive story {i}: {}", text(seed + 1, 7).trim()))
        .bind(text(seed + 2, 30))
        .bind(format!("## Background\n\n{}\n\n## What comes next\n\n{}", text(seed + 3, 350), text(seed + 4, 250)))
        .bind(sections[i % sections.len()])
        .bind(published)
        .bind(hero.as_deref())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO article_authors (article_id, author_id, position) VALUES ($1, $2, 0)",
        )
        .bind(id)
        .bind(authors[i % authors.len()])
        .execute(&mut *tx)
        .await?;
        for k in 0..3 {
            sqlx::query("INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(tags[(i * 7 + k * 131) % tags.len()])
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(&mut conn).await?;
    Ok(())
}

struct Kind {
    name: &'static str,
    paths: Vec<String>,
}

struct Figures {
    name: &'static str,
    count: usize,
    cpu_ms_per_render: f64,
    p50_ms: f64,
    p99_ms: f64,
}

async fn crawl(
    client: &reqwest::Client,
    base: &str,
    pid: u32,
    kind: &Kind,
) -> anyhow::Result<Figures> {
    let mut latencies = Vec::with_capacity(kind.paths.len());
    let cpu_before = cpu_ms(pid);
    for path in &kind.paths {
        let started = Instant::now();
        let r = client
            .get(format!("{base}{path}"))
            .header("accept-encoding", "br, gzip")
            .send()
            .await?;
        let status = r.status();
        r.bytes().await?;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(status.is_success(), "{path}: {status}");
    }
    let cpu = cpu_ms(pid) - cpu_before;
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    Ok(Figures {
        name: kind.name,
        count: latencies.len(),
        cpu_ms_per_render: cpu / latencies.len() as f64,
        p50_ms: at(0.5),
        p99_ms: at(0.99),
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = env_or("BENCH_ARTICLES", 10_000);
    let samples: usize = env_or("BENCH_SAMPLES", 400);
    let timeout = Duration::from_secs(env_or("BENCH_TIMEOUT_SECS", 1800));
    let bin = std::env::var("BYLINE_BIN").unwrap_or_else(|_| "target/release/byline".into());
    let deadline = Instant::now() + timeout;
    let dir = tempfile::tempdir()?;
    // BENCH_DATA_OUT=DIR: only make the archive there, for other benchmarks
    // (bench/static-export.sh).
    let data_out = std::env::var_os("BENCH_DATA_OUT").map(std::path::PathBuf::from);
    let data = data_out.clone().unwrap_or_else(|| dir.path().join("data"));
    let db = format!("sqlite://{}", data.join("byline.db").display());

    // The demo newsroom (sections, bylines, pages), then the generated archive.
    let status = Command::new(&bin)
        .args(["demo", "--data-dir"])
        .arg(&data)
        .stdout(Stdio::null())
        .status()?;
    anyhow::ensure!(status.success(), "byline demo failed");
    let started = Instant::now();
    generate(&db, n).await?;
    eprintln!(
        "generated {n} articles in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if data_out.is_some() {
        return Ok(());
    }

    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(&bin)
        .args([
            "serve",
            "--no-demo",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(&data)
        .env("BYLINE_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()?;
    let pid = server.id();
    let client = reqwest::Client::builder().build()?;
    let result = async {
        for _ in 0..300 {
            if client.get(format!("{base}/healthz")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut conn = sqlx::SqliteConnection::connect(&db).await?;
        let slugs: Vec<String> =
            sqlx::query_scalar("SELECT slug FROM articles WHERE status = 'published' ORDER BY id")
                .fetch_all(&mut conn)
                .await?;
        let sections: Vec<String> = sqlx::query_scalar("SELECT slug FROM sections")
            .fetch_all(&mut conn)
            .await?;
        let step = (slugs.len() / samples).max(1);
        let pages_per_section = n / sections.len().max(1) / 12;
        let kinds = [
            Kind {
                name: "article",
                paths: slugs
                    .iter()
                    .step_by(step)
                    .take(samples)
                    .map(|s| format!("/articles/{s}"))
                    .collect(),
            },
            Kind {
                name: "section page",
                paths: (0..samples.min(200))
                    .map(|i| {
                        format!(
                            "/sections/{}?page={}",
                            sections[i % sections.len()],
                            2 + (i * 37) % pages_per_section.max(1)
                        )
                    })
                    .collect(),
            },
            Kind {
                name: "tag page",
                paths: (0..samples.min(400))
                    .map(|t| format!("/tags/topic-{t}"))
                    .collect(),
            },
            Kind {
                name: "sitemap chunk (5,000 URLs)",
                paths: (1..=n.div_ceil(5000))
                    .map(|c| format!("/sitemaps/articles-{c}.xml"))
                    .collect(),
            },
        ];
        let mut report = String::new();
        for kind in &kinds {
            let f = crawl(&client, &base, pid, kind).await?;
            writeln!(
                report,
                "{:<28} {:>6} renders  {:>7.2} ms CPU each  p50 {:>7.2} ms  p99 {:>7.2} ms",
                f.name, f.count, f.cpu_ms_per_render, f.p50_ms, f.p99_ms
            )?;
        }
        // Every article once, four at a time, with the default cache budget.
        let crawl_started = Instant::now();
        let mut fetched = 0usize;
        for chunk in slugs.chunks(4) {
            anyhow::ensure!(Instant::now() < deadline, "timed out during the full crawl");
            let requests = chunk.iter().map(|s| {
                client
                    .get(format!("{base}/articles/{s}"))
                    .header("accept-encoding", "br")
                    .send()
            });
            for r in futures_util::future::join_all(requests).await {
                r?.bytes().await?;
                fetched += 1;
            }
        }
        writeln!(
            report,
            "full crawl: {fetched} articles in {:.1} s; server RSS after it {:.1} MiB",
            crawl_started.elapsed().as_secs_f64(),
            rss_mib(pid)
        )?;
        anyhow::Ok(report)
    }
    .await;
    let _ = server.kill();
    let _ = server.wait();
    if std::env::var_os("BENCH_KEEP").is_some() {
        eprintln!("data kept in {}", dir.keep().display());
    }
    let report = result?;
    println!("cold path, SQLite, {n} articles (release build, loopback, one request at a time)\n{report}");
    Ok(())
}
