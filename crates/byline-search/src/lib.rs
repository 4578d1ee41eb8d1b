//! Byline's full-text search: a tantivy index of articles, kept per edition.
//!
//! * **Analysis** ([`analysis`]): each article's text is indexed by its language's pipeline
//!   (lowercase + NFC, then Snowball stemming for English, Ukrainian and Russian; Belarusian
//!   and other languages are lowercased only), and once more through the
//!   *transliteration-aware fold* ([`analysis::fold`]): every word is romanised (KMU 55:2010
//!   via `uklatn` for Cyrillic, `deunicode` for anything left), reduced to a skeleton
//!   (`kh`→`h`, `y`/`j`→`i`, doubled letters collapsed), loses one final vowel when 5+ letters
//!   long (so -ko/-ka, -yy/-yi/-y endings meet), and goes through a small exonym alias table
//!   (Kiev→Kyiv, Lvov→Lviv, Kharkov→Kharkiv). Query words go through the same pipelines, so
//!   Лукашенко, Лукашенка, Lukashenko and Lukashenka find each other, as do Зеленський,
//!   Zelenskyy, Zelensky and Zelenskyi, or Харків, Kharkiv and Kharkov.
//! * **Queries** ([`query`]): our own parser (words ANDed, `"phrases"`, `-exclusions`, `OR`);
//!   it never fails on odd input, and bounds length (300 chars) and terms (16). Words of 5+
//!   letters also match with one typo, ranked below exact matches, when the exact query
//!   finds fewer than [`FUZZY_BELOW`] articles.
//! * **Results**: filters (edition, language, section, author, dates, drafts), relevance or
//!   newest-first order, pages of at most 50 up to 1000 deep, and HTML-escaped snippets with
//!   matches in `<mark>`.
//! * **Related** ([`SearchIndex::related`], [`SearchIndex::like_text`]): more-like-this over
//!   body, tags and people, same edition, published only.
//! * **Cursor**: an opaque string stored in each commit's payload, so a caller knows which
//!   change-log position the index is up to date with.

pub mod analysis;
mod build_query;
mod error;
mod index;
mod model;
pub mod query;
mod related;
mod schema;
mod search;

pub use build_query::FUZZY_MIN_CHARS;
pub use error::{QueryProblem, SearchError};
pub use index::SearchIndex;
pub use model::{Hit, IndexedArticle, SearchQuery, SearchResults, Sort};
pub use search::{escape_html, FUZZY_BELOW, MAX_DEPTH, MAX_PER_PAGE};
