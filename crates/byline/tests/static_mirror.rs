//! `byline export-static`: the demo exported, every page opened from disk with every
//! internal link resolving inside the mirror, feeds and sitemaps parsing, media identical
//! to the served bytes, the notice on every page; a re-export after one edit rewrites only
//! what changed and removes an unpublished article; bad folders get one clear line.

mod common;

use std::path::{Component, Path, PathBuf};
use std::process::Command;

use byline::export::{self, Report};
use byline_store::testing::Backend;
use common::TestApp;

const BASE: &str = "http://news.example";

async fn export_to(app: &TestApp, dir: &Path) -> Report {
    let previous = export::prepare_dir(dir, false).expect("a mirror folder");
    let web = byline_web::WebConfig {
        base_url: BASE.into(),
        ..byline_web::WebConfig::default()
    };
    export::export(app.store.clone(), web, dir, previous)
        .await
        .expect("exported")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("list").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every value of `attr="…"` in `html`, entities for `&` decoded.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .map(|v| v.replace("&amp;", "&").replace("&#38;", "&"))
        .collect()
}

/// Resolves link `link` of page `page` on disk, refusing to climb out of `dir`.
fn resolve(dir: &Path, page: &Path, link: &str) -> Result<PathBuf, String> {
    let path = link.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|e| e.to_string())?;
    let mut out = page.parent().ok_or("no folder")?.to_path_buf();
    for part in Path::new(decoded.as_ref()).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::ParentDir => {
                out.pop();
                if !out.starts_with(dir) {
                    return Err("escapes the mirror".into());
                }
            }
            Component::CurDir => {}
            _ => return Err("absolute".into()),
        }
    }
    if !out.starts_with(dir) {
        return Err("escapes the mirror".into());
    }
    Ok(out)
}

/// Opens every HTML page of the mirror and checks every internal link; returns how many
/// links were followed.
fn check_every_link(dir: &Path) -> usize {
    let mut followed = 0;
    for page in files(dir, "html") {
        let html = std::fs::read_to_string(&page).expect("a page");
        let shown = page
            .strip_prefix(dir)
            .expect("inside")
            .display()
            .to_string();
        assert!(
            html.contains("class=\"mirror-notice\""),
            "{shown}: no mirror notice"
        );
        let mut links = attribute_values(&html, "href");
        links.extend(attribute_values(&html, "src"));
        for srcset in attribute_values(&html, "srcset") {
            links.extend(
                srcset
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_owned),
            );
        }
        for link in links {
            if link.starts_with('#')
                || ["https://", "mailto:", "tel:", "data:"]
                    .iter()
                    .any(|p| link.starts_with(p))
            {
                continue;
            }
            if let Some(rest) = link.strip_prefix(BASE) {
                // Left absolute: only what cannot work on a static host, and the
                // canonical address of the page itself (notice, rel=canonical).
                let online = [
                    "/desk",
                    "/api",
                    "/oembed",
                    "/events",
                    "/newsletters/",
                    "/corrections/report",
                ]
                .iter()
                .any(|p| rest.starts_with(p));
                assert!(
                    online || html.contains(&format!("rel=\"canonical\" href=\"{link}\"")),
                    "{shown}: internal link left absolute: {link}"
                );
                continue;
            }
            assert!(
                !link.starts_with('/') && !link.contains("://"),
                "{shown}: root-relative or foreign link {link}"
            );
            assert!(
                link.split('#').next().is_some_and(|p| !p.ends_with('/')),
                "{shown}: {link} relies on a folder index (fails from file://)"
            );
            let target =
                resolve(dir, &page, &link).unwrap_or_else(|e| panic!("{shown}: {link}: {e}"));
            assert!(target.is_file(), "{shown}: broken link {link}");
            followed += 1;
        }
    }
    followed
}

