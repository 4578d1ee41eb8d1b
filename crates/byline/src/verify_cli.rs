//! `byline verify`: is a page a genuine signed article of its outlet? Checks a live page
//! (`URL`), a saved copy (`--file PAGE.html --keys KEYS.json [--signed SIGNATURE.json]`)
//! or every article page of a static mirror (`--mirror DIR`). Exit status 0: genuine; 1:
//! altered or forged; 2: cannot check (unreadable, truncated or non-HTML file, no
//! signature, unknown key). The comparison itself is `byline_trust::verify`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use byline_trust::keys::{KeyList, KEYS_PATH};
use byline_trust::page::{read_page, PageFacts, MAX_PAGE_BYTES};
use byline_trust::verify::{verify, Evidence, FromUrl, LinkMap, Verdict};
use clap::Args;

/// Check that an article page is genuine: the article text, headline, bylines, dates and
/// links match the signature the outlet made when it published this revision.
///
/// Prints `genuine: revision N of "HEADLINE" (URL) signed by KEY-ID on DATE` and exits 0,
/// or explains what does not match (which field, and a word diff of altered text against
/// the signed text when that is at hand) and exits 1 (altered or forged) or 2 (cannot
/// check: not a whole HTML page, no signature, a key the outlet does not list).
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  byline verify https://news.example/articles/budget-passes\n  byline verify --file saved.html --keys byline-keys.json [--signed signature.json]\n  byline verify --mirror /media/usb/news-mirror"
)]
pub struct VerifyArgs {
    /// An article page to fetch; its keys come from the same origin's
    /// /.well-known/byline-keys.json, its signed text from its signature.json.
    #[arg(value_name = "URL", conflicts_with_all = ["file", "mirror"])]
    pub url: Option<String>,
    /// A saved page (e.g. a browser's "Save page as…"), checked offline.
    #[arg(
        long,
        value_name = "PAGE.html",
        requires = "keys",
        conflicts_with = "mirror"
    )]
    pub file: Option<PathBuf>,
    /// The outlet's key list (its /.well-known/byline-keys.json), for --file.
    #[arg(long, value_name = "KEYS.json")]
    pub keys: Option<PathBuf>,
    /// The article's signature.json, for a word diff of altered text (--file).
    #[arg(long, value_name = "SIGNATURE.json", requires = "file")]
    pub signed: Option<PathBuf>,
    /// A static mirror (`byline export-static`): every article page in it, keys from
    /// DIR/.well-known/byline-keys.json.
    #[arg(long, value_name = "DIR")]
    pub mirror: Option<PathBuf>,
}

/// Runs the check; the exit status.
pub async fn run(args: VerifyArgs) -> u8 {
    let verdict = match (&args.url, &args.file, &args.mirror) {
        (Some(url), None, None) => check_url(url).await,
        (None, Some(file), None) => check_file(file, args.keys.as_deref(), args.signed.as_deref()),
        (None, None, Some(dir)) => return check_mirror(dir),
        _ => Verdict::CannotCheck(
            "give a URL, --file PAGE.html --keys KEYS.json, or --mirror DIR (see --help)".into(),
        ),
    };
    println!("{}", verdict.explain());
    verdict.exit_code()
}

