use super::*;

#[test]
fn renders_headings_with_unique_anchor_ids() {
    let body = render("# Top\n\n## What happened\n\ntext\n\n## What happened\n\n### Detail");
    assert!(body.html.contains("<h2 id=\"top\">Top"), "{}", body.html);
    assert!(body.html.contains("<h2 id=\"what-happened\">"));
    assert!(body.html.contains("<h2 id=\"what-happened-2\">"));
    assert!(body.html.contains("<h3 id=\"detail\">"));
    assert!(body.html.contains("href=\"#what-happened\""));
    assert!(!body.html.contains("<h1"));
    assert_eq!(body.subheadings.len(), 3);
}

#[test]
fn heading_never_takes_a_layout_id() {
    let body = render("## Main content");
    assert!(body.html.contains("id=\"main-content-2\""), "{}", body.html);
}

#[test]
fn strips_hostile_html() {
    let hostile = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<svg onload=alert(1)><circle/></svg>\n\n<a href=\"data:text/html,hi\">d</a> <iframe src=\"https://evil.example\"></iframe> <div style=\"x\" onclick=\"y\">unclosed <b>bold";
    let html = render(hostile).html;
    for bad in [
        "<script",
        "onerror",
        "javascript:",
        "<svg",
        "onload",
        "data:text",
        "<iframe",
        "onclick",
        "style=",
    ] {
        assert!(
            !html.to_lowercase().contains(bad),
            "{bad} survived in {html}"
        );
    }
    assert!(
        html.contains("<b>bold") && html.contains("</b></div>"),
        "broken markup is closed: {html}"
    );
}

#[test]
fn keeps_ordinary_formatting() {
    let html =
        render("Some *emphasis*, a [link](https://example.org) and\n\n> a quote\n\n- item").html;
    assert!(html.contains("<em>emphasis</em>"));
    assert!(html.contains("<a href=\"https://example.org\" rel=\"noopener noreferrer\">link</a>"));
    assert!(html.contains("<blockquote>"));
    assert!(html.contains("<li>item</li>"));
}

#[test]
fn finds_read_also_targets() {
    let md = "Intro\n\n[[read-also:grid-repairs]]\n\nMore\n\n  [[read-also: port-reopens ]]\n\n[[read-also:grid-repairs]]";
    assert_eq!(read_also_targets(md), vec!["grid-repairs", "port-reopens"]);
}

#[test]
fn fills_read_also_cards_and_drops_missing_targets() {
    let html = render("Intro\n\n[[read-also:known]]\n\n[[read-also:gone]]\n\nEnd").html;
    let headlines = HashMap::from([("known".to_owned(), "Port <reopens>".to_owned())]);
    let out = fill_read_also(&html, &headlines, |s| format!("/articles/{s}"));
    assert!(
        out.contains("<a href=\"/articles/known\">Port &lt;reopens&gt;</a>"),
        "{out}"
    );
    assert!(out.contains("class=\"read-also\""));
    assert!(!out.contains("gone"));
    assert!(!out.contains("[[read-also"));
    assert!(out.contains("<p>End</p>"));
}

#[test]
fn plain_text_skips_markup_and_read_also() {
    let text = plain_text("## Head\n\nSome **bold** text\n\n[[read-also:x]]");
    assert!(text.contains("Head"));
    assert!(text.contains("bold"));
    assert!(!text.contains("read-also"));
    assert!(!text.contains("**"));
}

#[test]
fn raw_html_ids_are_prefixed_and_own_anchors_kept() {
    let body = render("## Background\n\n<h2 id=\"main-content\">Hijack</h2>\n\n<h3 id=\"background\" name=\"x\">Copy</h3>\n\n[up](#background)\n");
    assert!(
        body.html.contains("<h2 id=\"background\">Background"),
        "{}",
        body.html
    );
    assert!(body.html.contains("href=\"#background\""), "{}", body.html);
    assert!(
        body.html.contains("id=\"user-content-main-content\""),
        "{}",
        body.html
    );
    assert!(
        body.html.contains("id=\"user-content-background\""),
        "{}",
        body.html
    );
    assert!(!body.html.contains("id=\"main-content\""), "{}", body.html);
    assert!(
        !body.html.contains("bylinemark") && !body.html.contains('\u{0}'),
        "{}",
        body.html
    );
    assert_eq!(body.subheadings[0].id, "background");
}

#[test]
fn only_byline_marks_elements_unsigned() {
    let html =
        render("## Vote\n\n<a data-byline-unsigned href=\"https://x.example\">hidden</a> text")
            .html;
    assert!(
        html.contains("class=\"anchor\" data-byline-unsigned=\"\""),
        "the heading anchor is marked: {html}"
    );
    assert_eq!(
        html.matches(UNSIGNED_ATTR).count(),
        1,
        "a writer's own attribute is dropped: {html}"
    );
    let cards = fill_read_also(
        "<p>[[read-also:x]]</p>",
        &HashMap::from([("x".to_owned(), "X".to_owned())]),
        |s| format!("/articles/{s}"),
    );
    assert!(
        cards.contains("<aside class=\"read-also\" data-byline-unsigned "),
        "{cards}"
    );
}
