// Shows "Edit post" on article pages to signed-in staff. Public pages are cached and the same
// for everyone; this script only adds a link when the (non-secret) staff hint cookie is set.
// The desk itself checks the session and role.
(function () {
  if (!/(?:^|;\s*)byline_staff=1(?:;|$)/.test(document.cookie)) return;
  var article = document.querySelector("[data-edit-slug]");
  if (!article) return;
  var link = document.createElement("a");
  link.href = "/desk/articles/by-slug/" + encodeURIComponent(article.getAttribute("data-edit-slug"));
  link.className = "edit-post";
  link.textContent = "Edit post";
  var header = article.querySelector(".article-header") || article;
  header.insertBefore(link, header.firstChild);
})();