/// The text of a local file, at most `limit` bytes.
fn read_limited(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {what} {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{what} {} is not a file", path.display()));
    }
    if meta.len() > u64::try_from(limit).unwrap_or(u64::MAX) {
        return Err(format!(
            "{what} {} is larger than {limit} bytes",
            path.display()
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read {what} {}: {e}", path.display()))
}

fn parse_keys(bytes: &[u8], from: &str) -> Result<KeyList, String> {
    let list: KeyList = serde_json::from_slice(bytes)
        .map_err(|e| format!("{from} is not a Byline key list: {e}"))?;
    if list.format != byline_trust::keys::KEYS_FORMAT {
        return Err(format!(
            "{from} has format {:?}, not {}",
            list.format,
            byline_trust::keys::KEYS_FORMAT
        ));
    }
    Ok(list)
}

/// The canonical text of a `signature.json`.
fn signed_text(bytes: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    value.get("canonical_text")?.as_str().map(str::to_owned)
}

/// Runs the comparison; when the text differs and `signed` can fetch the signed text,
/// runs it again with it for the word diff.
fn decide(
    facts: &PageFacts,
    keys: &KeyList,
    links: &dyn LinkMap,
    signed: impl FnOnce() -> Option<String>,
) -> Verdict {
    let first = verify(&Evidence {
        page: facts,
        keys,
        signed_text: None,
        links,
    });
    let text_differs = matches!(&first, Verdict::Altered(f) if f.iter().any(|f| f.field == "text" && f.diff.is_none()));
    if !text_differs {
        return first;
    }
    match signed() {
        Some(text) => verify(&Evidence {
            page: facts,
            keys,
            signed_text: Some(&text),
            links,
        }),
        None => first,
    }
}

fn base_for(facts: &PageFacts, fallback: &str) -> Result<url::Url, String> {
    let claimed = facts.claimed_url().unwrap_or_else(|| fallback.to_owned());
    let base =
        url::Url::parse(&claimed).map_err(|e| format!("the signature's URL {claimed:?}: {e}"))?;
    Ok(
        match facts.base_href.as_deref().and_then(|b| base.join(b).ok()) {
            Some(b) => b,
            None => base,
        },
    )
}

fn check_file(file: &Path, keys: Option<&Path>, signed: Option<&Path>) -> Verdict {
    let bytes = match read_limited(file, MAX_PAGE_BYTES, "the page") {
        Ok(b) => b,
        Err(e) => return Verdict::CannotCheck(e),
    };
    let facts = match read_page(&bytes) {
        Ok(f) => f,
        Err(e) => return Verdict::CannotCheck(format!("{}: {e}", file.display())),
    };
    let Some(keys_path) = keys else {
        return Verdict::CannotCheck("--file needs --keys KEYS.json".into());
    };
    let keys = match read_limited(keys_path, 1 << 20, "the key list")
        .and_then(|b| parse_keys(&b, &keys_path.display().to_string()))
    {
        Ok(k) => k,
        Err(e) => return Verdict::CannotCheck(e),
    };
    let fallback = facts
        .saved_from
        .clone()
        .unwrap_or_else(|| "http://localhost/".into());
    let base = match base_for(&facts, &fallback) {
        Ok(b) => b,
        Err(e) => return Verdict::Altered(vec![byline_trust::Finding::new("signature", e)]),
    };
    // A browser saves images as local copies (`Page_files/x.jpg`): only images that still
    // name a remote address are compared with the signed list.
    let links = FromUrl {
        base,
        relative_images_are_remote: false,
    };
    decide(&facts, &keys, &links, || {
        signed
            .and_then(|p| read_limited(p, MAX_PAGE_BYTES, "the signature").ok())
            .and_then(|b| signed_text(&b))
    })
}

fn client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("byline-verify/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot start an HTTP client: {e}"))
}

async fn fetch(client: &reqwest::Client, url: &str, limit: usize) -> Result<Vec<u8>, String> {
    let mut response = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("cannot fetch {url}: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("cannot read {url}: {e}"))?
    {
        body.extend_from_slice(&chunk);
        if body.len() > limit {
            return Err(format!("{url} is larger than {limit} bytes"));
        }
    }
    Ok(body)
}

async fn check_url(page_url: &str) -> Verdict {
    let parsed = match url::Url::parse(page_url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u,
        _ => return Verdict::CannotCheck(format!("{page_url:?} is not an http(s) URL")),
    };
    let client = match client() {
        Ok(c) => c,
        Err(e) => return Verdict::CannotCheck(e),
    };
    let bytes = match fetch(&client, page_url, MAX_PAGE_BYTES).await {
        Ok(b) => b,
        Err(e) => return Verdict::CannotCheck(e),
    };
    let facts = match read_page(&bytes) {
        Ok(f) => f,
        Err(e) => return Verdict::CannotCheck(format!("{page_url}: {e}")),
    };
    let keys_url = match parsed.join(KEYS_PATH) {
        Ok(u) => u.to_string(),
        Err(e) => return Verdict::CannotCheck(e.to_string()),
    };
    let keys = match fetch(&client, &keys_url, 1 << 20)
        .await
        .and_then(|b| parse_keys(&b, &keys_url))
    {
        Ok(k) => k,
        Err(e) => return Verdict::CannotCheck(format!("the outlet's keys: {e}")),
    };
    let base = match base_for(&facts, page_url) {
        Ok(b) => b,
        Err(e) => return Verdict::Altered(vec![byline_trust::Finding::new("signature", e)]),
    };
    let links = FromUrl {
        base,
        relative_images_are_remote: true,
    };
    let first = decide(&facts, &keys, &links, || None);
    let needs_text = matches!(&first, Verdict::Altered(f) if f.iter().any(|f| f.field == "text" && f.diff.is_none()));
    if !needs_text {
        return first;
    }
    let mut signature_url = parsed.clone();
    signature_url.set_query(None);
    signature_url.set_fragment(None);
    let path = format!(
        "{}/signature.json",
        signature_url.path().trim_end_matches('/')
    );
    signature_url.set_path(&path);
    let text = fetch(&client, signature_url.as_str(), MAX_PAGE_BYTES)
        .await
        .ok()
        .and_then(|b| signed_text(&b));
    decide(&facts, &keys, &links, || text)
}

/// Links in a mirror page, relative to its file, mapped back to the site's URLs by the
/// mirror path rule (`x/index.html` is `/x`, `index.html` is `/`, `…/page/N/index.html` is
/// `…?page=N`, a file with an extension is itself).
struct MirrorLinks {
    origin: url::Url,
    /// The page's path inside the mirror, as a `file:` URL (`file:///articles/x/index.html`).
    page: url::Url,
}

impl MirrorLinks {
    fn map(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        if let Ok(absolute) = url::Url::parse(href) {
            return Some(absolute.to_string());
        }
        let local = self.page.join(href).ok()?;
        let path = local.path();
        let fragment = local
            .fragment()
            .map(|f| format!("#{f}"))
            .unwrap_or_default();
        let site_path = mirror_to_site(path);
        Some(format!(
            "{}{site_path}{fragment}",
            self.origin.as_str().trim_end_matches('/')
        ))
    }
}

/// `/articles/x/index.html` → `/articles/x`; `/index.html` → `/`;
/// `/sections/a/page/2/index.html` → `/sections/a?page=2`; `/feed.xml` → `/feed.xml`.
pub fn mirror_to_site(path: &str) -> String {
    let Some(dir) = path.strip_suffix("index.html") else {
        return path.to_owned();
    };
    let dir = dir.trim_end_matches('/');
    if let Some((parent, n)) = dir.rsplit_once("/page/") {
        if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            let parent = if parent.is_empty() { "/" } else { parent };
            return format!("{parent}?page={n}");
        }
    }
    if dir.is_empty() {
        "/".into()
    } else {
        dir.to_owned()
    }
}

impl LinkMap for MirrorLinks {
    fn link(&self, href: &str) -> Option<String> {
        self.map(href)
    }
    fn image(&self, src: &str) -> Option<String> {
        self.map(src)
    }
}

/// Every `articles/SLUG/index.html` of the mirror, sorted.
fn article_pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir.join("articles")) {
        for entry in entries.flatten() {
            let page = entry.path().join("index.html");
            if page.is_file() {
                pages.push(page);
            }
        }
    }
    pages.sort();
    pages
}

