//! Markdown to safe HTML: pulldown-cmark renders, ammonia sanitises, headings get anchors,
//! and `[[read-also:SLUG]]` paragraphs become "Read also" cards.
//!
//! The "Read also" form is a paragraph holding only `[[read-also:other-article-slug]]`.

use std::collections::{HashMap, HashSet};

use byline_i18n::Lang;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

mod block_text;
pub use block_text::block_text;
mod speech;
pub use speech::{speech_blocks, SpeechBlock, SpeechKind};

const READ_ALSO_OPEN: &str = "[[read-also:";
/// Ids the page layout uses; a heading never takes one of them.
const RESERVED_IDS: &[&str] = &["main-content", "site-header", "site-footer", "site-nav"];
/// Prefix given to every `id` and `name` from raw HTML in the body, so a writer's markup
/// can never take an id the page or Byline's own heading anchors use.
pub const RAW_ID_PREFIX: &str = "user-content-";

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Slugs named by `[[read-also:…]]` lines, in order, without duplicates.
pub fn read_also_targets(markdown: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    markdown
        .lines()
        .filter_map(|line| {
            let inner = line
                .trim()
                .strip_prefix(READ_ALSO_OPEN)?
                .strip_suffix("]]")?;
            Some(inner.trim().to_owned())
        })
        .filter(|slug| seen.insert(slug.clone()))
        .collect()
}

/// The words of the body without markup, for reading time and excerpts.
pub fn plain_text(markdown: &str) -> String {
    let without_cards: String = markdown
        .lines()
        .filter(|line| !line.trim().starts_with(READ_ALSO_OPEN))
        .flat_map(|line| [line, "\n"])
        .collect();
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(&without_cards, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// A subheading found in the body, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subheading {
    pub id: String,
    pub text: String,
}

/// Sanitised body HTML, before "Read also" cards are filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    pub subheadings: Vec<Subheading>,
}

/// Renders Markdown to sanitised HTML with English labels; see [`render_in`].
pub fn render(markdown: &str) -> RenderedBody {
    render_in(markdown, Lang::En)
}

/// Renders Markdown to sanitised HTML, labelling heading anchors in `lang`. Top-level
/// `#` headings are demoted to `h2` because the page headline is the only `h1`.
pub fn render_in(markdown: &str, lang: Lang) -> RenderedBody {
    let anchor_label = escape_html(&lang.t("site-heading-anchor"));
    let mut events: Vec<Event> = Vec::new();
    let mut subheadings = Vec::new();
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;

    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner)) = heading.take() {
                    events.push(heading_html(
                        level,
                        inner,
                        &mut used_ids,
                        &mut subheadings,
                        &anchor_label,
                    ));
                }
            }
            other => match heading.as_mut() {
                Some((_, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    // Byline's heading ids carry a per-render secret mark until the sanitiser has seen
    // them: marked ids lose the mark, every other id or name (from raw HTML) is prefixed.
    let mark = id_mark();
    let events = events.into_iter().map(|e| match e {
        Event::Html(h) if h.starts_with(HEADING_OPEN_MARK) => Event::Html(CowStr::from(
            h.replacen(HEADING_OPEN_MARK, "", 1)
                .replacen(ID_MARK, &mark, 1)
                .replacen(UNSIGNED_MARK, &mark, 1),
        )),
        other => other,
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events);
    RenderedBody {
        html: sanitizer(mark).clean(&raw).to_string(),
        subheadings,
    }
}

/// Placeholders in generated heading HTML, replaced by the secret mark before sanitising.
const HEADING_OPEN_MARK: &str = "\u{0}heading\u{0}";
const ID_MARK: &str = "\u{0}id\u{0}";
const UNSIGNED_MARK: &str = "\u{0}unsigned\u{0}";
/// Marks elements a signature leaves out (`byline_trust::canonical`): the heading anchors
/// and "Read also" cards. Only Byline's own markup carries it; the sanitiser drops it from
/// anything a writer wrote.
pub const UNSIGNED_ATTR: &str = "data-byline-unsigned";

/// A mark nobody writing the body can know in advance (random per render).
fn id_mark() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u8(0);
    format!("bylinemark{:016x}-", h.finish())
}

fn heading_html<'a>(
    level: HeadingLevel,
    inner: Vec<Event<'a>>,
    used_ids: &mut HashSet<String>,
    subheadings: &mut Vec<Subheading>,
    anchor_label: &str,
) -> Event<'a> {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let base =
        crate::Slug::from_title(&text).map_or_else(|| "section".to_owned(), |s| s.to_string());
    let mut id = base.clone();
    let mut n = 2;
    while !used_ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let tag = match level {
        HeadingLevel::H1 | HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    };
    let mut inner_html = String::new();
    html::push_html(&mut inner_html, inner.into_iter());
    if tag == "h2" {
        subheadings.push(Subheading {
            id: id.clone(),
            text: text.clone(),
        });
    }
    Event::Html(CowStr::from(format!(
        "{HEADING_OPEN_MARK}<{tag} id=\"{ID_MARK}{id}\">{inner_html} <a class=\"anchor\" {UNSIGNED_ATTR}=\"{UNSIGNED_MARK}\" href=\"#{id}\" aria-label=\"{anchor_label}\">#</a></{tag}>\n"
    )))
}

fn sanitizer(mark: String) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.attribute_filter(move |_element, attribute, value| match attribute {
        UNSIGNED_ATTR => (value == mark).then_some(std::borrow::Cow::Borrowed("")),
        "id" | "name" => Some(match value.strip_prefix(mark.as_str()) {
            Some(own) if attribute == "id" => std::borrow::Cow::Owned(own.to_owned()),
            _ => std::borrow::Cow::Owned(format!("{RAW_ID_PREFIX}{value}")),
        }),
        _ => Some(std::borrow::Cow::Borrowed(value)),
    });
    for tag in ["h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(tag, &["id"]);
    }
    b.add_tag_attributes("a", &["aria-label", UNSIGNED_ATTR]);
    b.add_allowed_classes("a", &["anchor"]);
    b.link_rel(Some("noopener noreferrer"));
    b.url_schemes(["http", "https", "mailto"].into_iter().collect());
    b
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// [`fill_read_also_in`] with English labels.
pub fn fill_read_also(
    html: &str,
    headlines: &HashMap<String, String>,
    href: impl Fn(&str) -> String,
) -> String {
    fill_read_also_in(html, headlines, href, Lang::En)
}

/// Replaces `[[read-also:SLUG]]` paragraphs with cards linking the target's headline,
/// labelled in `lang`. Targets missing from `headlines` (e.g. unpublished since) are
/// dropped silently: readers never see a broken link. `href` builds the target URL from
/// its slug.
pub fn fill_read_also_in(
    html: &str,
    headlines: &HashMap<String, String>,
    href: impl Fn(&str) -> String,
    lang: Lang,
) -> String {
    let label = escape_html(&lang.t("site-read-also"));
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let open = format!("<p>{READ_ALSO_OPEN}");
    while let Some(start) = rest.find(&open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        let Some(end) = after.find("]]</p>") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let slug = after[..end].trim();
        if let Some(headline) = headlines.get(slug) {
            out.push_str(&format!(
                "<aside class=\"read-also\" {UNSIGNED_ATTR} aria-label=\"{label}\"><span class=\"read-also-label\">{label}</span> <a href=\"{}\">{}</a></aside>",
                escape_html(&href(slug)),
                escape_html(headline)
            ));
        }
        rest = &after[end + "]]</p>".len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
