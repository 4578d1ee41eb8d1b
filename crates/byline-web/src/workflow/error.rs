//! What a workflow answers when it does not go through: field errors, a refusal by the role
//! policy, not found, a conflict. Every user-facing part is a catalog key with arguments
//! (`workflow.ftl`), so each caller shows it in its reader's language: the desk as a page
//! or a form error, the Admin API as JSON, the CLI on the terminal.

use byline_i18n::{Arg, Lang};
use byline_store::StoreError;

/// An argument value of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Num(i64),
    Text(String),
}

/// A catalog message with its arguments, translated only where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Value)>,
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Adds a number argument (which picks plural forms).
    pub fn num(mut self, name: &'static str, n: impl TryInto<i64>) -> Self {
        self.args
            .push((name, Value::Num(n.try_into().unwrap_or(i64::MAX))));
        self
    }

    /// Adds a text argument.
    pub fn text(mut self, name: &'static str, s: impl Into<String>) -> Self {
        self.args.push((name, Value::Text(s.into())));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let arg = match value {
                    Value::Num(n) => Arg::Num(*n),
                    Value::Text(s) => Arg::from(s.as_str()),
                };
                (*name, arg)
            })
            .collect();
        lang.t_args(self.key, &args)
    }
}

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The input's name (`headline`, `subject` …), as the form and the JSON call it.
    pub field: &'static str,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
            message: Message::new(key),
        }
    }

    pub fn num(mut self, name: &'static str, n: impl TryInto<i64>) -> Self {
        self.message = self.message.num(name, n);
        self
    }

    pub fn text(mut self, name: &'static str, s: impl Into<String>) -> Self {
        self.message = self.message.text(name, s);
        self
    }

    /// The message alone, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// A problem the domain or the store found (their messages are English sentences
    /// for logs and the CLI), kept as a detail of a translated message.
    pub fn from_domain(e: &byline_domain::article::FieldError) -> Self {
        Self::new(e.field, "wf-invalid-detail").text("detail", e.message.clone())
    }
}

/// Why a workflow did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    /// 422 (400 on desk forms that cannot re-render): the input breaks a rule.
    Invalid(Vec<FieldError>),
    /// 403: the role policy refuses; the same message on every path.
    Refused(Message),
    /// 404: no such thing, or one the actor may not see.
    NotFound,
    /// 409: a taken slug, a stale version.
    Conflict(Message),
    /// 503: the store cannot be reached; retry later.
    Unavailable(String),
    /// 500: logged, never shown.
    Internal(String),
}

pub type WorkflowResult<T> = Result<T, WorkflowError>;

impl WorkflowError {
    pub fn field(field: FieldError) -> Self {
        Self::Invalid(vec![field])
    }

    pub fn refused(key: &'static str) -> Self {
        Self::Refused(Message::new(key))
    }

    /// The message a person reads (empty for internals, which are logged instead).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Self::Invalid(fields) => fields
                .iter()
                .map(|f| {
                    Message::new("wf-field-problem")
                        .text("field", lang.t(field_label(f.field)))
                        .text("problem", f.render(lang))
                        .render(lang)
                })
                .collect::<Vec<_>>()
                .join(" "),
            Self::Refused(m) | Self::Conflict(m) => m.render(lang),
            Self::NotFound => lang.t("wf-not-found"),
            Self::Unavailable(_) => lang.t("wf-unavailable"),
            Self::Internal(_) => lang.t("wf-internal"),
        }
    }
}

/// The catalog key naming an input field in messages ("Headline: …").
pub fn field_label(field: &str) -> &'static str {
    match field {
        "headline" => "wf-field-headline",
        "standfirst" => "wf-field-standfirst",
        "body" => "wf-field-body",
        "section" => "wf-field-section",
        "tags" => "wf-field-tags",
        "authors" => "wf-field-authors",
        "slug" => "wf-field-slug",
        "publish_at" | "published_at" => "wf-field-publish-at",
        "hero_image" => "wf-field-hero-image",
        "hero_alt" | "alt" => "wf-field-alt",
        "home_position" => "wf-field-home-position",
        "status" => "wf-field-status",
        "subject" => "wf-field-subject",
        "list" => "wf-field-list",
        "email" => "wf-field-email",
        "role" => "wf-field-role",
        "name" => "wf-field-name",
        "file" => "wf-field-file",
        "language" => "wf-field-language",
        "time_zone" => "wf-field-time-zone",
        "sender_name" => "wf-field-sender-name",
        "sender_address" => "wf-field-sender-address",
        "title" => "wf-field-title",
        "kind" => "wf-field-kind",
        "excerpt_cap" => "wf-field-excerpt-cap",
        "support_url" => "wf-field-support-url",
        "support_text" => "wf-field-support-text",
        "tagline" => "wf-field-tagline",
        "copyright_holder" => "wf-field-copyright-holder",
        "password" => "wf-field-password",
        "at" => "wf-field-send-at",
        "csv" => "wf-field-csv",
        "version" => "wf-field-version",
        "image_alt" => "wf-field-alt",
        "correction" => "wf-field-correction",
        "translation_of" => "wf-field-translation-of",
        "pinned" => "wf-field-related-pinned",
        "excluded" => "wf-field-related-excluded",
        "corrections_position" => "wf-field-corrections-position",
        "reason" => "wf-field-reason",
        "audio" => "wf-field-audio",
        other => super::reports::field_label(other)
            .unwrap_or_else(|| super::live_input::field_label(other)),
    }
}

impl From<StoreError> for WorkflowError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::Invalid(f) => Self::field(FieldError::from_domain(&f)),
            StoreError::Conflict(detail) => {
                Self::Conflict(Message::new("wf-conflict").text("detail", detail))
            }
            other if other.is_unavailable() => Self::Unavailable(other.to_string()),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<byline_domain::article::FieldError> for WorkflowError {
    fn from(e: byline_domain::article::FieldError) -> Self {
        Self::field(FieldError::from_domain(&e))
    }
}

impl std::fmt::Display for WorkflowError {
    /// English, for logs and the command line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Internal(detail) | Self::Unavailable(detail) => f.write_str(detail),
            other => f.write_str(&other.render(Lang::En)),
        }
    }
}

impl std::error::Error for WorkflowError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_in_the_readers_language_with_plurals() {
        let e = WorkflowError::field(FieldError::new("subject", "wf-too-long").num("max", 250));
        assert_eq!(
            e.render(Lang::En),
            "Subject: must be at most 250 characters"
        );
        assert_eq!(e.render(Lang::Uk), "Тема: щонайбільше 250 символів");
        let few = FieldError::new("headline", "wf-too-long").num("max", 3);
        assert_eq!(few.render(Lang::Uk), "щонайбільше 3 символи");
        let refused =
            WorkflowError::Refused(Message::new("wf-refused-publish").text("role", "contributor"));
        assert_eq!(
            refused.render(Lang::En),
            "Your role (contributor) may not publish, schedule or unpublish."
        );
        assert_eq!(
            refused.render(Lang::Uk),
            "Ваша роль (дописувач) не дає права публікувати, планувати чи знімати з публікації."
        );
    }

    #[test]
    fn store_errors_keep_their_detail() {
        let e: WorkflowError = byline_store::StoreError::Invalid(
            byline_domain::article::FieldError::new("section", "unknown section `sport`"),
        )
        .into();
        assert_eq!(e.render(Lang::En), "Section: unknown section `sport`");
    }
}