fn check_mirror(dir: &Path) -> u8 {
    let keys_path = dir.join(KEYS_PATH.trim_start_matches('/'));
    let keys = match read_limited(&keys_path, 1 << 20, "the key list")
        .and_then(|b| parse_keys(&b, &keys_path.display().to_string()))
    {
        Ok(k) => k,
        Err(e) => {
            println!("cannot check: {e}");
            return 2;
        }
    };
    let pages = article_pages(dir);
    if pages.is_empty() {
        println!(
            "cannot check: {} holds no article pages (articles/*/index.html)",
            dir.display()
        );
        return 2;
    }
    let (mut genuine, mut altered, mut unchecked) = (0, 0, 0);
    for page in &pages {
        let relative = page.strip_prefix(dir).unwrap_or(page);
        let verdict = check_mirror_page(dir, page, relative, &keys);
        match verdict.exit_code() {
            0 => genuine += 1,
            1 => altered += 1,
            _ => unchecked += 1,
        }
        println!("{}: {}", relative.display(), verdict.explain());
    }
    println!(
        "{} article pages: {genuine} genuine, {altered} altered, {unchecked} cannot be checked",
        pages.len()
    );
    if altered > 0 {
        1
    } else if unchecked > 0 {
        2
    } else {
        0
    }
}

