//! Workflow answers on the desk: a refusal, a conflict or a bad value becomes the styled
//! error page with the message in the staff member's language; forms that can keep the
//! writer's text (the editor) show field errors themselves.

use byline_i18n::Lang;

use crate::workflow::WorkflowError;
use crate::AppError;

/// The desk's error page for a workflow error, in `lang`.
pub(crate) fn app_error(e: WorkflowError, lang: Lang) -> AppError {
    let message = e.render(lang);
    match e {
        WorkflowError::Invalid(_) => AppError::BadRequest(message),
        WorkflowError::Refused(_) => AppError::Forbidden(message),
        WorkflowError::NotFound => AppError::NotFound,
        WorkflowError::Conflict(_) => AppError::Conflict(message),
        WorkflowError::Unavailable(detail) => AppError::Unavailable(detail),
        WorkflowError::Internal(detail) => AppError::Internal(detail),
    }
}

/// The error on the tags field, if the workflow found one there.
pub(crate) fn tags_error(e: &WorkflowError, lang: Lang) -> String {
    match e {
        WorkflowError::Invalid(fields) => fields
            .iter()
            .filter(|f| f.field == "tags")
            .map(|f| f.render(lang))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}