/// Uploads a JPEG as the desk does (with its variants); returns its media name.
async fn upload_photo(app: &TestApp) -> String {
    let img = image::RgbImage::from_fn(1600, 900, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("jpeg");
    let flows = byline_web::workflow::Workflows::new(
        app.store.as_ref(),
        BASE,
        byline_web::workflow::Channel::Cli,
    );
    flows
        .upload_media(
            byline_web::workflow::Actor::Operator,
            byline_web::workflow::media::Upload {
                file_name: "harbour.jpg".into(),
                bytes: bytes.into_inner(),
                alt: "The harbour".into(),
                ..Default::default()
            },
        )
        .await
        .expect("uploaded")
        .name
}

fn article_file(dir: &Path, hero: &str, body: &str, status: &str) -> PathBuf {
    let path = dir.join("mirror-story.md");
    std::fs::write(
        &path,
        format!(
            "+++\nheadline = \"The mirror story\"\nsection = \"news\"\nauthors = [\"news-desk\"]\ntags = [\"Transport\"]\n\
             status = \"{status}\"\nhero_image = \"{hero}\"\nhero_alt = \"The harbour\"\n+++\n{body}\n"
        ),
    )
    .expect("article file");
    path
}

async fn the_demo_exports_whole_and_incrementally(backend: Backend) {
    let app = TestApp::start(backend).await;
    let sources = tempfile::tempdir().expect("sources");
    let hero = upload_photo(&app).await;
    let story = article_file(sources.path(), &hero, "The harbour reopens.", "published");
    byline::import::add_article_file(app.store.as_ref(), &story)
        .await
        .expect("imported");
    let out = tempfile::tempdir().expect("out");
    let dir = out.path().join("mirror");

    let first = export_to(&app, &dir).await;
    assert!(first.written > 100, "{first}");
    assert_eq!((first.unchanged, first.removed), (0, 0), "{first}");
    assert_eq!(first.not_served_count, 0, "{:?}", first.not_served);
    assert!(dir.join("index.html").is_file());
    let (_, home) = app.text("/").await;
    for link in common::article_links(&home) {
        let file = dir.join(format!("{}/index.html", link.trim_start_matches('/')));
        assert!(file.is_file(), "{link} not mirrored");
    }
    let published = app
        .store
        .list_articles(&byline_store::ArticleQuery::latest(1000))
        .await
        .expect("articles");
    assert!(published.len() > 30);
    for a in &published {
        assert!(
            dir.join(format!("articles/{}/index.html", a.slug))
                .is_file(),
            "{}",
            a.slug
        );
    }
    let followed = check_every_link(&dir);
    assert!(followed > 1000, "{followed} links followed");

    // Feeds and sitemaps parse and keep canonical URLs.
    let rss = rss::Channel::read_from(&std::fs::read(dir.join("feed.xml")).expect("rss")[..])
        .expect("rss parses");
    assert!(rss
        .items()
        .iter()
        .all(|i| i.link().is_some_and(|l| l.starts_with(BASE))));
    atom_syndication::Feed::read_from(&std::fs::read(dir.join("atom.xml")).expect("atom")[..])
        .expect("atom parses");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("feed.json")).expect("json"))
            .expect("json feed parses");
    assert!(json["items"].as_array().is_some_and(|i| !i.is_empty()));
    let sitemap = std::fs::read_to_string(dir.join("sitemap.xml")).expect("sitemap");
    for loc in common::elements(&sitemap, "loc") {
        assert!(loc.starts_with(BASE), "{loc}");
        let path = loc
            .strip_prefix(BASE)
            .unwrap_or_default()
            .trim_start_matches('/');
        assert!(dir.join(path).is_file(), "sitemap chunk {loc} mirrored");
    }

    // Media: every variant of the JPEG hero, byte for byte what the site serves.
    let page =
        std::fs::read_to_string(dir.join("articles/the-mirror-story/index.html")).expect("story");
    let variants: Vec<String> = attribute_values(&page, "srcset")
        .iter()
        .flat_map(|s| {
            s.split(',')
                .filter_map(|c| c.split_whitespace().next())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(variants.len() >= 3, "{variants:?}");
    for v in &variants {
        let name = v.rsplit('/').next().unwrap_or_default();
        let served = app
            .get(&format!("/media/{name}"))
            .await
            .bytes()
            .await
            .expect("served");
        assert_eq!(
            std::fs::read(dir.join("media").join(name)).expect("mirrored"),
            served.to_vec(),
            "{name}"
        );
    }

    // The same site again: nothing written.
    let again = export_to(&app, &dir).await;
    assert_eq!((again.written, again.removed), (0, 0), "{again}");
    assert_eq!(again.unchanged, first.written, "{again}");

    // One edit: the story and what shows it change, the rest stays.
    let about = dir.join("pages/about/index.html");
    let about_time = std::fs::metadata(&about)
        .expect("about")
        .modified()
        .expect("mtime");
    let story = article_file(
        sources.path(),
        &hero,
        "The harbour reopens at dawn.",
        "published",
    );
    byline::import::add_article_file(app.store.as_ref(), &story)
        .await
        .expect("edited");
    let edited = export_to(&app, &dir).await;
    assert!(edited.written >= 1 && edited.written < 20, "{edited}");
    assert!(edited.unchanged > 100, "{edited}");
    assert!(
        std::fs::read_to_string(dir.join("articles/the-mirror-story/index.html"))
            .expect("story")
            .contains("at dawn")
    );
    assert_eq!(
        std::fs::metadata(&about)
            .expect("about")
            .modified()
            .expect("mtime"),
        about_time
    );

    // Unpublished: its page leaves the mirror; a file of the user's own stays.
    std::fs::write(dir.join("my-notes.txt"), "mine").expect("own file");
    let story = article_file(
        sources.path(),
        &hero,
        "The harbour reopens at dawn.",
        "draft",
    );
    byline::import::add_article_file(app.store.as_ref(), &story)
        .await
        .expect("unpublished");
    let removed = export_to(&app, &dir).await;
    assert!(removed.removed >= 1, "{removed}");
    assert!(!dir.join("articles/the-mirror-story/index.html").exists());
    assert!(
        !dir.join("articles/the-mirror-story").exists(),
        "its empty folder went too"
    );
    assert!(dir.join("my-notes.txt").is_file());
    check_every_link(&dir);
    app.stop().await;
}

#[tokio::test]
async fn the_demo_exports_whole_and_incrementally_sqlite() {
    the_demo_exports_whole_and_incrementally(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_demo_exports_whole_and_incrementally_postgres() {
    the_demo_exports_whole_and_incrementally(Backend::Postgres).await;
}

fn byline(args: &[&str], data: &Path) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("BYLINE_LOG", "off")
        .output()
        .expect("run");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_folders_get_one_clear_line() {
    let tmp = tempfile::tempdir().expect("dir");
    let data = tmp.path().join("data");
    assert!(byline(&["demo"], &data).0);
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").expect("file");
    let under_file = file.join("mirror");
    let full = tmp.path().join("full");
    std::fs::create_dir(&full).expect("dir");
    std::fs::write(full.join("keep.txt"), "mine").expect("own file");
    let cases = [
        (file.clone(), "is not a directory"),
        (under_file, "Not a directory"),
        (full.clone(), "use --force"),
    ];
    for (dir, expected) in cases {
        let dir = dir.to_string_lossy().into_owned();
        let (ok, _, err) = byline(&["export-static", &dir], &data);
        assert!(!ok, "{dir}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with("byline: ") && err.contains(expected),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    let full_text = full.to_string_lossy().into_owned();
    let (ok, out, err) = byline(&["export-static", &full_text, "--force"], &data);
    assert!(ok, "{err}");
    assert!(out.contains(" written, 0 unchanged, 0 removed"), "{out}");
    assert!(full.join("index.html").is_file() && full.join("keep.txt").is_file());
    let (ok, out, _) = byline(&["export-static", &full_text], &data);
    assert!(ok && out.starts_with("0 written, "), "{out}");
    let (_, help, _) = byline(&["export-static", "--help"], &data);
    for flag in [
        "--force",
        "--base-url",
        "--data-dir",
        "--database-url",
        ".byline-mirror.json",
    ] {
        assert!(help.contains(flag), "help lacks {flag}");
    }
}
