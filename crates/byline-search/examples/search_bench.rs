//! Search benchmark (not a test): indexes N generated articles (English, Ukrainian, Russian
//! and Belarusian, with names spelled in each script) into an index on disk, then times
//! queries and related posts in this process. Prints indexing time and rate, the index
//! size on disk, peak memory, and p50/p99 per query kind, one thread and two at once.
//! Bounded by N and by the samples per kind. Run it with `bench/search.sh` (which also
//! measures the HTTP path under wrk), or alone:
//!
//! ```sh
//! cargo run --release -p byline-search --example search_bench -- 100000
//! ```

use byline_search::{IndexedArticle, SearchIndex, SearchQuery, Sort};
use chrono::{Duration as Days, TimeZone, Utc};
use std::time::Instant;

/// Everyday news words per language (written for the benchmark).
const EN: &[&str] = &[
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
    "city",
    "the",
    "and",
    "after",
    "strikes",
];
const UK: &[&str] = &[
    "рада",
    "енергетика",
    "ремонт",
    "річка",
    "міст",
    "міністр",
    "допомога",
    "колона",
    "зима",
    "бюджет",
    "порт",
    "волонтери",
    "укриття",
    "школа",
    "генератори",
    "театр",
    "район",
    "евакуація",
    "поїзди",
    "парламент",
    "голосування",
    "ціни",
    "зерно",
    "експорт",
    "фермери",
    "урожай",
    "місто",
    "після",
    "удари",
    "відновлення",
];
const RU: &[&str] = &[
    "совет",
    "энергетика",
    "ремонт",
    "река",
    "мост",
    "министр",
    "помощь",
    "колонна",
    "зима",
    "бюджет",
    "порт",
    "волонтеры",
    "убежище",
    "школа",
    "генераторы",
    "театр",
    "район",
    "эвакуация",
    "поезда",
    "парламент",
    "голосование",
    "цены",
    "зерно",
    "экспорт",
    "фермеры",
];
const BE: &[&str] = &[
    "савет",
    "энергетыка",
    "рамонт",
    "рака",
    "мост",
    "міністр",
    "дапамога",
    "калона",
    "зіма",
    "бюджэт",
    "валанцёры",
    "сховішча",
    "школа",
    "генератары",
    "тэатр",
    "раён",
    "цягнікі",
    "парламент",
    "галасаванне",
    "кошты",
    "збожжа",
    "фермеры",
    "ураджай",
    "горад",
];
/// Names and places as each language writes them (one in five articles names one).
const NAMES: &[[&str; 4]] = &[
    ["Lukashenko", "Лукашенко", "Лукашенко", "Лукашэнка"],
    ["Zelensky", "Зеленський", "Зеленский", "Зяленскі"],
    ["Kyiv", "Київ", "Киев", "Кіеў"],
    ["Kharkiv", "Харків", "Харьков", "Харкаў"],
    ["Lviv", "Львів", "Львов", "Львоў"],
];
const SECTIONS: &[&str] = &["news", "politics", "economy", "culture", "world"];

/// A small deterministic generator (xorshift), so every run indexes the same archive.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 >> 16).unwrap_or(0)
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
}

/// Distinct words in each language's generated vocabulary.
const VOCABULARY: usize = 20_000;
/// Rank (0 = commonest) of the first real word; the next come every [`REAL_STEP`] ranks.
const REAL_FROM: usize = 150;
const REAL_STEP: usize = 60;