fn check_mirror_page(dir: &Path, page: &Path, relative: &Path, keys: &KeyList) -> Verdict {
    let bytes = match read_limited(page, MAX_PAGE_BYTES, "the page") {
        Ok(b) => b,
        Err(e) => return Verdict::CannotCheck(e),
    };
    let facts = match read_page(&bytes) {
        Ok(f) => f,
        Err(e) => return Verdict::CannotCheck(e.to_string()),
    };
    let Some(origin) = facts
        .claimed_url()
        .and_then(|u| url::Url::parse(&u).ok())
        .and_then(|u| u.join("/").ok())
    else {
        // No readable claim: the check stops at the signature, before any link.
        return verify(&Evidence {
            page: &facts,
            keys,
            signed_text: None,
            links: &NoLinks,
        });
    };
    let page_url = format!("file:///{}", relative.to_string_lossy().replace('\\', "/"));
    let Ok(page_url) = url::Url::parse(&page_url) else {
        return Verdict::CannotCheck(format!("{} is not a usable path", relative.display()));
    };
    let links = MirrorLinks {
        origin,
        page: page_url,
    };
    let mut verdict = decide(&facts, keys, &links, || {
        let signature = page.with_file_name("signature.json");
        read_limited(&signature, MAX_PAGE_BYTES, "the signature")
            .ok()
            .and_then(|b| signed_text(&b))
    });
    if let Verdict::Genuine(_) = verdict {
        let findings = mirror_media(dir, &facts);
        if !findings.is_empty() {
            verdict = Verdict::Altered(findings);
        }
    }
    verdict
}

/// The mirror's copies of the signed images against their hashes.
fn mirror_media(dir: &Path, facts: &PageFacts) -> Vec<byline_trust::Finding> {
    let Some(value) = facts
        .signature
        .as_deref()
        .and_then(|s| serde_json::from_str::<byline_trust::SignedManifest>(s).ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for media in &value.manifest.media {
        let (Some(hash), Ok(url)) = (&media.sha256, url::Url::parse(&media.url)) else {
            continue;
        };
        let file = dir.join(url.path().trim_start_matches('/'));
        match std::fs::read(&file) {
            Ok(bytes) if byline_trust::manifest::sha256_hex(&bytes) == *hash => {}
            Ok(_) => out.push(byline_trust::Finding::new(
                "media",
                format!(
                    "{} differs from the signed image {}",
                    file.display(),
                    media.url
                ),
            )),
            Err(_) => out.push(byline_trust::Finding::new(
                "media",
                format!("the signed image {} is missing from the mirror", media.url),
            )),
        }
    }
    out
}

/// Maps nothing (for a page whose signature names no URL).
struct NoLinks;

impl LinkMap for NoLinks {
    fn link(&self, _: &str) -> Option<String> {
        None
    }
    fn image(&self, _: &str) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::mirror_to_site;

    #[test]
    fn mirror_paths_map_back_to_site_paths() {
        assert_eq!(mirror_to_site("/index.html"), "/");
        assert_eq!(mirror_to_site("/articles/x/index.html"), "/articles/x");
        assert_eq!(
            mirror_to_site("/articles/x/history/3/index.html"),
            "/articles/x/history/3"
        );
        assert_eq!(
            mirror_to_site("/sections/news/page/2/index.html"),
            "/sections/news?page=2"
        );
        assert_eq!(mirror_to_site("/media/a.jpg"), "/media/a.jpg");
        assert_eq!(
            mirror_to_site("/.well-known/byline-keys.json"),
            "/.well-known/byline-keys.json"
        );
    }
}