/// A language's words with Zipf frequencies (rank r drawn with weight 1/(r+1)), as news
/// text has: the real words sit between ranks 150 and ~2,250, so each is in roughly 2–25 %
/// of that language's articles; the rest are made of syllables of the script.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(real: &[&str], cyrillic: bool) -> Self {
        let syllables: &[&str] = if cyrillic {
            &[
                "ко", "ва", "ли", "но", "ре", "ст", "ми", "да", "пу", "зе", "ти", "ро", "ка", "ле",
                "ні", "бо", "ша", "му", "ге", "ор", "ту", "ви", "жа", "ха",
            ]
        } else {
            &[
                "ka", "ro", "min", "tel", "sa", "ver", "po", "lin", "dar", "mu", "ste", "ni", "bo",
                "cal", "re", "fi", "gon", "ta", "wel", "by", "or", "pen", "lu", "ge",
            ]
        };
        let made = |mut r: usize| {
            let mut w = String::new();
            for _ in 0..3 {
                w.push_str(syllables[r % syllables.len()]);
                r /= syllables.len();
            }
            w.push_str(syllables[(r + 7) % syllables.len()]);
            w
        };
        let mut words: Vec<String> = (0..VOCABULARY).map(made).collect();
        for (k, w) in real.iter().enumerate() {
            words[REAL_FROM + k * REAL_STEP] = (*w).to_string();
        }
        let mut sum = 0.0;
        let cumulative = (0..VOCABULARY)
            .map(|r| {
                sum += 1.0 / (r as f64 + 1.0);
                sum
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative[VOCABULARY - 1];
        let u = (rng.next() % (1 << 40)) as f64 / (1u64 << 40) as f64 * total;
        let at = self.cumulative.partition_point(|c| *c < u);
        &self.words[at.min(VOCABULARY - 1)]
    }
}

/// The four languages' vocabularies, in `en`, `uk`, `ru`, `be` order.
fn vocabularies() -> &'static [Vocabulary; 4] {
    static ALL: std::sync::OnceLock<[Vocabulary; 4]> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        [
            Vocabulary::new(EN, false),
            Vocabulary::new(UK, true),
            Vocabulary::new(RU, true),
            Vocabulary::new(BE, true),
        ]
    })
}

fn words(rng: &mut Rng, from: &Vocabulary, n: usize) -> String {
    let mut out = String::with_capacity(n * 9);
    for i in 0..n {
        out.push_str(from.pick(rng));
        out.push_str(if i % 14 == 13 { ". " } else { " " });
    }
    out
}

/// Article `i`: half English, 30 % Ukrainian, 10 % Russian, 10 % Belarusian; ~600 words.
fn article(i: usize) -> IndexedArticle {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
    let (language, script) = match i % 10 {
        0..=4 => ("en", 0),
        5..=7 => ("uk", 1),
        8 => ("ru", 2),
        _ => ("be", 3),
    };
    let vocabulary = &vocabularies()[script];
    let mut body = words(&mut rng, vocabulary, 600);
    if i.is_multiple_of(5) {
        let name = NAMES[(i / 5) % NAMES.len()][script];
        body.insert_str(0, &format!("{name} "));
    }
    let published = Utc
        .with_ymd_and_hms(2024, 1, 1, 6, 0, 0)
        .single()
        .unwrap_or_default()
        + Days::minutes(i64::try_from(i).unwrap_or(0) * 10);
    IndexedArticle {
        id: i64::try_from(i).unwrap_or(0) + 1,
        slug: format!("story-{i}"),
        edition: language.into(),
        language: language.into(),
        headline: words(&mut rng, vocabulary, 8),
        standfirst: words(&mut rng, vocabulary, 25),
        body_text: body,
        section: SECTIONS[i % SECTIONS.len()].into(),
        authors: vec![format!("author-{}", i % 40)],
        author_names: vec![format!("Author {}", i % 40)],
        tags: vec![
            format!("topic {}", i % 300),
            format!("topic {}", (i * 7) % 300),
        ],
        published_at: Some(published),
        updated_at: published,
        published: i % 50 != 49,
    }
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn dir_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// p50 and p99 in milliseconds of `samples` (sorted here).
fn quantiles(samples: &mut [f64]) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

/// The queries of one kind, each a complete request to the index.
struct Kind {
    name: &'static str,
    queries: Vec<SearchQuery>,
}

fn query(text: &str, edition: &str) -> SearchQuery {
    SearchQuery {
        edition: Some(edition.into()),
        ..SearchQuery::text(text)
    }
}

fn kinds(n: usize) -> Vec<Kind> {
    let editions = ["en", "uk", "ru", "be"];
    let cross_script = [
        "Lukashenka",
        "Лукашенка",
        "Zelenskyy",
        "Зеленський",
        "Kiev",
        "Київ",
        "Kharkov",
        "Lvov",
    ];
    let days = i64::try_from(n / 144).unwrap_or(1).max(2);
    let start = Utc
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let mut rng = Rng(7);
    let mut single = Vec::new();
    let mut common = Vec::new();
    let mut names = Vec::new();
    let mut filtered = Vec::new();
    let mut typos = Vec::new();
    let mut phrases = Vec::new();
    for i in 0..400 {
        let edition = editions[i % 2 + usize::from(i % 7 == 0) * 2];
        let vocabulary = match edition {
            "en" => EN,
            "uk" => UK,
            "ru" => RU,
            _ => BE,
        };
        let commonest =
            &vocabularies()[editions.iter().position(|e| *e == edition).unwrap_or(0)].words[i % 3];
        common.push(query(commonest, edition));
        single.push(query(rng.pick(vocabulary), edition));
        names.push(query(cross_script[i % cross_script.len()], edition));
        let from = (start + Days::days(i64::try_from(rng.next()).unwrap_or(0) % days)).date_naive();
        filtered.push(SearchQuery {
            section: Some(SECTIONS[i % SECTIONS.len()].into()),
            from: Some(from),
            to: Some(from + Days::days(30)),
            sort: Sort::Newest,
            ..query(rng.pick(vocabulary), edition)
        });
        let word = EN[i % EN.len()];
        let typo = if word.len() >= 5 {
            format!("{}{}", &word[..2], &word[3..])
        } else {
            format!("{word}s")
        };
        typos.push(query(&typo, "en"));
        phrases.push(query(
            &format!("\"{} {}\" -{}", rng.pick(EN), rng.pick(EN), rng.pick(EN)),
            "en",
        ));
    }
    vec![
        Kind {
            name: "single word (in 2-25 % of articles)",
            queries: single,
        },
        Kind {
            name: "commonest words (in ~every article)",
            queries: common,
        },
        Kind {
            name: "name in another script",
            queries: names,
        },
        Kind {
            name: "filtered (section, dates, newest)",
            queries: filtered,
        },
        Kind {
            name: "one typo",
            queries: typos,
        },
        Kind {
            name: "phrase and exclusion",
            queries: phrases,
        },
    ]
}

fn time_kind(index: &SearchIndex, kind: &Kind, threads: usize) -> (f64, f64, f64) {
    let per_thread: Vec<Vec<f64>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut took = Vec::with_capacity(kind.queries.len());
                    for q in kind.queries.iter().skip(t) {
                        let started = Instant::now();
                        let found = index.search(q).expect("query");
                        std::hint::black_box(found);
                        took.push(started.elapsed().as_secs_f64() * 1000.0);
                    }
                    took
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let mut all: Vec<f64> = per_thread.into_iter().flatten().collect();
    let total: f64 = all.iter().sum();
    let count = all.len() as f64;
    let (p50, p99) = quantiles(&mut all);
    (p50, p99, total / count)
}

/// Indexes the N generated articles into `index` (in `dir`) in one rebuild and reports it.
fn build(index: &SearchIndex, dir: &std::path::Path, n: usize) {
    let generated = Instant::now();
    let sample = (0..n.min(10_000)).map(article).count();
    let gen_rate = sample as f64 / generated.elapsed().as_secs_f64();
    println!(
        "the generator alone makes {gen_rate:.0} articles/s (its cost is inside the rate below)"
    );
    let rss_before = status_kib("VmRSS:");
    let started = Instant::now();
    let count = index.replace_all((0..n).map(article)).expect("index");
    let took = started.elapsed().as_secs_f64();
    println!(
        "indexed {count} articles in {took:.1} s: {:.0} articles/s; index on disk {:.1} MiB; \
         peak memory {:.0} MiB (RSS {:.0} MiB before)",
        count as f64 / took,
        dir_bytes(dir) as f64 / 1_048_576.0,
        status_kib("VmHWM:") as f64 / 1024.0,
        rss_before as f64 / 1024.0,
    );
    assert_eq!(index.doc_count(), n as u64, "every article is searchable");
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    // SEARCH_BENCH_DIR=<dir> keeps the index there and reuses it when it already holds N
    // articles (quick loops over related posts without indexing again).
    let kept = std::env::var_os("SEARCH_BENCH_DIR").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = kept.unwrap_or_else(|| temp.path().to_path_buf());
    let index = SearchIndex::open(&dir).expect("index");
    let reuse = index.doc_count() == n as u64;

    if reuse {
        println!("reusing the {n} articles indexed in {}", dir.display());
    } else {
        build(&index, &dir, n);
    }
    let found = index.search(&query("Lukashenka", "uk")).expect("query");
    assert!(
        found.total > 0,
        "a name in another script finds its articles"
    );

    if std::env::var("SEARCH_BENCH_ONLY").as_deref() == Ok("index") {
        return;
    }
    // Background merges go on after the commit; time queries on the index they leave.
    let merging = Instant::now();
    let mut segments = (index.segment_count(), Instant::now());
    print!("segments after the commit {}", segments.0);
    while merging.elapsed().as_secs() < 180 && segments.1.elapsed().as_secs() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(500));
        let now = index.segment_count();
        if now != segments.0 {
            segments = (now, Instant::now());
        }
    }
    println!(
        ", after merging {} ({:.0} s later)",
        segments.0,
        merging.elapsed().as_secs_f64() - 5.0
    );

    // SEARCH_BENCH_ONLY=related times related posts and like_text alone (quick loops).
    let only_related = std::env::var("SEARCH_BENCH_ONLY").as_deref() == Ok("related");
    for kind in kinds(n).into_iter().filter(|_| !only_related) {
        // One pass to warm the page cache, as a running server would be.
        let _ = time_kind(&index, &kind, 1);
        let (p50, p99, mean) = time_kind(&index, &kind, 1);
        let (p50_2, p99_2, _) = time_kind(&index, &kind, 2);
        println!(
            "{:<36} 1 thread p50 {p50:>6.2} ms p99 {p99:>6.2} ms (mean {mean:.2}); \
             2 threads p50 {p50_2:>6.2} ms p99 {p99_2:>6.2} ms",
            kind.name
        );
    }

    let mut rng = Rng(11);
    let ids: Vec<i64> = (0..400)
        .map(|_| i64::try_from(rng.next() % n).unwrap_or(0) + 1)
        .collect();
    let mut took = Vec::with_capacity(ids.len());
    for _pass in 0..2 {
        took.clear();
        for id in &ids {
            let started = Instant::now();
            std::hint::black_box(index.related(*id, 6).expect("related"));
            took.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let (p50, p99) = quantiles(&mut took);
    println!(
        "{:<36} 1 thread p50 {p50:>6.2} ms p99 {p99:>6.2} ms",
        "related posts (6)"
    );
    let text = article(3).body_text;
    let mut took = Vec::new();
    for _ in 0..100 {
        let started = Instant::now();
        std::hint::black_box(index.like_text(&text, "en", None, 6).expect("like text"));
        took.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let (p50, p99) = quantiles(&mut took);
    println!(
        "{:<36} 1 thread p50 {p50:>6.2} ms p99 {p99:>6.2} ms",
        "read-also suggestions (like_text)"
    );
}
